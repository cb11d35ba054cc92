"""fraction_point: a/b is one point, found by cutting units into b parts and counting a of
them; equal fractions land on one point and are listed together; the readouts spell the point
as fraction, decimal and percent. The widget contract is checked by test_widget_contract.py."""

import pytest

from lesson_kernel import lesson_part, lesson_widget
from mlmath import widgets
from mlmath.m01.fraction_point import equivalents
from scene_checks import readout


def make(**config):
    return widgets.create("fraction_point", config)


def test_the_point_is_a_divided_by_b_and_is_spelt_three_ways():
    w = make(a=7, b=4)
    assert w.values()["value"] == 1.75
    assert readout(w, "decimal") == "1.75" and readout(w, "percent") == "175%"
    w.set_values({"a": 3, "b": 8})
    assert readout(w, "decimal") == "0.375" and readout(w, "percent") == "37.5%"
    w.set_values({"a": -3, "b": 4})
    assert readout(w, "fraction") == "−3/4" and readout(w, "decimal") == "−0.75"
    w.set_values({"a": 1, "b": 3})
    assert readout(w, "decimal").startswith("0.333333") and readout(w, "decimal").endswith("…")


def test_equal_fractions_are_listed_together_and_only_those():
    assert [f"{p}/{q}" for p, q in equivalents(1, 2)] == ["1/2", "2/4", "3/6", "4/8", "5/10", "6/12"]
    assert [f"{p}/{q}" for p, q in equivalents(6, 9)] == ["2/3", "4/6", "6/9", "8/12"]
    for a in range(-24, 25):
        for b in range(1, 13):
            for p, q in equivalents(a, b):
                assert p * b == q * a


def test_the_target_is_met_exactly_on_its_point():
    w = make(target=[2, 3])
    hits = [(a, b) for b in range(1, 13) for a in range(-24, 25) if w.set_values({"a": a, "b": b}) or w.values()["same"]]
    assert hits == [(2, 3), (4, 6), (6, 9), (8, 12)]


def test_dragging_the_point_counts_in_b_ths():
    w = make(a=1, b=4, view="0 to 2")
    w.handle({"type": "drag", "handle": "a", "x": w.axis(1.3), "y": 0})
    assert w.values()["a"] == 5          # 1.3 is nearest 5/4
    w.handle({"type": "key", "handle": "a", "key": "ArrowRight"})
    assert w.values()["value"] == 1.5


@pytest.mark.parametrize("config, words", [({"target": [1, 0]}, "target"), ({"b": 0}, "b"), ({"view": "0 to 9"}, "view")])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        make(**config)


@pytest.mark.parametrize("wid", ["point", "same"])
def test_lesson_goals_start_unmet_and_need_the_idea(wid):
    w = lesson_widget("m01-l03", wid)
    assert not w.goal_met()
    w.set_values(lesson_part("m01-l03", "widget", wid).data["goal"]["solution"])
    assert w.goal_met()
    w.set_values({"b": 9 if wid == "same" else 4, "a": 7 if wid == "same" else 6})
    assert not w.goal_met()


def test_the_five_eighths_quiz():
    from fractions import Fraction
    from lesson_kernel import lesson_widget
    w = lesson_widget("m01-l03", "point")
    w.set_values({"a": 5, "b": 8})
    assert readout(w, "decimal") == "0.625" and readout(w, "percent") == "62.5%"
    assert Fraction(10, 16) == Fraction(15, 24) == Fraction(5, 8) == Fraction("0.625")
    assert Fraction("6.25") / 100 == Fraction("0.0625") != Fraction(5, 8)
