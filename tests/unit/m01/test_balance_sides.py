"""balance_sides: the two sides of an equation as lines over x; they are equal exactly at the
solutions, never for parallel lines, everywhere for one line drawn twice."""

import pytest

from lesson_kernel import lesson_part, lesson_widget
from mlmath import widgets


def make(**config):
    return widgets.create("balance_sides", config)


def test_the_sides_meet_only_at_the_solution():
    w = make(equation="3 * (x + 4) - 5 = 16", range=[-10, 10])
    hits = []
    for i in range(41):
        w.set_values({"x": -10 + i * 0.5})
        if w.values()["balanced"]:
            hits.append(w.values()["x"])
    assert hits == [3]
    assert w.values()["every"] == 0 and w.values()["never"] == 0


@pytest.mark.parametrize("text, every, never", [
    ("2 * x + 1 = 2 * x + 5", 0, 1), ("2 * (x + 1) = 2 * x + 2", 1, 0), ("2 * x + 3 = 5 * x - 6", 0, 0)])
def test_parallel_and_identical_lines(text, every, never):
    v = make(equation=text).values()
    assert (v["every"], v["never"]) == (every, never)


def test_dragging_and_typing():
    w = make(editable=True)
    w.handle({"type": "drag", "handle": "x", "x": w.plot().x(3.1), "y": 0})
    assert w.values()["x"] == 3 and w.values()["gap"] == 0
    w.handle({"type": "input", "id": "equation", "value": "x = = 2"})
    assert w.values()["ok"] == 0 and w.readouts()[0]["value"]
    w.handle({"type": "input", "id": "equation", "value": "12 / (x - 1) = 4"})
    w.set_values({"x": 1})
    assert w.values()["left"] is None and w.values()["balanced"] == 0
    w.set_values({"x": 4})
    assert w.values()["balanced"] == 1


@pytest.mark.parametrize("wid", ["meet", "both", "all-or-none"])
def test_lesson_goals(wid):
    w = lesson_widget("m01-l05", wid)
    assert not w.goal_met()
    w.set_values(lesson_part("m01-l05", "widget", wid).data["goal"]["solution"])
    assert w.goal_met()


def test_no_x_on_the_slider_grid_solves_3x_equals_1():
    w = make(equation="3 * x = 1")
    for i in range(41):
        w.set_values({"x": -10 + 0.5 * i})
        assert not w.values()["balanced"]
