"""composed_slopes: for every chain and x, the product of the outer slope (read at u = g(x))
and the inner slope equals a central difference of the composition; the lesson's numbers
hold: sin(x²) is flat at x = √(π/2) ≈ 1.2533 while 2x ≈ 2.5, and the goal's x = 1.25 passes."""

import math

import pytest

from mlmath import widgets
from mlmath.m05.composed_slopes import CHAINS


@pytest.mark.parametrize("chain", list(CHAINS))
def test_the_product_of_stage_slopes_is_the_measured_slope(chain):
    w = widgets.create("composed_slopes", {"chain": chain})
    *_, (lo, hi), _ = CHAINS[chain]
    for k in range(41):
        w.set_values({"x": round(lo + (hi - lo) * k / 40, 2)})
        v = w.values()
        assert abs(v["product"] - v["total"]) <= 1e-6 * max(1, abs(v["total"]))


def test_sin_x_squared_is_flat_where_the_inner_value_is_half_pi():
    x = math.sqrt(math.pi / 2)
    assert round(x, 4) == 1.2533 and round(2 * x, 1) == 2.5
    w = widgets.create("composed_slopes", {"chain": "sin(x²)", "x": 0.5})
    assert not w.goal_met()
    w.set_values({"x": 1.25})
    v = w.values()
    assert abs(v["total"]) < 0.05 and v["inner"] == 2.5
    w.handle({"type": "drag", "handle": "x", "x": w.plots()[0].x(1.0), "y": 0})
    assert w.values()["x"] == 1.0
