"""curve_pair_gallery: each panel's curves have the shape its diagnosis names, and only
naming all four right meets the goal."""

from mlmath import widgets
from mlmath.m13.curve_pair_gallery import EPOCHS, PANELS


def curves(diagnosis):
    f = next(f for _, f, right in PANELS if right == diagnosis)
    return [f(t)[0] for t in range(EPOCHS + 1)], [f(t)[1] for t in range(EPOCHS + 1)]


def test_each_panel_has_the_shape_of_its_diagnosis():
    train, val = curves("overfitting")
    turn = val.index(min(val))
    assert 0 < turn < EPOCHS and val[-1] > min(val) + 0.1 and train[-1] < train[turn]
    train, val = curves("underfitting")
    assert train[-1] > 0.6 and abs(val[-1] - train[-1]) < 0.1 and train[-5] - train[-1] < 0.01
    train, val = curves("still learning")
    assert train[-2] - train[-1] > 0.015 and val[-2] - val[-1] > 0.015
    train, val = curves("good fit")
    assert train[-5] - train[-1] < 0.01 and 0 < val[-1] - train[-1] < 0.1 and val[-1] < 0.25


def test_the_goal_needs_every_panel_right():
    w = widgets.create("curve_pair_gallery", {})
    assert w.values()["correct"] == 0
    for key, _, right in PANELS[:3]:
        w.set_values({key: right})
    assert w.values()["correct"] == 3
    w.set_values({"correct": 4})
    assert w.values()["correct"] == 4
    w.handle({"type": "input", "id": "a", "value": 1})     # a slider position: "underfitting"
    assert w.values()["a"] == "underfitting" and w.values()["correct"] == 3
