"""sgd_noise_ball: its readouts are l02_noisy_line's radius and loss, B = 100 is the exact
gradient, and the ball grows with the step size."""

import math

from mlmath import widgets
from mlmath.m10.l02_noisy_line import ball_radius, sgd
from scene_checks import assert_scene_fits, readout


def test_values_follow_the_knobs():
    w = widgets.create("sgd_noise_ball", {})
    assert math.isclose(w.values()["radius"], ball_radius(sgd(1, 0.4, 300, 0)))
    assert readout(w, "noise-ball radius") == "0.67"
    w.set_values({"batch": 16})
    assert readout(w, "noise-ball radius") == "0.121"
    w.set_values({"batch": 100})
    assert w.values()["radius"] < 1e-9


def test_the_largest_step_makes_the_largest_ball():
    w = widgets.create("sgd_noise_ball", {"lr": 0.6})
    assert w.values()["radius"] > 1.0 > widgets.create("sgd_noise_ball", {"lr": 0.3}).values()["radius"]
    assert_scene_fits(w.scene())
