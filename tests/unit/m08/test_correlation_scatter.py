"""correlation_scatter: the sample has variance 1 and covariance rho exactly (to rounding),
and Var(X + Y) = Var X + Var Y + 2 Cov on the points, as m08-l03 states."""

import math

import pytest

from mlmath import widgets
from mlmath.m08.correlation_scatter import base_pair, cov, mean
from scene_checks import readout


def cloud(**config):
    return widgets.create("correlation_scatter", config)


def test_the_base_samples_are_standard_and_uncorrelated():
    x, z = base_pair()
    assert len(x) == 200 and abs(mean(x)) < 1e-12 and abs(mean(z)) < 1e-12
    assert cov(x, x) == pytest.approx(1) and cov(z, z) == pytest.approx(1) and abs(cov(x, z)) < 1e-12


@pytest.mark.parametrize("rho", [-1, -0.35, 0, 0.5, 0.9, 1])
def test_covariance_is_rho_and_the_variance_of_the_sum_adds_it_twice(rho):
    v = cloud(rho=rho).values()
    assert v["var_y"] == pytest.approx(1) and v["cov"] == pytest.approx(rho, abs=1e-12)
    assert v["var_sum"] == pytest.approx(v["var_x"] + v["var_y"] + 2 * v["cov"])
    assert v["var_sum"] == pytest.approx(2 + 2 * rho, abs=1e-12)


def test_the_goal_and_the_anticorrelated_end():
    w = cloud(rho=0.5)
    assert abs(w.values()["var_sum"] - 3) < 1e-6 and readout(w, "Var(X + Y), measured") == "3"
    assert cloud(rho=-1).values()["var_sum"] < 1e-12


def test_dragging_the_line_sets_rho():
    w = cloud()
    w.handle({"type": "drag", "handle": "rho", "x": 0, "y": w.plot.y(1.5)})
    assert w.values()["rho"] == 0.5
    w.handle({"type": "key", "handle": "rho", "key": "Home"})
    assert w.values()["rho"] == -1
    assert math.isfinite(w.values()["var_sum"])
