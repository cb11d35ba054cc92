"""m10-l02's data and arithmetic: minibatch gradients are unbiased with variance σ²/B, the
noise ball grows with the step and shrinks with the batch, the capstone's batch share, and
the numbers the lesson states."""

import math
import random

from mlmath.gpt.model import Config
from mlmath.m10.l02_noisy_line import (DATA, N, ball_radius, example_grad, example_spread, loss,
                                       minibatch_grad, optimum, sgd)
from mlmath.m18.recipe import SIZES


def test_the_gradient_matches_finite_differences():
    for w, b in ((0.0, 0.0), (1.3, -0.4)):
        gw, gb = minibatch_grad(w, b, DATA)
        h = 1e-6
        assert math.isclose(gw, (loss(w + h, b) - loss(w - h, b)) / (2 * h), rel_tol=1e-6)
        assert math.isclose(gb, (loss(w, b + h) - loss(w, b - h)) / (2 * h), rel_tol=1e-6)


def test_the_minibatch_gradient_is_unbiased_with_variance_sigma2_over_b():
    # exact over all ordered batches of 2 (with replacement): mean = full, variance = σ²/2
    full = minibatch_grad(0.0, 0.0, DATA)[0]
    g1 = [example_grad(0.0, 0.0, x, y)[0] for x, y in DATA]
    pairs = [(a + b) / 2 for a in g1 for b in g1]
    mean = math.fsum(pairs) / len(pairs)
    var = math.fsum((g - mean) ** 2 for g in pairs) / len(pairs)
    assert math.isclose(mean, full) and math.isclose(var, example_spread() / 2)


def test_the_optimum_is_least_squares():
    ws, bs = optimum()
    assert abs(minibatch_grad(ws, bs, DATA)[0]) < 1e-12 and abs(minibatch_grad(ws, bs, DATA)[1]) < 1e-12
    assert math.fsum(x for x, _ in DATA) < 1e-12 and N == 100


def test_the_noise_ball_grows_with_the_step_and_shrinks_with_the_batch():
    radius = {(B, lr): ball_radius(sgd(B, lr, 300)) for B in (1, 4, 16) for lr in (0.1, 0.2, 0.4)}
    for B in (1, 4, 16):
        assert radius[B, 0.1] < radius[B, 0.2] < radius[B, 0.4]
    for lr in (0.1, 0.2, 0.4):
        assert radius[1, lr] > radius[4, lr] > radius[16, lr]
    assert ball_radius(sgd(100, 0.4, 300)) < 1e-9


def test_the_goal_needs_sixteen_or_more_for_every_seed():
    for seed in range(10):
        assert ball_radius(sgd(16, 0.4, 300, seed)) < 0.15 < ball_radius(sgd(8, 0.4, 300, seed))
        assert 0.55 < ball_radius(sgd(1, 0.4, 300, seed)) < 0.85


def test_the_capstones_batch_share():
    cfg, batch, _ = SIZES["full"]
    per_step = batch * cfg.block_size
    assert (batch, cfg.block_size, per_step) == (32, 64, 2048) and cfg == Config()
    train = int(0.9 * 1_115_394)          # mlmath.gpt.train.Windows: the first 90% trains
    assert train == 1_003_854 and round(100 * per_step / train, 1) == 0.2


def test_the_sharp_dip_escape_numbers():
    def f(x):
        return 0.1 * x * x - 2 * math.exp(-(x - 4) ** 2 / 0.02)

    def slope(x):
        return 0.2 * x + 200 * (x - 4) * math.exp(-(x - 4) ** 2 / 0.02)

    def descend(noise, seed, steps=4000, lr=0.004, x=3.9):
        rng = random.Random(seed)
        for _ in range(steps):
            x -= lr * (slope(x) + rng.gauss(0, noise))
        return x

    x = descend(0, 0)
    assert abs(x - 4) < 0.01 and round(f(x), 1) == -0.4
    assert abs(slope(4.1) - (f(4.1 + 1e-6) - f(4.1 - 1e-6)) / 2e-6) < 1e-4
    ends = [descend(20, seed) for seed in range(20)]
    assert not any(abs(e - 4) < 0.3 for e in ends) and max(abs(e) for e in ends) <= 3.0
    assert round(min(ends)) == -3 and round(max(ends)) == 3            # "from about -3 to 3"
    # the prose: a kick of 0.004 x 20 = 0.08 against the bump's standard deviation 0.1
    # (exp(-(x - 4)² / 0.02) = exp(-(x - 4)² / (2 · 0.1²))), and f only 0.4 up at x = ±2
    assert math.isclose(0.004 * 20, 0.08) and math.isclose(2 * 0.1 ** 2, 0.02)
    assert round(f(2), 6) == round(f(-2), 6) == 0.4
