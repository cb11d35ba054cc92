"""coin_entropy_curve: H(p) is the p-weighted average of the two sides' surprises, largest
(1 bit) for a fair coin, symmetric, and zero for a sure one; the handle moves p."""

import math

from mlmath import widgets


def test_entropy_is_the_weighted_average_of_the_surprises():
    w = widgets.create("coin_entropy_curve", {"p": 0.3})
    v = w.values()
    assert math.isclose(v["H"], 0.3 * v["heads"] + 0.7 * v["tails"])


def test_largest_at_a_fair_coin_and_symmetric():
    w = widgets.create("coin_entropy_curve", {})
    hs = []
    for p in [i / 100 for i in range(101)]:
        w.set_values({"p": p})
        hs.append(w.values()["H"])
    assert max(hs) == hs[50] == 1 and hs[0] == hs[100] == 0
    assert all(math.isclose(hs[i], hs[100 - i]) for i in range(101))


def test_the_handle_moves_p():
    w = widgets.create("coin_entropy_curve", {"p": 0.5})
    w.handle({"type": "drag", "handle": "p", "x": w.plot.x(0.11), "y": 0})
    assert abs(w.values()["p"] - 0.11) < 0.002 and abs(w.values()["H"] - 0.5) < 0.01
    w.handle({"type": "key", "handle": "p", "key": "Home"})
    assert w.values()["H"] == 0
