"""product_rule_compare: the product rule equals a central difference of f·g for every
pair at every a, the wrong rule f′·g′ does not, and the lesson's goal region (f′·g′ < 0
while x sin x climbs) is where the text's solution a = 1.8 lies."""

import math

import pytest

from mlmath import widgets
from mlmath.m05.product_rule_compare import PAIRS


@pytest.mark.parametrize("pair", list(PAIRS))
def test_the_rule_matches_the_curve_and_the_wrong_rule_does_not(pair):
    w = widgets.create("product_rule_compare", {"pair": pair})
    *_, (lo, hi), _ = PAIRS[pair]
    worst_wrong = 0
    for k in range(21):
        w.set_values({"a": round(lo + (hi - lo) * k / 20, 2)})
        v = w.values()
        assert abs(v["right"] - v["true"]) <= 1e-6 * max(1, abs(v["true"]))
        worst_wrong = max(worst_wrong, abs(v["wrong"] - v["true"]))
    assert worst_wrong > 1


def test_the_goal_at_1_8():
    w = widgets.create("product_rule_compare", {"pair": "x · sin x", "a": 1})
    assert not (w.values()["wrong"] < 0 < w.values()["true"])
    w.set_values({"a": 1.8})
    v = w.values()
    assert v["wrong"] == math.cos(1.8) < 0 < v["true"]
