"""The curves module 5's later lessons draw, each with its exact first and second
derivatives, so widgets can show f, f' and f'' and tests can check them against a
central difference.

CURVES[name] = (f, f', f'', label, x range)
"""

import math

CURVES = {
    "sin": (math.sin, math.cos, lambda x: -math.sin(x), "sin x", (-1.0, 6.5)),
    "cubic": (lambda x: x ** 3 - 3 * x, lambda x: 3 * x * x - 3, lambda x: 6 * x, "x³ − 3x", (-2.2, 2.2)),
    "square": (lambda x: x * x, lambda x: 2 * x, lambda x: 2.0, "x²", (-2.0, 2.0)),
    "quartic": (lambda x: x ** 4 / 4 - x ** 3 / 3 - x * x, lambda x: x ** 3 - x * x - 2 * x,
                lambda x: 3 * x * x - 2 * x - 2, "x⁴/4 − x³/3 − x²", (-1.8, 2.6)),
    "flat": (lambda x: x ** 4, lambda x: 4 * x ** 3, lambda x: 12 * x * x, "x⁴", (-1.5, 1.5)),
}


def y_range(fn_list, lo, hi, pad=0.12):
    """A y range that holds every function in fn_list over lo..hi, with a margin."""
    ys = [f(lo + (hi - lo) * i / 200) for f in fn_list for i in range(201)]
    bottom, top = min(ys), max(ys)
    if top - bottom < 1e-9:
        bottom, top = bottom - 1, top + 1
    margin = (top - bottom) * pad
    return bottom - margin, top + margin
