"""How the course writes numbers and characters in pictures and readouts, the same in
every widget: a real minus sign, never "−0", big counts with commas, tiny and huge
values in scientific notation, and visible stand-ins for a space and a newline."""

import math

MINUS = "\u2212"   # a real minus sign reads better than a hyphen
SUPER = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")
SUB = str.maketrans("0123456789", "\u2080\u2081\u2082\u2083\u2084\u2085\u2086\u2087\u2088\u2089")
CHARS = {" ": "\u2423", "\n": "\u21b5"}   # ␣ and ↵


def fixed(v, places=2):
    """Exactly `places` decimals, for columns that line up: -0.004 -> '0.00', -1.5 -> '−1.50'."""
    v = round(v, places)
    return (f"{0.0:.{places}f}" if v == 0 else f"{v:.{places}f}").replace("-", MINUS)


def num(v, digits=2):
    """Rounded to `digits` decimals with trailing zeros dropped: 2.50 -> '2.5', -3.0 -> '−3'."""
    text = fixed(v, digits)
    return text.rstrip("0").rstrip(".") if digits else text


def commas(n):
    return f"{n:,}"


def sci(v, digits=2):
    """0.000123 -> '1.2×10⁻⁴'; numbers between 0.01 and 1000 are written plainly."""
    if v == 0:
        return "0"
    if not math.isfinite(v):
        return str(v)
    e = math.floor(math.log10(abs(v)))
    if -2 <= e <= 2:
        return f"{v:.{max(digits - 1 - e, 0) + (1 if e < 0 else 0)}f}".replace("-", MINUS)
    # Python's e-format rounds the mantissa and carries into the exponent (9.99e-5 -> 1.0e-04),
    # and never divides by a power of ten that underflows (5e-324, the smallest float)
    mant, _, e = f"{v:.{digits - 1}e}".partition("e")
    return f"{mant}\u00d710{str(int(e)).translate(SUPER)}".replace("-", MINUS, 1)


def power(v):
    """A power of ten as a log axis labels it: 1e-05 -> '10⁻⁵', 100 -> '10²', 1 -> '1'."""
    e = round(math.log10(v))
    return {0: "1", 1: "10"}.get(e, "10" + str(e).translate(SUPER))


def sub(n):
    """A subscript index, as in h\u2083: 3 -> '\u2083'."""
    return str(n).translate(SUB)


def char(ch):
    """A character as a picture shows it: a space as ␣, a newline as ↵."""
    return CHARS.get(ch, ch)

