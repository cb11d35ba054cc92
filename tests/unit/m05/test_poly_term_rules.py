"""poly_term_rules: the rules' f' agrees with a central difference of f at every a and
setting, the constant c₀ never changes f', the row of the last-moved coefficient is the
highlighted one, and the lesson's goal f'(x) = 3x² − 2 is what c = (·, −2, 0, 1) gives."""

import itertools

from mlmath import widgets
from mlmath.numeric import derivative


def widget(**config):
    return widgets.create("poly_term_rules", config)


def test_the_rules_agree_with_a_central_difference():
    w = widget()
    for c1, c2, c3 in itertools.product((-3, -0.5, 2), (-1.5, 0, 3), (-2, 0.5, 3)):
        for a in (-2, -0.35, 0, 1.2, 2):
            w.set_values({"c1": c1, "c2": c2, "c3": c3, "a": a})
            v = w.values()
            assert abs(v["rule"] - (c1 + 2 * c2 * a + 3 * c3 * a * a)) < 1e-12
            assert abs(v["gap"]) <= 1e-6 * max(1, abs(v["rule"]))
            assert v["numeric"] == derivative(w.f, a)


def test_the_constant_never_moves_the_slope():
    w = widget()
    before = [w.df(x / 4) for x in range(-8, 9)]
    w.handle({"type": "input", "id": "c0", "value": -3})
    assert w.values()["c0"] == -3 and [w.df(x / 4) for x in range(-8, 9)] == before
    assert w.focus == 0 and w.rows()[0] == ("−3", "a constant: slope 0", "0")


def test_the_goal_is_three_x_squared_minus_two():
    w = widget()
    w.set_values({"c3": 1, "c2": 0, "c1": -2})
    assert all(abs(w.df(x) - (3 * x * x - 2)) < 1e-12 for x in (-2, -1, 0, 0.5, 2))
    assert w.rows()[3] == ("x³", "power rule: 3 · 1 · x²", "3x²")
    w.handle({"type": "drag", "handle": "a", "x": w.plot.x(0.5), "y": 0})
    assert w.values()["a"] == 0.5
