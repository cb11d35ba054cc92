"""How lesson m15-l05's widgets tell heads apart: each head's cells in its own colour (three in
turn), neighbouring heads by shade, so a head reads as one block wherever it is drawn."""

HEAD_CLS = ("accent", "accent2", "accent3")


def head_fill(h, strong=0.3, faint=0.18):
    """Class and opacity of head h's cells, as keyword arguments for a rect."""
    return {"cls": f"{HEAD_CLS[h % 3]} grid", "opacity": strong if h % 2 == 0 else faint}


def divisors(n):
    return [k for k in range(1, n + 1) if n % k == 0]
