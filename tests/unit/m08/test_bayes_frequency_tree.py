"""bayes_frequency_tree: the tree's counts, P(sick | +) as true positives over all positives
(Bayes' theorem), and the base rate where it first reaches one half."""

import pytest

from mlmath import widgets
from mlmath.m08.bayes_frequency_tree import posterior
from scene_checks import readout


def tree(**config):
    return widgets.create("bayes_frequency_tree", config)


def test_the_lessons_example():
    w = tree(base=0.01, sens=0.9, spec=0.95)
    v = w.values()
    assert (round(v["tp"]), round(v["fp"]), round(v["fn"]), round(v["tn"])) == (90, 495, 10, 9405)
    assert v["posterior"] == pytest.approx(90 / 585) and readout(w, "P(sick | +)") == "0.154"
    assert readout(w, "positives") == "585"


def test_the_tree_agrees_with_bayes_theorem():
    for b, se, sp in [(0.2, 0.7, 0.6), (0.001, 0.99, 0.99), (0.5, 1, 0.5)]:
        p_pos = se * b + (1 - sp) * (1 - b)
        assert tree(base=b, sens=se, spec=sp).values()["posterior"] == pytest.approx(se * b / p_pos)
    assert posterior(0.001, 0.99, 0.99) == pytest.approx(0.0902, abs=1e-4)


def test_the_smallest_base_rate_for_even_odds_is_0_053():
    w = tree()
    w.set_values({"base": 0.052})
    assert w.values()["posterior"] < 0.5
    w.set_values({"base": 0.053})
    v = w.values()
    assert v["posterior"] >= 0.5 and v["tp"] == pytest.approx(477) and v["fp"] == pytest.approx(473.5)


def test_sliders_step_and_options_are_checked():
    w = tree()
    w.handle({"type": "input", "id": "base", "value": 0.2})
    assert w.values()["base"] == 0.2
    with pytest.raises(ValueError, match="bayes_frequency_tree: sens"):
        tree(sens=0.2)
