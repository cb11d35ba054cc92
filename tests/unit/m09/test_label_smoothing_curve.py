"""label_smoothing_curve: with a one-hot target the loss keeps falling toward c = 1 (its
logit gap without bound); with smoothing eps the loss is lowest at c = 1 - eps + eps/K,
where the gap is finite (ln 37 for eps = 0.1, K = 4)."""

import math

from mlmath import widgets


def losses(w):
    out = []
    for i in range(10, 1000):
        w.set_values({"c": i / 1000})
        out.append(w.values()["loss"])
    return out


def test_one_hot_loss_falls_all_the_way():
    w = widgets.create("label_smoothing_curve", {"classes": 4, "eps": 0})
    ls = losses(w)
    assert all(a > b for a, b in zip(ls, ls[1:])) and w.values()["best"] == 0.999
    assert math.isclose(w.values()["loss"], -math.log(0.999))


def test_smoothed_loss_has_its_bottom_at_the_target():
    w = widgets.create("label_smoothing_curve", {"classes": 4, "eps": 0.1})
    ls = losses(w)
    best = (ls.index(min(ls)) + 10) / 1000
    assert best == 0.925 == w.values()["target"] == w.values()["best"]
    w.set_values({"c": 0.925})
    assert math.isclose(w.values()["gap"], math.log(37)) and round(w.values()["gap"], 2) == 3.61


def test_the_loss_is_the_cross_entropy_of_the_smoothed_target():
    w = widgets.create("label_smoothing_curve", {"classes": 5, "eps": 0.2, "c": 0.5})
    t = [1 - 0.2 + 0.04] + [0.04] * 4
    q = [0.5] + [0.125] * 4
    assert math.isclose(w.values()["loss"], -sum(a * math.log(b) for a, b in zip(t, q)))
    w.handle({"type": "drag", "handle": "c", "x": w.plot.x(0.84), "y": 0})
    assert math.isclose(w.values()["c"], 0.84, abs_tol=0.002)
