"""The rnn_memory_gap widget: dragging w_h, the two traces, the gap, and the numbers
lesson m14-l05 states about how long a one-unit RNN remembers."""

import math

import pytest

from mlmath import widgets
from mlmath.m14.rnn_memory_gap import trace


def memory(**config):
    return widgets.create("rnn_memory_gap", config)


@pytest.mark.parametrize("config, words", [
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
    w.handle({"type": "drag", "handle": "wh", "x": w.track(1.5), "y": 0})
    assert w.wh == 1.5
    w.handle({"type": "key", "handle": "wh", "key": "ArrowLeft"})
    assert w.wh == 1.45
    w.handle({"type": "key", "handle": "wh", "key": "PageUp"})
    assert w.wh == 1.7
    w.handle({"type": "key", "handle": "wh", "key": "End"})
    assert w.wh == 2.0
    w.handle({"type": "drag", "handle": "wh", "x": -500, "y": 0})
    assert w.wh == -2.0
    w.handle({"type": "drag", "handle": "other", "x": w.track(0), "y": 0})
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
    with pytest.raises(ValueError):
        w.set_values({"gap": 0.5})              # computed, not set


def test_readouts_say_what_the_window_sees():
    w = memory()
    scene = w.scene()
    handles = [s for s in scene["shapes"] if s.get("handle")]
    assert [h["handle"] for h in handles] == ["wh"] and handles[0]["label"]
    values = " | ".join(r["value"] for r in w.readouts())
    assert "a window of 3 sees bbb and bbb" in values
    assert "gap 0.002" in {s.get("s") for s in scene["shapes"]}
    w.set_values({"wh": -0.5})
    assert "\u2212 0.50\u00b7h" in w.readouts()[0]["value"]


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
    # "at w_h = 0 the RNN is a bigram model": the traces agree from step 2 on, not before
    a0, b0 = trace("abbbbbbbbb", 2.0, 0.0, 0.0), trace("bbbbbbbbbb", 2.0, 0.0, 0.0)
    first_same = next(t for t in range(1, 11) if all(x == y for x, y in zip(a0[t - 1:], b0[t - 1:])))
    assert first_same == 2
