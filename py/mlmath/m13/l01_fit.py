"""Lesson 13.01's data and fitting: a noisy sine sampled on [-1, 1], least-squares polynomials
of any degree, and their mean squared error.

    from mlmath.m13.l01_fit import TRAIN, VAL, TEST, fit, mse
    f = fit(TRAIN, 3)              # the degree-3 polynomial closest to TRAIN in squared error
    mse(f, VAL)                    # its mean squared error on the validation points

Every draw comes from random.Random with a fixed seed, so the points (and every number the
lesson prints) are the same on every run. fit() solves least squares by QR (modified
Gram-Schmidt), steadier than the normal equations at high degree.
"""

import math
import random


def truth(x):
    """The curve behind the data: what a perfect model would predict."""
    return math.sin(math.pi * x)


def make_points(n, seed, noise=0.25):
    """n points (x, y): x uniform on [-1, 1], y = sin(pi x) plus Gaussian noise of std `noise`."""
    rng = random.Random(seed)
    points = []
    for _ in range(n):
        x = rng.uniform(-1, 1)
        points.append((x, truth(x) + rng.gauss(0, noise)))
    return points


TRAIN = make_points(12, seed=1301)
VAL = make_points(12, seed=1302)
TEST = make_points(12, seed=1303)


class Polynomial:
    """c0 + c1 x + ... + cd x^d, callable."""

    def __init__(self, coefs):
        self.coefs = list(coefs)

    @property
    def degree(self):
        return len(self.coefs) - 1

    def __call__(self, x):
        y = 0.0
        for c in reversed(self.coefs):
            y = y * x + c
        return y

    def __repr__(self):
        return f"Polynomial(degree {self.degree})"


def fit(points, degree):
    """The polynomial of the given degree with the least squared error on `points`."""
    if degree + 1 > len(points):
        raise ValueError(f"degree {degree} needs at least {degree + 1} points, not {len(points)}")
    cols = [[x ** k for x, _ in points] for k in range(degree + 1)]
    ys = [y for _, y in points]
    q, r = [], [[0.0] * (degree + 1) for _ in range(degree + 1)]
    for j, col in enumerate(cols):
        v = list(col)
        for i, qi in enumerate(q):
            r[i][j] = sum(a * b for a, b in zip(qi, v))
            v = [a - r[i][j] * b for a, b in zip(v, qi)]
        r[j][j] = math.sqrt(sum(a * a for a in v))
        q.append([a / r[j][j] for a in v])
    qty = [sum(a * b for a, b in zip(qi, ys)) for qi in q]
    coefs = [0.0] * (degree + 1)
    for i in range(degree, -1, -1):
        coefs[i] = (qty[i] - sum(r[i][k] * coefs[k] for k in range(i + 1, degree + 1))) / r[i][i]
    return Polynomial(coefs)


def mse(f, points):
    """Mean squared error of the function f on the points (x, y)."""
    total = 0.0
    for x, y in points:
        total += (f(x) - y) ** 2
    return total / len(points)
