"""steepness_probe: rise over a unit run is the slope; on the line every window agrees,
on the three bending curves two windows at different places never agree."""

import math

import pytest

from mlmath import widgets


def widget(**config):
    return widgets.create("steepness_probe", config)


def starts():
    return [-5 + i / 2 for i in range(19)]


def test_every_window_on_the_line_reports_one_slope():
    w = widget(curve="line")
    for a in starts():
        for b in starts():
            w.set_values({"a": a, "b": b})
            v = w.values()
            assert v["same"] == 1 and math.isclose(v["slope_a"], 0.5)


@pytest.mark.parametrize("curve", ["parabola", "growth", "root"])
def test_on_a_bending_curve_windows_at_different_places_disagree(curve):
    w = widget(curve=curve)
    for a in starts():
        for b in starts():
            w.set_values({"a": a, "b": b})
            assert w.values()["same"] == (a == b)


def test_the_parabolas_windows_are_the_lessons_numbers():
    w = widget(curve="parabola", a=-2, b=2)
    v = w.values()
    assert (v["slope_a"], v["slope_b"]) == (-0.75, 1.25)
    w.set_values({"a": 0})
    assert w.values()["slope_a"] == 0.25
    assert [widget(curve="parabola", a=s).values()["slope_a"] for s in (-2, -1, 0, 1, 2)] == [-0.75, -0.25, 0.25, 0.75, 1.25]


def test_dragging_moves_a_window():
    w = widget(curve="parabola", a=-2, b=2)
    w.handle({"type": "drag", "handle": "a", "x": w.plot.x(1.5), "y": 0})
    assert w.values()["a"] == 1.5
    w.handle({"type": "key", "handle": "b", "key": "ArrowLeft"})
    assert w.values()["b"] == 1.5 and w.values()["same"] == 1
