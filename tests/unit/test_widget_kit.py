"""The widget kit: a plot's mapping, ticks and curves (clipped, broken at asymptotes), the
2-D plane under a matrix, the one colour ramp, matrix and bar views, knobs and their
keys, and the base widget's event routing."""

import math
import re

import pytest

from mlmath.show import MINUS
from mlmath.widgets import shapes as S
from mlmath.widgets.base import Widget
from mlmath.widgets.controls import Button, Choice, Point, Slider, Text, Toggle
from mlmath.widgets.plane import Plane, apply
from mlmath.widgets.plot import Axis, Plot, nice_step
from mlmath.widgets.views import FAINT, STRONG, bars, diverging, matrix, ramp

BOX = (50, 10, 550, 260)


def runs(path):
    """A path's strokes as lists of (x, y)."""
    out = []
    for cmd, x, y in re.findall(r"([ML]) (-?[\d.]+) (-?[\d.]+)", path["d"]):
        if cmd == "M":
            out.append([])
        out[-1].append((float(x), float(y)))
    return out


def inside(points, box=BOX):
    left, top, right, bottom = box
    return all(left - 0.1 <= x <= right + 0.1 and top - 0.1 <= y <= bottom + 0.1 for x, y in points)


def test_axes_map_both_ways_linear_and_log():
    ax = Axis(-2, 2, 100, 300)
    assert ax(0) == 200 and ax(2) == 300 and ax.value(150) == -1 and ax.value(999) == 2
    lg = Axis(1e-4, 1, 0, 400, log=True)
    assert lg(1e-2) == 200 and math.isclose(lg.value(100), 1e-3)
    assert lg.ticks() == [1e-4, 1e-3, 1e-2, 1e-1, 1.0]
    with pytest.raises(ValueError, match="lo > 0 on a log scale"):
        Axis(0, 1, 0, 1, log=True)


@pytest.mark.parametrize("span, step", [(10, 2), (1, 0.2), (7, 1), (0.03, 0.005), (2 * math.pi, 1)])
def test_ticks_fall_on_nice_steps(span, step):
    assert math.isclose(nice_step(span), step)


def test_tick_labels_use_the_course_number_format():
    p = Plot((-3, 3), (-1, 1), BOX)
    labels = [s["s"] for s in p.frame() if s["t"] == "text"]
    assert f"{MINUS}2" in labels and f"{MINUS}0.5" in labels and "-2" not in labels
    assert labels.count("0") == 1   # the origin is labelled once


def test_a_curve_is_clipped_to_the_box_and_broken_at_asymptotes():
    p = Plot((-4, 4), (-5, 5), BOX)
    hyperbola = runs(p.curve(lambda x: 1 / x))
    assert len(hyperbola) == 2 and all(inside(r) for r in hyperbola)
    assert max(x for x, _ in hyperbola[0]) < p.x(0) < min(x for x, _ in hyperbola[1])
    tangent = runs(p.curve(math.tan))
    assert len(tangent) == 3 and all(inside(r) for r in tangent)   # broken at -pi/2 and pi/2
    steep = runs(p.curve(lambda x: 40 * x))                         # steep but continuous: one stroke
    assert len(steep) == 1 and inside(steep[0])
    assert runs(p.curve(math.sqrt))[0][0][0] >= p.x(0) - 1          # no values left of 0: nothing drawn there


def test_points_and_handles_are_pinned_inside_the_box():
    p = Plot((0, 1), (0, 1), BOX)
    h = p.handle("a", 5, -3, "point a", "a = 5")
    assert (h["cx"], h["cy"]) == (550, 260) and h["handle"] == "a" and "handle" in h["cls"]
    assert p.line(2, 0.5, "accent2")["d"].startswith("M 50.0 135.0")


def test_an_arrow_ends_at_its_tip_and_a_zero_arrow_draws_nothing():
    shaft, head = S.arrow(0, 0, 100, 0, "accent")
    assert shaft["x2"] == 91 and [100, 0] in head["pts"] and "solid" in head["cls"]
    assert S.arrow(5, 5, 5, 5) == []


def test_the_plane_carries_the_grid_and_unit_shapes_through_a_matrix():
    plane = Plane(3, (0, 0, 400, 300))
    assert plane.box == (50, 0, 350, 300) and plane.at(0, 0) == (200, 150)
    M = [[2, 1], [0, 1]]                     # a shear with det 2
    assert apply(M, (1, 1)) == (3, 1)
    square = plane.unit_square(M)["pts"]
    area = 0.5 * abs(sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(square, square[1:] + square[:1])))
    assert math.isclose(area, 2 * (300 / 6) ** 2, rel_tol=1e-3)
    assert all(inside(r, plane.box) for line in plane.grid(M) for r in runs(line))
    tip = plane.vector((1, 2), handle="v", label="v")[-1]
    assert (tip["cx"], tip["cy"]) == plane.at(1, 2) and tip["value"] == "(1, 2)"


def test_one_ramp_for_every_heatmap():
    assert ramp(0) == ("accent", FAINT) and ramp(1) == ("accent", STRONG) and ramp(5) == ramp(1)
    assert diverging(-2, 2) == ("accent2", STRONG) and diverging(1, 2)[0] == "accent"
    assert diverging(0, 2)[1] == 0.0
    cells = [s for s in matrix([[1, -3], [0, 2]], 10, 10, 30, 20) if s["t"] == "rect" and "nofill" not in s["cls"]]
    assert [c["cls"] for c in cells] == ["accent nostroke", "accent2 nostroke", "accent nostroke", "accent nostroke"]
    assert cells[1]["opacity"] == STRONG


