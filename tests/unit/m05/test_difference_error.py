"""difference_error, and the numbers m05-l01 states from it: the forward difference's error
falls like h/2·|f''| until rounding takes over, bottoming out near h = 1e-8 for sin at 1;
the central difference's falls like h², bottoming out between 1e-6 and 1e-5."""

import math

import pytest

from mlmath import widgets


def widget(**config):
    return widgets.create("difference_error", config)


def errors(w, kind):
    out = {}
    for k in range(0, 151):
        w.set_values({"lg": -k / 10})
        out[-k / 10] = w.values()[kind]
    return out


def test_the_forward_error_is_first_the_truncation_error():
    w = widget(fn="sin", a=1)
    for h in (0.1, 0.01, 1e-4):
        w.set_values({"h": h})
        assert math.isclose(w.values()["forward_error"], h / 2 * math.sin(1), rel_tol=0.05)


def test_the_forward_error_bottoms_out_near_1e_minus_8_then_climbs():
    forward = errors(widget(fn="sin", a=1), "forward_error")
    best = min(forward, key=forward.get)
    assert -9 <= best <= -7.5 and forward[best] < 1e-8
    assert forward[-12] > 1e3 * forward[best] and forward[-1] > 1e6 * forward[best]


def test_the_central_error_falls_like_h_squared_and_bottoms_out_lower():
    w = widget(fn="sin", a=1)
    w.set_values({"h": 0.01})
    assert math.isclose(w.values()["central_error"], 1e-4 / 6 * math.cos(1), rel_tol=0.01)
    central = errors(w, "central_error")
    best = min(central, key=central.get)
    assert -6 <= best <= -5 and central[best] < 1e-10


@pytest.mark.parametrize("fn", ["square", "cube", "exp"])
def test_other_functions_share_the_shape(fn):
    forward = errors(widget(fn=fn, a=0.5), "forward_error")
    assert forward[-1] > 100 * min(forward.values()) < forward[-14]


def test_dragging_the_handle_moves_h_along_the_log_axis():
    w = widget(fn="sin", a=1)
    w.handle({"type": "drag", "handle": "lg", "x": w.plot.x(1e-6), "y": 0})
    assert math.isclose(w.values()["h"], 1e-6, rel_tol=0.03)
    w.handle({"type": "input", "id": "show_central", "value": None})
    assert w.values()["show_central"] is True
