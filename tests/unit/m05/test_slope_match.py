"""slope_match: each slope graph is the derivative of exactly one curve (checked by a
central difference), the right count counts exactly the right matches, and matching by
shape (the parabola x² to the parabola x² − 1, a line to a line) is wrong."""

from mlmath import widgets
from mlmath.m05.slope_match import ANSWER, FUNCTIONS, LETTERS
from mlmath.numeric import derivative


def test_each_slope_graph_is_one_curves_derivative():
    assert sorted(LETTERS.values()) == [0, 1, 2, 3]
    for i, (_, f, df) in enumerate(FUNCTIONS):
        for k in range(21):
            x = -2 + 0.2 * k
            assert abs(df(x) - derivative(f, x)) < 1e-6
        assert LETTERS[ANSWER[f"f{i + 1}"]] == i


def test_right_counts_the_right_matches():
    w = widgets.create("slope_match", {})
    assert w.values()["right"] == 1          # everything on A: only f2 (slope x² − 1) is right
    w.set_values(ANSWER)
    assert w.values()["right"] == 4 and w.goal_met() is False   # no goal configured
    shape_matcher = {"f1": "A", "f2": "C", "f3": "D", "f4": "C"}   # parabola to parabola, line to line
    w.set_values(shape_matcher)
    assert w.values()["right"] == 1


def test_the_readout_gives_no_running_count_to_search_by():
    w = widgets.create("slope_match", {})
    w.set_values({"f1": "B", "f2": "A", "f3": "C", "f4": "D"})   # one right (f2)
    one_right = [r["value"] for r in w.readouts()]
    w.set_values({"f1": "C", "f2": "A", "f3": "B", "f4": "D"})   # two right (f1, f2): the same words
    assert [r["value"] for r in w.readouts()][-1] == one_right[-1] == "not yet: some curves have the wrong slope graph"
    w.set_values({"f1": "A", "f2": "A", "f3": "A", "f4": "A"})
    assert "exactly one curve" in w.readouts()[-1]["value"]
    w.set_values(ANSWER)
    assert w.readouts()[-1]["value"] == "all four right"
