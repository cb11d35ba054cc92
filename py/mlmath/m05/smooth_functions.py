"""The smooth functions module 5's widgets differentiate, each with its exact derivative.

name: (f, f', how a readout names it, the view: (x range, y range))
"""

import math

FUNCTIONS = {
    "square": (lambda x: x * x, lambda x: 2 * x, "x²", ((-2, 3), (-1, 6))),
    "cube": (lambda x: x ** 3, lambda x: 3 * x * x, "x³", ((-2, 2), (-4, 6))),
    "sin": (math.sin, math.cos, "sin x", ((-1, 6.5), (-1.5, 1.5))),
    "exp": (math.exp, math.exp, "eˣ", ((-2, 2.5), (-0.5, 8))),
}
