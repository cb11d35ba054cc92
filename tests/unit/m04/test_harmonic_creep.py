"""harmonic_creep: H_n added term by term, passing 10 first at n = 12,367; doubling n adds
about ln 2 and never less than 1/2; H_n − ln n settles near 0.5772 (m04-l02's numbers)."""

import math

from mlmath import widgets
from mlmath.m04.harmonic_creep import harmonic


def test_the_totals_are_the_harmonic_sums():
    assert harmonic(1) == 1 and harmonic(2) == 1.5 and round(harmonic(10), 4) == 2.929


def test_it_first_passes_ten_at_12367():
    assert harmonic(12366) <= 10 < harmonic(12367)
    assert round(math.exp(10 - 0.5772156649)) == 12367


def test_doubling_adds_at_least_a_half_and_about_ln_2():
    for n in (1, 10, 1000, 50_000):
        d = harmonic(2 * n) - harmonic(n)
        assert 0.5 <= d < math.log(2)
    assert math.isclose(harmonic(100_000) - harmonic(50_000), math.log(2), abs_tol=1e-5)
    assert math.isclose(harmonic(10_000) - harmonic(1000), math.log(10), abs_tol=1e-3)   # a decade adds ~2.3


def test_the_gap_to_ln_settles_near_eulers_constant():
    assert round(harmonic(100_000) - math.log(100_000), 4) == 0.5772


def test_the_goal_needs_more_than_twelve_thousand_terms():
    w = widgets.create("harmonic_creep", {"n": 10})
    w.set_values({"n": 12000})
    assert w.values()["total"] < 10
    w.set_values({"n": 12600})
    assert w.values()["total"] > 10 and w.values()["n"] == 12589       # on the slider's log grid
    w.handle({"type": "drag", "handle": "lg", "x": w.plot.x(100), "y": 0})
    assert w.values()["n"] == 100


def test_the_level_twenty_estimate_and_the_factor_e_per_unit():
    gamma = 0.5772156649
    assert 272_000_000 < math.exp(20 - gamma) < 273_000_000
    assert math.isclose(math.exp(11 - gamma) / math.exp(10 - gamma), math.e)
