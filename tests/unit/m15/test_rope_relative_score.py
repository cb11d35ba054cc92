"""The rope_relative_score widget: rotation, the score depending on the offset alone under RoPE (and not when
positions are added), dragging m, n and both, keys, the mode button, goals, and the numbers lesson m15-l04 states."""

import math
import pytest

from lesson_kernel import lesson_part, lesson_widget
from mlmath import widgets
from mlmath.m15.rope_relative_score import rotate
from scene_checks import assert_scene_fits, readout




@pytest.mark.parametrize("config, words", [({"positions": 4}, "positions"),
                                           ({"theta": 0}, "theta"), ({"q": [1, 2, 3]}, "q must"),
                                           ({"k": [5, 0]}, "k must"), ({"mode": "mul"}, "mode"),
                                           ({"m": 16}, "m must"), ({"n": -1}, "n must")])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("rope_relative_score", config)


def test_rotate_turns_anticlockwise_and_keeps_length():
    assert rotate([1, 0], math.pi / 2) == pytest.approx([0, 1])
    x, y = rotate([3, 4], 1.0)
    assert math.hypot(x, y) == pytest.approx(5)


def test_rope_score_depends_only_on_the_offset():
    w = widgets.create("rope_relative_score")
    for off in range(-5, 6):
        scores = {round(w.score(m, m - off, True), 12) for m in range(max(0, off), min(16, 16 + off))}
        assert len(scores) == 1
        assert scores.pop() == pytest.approx(w.rope_curve(off))


def test_adding_positions_does_not():
    w = widgets.create("rope_relative_score")
    assert w.score(5, 2, False) != pytest.approx(w.score(10, 7, False))
    q, k = [1.5, 0.0], [1.2 * math.cos(1.2), 1.2 * math.sin(1.2)]
    m, n = 4, 1
    want = (q[0] + math.sin(m * 0.4)) * (k[0] + math.sin(n * 0.4)) + (q[1] + math.cos(m * 0.4)) * (k[1] + math.cos(n * 0.4))
    assert w.score(m, n, False) == pytest.approx(want)


def test_handles_move_one_or_both():
    w = widgets.create("rope_relative_score", dict(m=5, n=5))
    w.handle({"type": "drag", "handle": "n", "x": w.ruler(2), "y": 0})
    assert (w.m, w.n) == (5, 2)
    w.handle({"type": "key", "handle": "both", "key": "PageUp"})
    assert (w.m, w.n) == (10, 7)
    w.handle({"type": "key", "handle": "both", "key": "End"})
    assert (w.m, w.n) == (15, 12)             # stops at the end, offset kept
    w.handle({"type": "key", "handle": "both", "key": "Home"})
    assert (w.m, w.n) == (3, 0)
    w.handle({"type": "drag", "handle": "both", "x": w.ruler(9), "y": 0})
    assert w.m - w.n == 3 and (w.m + w.n) // 2 == 9
    w.handle({"type": "key", "handle": "m", "key": "ArrowLeft"})
    assert (w.m, w.n) == (10, 8)
    w.handle({"type": "key", "handle": "m", "key": "End"})
    assert w.m == 15


def test_mode_button_switches_recipe():
    w = widgets.create("rope_relative_score", dict(m=5, n=2))
    assert readout(w, "score") == "1.80" and w.rope
    w.handle({"type": "input", "id": "mode"})
    assert not w.rope and w.controls()[0]["label"] == "Switch to rotating (RoPE)"
    assert readout(w, "score") == "2.02"
    w.handle({"type": "input", "id": "mode"})
    assert w.rope


def test_goal_unmet_at_start_and_met_by_its_solution():
    part = lesson_part("m15-l04", "widget", "rope")
    w = lesson_widget("m15-l04", "rope")
    assert not w.goal_met()
    w.set_values({"m": 5, "n": 2})           # found the best key, not yet carried along
    assert not w.goal_met()
    w.set_values({"m": 12, "n": 9, "rope": 0})   # carried along, but adding positions
    assert not w.goal_met()
    w.set_values(part.data["goal"]["solution"])
    assert w.goal_met()
    assert w.values()["best"] == 3


def test_scene_is_json_and_uses_known_classes():
    for rope in (True, False):
        w = widgets.create("rope_relative_score", dict(m=12, n=3, mode="rope" if rope else "add"))
        scene = assert_scene_fits(w.scene(), max_shapes=149)
        assert {s["handle"] for s in scene["shapes"] if "handle" in s} == {"m", "n", "both"}


def test_numbers_the_lesson_states():
    w = widgets.create("rope_relative_score")
    assert w.best() == 3
    assert round(w.rope_curve(3), 2) == 1.80 == round(1.5 * 1.2, 2)
    assert round(w.score(5, 2, False), 2) == 2.02
    assert round(w.score(10, 7, False), 2) == 0.46
    assert round(w.rope_curve(13), 2) == -1.18
    assert round(math.hypot(*w.k), 6) == 1.2 and math.atan2(w.k[1], w.k[0]) == pytest.approx(1.2)
