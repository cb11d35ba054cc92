"""partial_slices: each slice's tangent slope is the partial derivative (checked against a
central difference along that one axis), the numbers m06-l01 states at (1, 1) and
(2, −1), and the handle moving the point by drag and keys."""

import pytest

from mlmath import widgets
from mlmath.m06.surface_common import SURFACES


def widget(**config):
    return widgets.create("partial_slices", config)


def central(g, t, h=1e-5):
    return (g(t + h) - g(t - h)) / (2 * h)


@pytest.mark.parametrize("fn", sorted(SURFACES))
@pytest.mark.parametrize("x, y", [(1, 1), (-0.5, 0.75), (0.3, -1.2)])
def test_each_slope_is_the_derivative_of_its_slice(fn, x, y):
    f = SURFACES[fn][0]
    v = widget(fn=fn, x=x, y=y).values()
    # central difference with h = 1e-5: truncation ~h² |f'''|, rounding ~1e-16 |f| / h, both < 1e-7 here
    assert abs(v["fx"] - central(lambda t: f(t, v["y"]), v["x"])) < 1e-7
    assert abs(v["fy"] - central(lambda t: f(v["x"], t), v["y"])) < 1e-7


def test_the_numbers_the_lesson_states():
    v = widget(fn="cubic", x=1, y=1).values()
    assert (v["f"], v["fx"], v["fy"]) == (2, 2, 3)
    v = widget(fn="cubic", x=2, y=-1).values()
    assert v["fy"] == 2            # the numeric quiz: x² + 2y at (2, −1)
    w = widget(fn="cubic", x=1, y=1)
    assert not w.goal_met()
    w.set_values({"x": 0})
    v = w.values()
    assert v["fx"] == 0 and v["fy"] == 2     # along x = 0 the x-slice is flat, the y-slice is not


def test_the_handle_moves_the_point():
    w = widget(fn="bowl", x=1, y=1)
    w.handle({"type": "drag", "handle": "p", "x": w.plane.x(-2), "y": w.plane.y(0.5)})
    assert w.p == (-2, 0.5)
    w.handle({"type": "key", "handle": "p", "key": "ArrowRight"})
    w.handle({"type": "key", "handle": "p", "key": "ArrowUp"})
    assert w.p == (-1.95, 0.55)
    w.handle({"type": "key", "handle": "p", "key": "Home"})
    assert w.p == (1, 1)
