"""The autodiff_pass_count widget: the log n axis, dragging, keys and sliders, the pass counts
of forward mode, reverse mode and central differences, the time readout, goals, and the
numbers lesson m12-l05 states about them."""

import json
from pathlib import Path

import pytest

from mlbuild.lesson import parse_lesson
from mlmath import widgets
from mlmath.gpt.model import Config, n_params
from mlmath.m12.autodiff_pass_count import M_VALUES, N_VALUES, AutodiffPassCount, duration
from scene_checks import readout

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m12-l05.md"
CSS_CLASSES = {"axis", "grid", "tick", "label", "small", "muted", "accent", "accent2", "accent3", "handle"}


def counter(**config):
    return widgets.create("autodiff_pass_count", config)


def lesson_config():
    return next(p for p in parse_lesson(LESSON).parts("widget") if p.id == "modes").data


def test_registered_under_its_name():
    assert widgets.REGISTRY["autodiff_pass_count"] is AutodiffPassCount


@pytest.mark.parametrize("config, words", [
    ({"colour": "red"}, "colour"),
    ({"n": 0}, "at least 1"),
    ({"m": True}, "at least 1"),
    ({"ms_per_pass": -1}, "positive"),
    ({"marks": [{"n": 5}]}, "label"),
    ({"marks": [{"n": 10 ** 12, "label": "huge"}]}, "whole number"),
    ({"marks": "neuron"}, "list"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        counter(**config)


def test_the_scales_are_one_two_five():
    assert N_VALUES[:7] == [1, 2, 5, 10, 20, 50, 100] and N_VALUES[-1] == 10 ** 9
    assert M_VALUES[0] == 1 and M_VALUES[-1] == 1000
    assert counter(n=900).values()["n"] == 1000 and counter(n=3).values()["n"] == 2


def test_pass_counts():
    w = counter(n=1000, m=1)
    assert w.values() == {"n": 1000, "m": 1, "fwd": 1000, "rev": 2, "fd": 2000}
    w.set_values({"n": 2, "m": 5})
    assert w.values() == {"n": 2, "m": 5, "fwd": 2, "rev": 6, "fd": 4}
    with pytest.raises(KeyError):
        w.set_values({"fwd": 1})


def test_drag_keys_and_sliders():
    w = counter(n=1000)
    for n in (1, 50, 10 ** 6, 10 ** 9):
        w.handle({"type": "drag", "handle": "n", "x": w.x_of(n), "y": 50})
        assert w.values()["n"] == n
    w.handle({"type": "drag", "handle": "n", "x": -500, "y": 50})
    assert w.values()["n"] == 1
    key = lambda k: w.handle({"type": "key", "handle": "n", "key": k})  # noqa: E731
    key("ArrowRight")
    assert w.values()["n"] == 2
    key("PageUp")
    assert w.values()["n"] == 20
    key("ArrowLeft")
    assert w.values()["n"] == 10
    key("End")
    assert w.values()["n"] == 10 ** 9
    key("ArrowUp")
    assert w.values()["n"] == 10 ** 9
    key("Home")
    assert w.values()["n"] == 1
    w.handle({"type": "input", "id": "n", "value": 9})
    assert w.values()["n"] == 1000
    w.handle({"type": "input", "id": "m", "value": 3})
    assert w.values()["m"] == 10
    w.handle({"type": "input", "id": "m", "value": 99})
    assert w.values()["m"] == 1000
    w.handle({"type": "input", "id": "m", "value": "x"})
    assert w.values()["m"] == 1000


def test_readouts_and_the_bars_follow_the_counts():
    w = counter(n=10 ** 6, m=1, ms_per_pass=1)
    assert readout(w, "forward mode") == "n = 1,000,000 passes"
    assert readout(w, "reverse mode") == "1 forward + m = 1 backward = 2 passes"
    assert readout(w, "central differences") == "2n = 2,000,000 passes"
    assert readout(w, "at 1 ms a pass") == "forward mode 16.7 minutes, reverse mode 2 ms"
    assert readout(w, "") == "reverse mode needs 500,000\u00d7 fewer passes"
    bars = [s for s in w.shapes() if s["t"] == "rect"]
    assert [b["w"] for b in bars] == [pytest.approx(w.x_of(p) - w.x0, abs=0.1) for p in (10 ** 6, 2, 2 * 10 ** 6)]
    handle = next(s for s in w.shapes() if s.get("handle") == "n")
    assert handle["cx"] == round(w.x_of(10 ** 6), 1) == round(w.x0 + bars[0]["w"], 1)
    w.set_values({"n": 1, "m": 1})
    assert readout(w, "").startswith("forward mode wins")
    w.set_values({"n": 2, "m": 1})
    assert readout(w, "") == "a tie"
    w.set_values({"n": 5, "m": 1})
    assert readout(w, "") == "reverse mode needs 2.5\u00d7 fewer passes"


def test_duration_reads_like_a_person():
    assert duration(0.002) == "2 ms"
    assert duration(1.0) == "1 s"
    assert duration(1000) == "16.7 minutes"
    assert duration(86400 * 11.57) == "11.6 days"
    assert duration(365.25 * 86400 * 31.7) == "31.7 years"


@pytest.mark.parametrize("values", [{"n": 1, "m": 1}, {"n": 10 ** 9, "m": 1000}, {"n": 5, "m": 20}])
def test_scene_is_small_json_and_in_bounds(values):
    w = counter(**lesson_config() | {"goal": None})
    w.set_values(values)
    scene = json.loads(json.dumps(w.scene()))
    assert len(scene["shapes"]) <= 60
    for s in scene["shapes"]:
        assert set(s.get("cls", "").split()) <= CSS_CLASSES, s
        for k in ("x", "cx", "x1", "x2"):
            if k in s:
                assert 0 <= s[k] <= scene["w"], s
        if s["t"] == "rect":
            assert s["x"] + s["w"] <= scene["w"], s


def test_lesson_goal_and_near_misses():
    cfg = lesson_config()
    w = widgets.create("autodiff_pass_count", cfg)
    assert not w.goal_met()
    w.set_values(cfg["goal"]["solution"])
    assert w.goal_met()
    for values in ({"n": 2, "m": 1}, {"n": 10, "m": 5}, {"n": 1000, "m": 500}):
        w.set_values(values)
        assert not w.goal_met(), values


def test_numbers_stated_in_the_prose():
    capstone = n_params(Config())
    assert capstone == 208320                                            # "208,320 parameters"
    assert {"n": capstone, "label": "capstone GPT"} in lesson_config()["marks"]
    w = counter(n=1, m=1, ms_per_pass=1)
    assert duration(capstone / 1000) == "3.47 minutes"                   # "about 3.5 minutes a step"
    assert duration(2 / 1000) == "2 ms"                                  # "against 2 ms"
    assert w.passes()["rev"] == 2
