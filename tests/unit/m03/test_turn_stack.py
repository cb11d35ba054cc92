"""turn_stack: the stacked turns land at angle a + b, the addition formulas give the same
coordinates for every a and b, the two handles turn a and then b (measured from a), and
the numbers m03-l04 states."""

import math

from mlmath import widgets
from scene_checks import readout


def widget(**config):
    return widgets.create("turn_stack", config)


def test_the_formulas_agree_with_the_stacked_turn():
    for a in (0, 0.8, 2, 3.5, 6.28):
        for b in (0, 1.2, 2.71, 5):
            v = widget(a=a, b=b).values()
            assert math.isclose(v["x"], v["formula_x"], abs_tol=1e-12)
            assert math.isclose(v["y"], v["formula_y"], abs_tol=1e-12)
            assert v["total"] == a + b


def test_the_goal_needs_a_plus_b_three_quarter_turns():
    w = widget(a=2, b=2.71)
    v = w.values()
    assert abs(v["x"]) < 0.01 and abs(v["y"] + 1) < 0.01
    assert readout(w, "a + b") == "4.71" and round(3 * math.pi / 2, 2) == 4.71


def test_the_handles_turn_a_then_b_from_a():
    w = widget(a=0.8, b=1.2)
    p = w.plane
    w.handle({"type": "drag", "handle": "a", "x": p.x(0), "y": p.y(1)})
    assert abs(w.values()["a"] - math.pi / 2) < 0.01 and w.values()["b"] == 1.2
    w.handle({"type": "drag", "handle": "b", "x": p.x(-1), "y": p.y(0)})   # final point at angle π
    assert abs(w.values()["b"] - math.pi / 2) < 0.01


def test_the_lesson_numbers():
    assert round(8 - 2 * math.pi, 4) == 1.7168
    a, b = math.atan2(0.8, 0.6), math.atan2(0.6, 0.8)
    assert round(0.6 * 0.8 - 0.8 * 0.6, 12) == 0 and math.isclose(a + b, math.pi / 2)
    assert math.isclose(math.cos(2 * (math.pi / 2)), -1)


def test_the_goal_accepts_the_first_turn_the_slider_calls_bigger_than_a_right_angle():
    from lesson_kernel import lesson_widget
    w = lesson_widget("m03-l04", "stack")
    w.set_values({"a": 1.58, "b": 3.13})          # 1.58 > 1.57, as the goal's text asks
    assert w.goal_met()
    w.set_values({"a": 1.57, "b": 3.14})          # a right angle is not bigger than one
    assert not w.goal_met()
