"""The ten parent functions of m04-l01 and the one grammar that bends them,
a·f(b·(x − h)) + k. Lessons and widgets import these; nothing here draws."""

import math

# name: (f, how a readout writes it, an anchor point on its graph, domain, range)
PARENTS = {
    "constant": (lambda x: 1.0, "1", (0.0, 1.0), "all x", "just 1"),
    "identity": (lambda x: x, "x", (0.0, 0.0), "all x", "all y"),
    "square": (lambda x: x * x, "x²", (0.0, 0.0), "all x", "y ≥ 0"),
    "cube": (lambda x: x ** 3, "x³", (0.0, 0.0), "all x", "all y"),
    "sqrt": (math.sqrt, "√x", (0.0, 0.0), "x ≥ 0", "y ≥ 0"),
    "abs": (abs, "|x|", (0.0, 0.0), "all x", "y ≥ 0"),
    "reciprocal": (lambda x: 1 / x, "1/x", (1.0, 1.0), "x ≠ 0", "y ≠ 0"),
    "exp": (math.exp, "eˣ", (0.0, 1.0), "all x", "y > 0"),
    "log": (math.log, "ln x", (1.0, 0.0), "x > 0", "all y"),
    "sin": (math.sin, "sin x", (0.0, 0.0), "all x", "−1 ≤ y ≤ 1"),
}


def transform(f, a=1, b=1, h=0, k=0):
    """The grammar: x ↦ a·f(b·(x − h)) + k."""
    return lambda x: a * f(b * (x - h)) + k


def moved_point(point, a=1, b=1, h=0, k=0):
    """Where the grammar carries a point (x0, y0) of f's graph: (x0 / b + h, a·y0 + k)."""
    x0, y0 = point
    return x0 / b + h, a * y0 + k


def value(f, x):
    """f(x) as a float, or None where f has no value."""
    try:
        y = float(f(x))
    except (ArithmeticError, ValueError, TypeError):
        return None
    return y if math.isfinite(y) else None


def graph_gap(f, g, lo=-5.0, hi=5.0, window=6.0, samples=400):
    """How far apart two graphs are over lo..hi: the largest vertical gap at the sample
    points where either is within ±window, infinite where one has a value and the other not."""
    gap = 0.0
    for i in range(samples + 1):
        x = lo + (hi - lo) * i / samples
        y1, y2 = value(f, x), value(g, x)
        if y1 is None and y2 is None:
            continue
        if (y1 is None) != (y2 is None):
            if abs(y1 if y2 is None else y2) <= window:
                return math.inf
            continue
        if abs(y1) <= window or abs(y2) <= window:
            gap = max(gap, abs(y1 - y2))
    return gap
