"""depth_gradient_decay: n layers multiply the gradient by f′(z)ⁿ; the sigmoid's best case
first drops below 10⁻⁶ at ten layers (0.25¹⁰ = 1/1,048,576); ReLU keeps 1 while active and
0 when dead; GELU above z ≈ 0.75 grows. And the chain through a real sigmoid stack from
x = 0, as the lesson states it, is about 3.9 × 10⁻⁷."""

import math

from mlmath import widgets
from mlmath.m11.nn_common import sigmoid


def make(**config):
    return widgets.create("depth_gradient_decay", config)


def test_the_factor_is_the_slope_to_the_power_n():
    w = make(n=4, z=1)
    s = sigmoid(1) * (1 - sigmoid(1))
    assert math.isclose(w.values()["sigmoid"], s ** 4)
    assert w.values()["relu"] == 1 and w.values()["gelu"] > 1


def test_ten_sigmoid_layers_is_the_first_below_one_millionth():
    w = make()
    w.set_values({"z": 0, "n": 9})
    assert w.values()["sigmoid"] > 1e-6
    w.set_values({"n": 10})
    assert w.values()["sigmoid"] == 0.25 ** 10 == 1 / 1048576 < 1e-6
    assert abs(0.25 ** 10 - 9.5367431640625e-7) < 1e-20


def test_a_dead_relu_passes_nothing_and_tanh_saturates():
    w = make(n=5, z=-1)
    assert w.values()["relu"] == 0
    assert w.values()["tanh"] < 0.02


def test_the_handle_moves_the_depth():
    w = make()
    w.handle({"type": "drag", "handle": "n", "x": w.plot.x(12.2), "y": 0})
    assert w.values()["n"] == 12
    w.handle({"type": "key", "handle": "n", "key": "End"})
    assert w.values()["n"] == 20


def test_the_real_stack_from_zero_is_well_under_the_bound():
    grad, a = 1.0, 0.0
    for _ in range(10):
        grad *= sigmoid(a) * (1 - sigmoid(a))
        a = sigmoid(a)
    assert abs(grad - 3.875e-7) < 1e-10 and round(grad * 1e7, 1) == 3.9


def test_off_the_peak_at_z_2_seven_layers_pass_one_millionth():
    s = sigmoid(2) * (1 - sigmoid(2))
    assert round(s, 3) == 0.105
    assert math.log(1e-6) / math.log(s) == __import__("pytest").approx(6.13, abs=0.01)
    w = make()
    w.set_values({"z": 2, "n": 6})
    assert w.values()["sigmoid"] > 1e-6 and round(w.values()["sigmoid"] * 1e6, 1) == 1.3
    w.set_values({"n": 7})
    assert w.values()["sigmoid"] < 1e-6


def test_a_negative_gelu_slope_is_drawn_by_its_size():
    w = make(n=3, z=-1.5)
    assert w.values()["gelu"] < 0                      # the sign flips every layer
    scene = w.scene()
    gelu_path = [s for s in scene["shapes"] if s.get("t") == "path" and "muted" in s.get("cls", "")]
    assert gelu_path and gelu_path[0]["d"].count("M") == 1   # one unbroken curve, not dropped points
