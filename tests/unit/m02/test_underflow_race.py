"""underflow_race: the running product reaches exactly 0.0 (at n = 1075 for p = 0.5,
324 for p = 0.1) while the running sum of logs stays finite and equals n·ln p."""

import math

from mlmath import widgets
from mlmath.m02.underflow_race import race, tiny


def widget(**config):
    return widgets.create("underflow_race", config)


def first_zero(p):
    w = widget(p=p)
    for n in range(1, 1201):
        w.set_values({"n": n})
        if w.values()["product"] == 0:
            return n, w.values()
    return None, w.values()


def test_the_product_underflows_where_the_lesson_says():
    n, v = first_zero(0.5)
    assert n == 1075 and v["prev"] == 5e-324 and 0.5 ** 1074 == 5e-324
    assert first_zero(0.1)[0] == 324
    assert first_zero(0.3)[0] < 1000                 # the lesson's thousand 0.3s print 0.0
    assert first_zero(0.5)[0] > 1000 and first_zero(0.95)[0] is None


def test_the_sum_of_logs_never_underflows():
    w = widget(p=0.05, n=1200)
    v = w.values()
    assert v["product"] == 0 and math.isclose(v["logsum"], 1200 * math.log(0.05), rel_tol=1e-12)


def test_the_lessons_threshold_for_a_thousand():
    assert 0.47 ** 1000 == 0 and 0.48 ** 1000 > 0
    assert round(math.exp(math.log(5e-324) / 1000), 4) == 0.475


def test_the_plotted_race_matches_the_values():
    steps = race(0.5, 1100)
    assert steps[1073][0] == 5e-324 and steps[1074][0] == 0.0
    assert math.isclose(steps[-1][1], 1100 * math.log10(0.5), rel_tol=1e-12)


def test_n_follows_a_drag_and_keys():
    w = widget(p=0.5, n=100)
    w.handle({"type": "drag", "handle": "n", "x": w.plot.x(600), "y": 0})
    assert w.values()["n"] == 600
    w.handle({"type": "key", "handle": "n", "key": "PageUp"})
    assert w.values()["n"] == 650


def test_the_smallest_floats_are_written_out():
    assert tiny(5e-324) == "4.94\u00d710\u207b\u00b3\u00b2\u2074"
    assert tiny(0.0) == "0.0" and tiny(0.25) == "0.25"
