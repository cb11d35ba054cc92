"""two_lines_crossing: two lines share one point, none or all; the crossing satisfies
both equations exactly; two different lines never share two points."""

import itertools
from fractions import Fraction

from mlmath import widgets
from mlmath.m02.plane_lines import crossing, equation, through


def widget(**config):
    return widgets.create("two_lines_crossing", config)


def test_the_crossing_is_on_both_lines():
    pts = [(x, y) for x in (-2, 0, 1, 3) for y in (-1, 0, 2)]
    for p1, q1, p2 in itertools.product(pts, repeat=3):
        q2 = (p2[0] + 1, p2[1] + 2)
        if p1 == q1:
            continue
        r1, r2 = through(p1, q1), through(p2, q2)
        for (a, b, c), pair in ((r1, (p1, q1)), (r2, (p2, q2))):     # each row holds its own two points
            assert all(a * x + b * y == c for x, y in pair)
        outcome, at = crossing(r1, r2)
        if outcome == "one":
            for a, b, c in (r1, r2):
                assert a * at[0] + b * at[1] == c
        elif outcome == "all":
            assert all(r2[0] * x + r2[1] * y == r2[2] for x, y in (p1, q1))
        else:
            assert r1[0] * r2[1] == r1[1] * r2[0]     # parallel: same direction


def test_three_outcomes_in_the_widget():
    w = widget()
    v = w.values()
    assert v["outcome"] == "one" and (v["x"], v["y"]) == (0.5, 0.25)
    assert equation(v["a1"], v["b1"], v["c1"]) == "x \u2212 2y = 0"
    w.set_values({"p2x": 0, "p2y": 3, "q2x": 2, "q2y": 1})       # the lesson's goal: cross at (2, 1)
    assert (w.values()["x"], w.values()["y"]) == (2, 1)
    w.set_values({"p2x": -4, "p2y": 0, "q2x": 4, "q2y": 4})      # same slope, shifted
    assert w.values()["outcome"] == "none" and w.values()["x"] is None
    w.set_values({"p2x": -2, "p2y": -1, "q2x": 2, "q2y": 1})     # on line 1
    assert w.values()["outcome"] == "all" and w.values()["distinct"] == 4


def test_the_quizs_parallel_system():
    assert crossing((1, 2, 4), (2, 4, 2)) == ("none", None)
    assert crossing((1, 2, 4), (2, 4, 8)) == ("all", None)
    assert crossing((3, 2, 12), (1, -2, -4)) == ("one", (Fraction(2), Fraction(3)))


def test_points_drag_and_a_line_keeps_two_points():
    w = widget()
    w.handle({"type": "drag", "handle": "p2", "x": w.plot.x(0.2), "y": w.plot.y(2.8)})
    assert (w.values()["p2x"], w.values()["p2y"]) == (0, 3)
    w.handle({"type": "key", "handle": "q2", "key": "ArrowUp"})
    assert w.values()["q2y"] == -1
    w.handle({"type": "drag", "handle": "q1", "x": w.plot.x(-4), "y": w.plot.y(-2)})   # onto p1
    assert w.values()["a1"] or w.values()["b1"]
