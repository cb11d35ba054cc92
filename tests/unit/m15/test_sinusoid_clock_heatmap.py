"""The sinusoid_clock_heatmap widget: the encoding, the clocks, dragging, keys, the base slider, goals,
and the numbers lesson m15-l04 states."""

import math

import pytest

from lesson_kernel import lesson_part, run_lesson
from mlmath import widgets
from mlmath.m15.sinusoid_clock_heatmap import encoding, frequencies
from scene_checks import assert_scene_fits, readout



def lesson_config():
    return dict(lesson_part("m15-l04", "widget", "clock").data)


@pytest.mark.parametrize("config, words", [
    ({"dims": 7}, "even"),
    ({"dims": 40}, "dims"),
    ({"positions": 3}, "positions"),
    ({"base": 500}, "base"),
    ({"base": 0}, "base"),
    ({"p1": 40}, "p1"),
    ({"p2": 1.5}, "p2"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("sinusoid_clock_heatmap", config)


def test_encoding_is_sin_then_cos_at_the_paper_speeds():
    assert frequencies(4, 10000) == pytest.approx([1.0, 0.01])
    assert encoding(0, 4, 10000) == pytest.approx([0, 1, 0, 1])
    assert encoding(2, 4, 10000) == pytest.approx([math.sin(2), math.cos(2), math.sin(0.02), math.cos(0.02)])
    assert frequencies(6, 1) == [1.0, 1.0, 1.0]


def test_drag_and_keys_move_the_markers():
    w = widgets.create("sinusoid_clock_heatmap")
    w.handle({"type": "drag", "handle": "p2", "x": w.cx(20), "y": 0})
    assert w.p2 == 20
    w.handle({"type": "drag", "handle": "p1", "x": 9999, "y": 0})
    assert w.p1 == 31
    w.handle({"type": "key", "handle": "p1", "key": "ArrowLeft"})
    assert w.p1 == 30
    w.handle({"type": "key", "handle": "p1", "key": "PageDown"})
    assert w.p1 == 25
    w.handle({"type": "key", "handle": "p1", "key": "Home"})
    assert w.p1 == 0
    w.handle({"type": "key", "handle": "p2", "key": "End"})
    assert w.p2 == 31
    w.handle({"type": "drag", "handle": "nope", "x": 0, "y": 0})
    assert (w.p1, w.p2) == (0, 31)


def test_the_slider_sets_the_base():
    w = widgets.create("sinusoid_clock_heatmap")
    assert w.base == 10000
    w.handle({"type": "input", "id": "logbase", "value": 0})
    assert w.base == 1
    assert w.controls()[0]["display"] == "1"
    w.handle({"type": "input", "id": "logbase", "value": 2.2})
    assert w.base == pytest.approx(10 ** 2)
    assert all(f == 1 for f in (frequencies(12, 1)))


def test_readouts_measure_the_two_fingerprints():
    w = widgets.create("sinusoid_clock_heatmap", dict(p1=3, p2=28, base=1))
    assert readout(w, "|PE(p) \u2212 PE(p\u2032)|") == "0.32"
    assert readout(w, "closest to p") == "28 (distance 0.32)"
    d = math.dist(encoding(3, 12, 1), encoding(28, 12, 1))
    assert w.values()["dist"] == pytest.approx(d)


def test_dot_and_distance_depend_only_on_the_offset():
    w = widgets.create("sinusoid_clock_heatmap")
    for a, b in [(0, 7), (10, 17), (24, 31)]:
        w.set_values({"p1": a, "p2": b})
        assert w.values()["dot"] == pytest.approx(widgets.create("sinusoid_clock_heatmap", dict(p1=0, p2=7)).values()["dot"])
        assert w.values()["dist"] == pytest.approx(widgets.create("sinusoid_clock_heatmap", dict(p1=0, p2=7)).values()["dist"])


def test_goal_unmet_at_start_and_met_by_its_solution():
    config = lesson_config()
    w = widgets.create("sinusoid_clock_heatmap", config)
    assert not w.goal_met()
    w.set_values({"p2": 28})             # the right position, but every clock still at its own speed
    assert not w.goal_met()
    w.set_values(config["goal"]["solution"])
    assert w.goal_met()
    w.set_values({"p2": 4})              # a neighbour is close, but not far away
    assert not w.goal_met()
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"base": 10})


def test_scene_is_json_and_uses_known_classes():
    w = widgets.create("sinusoid_clock_heatmap")
    scene = assert_scene_fits(w.scene(), max_shapes=449)
    assert len(scene["shapes"]) > 100
    assert {s["handle"] for s in scene["shapes"] if "handle" in s} == {"p1", "p2"}


def test_numbers_the_lesson_states():
    # step 2: the clocks and the two settings of the slider
    assert 10000 ** (-10 / 12) == pytest.approx(0.00046, abs=5e-6)
    assert round(2 * math.pi / 10000 ** (-10 / 12), -2) == 13500
    slow = widgets.create("sinusoid_clock_heatmap", dict(p1=3, p2=28, base=1))
    assert round(slow.values()["dist"], 2) == 0.32
    assert round(slow.dist(3, 2), 2) == round(slow.dist(3, 4), 2) == 2.35
    assert slow.values()["nearest"] == 28
    fast = widgets.create("sinusoid_clock_heatmap", dict(p1=3, p2=28))
    assert round(fast.values()["dist"], 2) == 1.43
    assert fast.values()["nearest"] == 2 and round(fast.values()["nearest_dist"], 2) == 0.98
    # the lesson's cells: order blindness, the sinusoid dot products, the capstone's wpe, and RoPE against adding
    _, printed, _ = run_lesson("m15-l04")
    assert printed["cell-1"].splitlines() == [
        "dog bites man  dog: (0.7085, 0.3543)  bites: (0.4247, 0.6537)  man: (0.7778, -0.0524)",
        "man bites dog  man: (0.7778, -0.0524)  bites: (0.4247, 0.6537)  dog: (0.7085, 0.3543)"]
    rows = printed["cell-2"].splitlines()
    assert len(rows) == 3 and len({r.split("offset", 1)[1] for r in rows}) == 1
    assert printed["cell-3"].splitlines() == ["context length: 64   width: 64", "wpe shape: (64, 64) = 4096 parameters",
                                              "share of the whole model: 4096 / 208320 = 1.97%"]
    lines = printed["cell-4"].splitlines()
    rope_scores = {line.split("RoPE")[1].strip() for line in lines}
    added = [line.split("added")[1].split("RoPE")[0].strip() for line in lines]
    assert len(lines) == 3 and len(rope_scores) == 1 and len(set(added)) == 3
    assert 1024 * 768 == 786432
