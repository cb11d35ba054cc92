"""circle_unroll: the wave's height is the circle point's height, sin x, the drag keeps
counting past one lap, and the lowest point of the first lap is at 3π/2."""

import math

from mlmath import widgets
from scene_checks import assert_scene_fits


def widget(**config):
    return widgets.create("circle_unroll", config)


def test_the_height_on_the_wave_is_the_height_on_the_circle():
    for x in (0, 1, 4.71, 7.5, 12.56):
        w = widget(x=x)
        v = w.values()
        assert v["sin"] == math.sin(x) and math.isclose(v["laps"], x / (2 * math.pi))
        shapes = w.scene()["shapes"]
        assert math.isclose(shapes[0]["cy"], w.plane.y(math.sin(x)), abs_tol=0.1)


def test_the_lowest_point_of_the_first_lap():
    assert abs(widget(x=4.71).values()["sin"] + 1) < 0.0002
    lows = [x / 100 for x in range(0, 628) if abs(math.sin(x / 100) + 1) < 0.0002]
    assert lows == [4.70, 4.71, 4.72, 4.73]


def test_dragging_round_the_circle_keeps_counting():
    w = widget(x=1)
    for k in range(1, 9):
        a = 1 + k * math.pi / 2
        w.handle({"type": "drag", "handle": "x", "x": w.plane.x(math.cos(a)), "y": w.plane.y(math.sin(a))})
    assert abs(w.values()["x"] - (1 + 4 * math.pi)) < 0.02 or w.values()["x"] == 12.56
    assert abs(w.values()["laps"] - 2) < 0.2
    for k in range(1, 30):                   # and back, stopping at 0
        a = 1 + 4 * math.pi - k * math.pi / 2
        w.handle({"type": "drag", "handle": "x", "x": w.plane.x(math.cos(a)), "y": w.plane.y(math.sin(a))})
    assert w.values()["x"] == 0
    assert_scene_fits(w.scene())
