"""perceptron_rule_steps: the rule replayed from zero, the numbers lesson m11-l01 states
(the first update, the mistake count rising after update 4, convergence after 8), and
the button stepping the update count."""

from mlmath import widgets
from mlmath.m11.nn_common import RULE, mistakes, rule_history


def test_the_history_the_lesson_describes():
    h = rule_history(RULE)
    assert h[1] == ((-3, 2), 1, 1)                      # the first update, at x = (-3, 2)
    assert (-3) * (-3) + 2 * 2 + 1 == 14                 # that point's z rises by 14
    counts = [len(mistakes(w, b, RULE)) for w, b, _ in h]
    assert counts == [5, 3, 2, 1, 2, 1, 1, 1, 0]         # up from 1 to 2 after update 4
    assert len(h) - 1 == 8 and h[-1][:2] == ((1, 5), 2)


def test_each_update_raises_the_corrected_points_z_toward_its_side():
    h = rule_history(RULE)
    for (w0, b0, _), (w1, b1, i) in zip(h, h[1:]):
        x, y = RULE[i]
        z0 = sum(a * c for a, c in zip(w0, x)) + b0
        z1 = sum(a * c for a, c in zip(w1, x)) + b1
        assert (z1 - z0) * (1 if y else -1) == x[0] ** 2 + x[1] ** 2 + 1


def test_the_button_steps_and_stops_at_the_end():
    w = widgets.create("perceptron_rule_steps", {})
    assert w.values()["errors"] == 5 and w.values()["done"] == 0
    for _ in range(12):
        w.handle({"type": "input", "id": "next", "value": None})
    assert w.values()["t"] == 8 and w.values()["errors"] == 0 and w.values()["done"] == 1
