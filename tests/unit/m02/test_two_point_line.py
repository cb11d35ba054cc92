"""two_point_line: slope is rise over run from any two points, the three forms are
satisfied by both points, parallel keeps the slope, perpendicular makes the product −1,
and a vertical line has no slope, only a standard form."""

import itertools
import re
from fractions import Fraction

from mlmath import widgets
from mlmath.m02.two_point_line import forms


def widget(**config):
    return widgets.create("two_point_line", config)


def satisfied(text, x, y):
    """Both sides of one of the forms' texts, read as arithmetic at (x, y), agree exactly."""
    text = text.replace("\u2212", "-").replace("·", "*")
    text = re.sub(r"\d+", lambda m: f"Fraction({m.group()})", text)
    text = re.sub(r"(?<=[)xy])\s*(?=[xy(])", "*", text)          # 2x -> 2*x, (1/2)x -> (1/2)*x
    left, right = text.split("=")
    env = {"Fraction": Fraction, "x": Fraction(x), "y": Fraction(y)}
    return eval(left, env) == eval(right, env)


def test_slope_is_rise_over_run_and_order_does_not_matter():
    w = widget(p=[-2, -1], q=[2, 1])
    assert (w.values()["rise"], w.values()["run"], w.values()["m"]) == (2, 4, 0.5)
    w.set_values({"x1": 2, "y1": 1, "x2": -2, "y2": -1})
    assert (w.values()["rise"], w.values()["run"], w.values()["m"]) == (-2, -4, 0.5)


def test_all_three_forms_hold_at_both_points():
    pts = range(-3, 4)
    for x1, y1, x2, y2 in itertools.product(pts, repeat=4):
        if (x1, y1) == (x2, y2):
            continue
        si, ps, st = forms(x1, y1, x2, y2)
        for text in (si, ps, st):
            if text is not None:
                assert satisfied(text, x1, y1) and satisfied(text, x2, y2), (text, x1, y1, x2, y2)
        assert (si is None) == (x1 == x2)


def test_the_lessons_lines():
    assert satisfied("2x + y = 3", 0, 3) and not satisfied("2x + y = 3", 0, 0)
    assert forms(0, 3, 2, -1) == ("y = \u22122x + 3", "y \u2212 3 = \u22122·x", "2x + y = 3")
    assert forms(3, -2, 3, 4)[2] == "x = 3"
    w = widget()
    w.set_values({"x1": 0, "y1": 3, "x2": 2, "y2": -1})
    assert (w.values()["m"], w.values()["b"]) == (-2, 3)


def test_parallel_and_perpendicular_companions():
    w = widget(companion="parallel")
    for x2, y2 in [(2, 1), (3, -4), (-1, 5), (4, 4)]:
        w.set_values({"x1": 0, "y1": 0, "x2": x2, "y2": y2, "companion": "parallel"})
        assert w.values()["m2"] == w.values()["m"]
        w.set_values({"companion": "perpendicular"})
        assert w.values()["product"] == -1
    w.set_values({"x1": -2, "y1": 1, "x2": 2, "y2": -1})
    assert w.values()["m"] == -0.5 and w.values()["m2"] == 2     # the lesson's goal


def test_vertical_and_horizontal_lines():
    w = widget(companion="perpendicular")
    w.set_values({"x1": 3, "y1": -2, "x2": 3, "y2": 4})
    v = w.values()
    assert v["vertical"] == 1 and v["m"] is None and v["b"] is None and v["m2"] == 0 and v["product"] is None
    w.set_values({"x1": -3, "y1": 2, "x2": 3, "y2": 2})
    v = w.values()
    assert v["m"] == 0 and v["m2"] is None and v["product"] is None


def test_points_move_by_drag_and_keys_and_never_coincide():
    w = widget(p=[-2, -1], q=[2, 1])
    w.handle({"type": "drag", "handle": "q", "x": w.plot.x(3.2), "y": w.plot.y(-1.9)})
    assert (w.values()["x2"], w.values()["y2"]) == (3, -2)
    w.handle({"type": "key", "handle": "p", "key": "ArrowUp"})
    w.handle({"type": "key", "handle": "p", "key": "ArrowRight"})
    assert (w.values()["x1"], w.values()["y1"]) == (-1, 0)
    w.handle({"type": "drag", "handle": "p", "x": w.plot.x(3), "y": w.plot.y(-2)})   # onto Q: keeps a line
    assert w.values()["run"] != 0 or w.values()["rise"] != 0
