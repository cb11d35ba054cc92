"""optimizer_paths: each method's update, the 2-D step-size ceiling 1/max(a, b), momentum on
the ravine, Adam's first step of size η, and the numbers m10-l01, l03 and l04 state."""

import math

import pytest

from mlmath import widgets
from mlmath.m10.optimizer_paths import run


def paths(**config):
    return widgets.create("optimizer_paths", config)


def test_gradient_descent_is_two_one_dimensional_walks():
    pts = run("gd", 1, 4, (-4, 2), 0.1, 3)
    for (x, y), (nx, ny) in zip(pts, pts[1:]):
        assert math.isclose(nx, (1 - 0.2) * x) and math.isclose(ny, (1 - 0.8) * y)


def test_the_steep_direction_sets_the_ceiling():
    w = paths(a=1, b=4, lr_range=[0.01, 0.3, 0.01], start=[-4, 2], steps=60)
    steps = {}
    for i in range(1, 31):
        w.set_values({"lr": i / 100})
        steps[i / 100] = w.values()["gd_steps"]
    assert min(s for s in steps.values() if s > 0) == 11
    assert [lr for lr, s in steps.items() if s == 11] == [0.18, 0.19, 0.2]
    assert all(s == -1 for lr, s in steps.items() if lr >= 0.25)
    w.set_values({"lr": 0.25})
    assert math.isclose(w.values()["gd_final"], 16.0)                  # y bounces between ±2


def test_momentum_with_beta_zero_is_gradient_descent():
    assert run("momentum", 0.05, 5, (-8, 1), 0.1, 50, beta=0.0) == run("gd", 0.05, 5, (-8, 1), 0.1, 50)


def test_adam_first_step_is_lr_in_every_coordinate():
    (x0, y0), (x1, y1) = run("adam", 1, 100, (-4, 2), 0.1, 1)[:2]
    assert math.isclose(x1 - x0, 0.1, rel_tol=1e-6) and math.isclose(y0 - y1, 0.1, rel_tol=1e-6)


def test_rejects_unknown_methods():
    with pytest.raises(ValueError, match="optimizer_paths"):
        paths(methods=["sgd"])
