"""Lesson 13.03's deep network: seeded weights, a forward pass at any initial scale, and the
spread (root mean square) of every layer's activations.

    from mlmath.m13.l03_init import make_layers, make_inputs, spreads
    layers = make_layers(depth=50, width=32, seed=13)   # standard-normal matrices
    x = make_inputs(8, 32, seed=14)                      # 8 input vectors, each entry N(0, 1)
    spreads(layers, x, gain=2 ** 0.5, activation="relu") # [RMS after layer 1, ..., after layer 50]

Layer l computes z = W h / sqrt(n) * gain and h' = act(z): every weight is a standard normal
times gain / sqrt(n), so Var(w) = gain^2 / n, where n is the layer's width (its fan-in).
gain = 1 is Xavier's choice (for tanh), gain = sqrt(2) is He's (for ReLU).
"""

import math
import random

ACTIVATIONS = {
    "relu": lambda z: z if z > 0 else 0.0,
    "tanh": math.tanh,
    "linear": lambda z: z,
}


def make_layers(depth, width, seed):
    """`depth` square matrices of independent standard normals (a list of rows each)."""
    rng = random.Random(seed)
    return [[[rng.gauss(0, 1) for _ in range(width)] for _ in range(width)] for _ in range(depth)]


def make_inputs(count, width, seed):
    rng = random.Random(seed)
    return [[rng.gauss(0, 1) for _ in range(width)] for _ in range(count)]


def rms(values):
    """The spread of a list of numbers, root mean square: sqrt(mean of squares)."""
    total = 0.0
    for v in values:
        total += v * v
    return math.sqrt(total / len(values))


def spreads(layers, inputs, gain, activation="relu"):
    """The RMS of all activations after each layer, over every input vector."""
    act = ACTIVATIONS[activation]
    hs = [list(x) for x in inputs]
    out = []
    for W in layers:
        scale = gain / math.sqrt(len(W[0]))
        hs = [[act(scale * sum(w * h for w, h in zip(row, hv))) for row in W] for hv in hs]
        out.append(rms([v for hv in hs for v in hv]))
    return out
