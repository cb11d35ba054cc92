"""partial_nudge: the secant slope nudges one input only, closes on the partial as h shrinks,
and for x²y + y² along y its gap is exactly h (the lesson's claim)."""

import math

import pytest

from mlmath import widgets


def widget(**config):
    return widgets.create("partial_nudge", config)


def test_the_quotient_moves_one_input_only():
    w = widget(fn="cubic", x=1, y=0.5, axis="x", h=1)
    f = lambda x, y: x * x * y + y * y
    assert math.isclose(w.values()["quotient"], f(2, 0.5) - f(1, 0.5))
    w.set_values({"axis": "y"})
    assert math.isclose(w.values()["quotient"], f(1, 1.5) - f(1, 0.5))


@pytest.mark.parametrize("fn", ["cubic", "wave", "twowells", "product"])
@pytest.mark.parametrize("axis", ["x", "y"])
def test_the_gap_closes_as_h_shrinks(fn, axis):
    w = widget(fn=fn, x=0.7, y=-0.4, axis=axis)
    gaps = []
    for h in (1, 0.1, 0.01, 0.001):
        w.set_values({"h": h})
        gaps.append(abs(w.values()["gap"]))
    assert gaps[-1] < 5e-3 and all(b <= a + 1e-12 for a, b in zip(gaps, gaps[1:]))


def test_along_y_the_gap_of_the_lessons_function_is_h():
    w = widget(fn="cubic", x=1, y=0.5, axis="y")
    for h in (1, 0.1, 0.001):
        w.set_values({"h": h})
        v = w.values()
        assert math.isclose(v["gap"], v["h"], rel_tol=1e-6)
    w = widget(fn="cubic", x=1, y=0.5, axis="x", h=1)
    assert not w.goal_met()           # the lesson's goal needs the y axis


def test_keys_and_drags_reach_the_knobs():
    w = widget()
    w.handle({"type": "key", "handle": "p", "key": "ArrowLeft"})
    assert w.p == (0.95, 0.5)
    w.handle({"type": "input", "id": "axis", "value": 1})
    assert w.values()["axis"] == "y"
    w.handle({"type": "input", "id": "lg", "value": -3})
    assert math.isclose(w.values()["h"], 1e-3)
