"""The autodiff_pass_count widget: the log n axis, dragging, keys and sliders, the pass counts
of forward mode, reverse mode and central differences, the time readout, goals, and the
numbers lesson m12-l05 states about them. Registration, unknown options, scene fit, handle
keys and set_values round trips: tests/unit/test_widget_contract.py."""

import pytest

from lesson_kernel import lesson_part, lesson_widget
from mlmath import widgets
from mlmath.gpt.model import Config, n_params
from mlmath.m12.autodiff_pass_count import M_VALUES, N_VALUES, duration
from scene_checks import readout


def counter(**config):
    return widgets.create("autodiff_pass_count", config)


def lesson_config():
    return lesson_part("m12-l05", "widget", "modes").data


@pytest.mark.parametrize("config, words", [
    ({"n": 0}, "n must be a number from 1"),
    ({"m": True}, "m must be a number from 1"),
    ({"ms_per_pass": -1}, "ms_per_pass"),
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
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"fwd": 1})


def test_drag_keys_and_sliders():
    w = counter(n=1000)
    x = w.plot.x
    for n in (1, 50, 10 ** 6, 10 ** 9):
        w.handle({"type": "drag", "handle": "n", "x": x(n), "y": 50})
        assert w.values()["n"] == n
    w.handle({"type": "drag", "handle": "n", "x": -500, "y": 50})
    assert w.values()["n"] == 1
    key = lambda k: w.handle({"type": "key", "handle": "n", "key": k})  # noqa: E731
    key("ArrowRight")
    assert w.values()["n"] == 2
    key("ArrowLeft")
    key("ArrowLeft")
    assert w.values()["n"] == 1
    key("End")
    key("ArrowUp")
    assert w.values()["n"] == 10 ** 9
    w.handle({"type": "input", "id": "n", "value": 9})          # the slider sends a position on the 1-2-5 scale
    assert w.values()["n"] == 1000
    w.handle({"type": "input", "id": "m", "value": 3})
    assert w.values()["m"] == 10
    w.handle({"type": "input", "id": "m", "value": 99})         # no such position: ignored
    w.handle({"type": "input", "id": "m", "value": "x"})
    assert w.values()["m"] == 10
    assert [c["display"] for c in w.controls()] == ["1,000", "10"]


def test_readouts_and_the_bars_follow_the_counts():
    w = counter(n=10 ** 6, m=1, ms_per_pass=1)
    assert readout(w, "forward mode") == "n = 1,000,000 passes"
    assert readout(w, "reverse mode") == "1 forward + m = 1 backward = 2 passes"
    assert readout(w, "central differences") == "2n = 2,000,000 passes"
    assert readout(w, "at 1 ms a pass") == "forward mode 16.7 minutes, reverse mode 2 ms"
    assert readout(w, "") == "reverse mode needs 500,000\u00d7 fewer passes"
    bars = [s for s in w.shapes() if s["t"] == "rect"]
    left = w.plot.box[0]
    assert [b["w"] for b in bars] == [pytest.approx(w.plot.x(p) - left, abs=0.1) for p in (10 ** 6, 2, 2 * 10 ** 6)]
    handle = next(s for s in w.shapes() if s.get("handle") == "n")
    assert handle["cx"] == round(w.plot.x(10 ** 6), 1) == round(left + bars[0]["w"], 1)
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


def test_lesson_goal_and_near_misses():
    w = lesson_widget("m12-l05", "modes")
    assert not w.goal_met()
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
