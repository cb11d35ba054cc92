"""init_depth_spread and l03_init: the variance algebra (n Var(w) Var(x), ReLU keeping half),
the widget's goal band around He's sqrt 2, and the numbers m13-l03 states."""

import math
import random

from mlmath import widgets
from mlmath.m13.l03_init import make_inputs, make_layers, rms, spreads


def test_a_sum_of_n_products_has_variance_n_var_w_var_x():
    rng = random.Random(0)
    n, trials = 64, 4000
    zs = [sum(rng.gauss(0, 0.5) * rng.gauss(0, 2) for _ in range(n)) for _ in range(trials)]
    var = sum(z * z for z in zs) / trials
    assert abs(var - n * 0.25 * 4) / (n * 0.25 * 4) < 0.06


def test_relu_keeps_half_the_mean_square():
    rng = random.Random(1)
    zs = [rng.gauss(0, 1.7) for _ in range(40000)]
    assert abs(sum(max(z, 0) ** 2 for z in zs) / len(zs) / 1.7 ** 2 - 0.5) < 0.02


def test_the_goal_band_holds_he_and_excludes_xavier_and_double():
    w = widgets.create("init_depth_spread", {})
    assert w.values()["ratio"] < 1e-7                              # gain 1: "about 5e-8"
    assert round(w.values()["ratio"], 9) == 4.8e-8
    inside = []
    for g in range(50, 251):
        w.set_values({"gain": g / 100})
        if 0.5 <= w.values()["ratio"] <= 2:
            inside.append(g / 100)
    assert inside == [1.40, 1.41, 1.42, 1.43]
    w.set_values({"gain": 2.0})
    assert w.values()["ratio"] > 1e5


def test_tanh_shrinks_at_gain_one_and_saturates_when_large():
    w = widgets.create("init_depth_spread", {"activation": "tanh", "gain": 1.0})
    assert w.values()["ratio"] < 0.2 and w.values()["saturated"] == 0
    w.set_values({"gain": 2.5})
    assert w.values()["saturated"] > 0.15


def test_the_lessons_stated_numbers():
    assert round(1.1 ** 50) == 117 and round(0.9 ** 50, 3) == 0.005
    assert math.isclose(math.sqrt(2 / 512), 0.0625) and math.sqrt(256) == 16
    assert math.isclose((1 / math.sqrt(2)) ** 50, 2 ** -25)
    assert 1 / math.sqrt(64) == 0.125


def test_spreads_is_the_forward_pass_written_out():
    layers, x = make_layers(3, 4, 2), make_inputs(1, 4, 3)[0]
    h = list(x)
    for W in layers:
        h = [max(0.0, 1.3 / 2 * sum(a * b for a, b in zip(row, h))) for row in W]
    assert math.isclose(spreads(layers, [x], 1.3)[-1], rms(h))
