"""tangent_zoom: the linear model is f(p) + grad f(p) . d; its worst gap in the window falls
like r² (gap / r² settles, as m06-l03 says); x³ − 3x + y² has critical points at (1, 0) and
(-1, 0) where the gradient vanishes, and the Hessians the lesson states."""

import pytest

from mlmath import widgets
from mlmath.m06.surface_common import SURFACES


def widget(**config):
    return widgets.create("tangent_zoom", config)


@pytest.mark.parametrize("fn", ["twowells", "wave", "cubic", "ellipse"])
def test_the_gap_falls_like_r_squared(fn):
    w = widget(fn=fn, x=0.5, y=0.5)
    ratios = []
    for r in (0.1, 0.01):
        w.set_values({"r": r})
        ratios.append(w.values()["ratio"])
    assert ratios[1] > 0 and abs(ratios[0] - ratios[1]) < 0.15 * ratios[1]


def test_the_lessons_numbers():
    w = widget(fn="twowells", x=0.5, y=0.5, r=1)
    v = w.values()
    assert (v["gx"], v["gy"]) == (-2.25, 1) and not v["gap"] < 0.001
    w.set_values({"r": 0.01})
    assert w.values()["gap"] < 0.001
    f, grad, hess, *_ = SURFACES["twowells"]
    for p in ((1, 0), (-1, 0)):
        assert grad[0](*p) == 0 and grad[1](*p) == 0
    assert hess(1, 0) == ((6, 0), (0, 2)) and hess(-1, 0) == ((-6, 0), (0, 2))
    # the Hessians match second differences of f
    h = 1e-4
    for x, y in ((1, 0), (-1, 0), (0.3, -0.7)):
        fxx = (f(x + h, y) - 2 * f(x, y) + f(x - h, y)) / h ** 2
        fyy = (f(x, y + h) - 2 * f(x, y) + f(x, y - h)) / h ** 2
        (hxx, _), (_, hyy) = hess(x, y)
        assert abs(fxx - hxx) < 1e-4 and abs(fyy - hyy) < 1e-4     # second differences: error ~h² + 1e-16/h²


@pytest.mark.parametrize("fn", sorted(SURFACES))
def test_every_surfaces_hessian_matches_second_differences(fn):
    f, _, hess, *_ = SURFACES[fn]
    h = 1e-4
    for x, y in ((0.4, -0.3), (-1.1, 0.8)):
        fxy = (f(x + h, y + h) - f(x + h, y - h) - f(x - h, y + h) + f(x - h, y - h)) / (4 * h * h)
        assert abs(fxy - hess(x, y)[0][1]) < 1e-4 and hess(x, y)[0][1] == hess(x, y)[1][0]


def test_the_flat_goal_needs_a_critical_point():
    w = widget(fn="twowells", x=0, y=1.5, r=0.3)
    assert w.values()["norm"] > 0.05
    w.set_values({"x": -1, "y": 0})
    assert w.values()["norm"] == 0
