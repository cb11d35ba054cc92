"""basis_transform: the handles are the matrix's columns; every point lands at
x·(where i went) + y·(where j went); the targets' matrices; the signed area of the
unit square is the determinant. And the numbers m07-l03 states."""

import math
import random

import pytest

from mlmath import widgets
from mlmath.widgets.plane import apply
from scene_checks import assert_scene_fits, readout


def test_the_handles_are_the_columns_and_points_follow():
    w = widgets.create("basis_transform", {"point": [2, 1]})
    rng = random.Random(5)
    for _ in range(100):
        state = {k: rng.randint(-6, 6) / 2 for k in ("ix", "iy", "jx", "jy")}
        w.set_values(state)
        v = w.values()
        assert [[v["a"], v["b"]], [v["c"], v["d"]]] == [[state["ix"], state["jx"]], [state["iy"], state["jy"]]]
        assert (v["vx"], v["vy"]) == (2 * state["ix"] + state["jx"], 2 * state["iy"] + state["jy"])
        assert v["det"] == state["ix"] * state["jy"] - state["jx"] * state["iy"]
        assert_scene_fits(w.scene())


def test_the_lessons_goals_and_numbers():
    w = widgets.create("basis_transform", {"point": [2, 1]})
    w.set_values({"jx": -2, "jy": 3})
    assert (w.values()["vx"], w.values()["vy"]) == (0, 3) and readout(w, "M[2, 1]") == "[0, 3]"
    w.set_values({"ix": 1, "iy": 2, "jx": -1, "jy": 1})
    w.v = [3, 2]
    assert (w.values()["vx"], w.values()["vy"]) == (1, 8)
    for target, M in [("rot90", [[0, -1], [1, 0]]), ("swap", [[0, 1], [1, 0]]), ("shear", [[1, 1], [0, 1]])]:
        t = widgets.create("basis_transform", {"target": target})
        assert t.values()["match"] == 0
        t.set_values({"ix": M[0][0], "iy": M[1][0], "jx": M[0][1], "jy": M[1][1]})
        assert t.values()["match"] == 1 and readout(t, "matches target") == "yes"
    # a quarter turn clockwise is [[0, 1], [-1, 0]]: i goes down, j goes right
    assert apply([[0, 1], [-1, 0]], (1, 0)) == (0, -1) and apply([[0, 1], [-1, 0]], (0, 1)) == (1, 0)
    # rotation by pi/6 matches turning by the angle
    t = math.pi / 6
    R = [[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]]
    x, y = apply(R, (2, 1))
    assert math.isclose(math.atan2(y, x), math.atan2(1, 2) + t) and math.isclose(math.hypot(x, y), math.sqrt(5))


def test_area_readout_and_orientation():
    w = widgets.create("basis_transform", {"area": True})
    assert readout(w, "det M") == "1"
    w.set_values({"ix": 2, "iy": 0, "jx": 1, "jy": 1.5})
    assert w.values()["det"] == 3
    w.set_values({"ix": 0, "iy": 1, "jx": 1, "jy": 0})
    assert w.values()["det"] == -1
    w.set_values({"ix": 1, "iy": 1, "jx": 2, "jy": 2})
    assert w.values()["det"] == 0
    assert_scene_fits(w.scene())


def test_keys_move_a_column():
    w = widgets.create("basis_transform", {})
    w.handle({"type": "key", "handle": "j", "key": "ArrowLeft"})
    w.handle({"type": "key", "handle": "j", "key": "ArrowUp"})
    assert (w.values()["b"], w.values()["d"]) == (-0.5, 1.5)
    w.handle({"type": "drag", "handle": "i", "x": w.plane.x(-1), "y": w.plane.y(2)})
    assert (w.values()["a"], w.values()["c"]) == (-1, 2)


@pytest.mark.parametrize("config, words", [({"target": "spin"}, "target"), ({"point": [1]}, "point"),
                                           ({"area": 1}, "area"), ({"i": [9, 0]}, "i")])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("basis_transform", config)
