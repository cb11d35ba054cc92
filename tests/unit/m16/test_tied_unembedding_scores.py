"""The tied_unembedding_scores widget: logits as dot products with rows of wte, softmax, the
draggable h, its keys, the goal, and the claims lesson m16-l04 makes about direction and length."""

import math

import pytest

from lesson_kernel import lesson_widget
from mlmath import widgets
from mlmath.m16.tied_unembedding_scores import PLANE, TOKENS

NAME = "tied_unembedding_scores"


def test_rejects_bad_options():
    for bad in ({"h": [4, 0]}, {"h": [1]}, {"h": "up"}, {"tokens": [["e", 1, 1]]},
                {"tokens": [["ee", 1, 1], ["t", 0, 1]]}, {"tokens": [["e", 1, 1], ["e", 0, 1]]},
                {"tokens": [["e", 1, 1], ["t", 0, 9]]}):
        with pytest.raises(ValueError):
            widgets.create(NAME, bad)


def test_logits_are_dot_products_with_the_rows_and_softmax_sums_to_one():
    w = widgets.create(NAME, dict(h=[0.7, -1.2]))
    v = w.values()
    for ch, x, y in TOKENS:
        assert v["logit"][ch] == pytest.approx(0.7 * x - 1.2 * y)
    z = [v["logit"][ch] for ch, _, _ in TOKENS]
    den = sum(math.exp(a) for a in z)
    for ch, _, _ in TOKENS:
        assert v["p"][ch] == pytest.approx(math.exp(v["logit"][ch]) / den)
    assert sum(v["p"].values()) == pytest.approx(1)
    assert v["top"] == max(v["p"], key=v["p"].get) and v["norm"] == pytest.approx(math.hypot(0.7, 1.2))
    w = widgets.create(NAME, dict(tokens=[["x", 1, 0], ["y", 0, 1]], h=[2, 1]))
    assert w.values()["top"] == "x" and w.values()["logit"] == {"x": 2.0, "y": 1.0}


def test_drag_and_keys_move_h():
    w = widgets.create(NAME)
    px, py = PLANE.at(1.5, -0.5)
    w.handle({"type": "drag", "handle": "h", "x": px + 1, "y": py})
    assert (w.values()["hx"], w.values()["hy"]) == (1.5, -0.5)
    w.handle({"type": "drag", "handle": "h", "x": -500, "y": -500})
    assert (w.values()["hx"], w.values()["hy"]) == (-3.0, 3.0)
    w.handle({"type": "key", "handle": "h", "key": "ArrowRight"})
    w.handle({"type": "key", "handle": "h", "key": "ArrowDown"})
    assert (w.values()["hx"], w.values()["hy"]) == (-2.9, 2.9)
    w.handle({"type": "key", "handle": "h", "key": "PageUp"})
    assert w.values()["hx"] == -2.4
    w.handle({"type": "drag", "handle": "other", "x": 0, "y": 0})
    w.handle({"type": "drag", "handle": "h", "x": "left"})
    assert w.values()["hx"] == -2.4


def test_the_scene_names_h_and_writes_the_scores():
    w = widgets.create(NAME, dict(h=[1.5, 1.5]))
    scene = w.scene()
    handles = [s for s in scene["shapes"] if s.get("handle")]
    assert len(handles) == 1 and handles[0]["label"] and handles[0]["value"] == "h = (1.50, 1.50)"
    strings = [s["s"] for s in scene["shapes"] if s["t"] == "text"]
    assert "3.15" in strings and "0.77" in strings
    assert scene["readouts"][1]["value"] == "e with probability 0.77"


def test_goal_and_the_lessons_claims():
    w = lesson_widget("m16-l04", "tied")
    assert not w.goal_met() and w.values()["top"] == "t"      # the start: t leads
    w.set_values({"hx": 1.5, "hy": 1.5})
    assert w.goal_met()
    # pointing at e with a short h is not enough
    w.set_values({"hx": 0.5, "hy": 0.5})
    assert w.values()["top"] == "e" and w.values()["p_top"] < 0.6 and not w.goal_met()
    # twice as long, same direction: same winner, more probable (the quiz)
    for h in ([0.5, 0.5], [-0.4, 0.6], [1.0, -0.3]):
        a = widgets.create(NAME, dict(h=h)).values()
        b = widgets.create(NAME, dict(h=[2 * h[0], 2 * h[1]])).values()
        assert a["top"] == b["top"] and b["p_top"] > a["p_top"]
        assert all(b["logit"][c] == pytest.approx(2 * a["logit"][c]) for c in a["logit"])
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"top": "t"})
