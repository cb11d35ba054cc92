"""radian_arc: the arc on the unit circle is the angle in radians, s = r·θ on any circle,
a full turn is 2π, a drag keeps counting past a full turn and below zero, and the
reduced angle names the same direction in [0, 2π)."""

import math

from mlmath import widgets
from scene_checks import assert_scene_fits, readout


def widget(**config):
    return widgets.create("radian_arc", config)


def test_on_the_unit_circle_the_arc_is_the_angle():
    w = widget(theta=1)
    v = w.values()
    assert v["arc"] == 1 and math.isclose(v["degrees"], 57.29577951308232)
    assert readout(w, "θ in degrees") == "57.3°"


def test_on_any_circle_the_arc_is_r_times_theta():
    w = widget(vary_r=True, r=2.5, theta=2)
    assert math.isclose(w.values()["arc"], 5)
    w.set_values({"r": 1.5})
    assert math.isclose(w.values()["arc"], 3) and w.values()["theta"] == 2


def test_a_quarter_turn_is_about_1_57_and_a_full_turn_2_pi():
    w = widget(theta=1.57)
    assert abs(w.values()["turns"] - 0.25) < 0.002 and abs(w.values()["degrees"] - 90) < 0.1
    assert math.isclose(2 * math.pi, 6.283185307179586)
    # six whole radians fit in a turn, with 0.28 left over
    assert int(2 * math.pi) == 6 and round(2 * math.pi - 6, 2) == 0.28


def test_dragging_round_keeps_counting_turns():
    w = widget(theta=0.5)
    p = w.plane
    # go round counterclockwise in quarter steps, one and a half laps
    for k in range(1, 7):
        a = 0.5 + k * math.pi / 2
        w.handle({"type": "drag", "handle": "theta", "x": p.x(math.cos(a)), "y": p.y(math.sin(a))})
    assert abs(w.values()["theta"] - (0.5 + 3 * math.pi)) < 0.02
    # and back the other way, below zero
    for k in range(1, 13):
        a = 0.5 + 3 * math.pi - k * math.pi / 2
        w.handle({"type": "drag", "handle": "theta", "x": p.x(math.cos(a)), "y": p.y(math.sin(a))})
    assert abs(w.values()["theta"] - (0.5 - 3 * math.pi)) < 0.02


def test_the_clockwise_name_of_half_a_radian():
    w = widget(theta=-5.78)
    v = w.values()
    assert abs(v["reduced"] - 0.5) < 0.006 and v["arc"] < 0
    assert "clockwise" in readout(w, "arc length s")


def test_the_radius_is_fixed_unless_varied():
    w = widget(r=1)
    assert [c["id"] for c in w.controls()] == ["theta"]
    try:
        w.set_values({"r": 2})
    except ValueError:
        pass
    else:
        raise AssertionError("r should be fixed")
    assert_scene_fits(widget(vary_r=True, r=3, theta=-12.6).scene())
