"""The data and the arithmetic of m10-l02: a noisy line, its mean-squared-error loss over
(w, b), full and minibatch gradients, and a seeded run of minibatch SGD.

The N = 100 inputs are evenly spaced on [-1, 1], so their mean is 0 and the loss bowl
has no tilt between w and b; targets are 2x + 0.5 plus Gaussian noise (sd 0.5, seed 10).
Minibatches are drawn with replacement, as the capstone draws its windows, which makes the
minibatch gradient's variance exactly (per-example variance) / B.
"""

import math
import random

N = 100
XS = [-1 + 2 * i / (N - 1) for i in range(N)]
_noise = random.Random(10)
DATA = [(x, 2 * x + 0.5 + _noise.gauss(0, 0.5)) for x in XS]


def example_grad(w, b, x, y):
    """The gradient of one example's squared error (w x + b - y)² with respect to (w, b)."""
    r = w * x + b - y
    return 2 * r * x, 2 * r


def minibatch_grad(w, b, batch):
    """The mean of the examples' gradients over a batch of (x, y) pairs."""
    gw = gb = 0.0
    for x, y in batch:
        dw, db = example_grad(w, b, x, y)
        gw += dw
        gb += db
    return gw / len(batch), gb / len(batch)


def loss(w, b, data=DATA):
    return math.fsum((w * x + b - y) ** 2 for x, y in data) / len(data)


def optimum(data=DATA):
    """Least squares (w*, b*): with the inputs centred, w* = Σxy / Σx² and b* = mean y."""
    mx = math.fsum(x for x, _ in data) / len(data)
    my = math.fsum(y for _, y in data) / len(data)
    sxy = math.fsum((x - mx) * (y - my) for x, y in data)
    sxx = math.fsum((x - mx) ** 2 for x, _ in data)
    w = sxy / sxx
    return w, my - w * mx


def example_spread(w=0.0, b=0.0, data=DATA):
    """The per-example variance of the w-gradient at (w, b): a batch of B has variance this / B."""
    gs = [example_grad(w, b, x, y)[0] for x, y in data]
    mean = math.fsum(gs) / len(gs)
    return math.fsum((g - mean) ** 2 for g in gs) / len(gs)


def sgd(batch, lr, steps, seed=0, start=(-1.0, 2.5), data=DATA):
    """The (w, b) visited by SGD; batch = len(data) means the full gradient, no sampling."""
    rng = random.Random(seed)
    w, b = start
    path = [(w, b)]
    for _ in range(steps):
        picked = data if batch >= len(data) else [data[rng.randrange(len(data))] for _ in range(batch)]
        gw, gb = minibatch_grad(w, b, picked)
        w, b = w - lr * gw, b - lr * gb
        path.append((w, b))
        if abs(w) > 1e6 or abs(b) > 1e6:
            break
    return path


def ball_radius(path, tail=100, data=DATA):
    """Root-mean-square distance of the last `tail` points from the least-squares optimum."""
    ws, bs = optimum(data)
    pts = path[-tail:]
    return math.sqrt(math.fsum((w - ws) ** 2 + (b - bs) ** 2 for w, b in pts) / len(pts))
