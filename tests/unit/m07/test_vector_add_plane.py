"""vector_add_plane and list_to_arrow: an arrow and a list are one object; adding is
component-wise (tip to tail, either order); scaling multiplies the length by |c|;
the length is Pythagoras. Also the numbers lesson m07-l01 states."""

import math

import pytest

from mlmath import widgets
from scene_checks import assert_scene_fits, readout


def test_the_sum_is_componentwise_and_either_order():
    w = widgets.create("vector_add_plane", {"show": "sum", "a": [2, 1], "b": [-1, 2], "target": [3, -1]})
    v = w.values()
    assert (v["sx"], v["sy"]) == (1, 3) and v["hit"] == 0
    assert readout(w, "a + b") == "[1, 3]"
    w.set_values({"bx": 1, "by": -2})          # the lesson's goal: b = target - a
    assert w.values()["hit"] == 1 and (w.values()["sx"], w.values()["sy"]) == (3, -1)


def test_handles_move_points_by_drag_and_key():
    w = widgets.create("vector_add_plane", {"show": "sum"})
    w.handle({"type": "drag", "handle": "b", "x": w.plane.x(-2), "y": w.plane.y(2.5)})
    assert (w.values()["bx"], w.values()["by"]) == (-2, 2.5)
    w.handle({"type": "key", "handle": "a", "key": "ArrowUp"})
    w.handle({"type": "key", "handle": "a", "key": "ArrowLeft"})
    assert (w.values()["ax"], w.values()["ay"]) == (1.5, 1.5)
    w.handle({"type": "key", "handle": "a", "key": "Home"})
    assert (w.values()["ax"], w.values()["ay"]) == (2, 1)


@pytest.mark.parametrize("c", [-2, -1.5, -0.25, 0, 0.5, 2])
def test_scaling_multiplies_the_length_by_abs_c(c):
    w = widgets.create("vector_add_plane", {"show": "scale", "a": [2, 1], "c": c})
    v = w.values()
    assert math.isclose(math.hypot(v["cx"], v["cy"]), abs(c) * math.sqrt(5), abs_tol=1e-12)
    assert v["cx"] * 1 - v["cy"] * 2 == 0          # c·a stays on a's line
    assert_scene_fits(w.scene())


def test_length_is_pythagoras():
    w = widgets.create("vector_add_plane", {"show": "length", "a": [3, 4]})
    assert w.values()["length"] == 5 and readout(w, "|a|") == "5"
    w.set_values({"ax": -4, "ay": 3})
    assert w.values()["length"] == 5


def test_a_typed_list_is_its_arrow():
    w = widgets.create("list_to_arrow", {"text": "[3, -2]", "target": [-2, 3]})
    assert (w.values()["x"], w.values()["y"], w.values()["hit"]) == (3, -2, 0)
    w.handle({"type": "input", "id": "text", "value": "[-2, 3]"})
    assert w.values()["hit"] == 1
    w.handle({"type": "input", "id": "text", "value": "[1, 2, 2]"})
    assert w.values()["n"] == 3 and w.values()["length"] == 3      # the lesson's 3-D example
    assert readout(w, "length") == "3"
    w.handle({"type": "input", "id": "text", "value": "[1, oops]"})
    assert w.values()["n"] == 3 and "list of numbers" in readout(w, "not read")
    assert_scene_fits(w.scene())


@pytest.mark.parametrize("config, words", [({"show": "cube"}, "show"), ({"a": [1]}, "pair"),
                                           ({"c": 5}, "c"), ({"a": [9, 0]}, "a")])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("vector_add_plane", config)
    with pytest.raises(ValueError, match="text"):
        widgets.create("list_to_arrow", {"text": "3, 4"})


def test_the_lessons_numbers():
    assert math.hypot(3, 4) == 5 and math.sqrt(1 + 4 + 4) == 3
    assert [3 - 2, -1 - 1] == [1, -2]
    assert math.isclose(math.hypot(3, -2), math.sqrt(13))
    a, b = [2, 1], [-1, 2]
    assert math.hypot(a[0] + b[0], a[1] + b[1]) <= math.hypot(*a) + math.hypot(*b)
