"""The functions m04-l03 approaches: each with the point a it is read at, the limit there
(None where there is none), and the kind of behaviour near a. Widgets and tests import these."""

import math

from ..show import num, sci
from ..widgets.plot import Plot


def _hole(x):
    return (x * x - 1) / (x - 1)


def _sinc(x):
    return math.sin(x) / x


def _step(x):
    return x + 1 if x > 0 else x - 1


def _blowup(x):
    return 1 / (x * x)


def _wiggle(x):
    return math.sin(1 / x)


def _square(x):
    return x * x


def _cubehole(x):
    return (x ** 3 - 8) / (x - 2)


# name: (f, how it is written, a, the limit at a (None: none), kind, y view when not zooming)
CASES = {
    "hole": (_hole, "(x² − 1)/(x − 1)", 1.0, 2.0, "exists", (0, 4)),
    "sinc": (_sinc, "sin(x)/x", 0.0, 1.0, "exists", (0, 1.5)),
    "square": (_square, "x²", 2.0, 4.0, "exists", (0, 8)),
    "cubehole": (_cubehole, "(x³ − 8)/(x − 2)", 2.0, 12.0, "exists", (0, 20)),
    "step": (_step, "s(x)", 0.0, None, "jump", (-2.5, 2.5)),
    "blowup": (_blowup, "1/x²", 0.0, None, "blows up", (0, 50)),
    "wiggle": (_wiggle, "sin(1/x)", 0.0, None, "oscillates", (-1.5, 1.5)),
}


def value(f, x):
    """f(x) as a float, or None where f has no value."""
    try:
        y = float(f(x))
    except (ArithmeticError, ValueError, TypeError):
        return None
    return y if math.isfinite(y) else None


def view(name, h, box):
    """The plot a widget draws `name` in, zoomed to x in a ± 2h. Where the limit exists,
    y zooms with x around it (the shape keeps its scale); a jump and an oscillation keep
    their height, and a blow-up's y axis grows to show 1/h²."""
    _, _, a, limit, kind, (lo, hi) = CASES[name]
    w = 2 * h
    if kind == "exists":
        span = (hi - lo) / 2 * min(1.0, w)
        lo, hi = limit - span, limit + span
    elif kind == "blows up":
        hi = max(hi, 1.2 / (h * h))
    digits = max(1, math.ceil(-math.log10(h)) + 1)
    return Plot((a - w, a + w), (lo, hi), box=box, xfmt=lambda x: num(x, digits),
                yfmt=(lambda y: sci(y, 2)) if kind == "blows up" else None)


def pieces(plot, f, a, cls="accent", samples=300):
    """f drawn as two curves, left of a and right of a, never joined across a: a jump shows
    as a jump, and the point a itself is left to the widget."""
    eps = (plot.x.hi - plot.x.lo) * 1e-6
    return [plot.curve(f, cls, hi=a - eps, samples=samples // 2), plot.curve(f, cls, lo=a + eps, samples=samples // 2)]
