"""vjp_walk: each step is a VJP, and the walk's dL/dx equals (y − t) times the full Jacobian
and a central-difference gradient of L; 21 multiply-adds against 50 (m06-l05's numbers);
768² = 589,824; the buttons and the slider move the walk."""

import math

from mlmath import widgets
from mlmath.m06.vjp_walk import FULL_WORK, T, W1, W2, X, backward_rows, forward


def loss_at(x):
    z = [sum(w * t for w, t in zip(row, x)) for row in W1]
    a = [math.tanh(t) for t in z]
    y = [sum(w * t for w, t in zip(row, a)) for row in W2]
    return 0.5 * sum((p - q) ** 2 for p, q in zip(y, T))


def test_the_walk_is_the_gradient():
    gx = backward_rows()[3]
    h = 1e-5
    for j in range(4):
        up, down = list(X), list(X)
        up[j] += h
        down[j] -= h
        # central difference on a smooth function: error ~h² times small derivatives, far below 1e-7
        assert abs(gx[j] - (loss_at(up) - loss_at(down)) / (2 * h)) < 1e-7
    assert abs(forward()[3] - loss_at(X)) < 1e-15


def test_the_counts_the_lesson_states():
    w = widgets.create("vjp_walk", {})
    assert w.values()["done"] == 0
    for _ in range(6):                                 # extra presses do nothing once done
        w.handle({"type": "input", "id": "back", "value": None})
    v = w.values()
    assert v["done"] == 1 and v["work"] == 21 and FULL_WORK == 50 and v["match"] < 1e-12
    w.handle({"type": "input", "id": "reset", "value": None})
    assert w.values()["step"] == 0
    w.handle({"type": "input", "id": "step", "value": 2})
    assert w.values()["work"] == 6          # the seed y − t, then the 2×3 VJP through W₂
    assert 768 ** 2 == 589_824
