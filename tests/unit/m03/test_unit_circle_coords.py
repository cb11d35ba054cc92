"""unit_circle_coords: the point at angle θ is (cos θ, sin θ), cos² + sin² = 1 everywhere,
the drag follows the pointer round the circle, and atan(y/x) names the opposite direction
on the left half of the circle while atan2 is right everywhere: the numbers m03-l02 states."""

import math

from mlmath import widgets
from scene_checks import assert_scene_fits, readout


def widget(**config):
    return widgets.create("unit_circle_coords", config)


def test_the_coordinates_are_cosine_and_sine():
    for t in (0, 0.6, 2.09, 3.93, 6.28):
        v = widget(theta=t).values()
        assert (v["x"], v["y"]) == (math.cos(t), math.sin(t)) == (v["cos"], v["sin"])
        assert abs(v["pythagoras"] - 1) < 1e-12


def test_the_goals_of_the_lesson():
    v = widget(theta=2.09).values()
    assert abs(v["cos"] + 0.5) < 0.01 and v["sin"] > 0 and round(math.sin(2 * math.pi / 3), 3) == 0.866
    v = widget(theta=3.93).values()
    assert abs(v["cos"] - v["sin"]) < 0.01 and v["cos"] < 0
    assert round(-1 / math.sqrt(2), 3) == -0.707 and round(5 * math.pi / 4, 2) == 3.93
    assert round(math.cos(math.asin(0.6)), 12) == 0.8
    # at θ = 4 both are negative
    assert math.cos(4) < 0 and math.sin(4) < 0


def test_dragging_moves_the_point_round():
    w = widget(theta=0.6)
    p = w.plane
    w.handle({"type": "drag", "handle": "theta", "x": p.x(-1), "y": p.y(0)})
    assert abs(w.values()["theta"] - math.pi) < 0.01
    w.handle({"type": "drag", "handle": "theta", "x": p.x(0.5), "y": p.y(-0.8)})
    assert 5 < w.values()["theta"] < 6.28


def test_atan_is_off_by_pi_on_the_left_half_and_atan2_is_not():
    for t in (0.6, 2.09, 3.93, 5.5):
        v = widget(theta=t, show_atan=True).values()
        assert abs(v["atan2"] % (2 * math.pi) - t) < 1e-9
        off = (v["atan"] - t) % (2 * math.pi)
        assert abs(off - (math.pi if v["cos"] < 0 else 0)) < 1e-9
    w = widget(theta=3.93, show_atan=True)
    assert readout(w, "atan(y/x)") == "0.788" and readout(w, "atan2(y, x)") == "−2.353"
    assert round(3.93 - 2 * math.pi, 2) == -2.35
    assert_scene_fits(w.scene())
