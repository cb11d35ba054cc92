"""critical_classifier: the three points are where f′ vanishes (by a central difference of
f), f″ there is −3, 0 and 12 as drawn, the answers follow from the sign of f′ on both sides
(the second-derivative test for two, the flat step for x = 0), and right counts matches."""

from mlmath import widgets
from mlmath.m05.critical_classifier import ANSWERS, POINTS, d2f, df, f
from mlmath.numeric import derivative


def test_the_points_and_their_kinds():
    for x in POINTS:
        assert abs(derivative(f, x)) < 1e-9 and df(x) == 0
        assert abs(derivative(df, x) - d2f(x)) < 1e-6
    assert [d2f(x) for x in POINTS] == [-3, 0, 12]
    for x, kind in zip(POINTS, ANSWERS):
        left, right = df(x - 0.01), df(x + 0.01)
        expected = "minimum" if left < 0 < right else "maximum" if left > 0 > right else "neither"
        assert kind == expected


def test_right_counts_the_correct_labels():
    w = widgets.create("critical_classifier", {})
    assert w.values()["right"] == 0
    w.set_values({"p1": "maximum", "p2": "minimum", "p3": "minimum"})   # the flat step taken for a valley
    assert w.values()["right"] == 2
    w.set_values({"p2": "neither"})
    assert w.values()["right"] == 3


def test_the_readout_gives_no_running_count_to_search_by():
    w = widgets.create("critical_classifier", {})
    assert w.readouts()[-1]["value"] == "label every point"
    w.set_values({"p1": "maximum", "p2": "minimum", "p3": "maximum"})   # one right
    one = w.readouts()[-1]["value"]
    w.set_values({"p1": "maximum", "p2": "neither", "p3": "maximum"})   # two right
    assert w.readouts()[-1]["value"] == one == "not yet: at least one label is wrong"
    w.set_values({"p1": "maximum", "p2": "neither", "p3": "minimum"})
    assert w.readouts()[-1]["value"] == "all three right"
