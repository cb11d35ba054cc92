"""gradient_compass: the directional derivative is grad f . u and agrees with a step along u;
it peaks at |grad f| along the gradient and is zero along the contour; the numbers m06-l02
states (gradient (2, 6) at (1, 1), about 72 degrees, |grad f| = 6.32; (-4, 3) and 5 at (-2, 0.5))."""

import math

import pytest

from mlmath import widgets
from mlmath.m06.surface_common import SURFACES


def widget(**config):
    return widgets.create("gradient_compass", config)


@pytest.mark.parametrize("fn", sorted(SURFACES))
@pytest.mark.parametrize("angle", [0, 45, 130, 270, 333])
def test_grad_dot_u_is_the_slope_measured_along_u(fn, angle):
    v = widget(fn=fn, x=0.6, y=-0.9, angle=angle).values()
    assert math.isclose(v["ux"] ** 2 + v["uy"] ** 2, 1)
    # the measured slope is a central difference with h = 1e-5: off by ~h² |f'''| at most
    assert abs(v["du"] - v["slope"]) < 1e-7


def test_the_peak_is_along_the_gradient_and_the_zero_along_the_contour():
    w = widget(fn="ellipse", x=1, y=1, angle=180)
    v = w.values()
    assert (v["gx"], v["gy"]) == (2, 6) and round(v["norm"], 2) == 6.32
    best = max(range(360), key=lambda a: (w.set_values({"angle": a}), w.values()["du"])[1])
    assert best == 72 == round(math.degrees(math.atan2(6, 2)))
    w = widget(fn="ellipse", x=-2, y=0.5, angle=150)
    v = w.values()
    assert (v["gx"], v["gy"], v["norm"]) == (-4, 3, 5)
    w.set_values({"angle": 53})
    assert abs(w.values()["du"]) < 0.02 * 5
    f = SURFACES["ellipse"][0]
    ux, uy = w.values()["ux"], w.values()["uy"]
    # along u, f stays level to first order: a step of 0.01 changes it by far less than |grad f| * 0.01
    assert abs(f(-2 + 0.01 * ux, 0.5 + 0.01 * uy) - f(-2, 0.5)) < 0.002


def test_the_tip_turns_u_and_the_keys_step_the_angle():
    w = widget(fn="bowl", x=0, y=0, angle=0)
    w.handle({"type": "drag", "handle": "angle", "x": w.plane.x(0), "y": w.plane.y(1)})
    assert w.values()["angle"] == 90
    w.handle({"type": "key", "handle": "angle", "key": "ArrowRight"})
    assert w.values()["angle"] == 91
    w.handle({"type": "key", "handle": "p", "key": "ArrowUp"})
    assert w.p == (0, 0.05)
