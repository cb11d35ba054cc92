"""polar_point: x = r cos θ and y = r sin θ with θ from atan2, asin(y/r) names the mirror
direction on the left half, dragging moves the point, and the goals of m03-l05."""

import math

from mlmath import widgets
from scene_checks import assert_scene_fits, readout


def widget(**config):
    return widgets.create("polar_point", config)


def test_polar_and_cartesian_name_the_same_point():
    for x, y in [(1.5, 1), (-1.4, 1.4), (-2, -0.5), (0.3, -2.8), (0, 2), (-3, 0)]:
        v = widget(x=x, y=y).values()
        assert math.isclose(v["r"] * math.cos(v["theta"]), x, abs_tol=1e-12)
        assert math.isclose(v["r"] * math.sin(v["theta"]), y, abs_tol=1e-12)


def test_asin_is_right_only_on_the_right_half():
    for x, y in [(1.5, 1), (0.3, -2.8), (2, 0)]:
        v = widget(x=x, y=y).values()
        assert math.isclose(v["asin"], v["theta"], abs_tol=1e-12)
    for x, y in [(-1.75, 0.95), (-2, -0.5)]:
        v = widget(x=x, y=y).values()
        assert math.isclose(v["asin"], math.copysign(math.pi, y) - v["theta"], abs_tol=1e-12)


def test_the_lesson_goals_and_numbers():
    v = widget(x=-1.4, y=1.4).values()
    assert abs(v["r"] - 2) < 0.05 and abs(v["theta"] - 2.356) < 0.03
    assert round(2 * math.cos(3 * math.pi / 4), 2) == -1.41 and round(2 * math.sin(3 * math.pi / 4), 2) == 1.41
    v = widget(x=-1.75, y=0.95).values()
    assert abs(v["r"] - 2) < 0.05 and abs(v["asin"] - 0.5) < 0.02 and round(v["theta"], 2) == 2.64
    assert round(math.pi - 0.5, 2) == 2.64


def test_dragging_and_the_origin():
    w = widget()
    w.handle({"type": "drag", "handle": "x", "x": w.plane.x(-2), "y": w.plane.y(-1)})
    assert (w.values()["x"], w.values()["y"]) == (-2, -1)
    w = widget(x=0, y=0)
    assert math.isnan(w.values()["asin"]) and readout(w, "asin(y ÷ r)") == "no value at the origin"
    w.set_values(w.values())
    assert_scene_fits(w.scene())
