"""categorical_strip: the running totals cut [0, 1) into half-open pieces, u picks the piece
it lands in, the fallback past a rounding-short total, and the capstone's sampler agrees."""

import random

import pytest

from mlmath import widgets
from mlmath.gpt.sample import pick as capstone_pick
from mlmath.m08.categorical_strip import LEFT, RIGHT, pick
from scene_checks import readout


def strip(**config):
    return widgets.create("categorical_strip", config)


@pytest.mark.parametrize("u, want", [(0, "a"), (0.49, "a"), (0.5, "b"), (0.69, "b"), (0.7, "c"), (0.9, "d"), (0.99, "d")])
def test_each_piece_includes_its_left_end(u, want):
    w = strip(u=u)
    assert w.values()["picked"] == want


def test_the_goal_is_the_left_end_of_c():
    w = strip(u=0.7)
    assert readout(w, "interval") == "[0.7, 0.9)" and w.values()["picked"] == "c"
    w.set_values({"u": 0.69})
    assert w.values()["picked"] == "b"


def test_a_rounding_short_total_falls_back_to_the_last_nonzero_token():
    total = 0.0
    for p in [0.1] * 10:
        total += p
    assert total == 0.9999999999999999 == 1 - 2 ** -53
    assert pick([0.1] * 10, 1 - 2 ** -53) == 9
    assert pick([0.3, 0.7 - 1e-12, 0.0], 0.9999999999999) == 1
    assert pick([0, 1], 0.0) == 1


def test_the_drawn_interval_holds_u_and_is_the_capstones_pick():
    """The strip draws the running totals; the token it highlights is the capstone's sampler's."""
    rng = random.Random(5)
    for _ in range(100):
        probs = [rng.random() for _ in range(rng.randint(2, 6))]
        z = sum(probs)
        w = strip(probs=[p / z for p in probs])
        for k in range(0, 100, 7):
            w.set_values({"u": k / 100})
            v = w.values()
            assert v["low"] <= v["u"] < v["high"] and v["index"] == capstone_pick(w.probs, v["u"])


def test_dragging_moves_u():
    w = strip()
    w.handle({"type": "drag", "handle": "u", "x": LEFT + 0.8 * (RIGHT - LEFT), "y": 0})
    assert w.values()["u"] == 0.8 and w.values()["picked"] == "c"


def test_bad_probabilities_are_rejected_by_name():
    with pytest.raises(ValueError, match="categorical_strip: probs"):
        strip(probs=[0.5, 0.3])
    with pytest.raises(ValueError, match="categorical_strip: labels"):
        strip(labels=["a"])
