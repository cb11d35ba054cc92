"""rotate_shape: P′ is (x cos θ − y sin θ, x sin θ + y cos θ), lengths never change,
rotations stack, dragging P′ sets θ, and the two goals of m03-l04 land where it says."""

import math
import random

from mlmath import widgets
from mlmath.m03.rotate_shape import rotate
from scene_checks import assert_scene_fits, readout


def widget(**config):
    return widgets.create("rotate_shape", config)


def test_rotation_keeps_length_and_stacks():
    rng = random.Random(1)
    for _ in range(200):
        p = (rng.uniform(-5, 5), rng.uniform(-5, 5))
        a, b = rng.uniform(-7, 7), rng.uniform(-7, 7)
        q, r = rotate(rotate(p, a), b), rotate(p, a + b)
        assert math.hypot(q[0] - r[0], q[1] - r[1]) < 1e-12
        assert abs(math.hypot(*rotate(p, a)) - math.hypot(*p)) < 1e-12


def test_the_lesson_goals():
    v = widget(theta=1.11).values()
    assert abs(v["x2"]) < 0.03 and v["y2"] > 0
    assert round(math.pi / 2 - math.atan2(1, 2), 2) == 1.11 and round(math.atan2(1, 2), 2) == 0.46
    w = widget(theta=2.68)
    v = w.values()
    assert abs(v["y2"]) < 0.03 and v["x2"] < 0 and round(-math.sqrt(5), 4) == -2.2361
    assert readout(w, "|P|") == readout(w, "|P′|") == "2.2361"


def test_dragging_p_prime_rotates_and_dragging_p_moves_it():
    w = widget(theta=0.5, px=2, py=1)
    pl = w.plane
    w.handle({"type": "drag", "handle": "theta", "x": pl.x(0), "y": pl.y(2)})
    assert abs(w.values()["theta"] - (math.pi / 2 - math.atan2(1, 2))) < 0.01
    w.handle({"type": "drag", "handle": "px", "x": pl.x(-1), "y": pl.y(2)})
    assert (w.values()["px"], w.values()["py"]) == (-1, 2)
    assert_scene_fits(widget(theta=-3.14, px=-3, py=3).scene())


def test_the_length_quiz_point_lands_where_its_answer_says():
    theta = -math.pi / 2 - math.atan2(3, 1)            # (1, 3) onto the negative y-axis
    assert -3.14 <= theta <= 3.14                         # the widget's slider reaches it
    v = widget(theta=round(theta, 2), px=1, py=3).values()
    assert abs(v["x2"]) < 0.03 and v["y2"] < 0
    assert round(-math.sqrt(10), 4) == -3.1623 and abs(v["y2"] + math.sqrt(10)) < 1e-3
