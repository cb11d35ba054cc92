"""rule_cards: every card's rule agrees with a central difference across its range (the
power card for every n), and the lesson's two goals hold where the text says: slope −4 of
1/x at a = 1/2, slope 2 of ln x at a = 1/2."""

import pytest

from mlmath import widgets
from mlmath.m05.rule_cards import CARDS


@pytest.mark.parametrize("card", list(CARDS))
def test_each_rule_agrees_with_a_central_difference(card):
    w = widgets.create("rule_cards", {"card": card})
    for n in range(-2, 5):
        for k in range(59):
            w.set_values({"n": n, "a": 0.1 + 0.05 * k})
            v = w.values()
            assert abs(v["gap"]) <= 1e-6 * max(1, abs(v["rule"])), (card, n, v)


def test_the_lessons_goals():
    w = widgets.create("rule_cards", {"card": "xⁿ"})
    w.set_values({"n": -1, "a": 0.5})
    assert w.values()["rule"] == -4
    w.set_values({"card": "ln x", "a": 0.5})
    assert w.values()["rule"] == 2
    w.handle({"type": "drag", "handle": "a", "x": w.plot().x(2.0), "y": 0})
    assert w.values()["a"] == 2.0
