"""dot_angle_plane and cosine_rank: the two formulas for a·b agree; its sign is the sign
of cos θ; the shadow is a·b / |b| and what is left is perpendicular to b; cosine ranks by
direction while the dot product also rewards length. And the numbers m07-l02 states."""

import math
import random

import pytest

from mlmath import widgets
from scene_checks import assert_scene_fits, readout


def test_the_two_formulas_agree_everywhere():
    w = widgets.create("dot_angle_plane", {"projection": True})
    rng = random.Random(3)
    for _ in range(200):
        state = {k: rng.randint(-8, 8) / 2 for k in ("ax", "ay", "bx", "by")}
        w.set_values(state)
        v = w.values()
        a, b = (v["ax"], v["ay"]), (v["bx"], v["by"])
        if a == (0, 0) or b == (0, 0):
            assert v["angle"] is None and v["cos"] is None
            continue
        by_angle = math.hypot(*a) * math.hypot(*b) * math.cos(math.radians(v["angle"]))
        assert math.isclose(v["dot"], by_angle, abs_tol=1e-9)
        assert (v["dot"] > 1e-12) == (v["angle"] < 90 - 1e-9)
        # the shadow: the foot of the perpendicular
        rest = (a[0] - v["px"], a[1] - v["py"])
        assert abs(rest[0] * b[0] + rest[1] * b[1]) < 1e-9
        assert math.isclose(v["shadow"], v["dot"] / math.hypot(*b), abs_tol=1e-12)
        assert_scene_fits(w.scene())


def test_the_lessons_pair():
    w = widgets.create("dot_angle_plane", {"a": [2, 1], "b": [3, -1], "projection": True})
    v = w.values()
    assert v["dot"] == 5 and math.isclose(v["angle"], 45) and readout(w, "θ") == "45°"
    assert readout(w, "shadow") == "1.581" and math.isclose(v["px"], 1.5) and math.isclose(v["py"], -0.5)
    w.set_values({"bx": -1, "by": 2})
    assert w.values()["dot"] == 0 and math.isclose(w.values()["angle"], 90)
    w.set_values({"bx": 3, "by": -1, "ax": -2, "ay": 1})
    assert w.values()["shadow"] < -1
    w.set_values({"bx": 0, "by": 0})
    assert readout(w, "θ") == "undefined" and not w.goal_met()


def test_the_lessons_other_numbers():
    assert 1 * 4 + -2 * 0 + 3 * -1 == 1
    assert [-1 * -2 + 0 * 1] == [2] and 1 * -3 + 0 * 5 == -3
    assert math.isclose(math.sqrt(5) * math.sqrt(10) * math.cos(math.radians(45)), 5)
    assert round(5 / math.sqrt(10), 3) == 1.581
    assert [2 - 1.5, 1 + 0.5] == [0.5, 1.5] and 0.5 * 3 + 1.5 * -1 == 0


def test_cosine_ranks_direction_and_dot_rewards_length():
    w = widgets.create("cosine_rank", {})
    v = w.values()
    assert v["top"] == "lion" and v["topdot"] == "lion"
    w.set_values({"qx": 2, "qy": 1})            # straight along kitten = [1, 0.5]
    v = w.values()
    assert math.isclose(v["cos_kitten"], 1) and v["top"] == "kitten" and v["topdot"] == "lion"
    assert readout(w, "nearest by cosine") == "kitten"
    w.set_values({"qx": 0.5, "qy": 0.25})       # shorter query, same direction: cosines unchanged
    assert math.isclose(w.values()["cos_kitten"], 1) and w.values()["top"] == "kitten"
    w.set_values({"qx": 0, "qy": 0})
    assert w.values()["top"] == "" and w.values()["cos_lion"] is None and not w.goal_met()
    assert_scene_fits(w.scene())
    w.handle({"type": "key", "handle": "q", "key": "ArrowRight"})
    assert w.values()["qx"] == 0.25


@pytest.mark.parametrize("config, words", [({"words": {"a": [1, 0]}}, "2 to 6"),
                                           ({"words": {"Cat": [1, 0], "dog": [0, 1]}}, "usable word"),
                                           ({"words": {"cat": [0, 0], "dog": [0, 1]}}, "no direction"),
                                           ({"query": [9, 0]}, "query")])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("cosine_rank", config)
