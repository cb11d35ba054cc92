"""momentum_echo: the velocity is the β-faded sum of past gradients; a steady gradient settles
at g/(1 − β), a flipping one at ±g/(1 + β); the ravine pattern stops flipping for β > 2/3;
and the numbers m10-l03 states, including its ravine step counts."""

import math

from mlmath import widgets
from mlmath.m10.momentum_echo import PATTERNS, velocities
from mlmath.m10.optimizer_paths import run


def test_the_velocity_is_the_faded_sum_of_past_gradients():
    for pattern, g in PATTERNS.items():
        vs = velocities(pattern, 0.7, 12)
        for t in range(1, 13):
            assert math.isclose(vs[t - 1], sum(0.7 ** k * g(t - k) for k in range(t)), abs_tol=1e-12)


def test_the_two_gains():
    for beta in (0.5, 0.9):
        assert math.isclose(velocities("steady", beta, 400)[-1], 1 / (1 - beta))
        assert math.isclose(abs(velocities("alternating", beta, 400)[-1]), 1 / (1 + beta))
    assert round(1 / 1.9, 2) == 0.53 and round(0.95 ** 20, 2) == 0.36


def test_the_ravine_pattern_stops_flipping_past_two_thirds():
    w = widgets.create("momentum_echo", {"pattern": "ravine"})
    for beta, flips in ((0.66, True), (0.67, False), (0.8, False)):
        w.set_values({"beta": beta})
        assert (w.values()["flips"] > 0) == flips


def steps(lr, beta, tol=0.001):
    for k, (x, y) in enumerate(run("momentum", 0.05, 5, (-8, 1), lr, 10000, beta=beta)):
        if 0.05 * x * x + 5 * y * y < tol:
            return k


def test_the_ravine_numbers_the_lesson_states():
    assert steps(0.19, 0.0) == 211 and steps(0.19, 0.8) == 41 and steps(0.19, 0.95) == 145
    assert round(1 - 0.1 * 0.19, 3) == 0.981
    assert math.isclose(0.01 * 2 / (1 - 0.9), 0.2)
    quarter = [b / 100 for b in range(100) if (s := steps(0.19, b / 100)) and 4 * s < 211]
    assert 0.8 in quarter and 0.0 not in quarter and 0.95 not in quarter
