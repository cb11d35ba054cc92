"""slope_trace: the lower plot's height at a is the slope of f at a (checked against a
central difference), every a visited leaves a dot, the handle moves a, and the lesson's
goal (sin falls fastest at pi, slope -1) is the lowest point of the derivative."""

import math

import pytest

from mlmath import widgets
from mlmath.m05.l02_curves import CURVES
from mlmath.numeric import derivative
from scene_checks import readout


def widget(**config):
    return widgets.create("slope_trace", config)


@pytest.mark.parametrize("fn", sorted(CURVES))
def test_the_height_below_is_the_slope_above(fn):
    f, df, d2f, _, (lo, hi) = CURVES[fn]
    for k in range(11):
        x = lo + (hi - lo) * k / 10
        assert abs(df(x) - derivative(f, x)) <= 1e-6 * max(1, abs(df(x)))
        assert abs(d2f(x) - derivative(df, x)) <= 1e-6 * max(1, abs(d2f(x)))
    w = widget(fn=fn, a=round(lo + 0.5, 2))
    v = w.values()
    assert v["slope"] == df(v["a"]) and v["height"] == f(v["a"])


def test_every_visited_a_leaves_a_dot():
    w = widget(fn="sin", a=0.5)
    w.scene()
    for _ in range(10):
        w.handle({"type": "key", "handle": "a", "key": "ArrowRight"})
        w.scene()
    assert readout(w, "dots drawn") == "11"
    w.handle({"type": "drag", "handle": "a", "x": w.top.x(2.0), "y": 0})
    assert w.values()["a"] == 2.0


def test_sin_falls_fastest_at_pi():
    w = widget(fn="sin", a=0.5)
    slopes = {}
    for k in range(151):
        w.set_values({"a": -1 + 0.05 * k})
        slopes[w.values()["a"]] = w.values()["slope"]
    lowest = min(slopes, key=slopes.get)
    assert abs(lowest - math.pi) < 0.06 and math.isclose(slopes[lowest], -1, abs_tol=1e-3)
