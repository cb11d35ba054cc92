"""coin_likelihood_curve: L(p) = p^h (1 - p)^t, its log has the same peak at h / n, the
buttons add and remove flips, and dragging moves p."""

import math

import pytest

from mlmath import widgets
from scene_checks import readout


def coin(**config):
    return widgets.create("coin_likelihood_curve", config)


def press(w, cid):
    w.handle({"type": "input", "id": cid, "value": None})


def test_the_likelihood_of_hhth():
    w = coin(flips="HHTH", p=0.5)
    v = w.values()
    assert v["lik"] == pytest.approx(0.5 ** 4) and v["loglik"] == pytest.approx(4 * math.log(0.5))
    w.set_values({"p": 0.75})
    assert w.values()["lik"] == pytest.approx(0.75 ** 3 * 0.25) and readout(w, "heads / flips") == "3 / 4"


@pytest.mark.parametrize("flips", ["HHTH", "T", "HHHHHHHTTT", "HTTTTTTTTTTTTTTTTTTT"])
def test_the_peak_on_the_grid_is_the_frequency(flips):
    w = coin(flips=flips)
    best = max((k / 100 for k in range(1, 100)), key=lambda p: (w.set_values({"p": p}), w.values()["loglik"])[1])
    assert best == pytest.approx(w.values()["mle"], abs=0.011)   # the grid runs 0.01 .. 0.99


def test_buttons_add_and_remove_flips():
    w = coin(flips="")
    assert w.values()["n"] == 0 and w.values()["loglik"] == 0
    press(w, "H"), press(w, "T"), press(w, "H")
    assert w.values()["flips"] == "HTH"
    press(w, "undo")
    assert w.values()["flips"] == "HT"
    w.set_values({"p": 1})
    assert w.values()["lik"] == 0 and readout(w, "log L(p)") == "−∞"


def test_dragging_and_the_toggle():
    w = coin()
    pl = w.plot()[0]
    w.handle({"type": "drag", "handle": "p", "x": pl.x(0.3), "y": 0})
    assert w.values()["p"] == 0.3
    press(w, "log")
    assert w.values()["log"] is False and w.scene()


def test_bad_flips_are_rejected_by_name():
    with pytest.raises(ValueError, match="coin_likelihood_curve: flips"):
        coin(flips="HXT")
