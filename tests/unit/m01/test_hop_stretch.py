"""hop_stretch: adding is a hop, multiplying a stretch about zero, each undone by its inverse
(the negative, the reciprocal), with 0 the one factor nothing undoes; and the numbers lesson
m01-l02 states. The widget contract (options, scene, keys, round trips) is checked for every
widget by tests/unit/test_widget_contract.py."""

import math

import pytest

from lesson_kernel import lesson_part, lesson_widget, run_lesson
from mlmath import widgets
from mlmath.m01.hop_stretch import FACTORS, factor_text
from scene_checks import readout

GOALS = ("hop", "hop-undo", "stretch", "stretch-undo", "zero")


def make(**config):
    return widgets.create("hop_stretch", config)


def drag(w, handle, v):
    w.handle({"type": "drag", "handle": handle, "x": w.axis(v), "y": 0})


def test_a_hop_lands_on_x_plus_b_and_a_negative_hop_reads_as_subtraction():
    w = make(x=3, b=-5)
    assert w.values()["y"] == -2
    assert readout(w, "x + b") == "3 + (−5) = −2"
    assert readout(w, "the same as x − 5") == "3 − 5 = −2"


def test_dragging_the_landing_point_picks_the_hop():
    w = make(x=3, b=2)
    drag(w, "b", -4)
    assert w.values()["b"] == -7 and w.values()["y"] == -4
    drag(w, "x", 1)
    assert w.values()["x"] == 1 and w.values()["y"] == -6     # the hop is kept, the start moved


@pytest.mark.parametrize("x, b", [(2, 6), (-7, 3), (0, -9), (5, 0)])
def test_the_undo_of_a_hop_is_its_negative_and_only_that(x, b):
    w = make(x=x, b=b, undo=True)
    for u in range(-20, 21):
        w.set_values({"u": u})
        assert w.values()["back"] == (u == -b)


def test_multiplying_stretches_distances_from_zero_and_a_negative_factor_mirrors():
    w = make(mode="multiply", x=3, b=-2)
    assert w.values()["y"] == -6
    assert readout(w, "x × k") == "3 × (−2) = −6"
    w.set_values({"b": 0.5, "x": -8})
    assert w.values()["y"] == -4


@pytest.mark.parametrize("k", [k for k in FACTORS if k != 0])
def test_every_nonzero_factor_is_undone_by_its_reciprocal_alone(k):
    w = make(mode="multiply", x=3, b=k, undo=True)
    undos = [u for u in FACTORS if w.set_values({"u": u}) or w.values()["back"]]
    if 1 / k in FACTORS or any(math.isclose(u, 1 / k) for u in FACTORS):
        assert len(undos) == 1 and math.isclose(undos[0] * k, 1)
    else:
        assert undos == []


def test_zero_has_no_undo_except_for_zero_itself():
    w = make(mode="multiply", x=3, b=0, undo=True)
    for u in FACTORS:
        w.set_values({"u": u})
        assert w.values()["z"] == 0 and not w.values()["back"]
    w.set_values({"x": 0})
    assert w.values()["back"] == 1


def test_dragging_the_image_picks_the_nearest_factor():
    w = make(mode="multiply", x=3, b=2)
    drag(w, "b", -6.2)
    assert w.values()["b"] == -2
    w.set_values({"x": 0})
    drag(w, "b", 5)                  # 0 times anything is 0: nothing to read off
    assert w.values()["b"] == -2


def test_factors_are_written_as_people_write_them():
    assert [factor_text(k) for k in (2, -1, 0.5, -1 / 3, 0.25, 0)] == ["2", "−1", "½", "−⅓", "¼", "0"]


@pytest.mark.parametrize("wid", GOALS)
def test_lesson_goals_start_unmet_and_the_solution_meets_them(wid):
    w = lesson_widget("m01-l02", wid)
    assert not w.goal_met()
    w.set_values(lesson_part("m01-l02", "widget", wid).data["goal"]["solution"])
    assert w.goal_met()


def test_the_zero_goal_cannot_be_met_from_x_3_by_any_undo():
    w = lesson_widget("m01-l02", "zero")
    for u in FACTORS:
        w.set_values({"u": u})
        assert not w.goal_met()


def test_numbers_stated_in_the_prose():
    assert 3 / 5 == 0.6 and 3 * (1 / 5) == 0.6000000000000001
    assert 12 / 4 == 12 * (1 / 4) == 3
    _, printed, _ = run_lesson("m01-l02")
    assert any("0.6000000000000001" in text for text in printed.values())


def test_the_goals_cannot_be_met_by_moving_the_start_instead():
    w = lesson_widget("m01-l02", "hop")
    w.set_values({"x": -2, "b": 0})
    assert not w.goal_met()
    w = lesson_widget("m01-l02", "stretch")
    w.set_values({"x": -6, "b": 1})
    assert not w.goal_met()
    w = lesson_widget("m01-l02", "stretch-undo")
    w.set_values({"x": 0})                  # 0 comes back from any stretch: not the idea
    assert w.values()["back"] == 1 and not w.goal_met()
