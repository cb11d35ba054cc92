"""derivative_stack: the three rows are f, f′ and f″ (each checked against a central
difference of the row above), the readouts name the heading and the bend by their signs,
and the goal (climbing but slowing) holds exactly left of x = −1 on x³ − 3x."""

import pytest

from mlmath import widgets
from mlmath.m05.l02_curves import CURVES
from mlmath.numeric import derivative
from scene_checks import readout


@pytest.mark.parametrize("fn", sorted(CURVES))
def test_each_row_is_the_slope_of_the_one_above(fn):
    f, df, d2f, _, (lo, hi) = CURVES[fn]
    w = widgets.create("derivative_stack", {"fn": fn})
    for k in range(9):
        x = round(lo + (hi - lo) * k / 8, 2)
        w.set_values({"x": x})
        v = w.values()
        x = v["x"]
        assert abs(v["slope"] - derivative(f, x)) <= 1e-6 * max(1, abs(v["slope"]))
        assert abs(v["bend"] - derivative(df, x)) <= 1e-6 * max(1, abs(v["bend"]))


def test_climbing_but_slowing_is_left_of_minus_one():
    w = widgets.create("derivative_stack", {"fn": "cubic", "x": 0.5})
    assert readout(w, "f′(x)") == "−2.25 (falling)"
    assert readout(w, "f″(x)") == "3 (bends up: the slope is increasing)"
    for k in range(-44, 45):
        w.set_values({"x": k * 0.05})
        v = w.values()
        assert (v["slope"] > 0 and v["bend"] < 0) == (v["x"] < -1)
    w.set_values({"x": -1.5})
    assert w.values()["slope"] == 3.75 and w.values()["bend"] == -9
    w.handle({"type": "drag", "handle": "x", "x": w.plots[0].x(1.0), "y": 0})
    assert w.values()["x"] == 1.0
