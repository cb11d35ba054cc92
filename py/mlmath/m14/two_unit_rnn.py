"""The two-unit tanh RNN that gradient_decay and memory_bottleneck both run, and the
spectral radius knob and decade ticks both draw it with.

h_t = phi(W_h h_{t-1} + w_x x_t) with W_h = rho * M, where M is a fixed symmetric 2x2
matrix with eigenvalues 1 and 0.5, so rho is exactly W_h's spectral radius (its largest
|eigenvalue|). The inputs are a fixed wave, so every picture of it is reproducible.
"""

import math

from ..show import SUPER, fixed
from ..widgets.base import number
from ..widgets.controls import Slider

# M = Q diag(1, 0.5) Q^T with Q a rotation by 30 degrees: symmetric, eigenvalues 1 and 0.5.
_C, _S = math.cos(math.pi / 6), math.sin(math.pi / 6)
M = [[_C * _C + 0.5 * _S * _S, 0.5 * _C * _S], [0.5 * _C * _S, _S * _S + 0.5 * _C * _C]]
W_X = [0.6, -0.4]


def rho_knob(widget, value):
    """The spectral radius slider both widgets share: 0.5 to 1.5 in steps of 0.01."""
    value = number(widget, "rho", value, 0.5, 1.5)
    return Slider("rho", "\u03c1", 0.5, 1.5, 0.01, value, fmt=lambda v: fixed(v, 2), coarse=0.1)


def decade(v):
    """A log axis's tick as a power of ten, 10⁻⁴, which reads faster than 1.0×10⁻⁴."""
    e = round(math.log10(v))
    return "1" if e == 0 else "10" + str(e).translate(SUPER)


def inputs(n):
    """The fixed input sequence x_1..x_n: a wave that never repeats exactly."""
    return [math.sin(1.7 * t + 0.3) for t in range(1, n + 1)]


def run(rho, xs, tanh=True):
    """(W_h, [h_0, h_1, ..., h_n]): the RNN with W_h = rho * M read over xs from h_0 = 0."""
    W = [[rho * M[i][j] for j in range(2)] for i in range(2)]
    hs = [[0.0, 0.0]]
    for x in xs:
        h = hs[-1]
        a = [W[i][0] * h[0] + W[i][1] * h[1] + W_X[i] * x for i in range(2)]
        hs.append([math.tanh(v) for v in a] if tanh else a)
    return W, hs
