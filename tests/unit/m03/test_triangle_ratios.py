"""triangle_ratios: the sides are h·cos θ and h·sin θ, scaling h leaves the ratios alone,
Pythagoras holds, the 3-4-5 goal is reachable, and the corner drag sets θ and h."""

import math

from mlmath import widgets
from scene_checks import readout


def widget(**config):
    return widgets.create("triangle_ratios", config)


def test_the_sides_are_the_unit_triangle_scaled():
    v = widget(theta=0.5, h=3).values()
    assert math.isclose(v["adjacent"], 3 * math.cos(0.5)) and math.isclose(v["opposite"], 3 * math.sin(0.5))
    assert abs(v["pythagoras"]) < 1e-12


def test_scaling_h_leaves_the_ratios_alone():
    ratios = set()
    for h in (0.5, 1, 2.5, 5):
        v = widget(theta=0.9, h=h).values()
        ratios.add((round(v["cos_ratio"], 12), round(v["sin_ratio"], 12)))
    assert ratios == {(round(math.cos(0.9), 12), round(math.sin(0.9), 12))}


def test_three_four_five():
    w = widget(theta=0.64, h=5)
    v = w.values()
    assert abs(v["opposite"] - 3) < 0.03 and abs(v["adjacent"] - 4) < 0.03
    assert readout(w, "adjacent² + opposite²") == "25" and readout(w, "h²") == "25"
    assert round(math.asin(0.6), 2) == 0.64


def test_dragging_the_corner_sets_angle_and_hypotenuse():
    w = widget()
    p = w.plot
    w.handle({"type": "drag", "handle": "h", "x": p.x(4), "y": p.y(3)})
    v = w.values()
    assert v["h"] == 5 and abs(v["theta"] - math.atan2(3, 4)) < 0.006
    w.handle({"type": "key", "handle": "h", "key": "ArrowLeft"})
    assert w.values()["h"] == 4.9 and w.values()["theta"] == v["theta"]
