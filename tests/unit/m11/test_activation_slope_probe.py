"""activation_slope_probe and the activations of lesson m11-l04: each derivative agrees
with a central difference; the numbers the lesson states (sigmoid's slope peaks at 0.25,
tanh's is under 0.01 past |z| = 3, GELU's slope peaks near 1.129 at √2, dips to about
−0.129 at −√2 and passes 1 near z = 0.75, GPT-2's tanh GELU is within 5e-4 of the exact
one); the handle moves z; a dead ReLU has slope 0."""

import math

import pytest

from mlmath import widgets
from mlmath.m11.nn_common import ACTIVATIONS, d_gelu, gelu, sigmoid


def make(**config):
    return widgets.create("activation_slope_probe", config)


@pytest.mark.parametrize("act", list(ACTIVATIONS))
def test_each_derivative_matches_a_central_difference(act):
    f, df, _ = ACTIVATIONS[act]
    for z in (-3.7, -1.2, -0.4, 0.3, 0.9, 2.6):
        assert df(z) == pytest.approx((f(z + 1e-6) - f(z - 1e-6)) / 2e-6, abs=1e-7)


def test_the_numbers_the_lesson_states():
    zs = [k / 1000 for k in range(-5000, 5001)]
    ds = ACTIVATIONS["sigmoid"][1]
    assert max(ds(z) for z in zs) == ds(0) == 0.25
    assert 1 - math.tanh(3) ** 2 < 0.01 and 1 - math.tanh(2.99) ** 2 > 0.01
    peak = max(zs, key=d_gelu)
    assert abs(peak - math.sqrt(2)) < 2e-3 and round(d_gelu(peak), 3) == 1.129
    assert round(min(d_gelu(z) for z in zs), 2) == -0.13
    cross = min(z for z in zs if z > 0 and d_gelu(z) > 1)
    assert 0.74 < cross < 0.76
    approx = lambda z: 0.5 * z * (1 + math.tanh(math.sqrt(2 / math.pi) * (z + 0.044715 * z ** 3)))
    assert max(abs(gelu(z) - approx(z)) for z in zs) < 5e-4
    assert all(abs(math.tanh(z) - (2 * sigmoid(2 * z) - 1)) < 1e-12 for z in (-2, 0.3, 1.7))


def test_the_handle_moves_z_and_relu_dies_below_zero():
    w = make(act="relu", z=1.5, lock=True)
    assert w.values()["slope"] == 1.0
    w.handle({"type": "drag", "handle": "z", "x": w.plot.x(-1), "y": 0})
    assert w.values()["z"] == -1 and w.values()["slope"] == 0 and w.values()["out"] == 0
    assert [c["id"] for c in w.controls()] == ["z"]
    w = make(act="sigmoid", z=2)
    w.handle({"type": "key", "handle": "z", "key": "Home"})
    assert w.values()["z"] == -5
    w.set_values({"z": 0, "act": "gelu"})
    assert w.values()["slope"] == 0.5
