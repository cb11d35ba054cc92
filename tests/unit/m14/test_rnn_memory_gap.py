"""The rnn_memory_gap widget: dragging w_h, the two traces, the gap, and the numbers
lesson m14-l05 states about how long a one-unit RNN remembers."""

import json
import math
from pathlib import Path

import pytest

from mlbuild.lesson import parse_lesson
from mlmath import widgets
from mlmath.m14.rnn_memory_gap import RnnMemoryGap, trace

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m14-l05.md"


def memory(**config):
    return widgets.create("rnn_memory_gap", config)


def test_registered_under_its_name():
    assert widgets.REGISTRY["rnn_memory_gap"] is RnnMemoryGap
    assert isinstance(memory(), RnnMemoryGap)


@pytest.mark.parametrize("config, words", [
    ({"colour": "red"}, "colour"),
    ({"length": 2}, "length"),
    ({"wh": 3}, "wh"),
    ({"window": 10}, "window"),
    ({"wx": "big"}, "wx"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        memory(**config)


def test_drag_and_keys_set_wh():
    w = memory()
    w.handle({"type": "drag", "handle": "wh", "x": w.x_of_wh(1.5), "y": 0})
    assert w.wh == 1.5
    w.handle({"type": "key", "handle": "wh", "key": "ArrowLeft"})
    assert w.wh == 1.45
    w.handle({"type": "key", "handle": "wh", "key": "PageUp"})
    assert w.wh == 1.7
    w.handle({"type": "key", "handle": "wh", "key": "End"})
    assert w.wh == 2.0
    w.handle({"type": "drag", "handle": "wh", "x": -500, "y": 0})
    assert w.wh == -2.0
    w.handle({"type": "drag", "handle": "other", "x": w.x_of_wh(0), "y": 0})
    assert w.wh == -2.0


def test_traces_and_gap():
    w = memory(wh=0.0)
    ha, hb = w.traces()
    assert ha[0] == pytest.approx(math.tanh(2)) and all(h == 0 for h in ha[1:]) and all(h == 0 for h in hb)
    assert w.values()["gap"] == 0
    w.set_values({"wh": 1.0})
    assert 0.3 < w.values()["gap"] < 0.4
    with pytest.raises(KeyError):
        w.set_values({"wx": 1})


def test_scene_is_json_and_readouts_say_what_the_window_sees():
    w = memory()
    scene = json.loads(json.dumps(w.scene()))
    assert len(scene["shapes"]) < 150
    handles = [s for s in scene["shapes"] if s.get("handle")]
    assert [h["handle"] for h in handles] == ["wh"] and handles[0]["label"]
    values = " | ".join(r["value"] for r in w.readouts())
    assert "a window of 3 sees bbb and bbb" in values
    assert "gap 0.002" in {s.get("s") for s in scene["shapes"]}
    w.set_values({"wh": -0.5})
    assert "\u2212 0.50\u00b7h" in w.readouts()[0]["value"]


def test_lesson_goal_unmet_at_start_and_met_by_solution():
    part = next(p for p in parse_lesson(LESSON).parts("widget") if p.id == "memory")
    w = widgets.create(part.arg, part.data)
    assert not w.goal_met()
    w.set_values(part.data["goal"]["solution"])
    assert w.goal_met()


def test_the_numbers_the_prose_states():
    ha = trace("abbbbbbbbb", 2.0, 0.5, 0.0)
    assert [round(h, 3) for h in ha[:4]] == [0.964, 0.448, 0.220, 0.110]
    assert round(ha[-1], 3) == 0.002
    assert trace("bbbbbbbbbb", 2.0, 0.5, 0.0) == [0.0] * 10
    held = trace("abbbbbbbbb", 2.0, 1.5, 0.0)
    assert round(held[-1], 3) == 0.859
    assert all(abs(h - held[-1]) < 0.01 for h in held[4:]), "it settles near 0.859 and stays"
    flipped = trace("abbbbbbbbb", 2.0, -1.5, 0.0)
    assert all(f == pytest.approx(h * (-1) ** t) for t, (f, h) in enumerate(zip(flipped, held)))
    # past w_h = 1 it holds on: the goal's 0.5 is out of reach at 1 and within reach just above it
    assert abs(trace("abbbbbbbbb", 2.0, 1.0, 0.0)[-1]) < 0.5 < abs(trace("abbbbbbbbb", 2.0, 1.1, 0.0)[-1])
    # the window-of-one quiz: with w_h = 0 the traces agree from step 2 on, not before
    a0, b0 = trace("abbbbbbbbb", 2.0, 0.0, 0.0), trace("bbbbbbbbbb", 2.0, 0.0, 0.0)
    first_same = next(t for t in range(1, 11) if all(x == y for x, y in zip(a0[t - 1:], b0[t - 1:])))
    quiz = next(p for p in parse_lesson(LESSON).parts("quiz") if p.id == "window-of-one")
    assert first_same == quiz.data["answer"] == 2
