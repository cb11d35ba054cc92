"""The memory_bottleneck widget: each input's footprint dh_T/dx_t, the flip experiment,
the length handle and sliders, goals, and the numbers lesson m14-l06 states."""

import math

import pytest

from lesson_kernel import lesson_widget
from mlmath import widgets
from mlmath.m14.memory_bottleneck import flip_gap, footprints
from mlmath.m14.two_unit_rnn import inputs, run


def make(**config):
    return widgets.create("memory_bottleneck", config)


def h_final(rho, xs):
    return run(rho, xs)[1][-1]


@pytest.mark.parametrize("config, words", [
    ({"length": 1}, "length must be"),
    ({"length": 61}, "length must be"),
    ({"length": 5.5}, "length must be"),
    ({"rho": 0.2}, "rho must be"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        make(**config)


# The numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize("rho, length", [(0.9, 5), (1.1, 12), (0.6, 3), (1.5, 8)])
def test_footprints_are_the_real_derivatives(rho, length):
    xs = inputs(length)
    _, vs = footprints(rho, length)
    eps = 1e-6
    for t in range(1, length + 1):
        up = list(xs); up[t - 1] += eps
        dn = list(xs); dn[t - 1] -= eps
        a, b = h_final(rho, up), h_final(rho, dn)
        num = [(a[i] - b[i]) / (2 * eps) for i in range(2)]
        assert vs[t - 1] == pytest.approx(num, abs=1e-7)


def test_flip_gap_reruns_with_the_first_input_negated():
    xs = inputs(7)
    a, b = h_final(0.9, xs), h_final(0.9, [-xs[0]] + xs[1:])
    assert flip_gap(0.9, 7) == pytest.approx(math.hypot(a[0] - b[0], a[1] - b[1]))


# Events ------------------------------------------------------------------------------------

def test_sliders_drag_and_keys():
    w = make(length=5)
    w.handle({"type": "input", "id": "length", "value": "17"})
    assert w.values()["length"] == 17
    w.handle({"type": "input", "id": "rho", "value": "1.234"})
    assert w.values()["rho"] == 1.23
    w.handle({"type": "input", "id": "rho", "value": "nope"})
    assert w.values()["rho"] == 1.23
    w.handle({"type": "drag", "handle": "length", "x": w.plot.x(32.5), "y": 0})
    assert w.values()["length"] == 33
    w.handle({"type": "drag", "handle": "length", "x": -50, "y": 0})
    assert w.values()["length"] == 2
    w.handle({"type": "key", "handle": "length", "key": "PageUp"})
    assert w.values()["length"] == 12
    w.handle({"type": "key", "handle": "length", "key": "ArrowLeft"})
    assert w.values()["length"] == 11
    w.handle({"type": "key", "handle": "length", "key": "End"})
    assert w.values()["length"] == 60
    w.handle({"type": "key", "handle": "length", "key": "Home"})
    assert w.values()["length"] == 2


def test_one_bar_and_one_arrow_per_input():
    w = make(length=23)
    shapes = w.shapes()
    bars = [s for s in shapes if s["t"] == "rect"]
    assert len(bars) == 23 and bars[0]["cls"] == "accent2" and all(b["cls"] == "accent" for b in bars[1:])
    arrows = [s for s in shapes if s["t"] == "line" and s["x1"] == w.cx and s["y1"] == w.cy]
    assert len(arrows) == 23
    handle = [s for s in shapes if s.get("handle") == "length"][0]
    assert handle["label"].startswith("sequence length") and handle["value"] == "T = 23"
    assert any(s["t"] == "text" and s["s"] == "h_T: 2 numbers, after 23 inputs" for s in shapes)


# The lesson -----------------------------------------------------------------------------

def test_lesson_goal():
    w = lesson_widget("m14-l06", "squeeze")
    w.set_values({"length": 40})
    assert w.goal_met()
    w.set_values({"length": 20})
    assert not w.goal_met()
    w.set_values({"length": 30})
    assert w.goal_met()


def test_numbers_stated_in_the_prose():
    assert f"{flip_gap(0.9, 5):.2f}" == "0.17"
    assert flip_gap(0.9, 30) < 0.001
    # at rho = 1.1 the oldest input survives much longer: still a third of the newest at T = 60
    _, vs = footprints(1.1, 60)
    assert math.hypot(*vs[0]) / math.hypot(*vs[-1]) > 0.3
    _, vs = footprints(0.9, 60)
    assert math.hypot(*vs[0]) / math.hypot(*vs[-1]) < 1e-5
