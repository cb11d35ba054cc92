"""gradient_walk: a step is p - eta grad f(p) (or + for uphill); minus the gradient lowers f,
plus raises it; on x² + 3y² the walk converges for eta below 1/3 and zigzags outward above,
as m06-l02 says for eta = 0.35; the lesson's goal needs the minus sign."""

import math

from mlmath import widgets
from mlmath.m06.gradient_walk import walk
from mlmath.m06.surface_common import SURFACES


def widget(**config):
    return widgets.create("gradient_walk", config)


def test_one_step_is_minus_eta_times_the_gradient():
    f, grad, *_ = SURFACES["ellipse"]
    path = walk(f, grad, (2.5, 2), 0.1, 1)
    assert path[1] == (2.5 - 0.1 * 5, 2 - 0.1 * 12)


def test_downhill_lowers_f_and_uphill_raises_it():
    w = widget(fn="ellipse", x=2.5, y=2, sign="+", eta=0.1, steps=10)
    v = w.values()
    assert v["f_end"] > v["f_start"]
    w.set_values({"sign": "-"})
    v = w.values()
    assert v["f_end"] < v["f_start"]
    assert 0.01 < v["f_end"] < 0.1           # eta = 0.1 is too timid for 10 steps
    w.set_values({"eta": 0.25})
    assert w.values()["f_end"] < 0.01


def test_the_step_size_threshold():
    w = widget(fn="ellipse", x=2.5, y=2, sign="-", steps=30)
    w.set_values({"eta": 0.3})
    assert w.values()["f_end"] < 1e-3
    w.set_values({"eta": 0.35})
    ys = [p[1] for p in w.path()]
    assert all(abs(b) > abs(a) for a, b in zip(ys, ys[1:])) and all(a * b < 0 for a, b in zip(ys, ys[1:]))


def test_a_runaway_walk_stops_finite():
    w = widget(fn="ellipse", x=2.5, y=2, sign="+", eta=0.5, steps=30)
    v = w.values()
    assert v["taken"] < 30 and math.isfinite(v["f_end"])
    assert any("left the map" in r["value"] for r in w.readouts())