def test_bars_scale_to_the_largest_and_can_be_handles():
    out = bars([0.5, 0.25], (0, 0, 100, 100), labels=["a", "b"], handles=("p", "probability of"))
    b0, b1 = [s for s in out if s["t"] == "rect"]
    assert b0["h"] == 100 and b1["h"] == 50 and b1["handle"] == "p1" and b1["label"] == "probability of b"


def test_sliders_snap_clamp_step_and_ignore_junk():
    s = Slider("h", "h", -8, 0, 0.25, -1.1)
    assert s.value == -1.0
    s.key("ArrowUp"), s.key("PageDown")     # -0.75, then down by a tenth of the range (0.8), snapped
    assert s.value == -1.5
    s.key("Home")
    assert s.value == -8
    assert not s.set("abc") and not s.set(float("nan")) and not s.set(True) and s.value == -8
    assert s.set("-0.3") and s.value == -0.25 and s.set(99) and s.value == 0
    assert s.control()["display"] == "0" and Slider("n", "n", 1, 9, 1, 3).value == 3


def test_choices_toggles_buttons_and_text():
    c = Choice("fn", "function", ["sin", "exp", "tanh"], "exp")
    c.key("End")
    assert c.value == "tanh" and c.assign("sin") and c.value == "sin" and not c.set(7) and not c.set(0.5)
    heads = Choice("H", "heads", [1, 2, 4, 8], 4)       # numeric options: the page sends positions
    assert heads.set(1) and heads.value == 2 and heads.assign(1) and heads.value == 1 and not heads.assign(3)
    with pytest.raises(ValueError, match="must be one of"):
        Choice("fn", "function", ["sin"], "cos")
    t = Toggle("fwd", "Show forward", "Hide forward")
    t.set(None)
    assert t.value and t.control()["label"] == "Hide forward"
    assert not t.set("yes") and t.value and t.assign(False) and not t.value
    clicks = []
    Button("go", "Go", lambda: clicks.append(1)).set(None)
    assert clicks == [1]
    box = Text("f", "f(x) =", "1", parse=lambda s: float(s))
    assert not box.set("x+") and box.error and box.value == 1.0 and box.text == "x+"


class Dial(Widget):
    name = "dial"

    def configure(self, config):
        self.plot = Plot((0, 10), (0, 1), BOX)
        self.knobs = {"a": Slider("a", "a", 0, 10, 1, 3), "on": Toggle("on", "On", "Off")}
        super().configure(config)

    def drag(self, handle, x, y):
        if handle == "a":
            self.knobs["a"].set(self.plot.x.value(x))


def test_the_base_widget_routes_events_to_knobs_and_ignores_garbage():
    d = Dial()
    for event in ({"type": "key", "handle": "a", "key": "ArrowRight"}, {"type": "input", "id": "on", "value": None},
                  {"type": "drag", "handle": "a", "x": "nope", "y": 0}, {"type": "input", "id": "zz", "value": 1},
                  {"type": "key", "handle": "a", "key": "Tab"}, {"type": "bogus"}):
        d.handle(event)
    assert d.values() == {"a": 4, "on": True}
    d.handle({"type": "drag", "handle": "a", "x": 300, "y": 0})
    assert d.values()["a"] == 5
    d.set_values({"a": 7, "on": False})
    assert d.values() == {"a": 7, "on": False}
    with pytest.raises(KeyError, match="it sets a, on"):
        d.set_values({"b": 1})
    with pytest.raises(ValueError, match="cannot be set to 'x'"):
        d.set_values({"a": "x"})


class Ratio(Dial):
    """A computed value that may have none: a / (a - 3) at a = 3."""
    name = "ratio"

    def values(self):
        a = self.knobs["a"].value
        return {**super().values(), "r": a / (a - 3) if a != 3 else float("nan")}


def test_a_computed_value_with_no_value_round_trips_and_still_must_agree():
    r = Ratio()
    r.set_values(r.values())                    # a = 3: r is nan, and nan agrees with itself
    with pytest.raises(ValueError, match="r is computed"):
        r.set_values({"a": 3, "r": 1.0})
    with pytest.raises(ValueError, match="r is computed"):
        r.set_values({"a": 4, "r": float("nan")})


def test_a_point_knob_steps_its_two_sliders_and_goes_home():
    xs, ys = Slider("x", "x", -5, 5, 1, 2), Slider("y", "y", -5, 5, 1, 3)
    p = Point(xs, ys)
    for key in ("ArrowRight", "ArrowUp", "ArrowUp", "Tab"):
        p.key(key)
    assert (xs.value, ys.value) == (3, 5)
    p.key("Home")
    assert (xs.value, ys.value) == (-5, 5)          # no home: Home is x's lower end
    p.move(9, -1)
    assert (xs.value, ys.value) == (5, -1)          # clamped by the sliders
    assert not p.set(1) and not p.assign(1)         # no value of its own
    homing = Point(xs, ys, home=(0, 0))
    homing.key("Home")
    assert (xs.value, ys.value) == (0, 0)


def test_a_legend_marks_lines_or_swatches():
    p = Plot(x=(0, 1), y=(0, 1), box=(0, 0, 300, 200))
    lines = p.legend([("a", "accent"), ("b", "muted")], corner="top-right")
    assert [s["t"] for s in lines] == ["line", "text", "line", "text"]
    boxes = p.legend([("bars", "accent nostroke"), ("pale", "accent2 nostroke", 0.3)], boxes=True)
    assert [s["t"] for s in boxes] == ["rect", "text", "rect", "text"]
    assert "opacity" not in boxes[0] and boxes[2]["opacity"] == 0.3
    assert boxes[0]["x"] + boxes[0]["w"] < boxes[1]["x"]   # the swatch ends before its label
