"""function_zoo: the ten parents, with the domains the lesson states; marks turn
good exactly when the picked graph goes through them."""

import math

from mlmath import widgets
from mlmath.m04.l01_parents import PARENTS, value


def test_ten_parents_with_their_domains():
    assert len(PARENTS) == 10
    assert value(PARENTS["reciprocal"][0], 0) is None and value(PARENTS["reciprocal"][0], -2) == -0.5
    assert value(PARENTS["log"][0], 0) is None and value(PARENTS["log"][0], -1) is None
    assert value(PARENTS["sqrt"][0], -4) is None and value(PARENTS["sqrt"][0], 0) == 0
    assert value(PARENTS["exp"][0], 0) == 1


def test_only_abs_goes_through_all_three_lesson_marks():
    w = widgets.create("function_zoo", {"parent": "square", "marks": [[-1, 1], [1, 1], [-2, 2]]})
    hits = {}
    for name in PARENTS:
        w.set_values({"parent": name})
        hits[name] = w.values()["hits"]
    assert hits["square"] == 2 and [n for n, h in hits.items() if h == 3] == ["abs"]


def test_the_probe_reads_the_graph_and_has_no_value_outside_the_domain():
    w = widgets.create("function_zoo", {"parent": "sqrt"})
    w.handle({"type": "drag", "handle": "x", "x": w.plot.x(-2), "y": 0})
    assert w.values()["x"] == -2 and math.isnan(w.values()["y"])
    w.set_values({"x": 1.6})
    assert math.isclose(w.values()["y"] ** 2, 1.6)
