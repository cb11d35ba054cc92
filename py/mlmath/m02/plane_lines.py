"""Lines written as a·x + b·y = c, with exact Fraction coefficients: the text a person
writes for one, where two of them cross, and how a Plot draws one. Module 2's system
widgets (two_lines_crossing, elimination_stepper) share it."""

from fractions import Fraction
from math import gcd

from ..show import MINUS


def frac(v):
    """A number as a fraction in lowest terms: 3, −1/2."""
    v = Fraction(v)
    text = str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    return text.replace("-", MINUS)


def equation(a, b, c):
    """'2x − y = 0', 'y = 2', '0 = −6' for a·x + b·y = c."""
    parts = []
    for coef, name in ((a, "x"), (b, "y")):
        if coef == 0:
            continue
        mag = abs(coef)
        body = name if mag == 1 else (f"{frac(mag)}{name}" if Fraction(mag).denominator == 1 else f"({frac(mag)}){name}")
        if not parts:
            parts.append((MINUS if coef < 0 else "") + body)
        else:
            parts.append(f"{MINUS if coef < 0 else '+'} {body}")
    return f"{' '.join(parts) or '0'} = {frac(c)}"


def crossing(r1, r2):
    """('one', (x, y)), ('none', None) or ('all', None) for two rows (a, b, c), exactly."""
    (a1, b1, c1), (a2, b2, c2) = [tuple(Fraction(v) for v in r) for r in (r1, r2)]
    det = a1 * b2 - a2 * b1
    if det:
        return "one", ((c1 * b2 - c2 * b1) / det, (a1 * c2 - a2 * c1) / det)
    # same direction: the same line exactly when one row is a multiple of the other
    same = a1 * c2 == a2 * c1 and b1 * c2 == b2 * c1
    return ("all" if same else "none"), None


def through(p, q):
    """The row (a, b, c) in whole numbers for the line through two whole-number points."""
    (x1, y1), (x2, y2) = p, q
    a, b = y2 - y1, x1 - x2
    c = a * x1 + b * y1
    g = gcd(a, b, c) or 1
    if a < 0 or (a == 0 and b < 0):
        g = -g
    return a // g, b // g, c // g


def draw(plot, a, b, c, cls):
    """The line a·x + b·y = c across the plot, or nothing when it is no line (a = b = 0)."""
    if b:
        return [plot.line(-Fraction(a) / b, Fraction(c) / b, cls)]
    if a:
        x = float(Fraction(c) / a)
        return [plot.segment(x, plot.y.lo, x, plot.y.hi, cls)] if plot.x.lo <= x <= plot.x.hi else []
    return []
