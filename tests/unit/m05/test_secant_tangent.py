"""secant_tangent, the worked example of docs/authoring.md: the secant's slope is the
difference quotient, it closes on f'(a) as h shrinks (linearly in h for x²), the two
handles move a and h, and a learner's own function is plotted with a numeric tangent."""

import math

import pytest

from mlmath import widgets


def widget(**config):
    return widgets.create("secant_tangent", config)


def test_the_secant_slope_is_the_difference_quotient():
    v = widget(fn="square", a=1, h=1).values()
    assert v["secant"] == (4 - 1) / 1 and v["tangent"] == 2 and v["gap"] == 1


@pytest.mark.parametrize("fn, a", [("square", 1), ("cube", -0.5), ("sin", 2), ("exp", 0.3)])
def test_the_secant_closes_on_the_tangent_as_h_shrinks(fn, a):
    w = widget(fn=fn, a=a)
    gaps = []
    for h in (1, 0.1, 0.01, 0.001):
        w.set_values({"h": h})
        gaps.append(abs(w.values()["gap"]))
    assert gaps == sorted(gaps, reverse=True) and gaps[-1] < 0.01


def test_for_x_squared_the_gap_is_exactly_h():
    w = widget(fn="square", a=0.7)
    for h in (0.5, 0.01):
        w.set_values({"h": h})
        assert math.isclose(w.values()["gap"], w.values()["h"], rel_tol=1e-6)   # h on the log grid


def test_dragging_the_handles_moves_a_and_h():
    w = widget(fn="square", a=1, h=1)
    w.handle({"type": "drag", "handle": "a", "x": w.plot.x(0.5), "y": 0})
    assert w.values()["a"] == 0.5
    w.handle({"type": "drag", "handle": "lg", "x": w.plot.x(0.6), "y": 0})
    assert math.isclose(w.values()["h"], 0.1, rel_tol=0.06)      # on the slider's log grid
    w.handle({"type": "drag", "handle": "lg", "x": w.plot.x(0.2), "y": 0})   # left of a: ignored
    assert math.isclose(w.values()["h"], 0.1, rel_tol=0.06)
    w.handle({"type": "key", "handle": "lg", "key": "Home"})
    assert math.isclose(w.values()["h"], 1e-4)


def test_a_learners_function_gets_a_numeric_tangent():
    w = widget()
    w.use(lambda x: x ** 3 - x, name="x³ − x")
    w.set_values({"a": 1, "h": 1e-3})
    assert math.isclose(w.values()["tangent"], 2, rel_tol=1e-8)
    assert any(r["value"] == "2" for r in w.readouts())
    with pytest.raises(TypeError, match="needs a function"):
        w.use(3)


def test_without_the_secant_only_the_tangent_is_drawn_and_read():
    from mlmath import widgets
    w = widgets.create("secant_tangent", {"fn": "square", "a": 1.5, "secant": False})
    assert [r["label"] for r in w.readouts()] == ["a", "tangent slope f′(1.5)"]
    assert [c for c in w.controls()] == [w.knobs["a"].control()]
    w.set_values({"a": 0})
    assert abs(w.values()["tangent"]) < 1e-12
