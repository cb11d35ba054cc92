"""dot_product_spread: a dot product of n independent mean-0, variance-1 pairs has variance
about n, dividing by sqrt n keeps it near 1, and the numbers m08-l03 states."""

import math
import random

import pytest

from mlmath import widgets
from mlmath.m08.dot_product_spread import LENGTHS, dots, variance
from lesson_kernel import run_lesson


def spread(**config):
    return widgets.create("dot_product_spread", config)


@pytest.mark.parametrize("n", LENGTHS)
def test_the_measured_variance_is_near_n_and_near_1_scaled(n):
    w = spread(n=n)
    assert abs(w.values()["var"] / n - 1) < 0.15
    w.set_values({"scaled": True})
    assert abs(w.values()["var"] - 1) < 0.15 and w.values()["predicted"] == 1


def test_the_lessons_numbers_at_n_64():
    v = spread(n=64).values()
    assert round(v["var"], 1) == 60.3 and round(v["std"]) == 8


def test_the_entries_have_variance_one():
    rng = random.Random(0)
    xs = [(2 * rng.random() - 1) * math.sqrt(3) for _ in range(100_000)]
    assert variance(xs) == pytest.approx(1, abs=0.02)
    assert len(dots(trials=5)[256]) == 5


def test_the_lesson_prints_the_numbers_it_states():
    _, printed, _ = run_lesson("m08-l03")
    out = [printed[k] for k in printed]
    assert "3.5 2.9167 1.7078" in out[0]
    assert printed["mean-var"].strip() == "(1000000010.0, 22.5)"
    first, second, third = eval(printed["dot-var"])
    assert abs(first - 1) < 0.2 and abs(second - 8) < 1.6 and abs(third - 32) < 6.4


def test_a_plus_minus_one_coin_shares_mean_and_variance_with_the_standard_normal():
    coin = {-1: 0.5, 1: 0.5}
    mean = sum(x * p for x, p in coin.items())
    assert mean == 0 and sum((x - mean) ** 2 * p for x, p in coin.items()) == 1


def test_the_one_pass_sum_of_squares_gives_minus_128_near_1e9():
    from lesson_kernel import lesson_part
    starter = lesson_part("m08-l03", "exercise", "mean-var").data["starter"]
    space = {}
    exec(starter, space)
    mean, var = space["mean_var"](iter([1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16]))
    assert mean == 1e9 + 10 and var == -128.0                                # the lesson's -128; the truth is 22.5
