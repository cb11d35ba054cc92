"""e_two_ways and l04_e: both roads land on e, the series far faster (10 terms match what
compounding needs over a million steps for), digits counted as |x − e| < 10⁻ᵈ; the numbers
m04-l04 states."""

import math

from mlmath import widgets
from mlmath.m04.l04_e import compounding, correct_digits, series
from lesson_kernel import lesson_widget


def test_compounding_climbs_toward_e():
    got = [round(compounding(n), 6) for n in (1, 2, 4, 12, 365, 10 ** 6)]
    assert got == [2.0, 2.25, 2.441406, 2.613035, 2.714567, 2.71828]
    assert all(compounding(n) < compounding(n + 1) < 3 for n in (1, 10, 1000))


def test_the_series_and_its_first_terms():
    assert series(3) == 2.5 and round(series(4), 3) == 2.667 and round(series(10), 7) == 2.7182815
    assert math.isclose(series(18), math.e, rel_tol=1e-15)


def test_digits_are_counted_by_distance():
    assert [correct_digits(x) for x in (2.7, 3, 2.718, 2.72, 2.71827, 4.5, math.e)] == [1, 0, 3, 2, 4, 0, 15]


def test_the_series_is_far_faster():
    assert correct_digits(series(10)) == 6 and correct_digits(series(9)) == 5
    assert correct_digits(compounding(10 ** 6)) == 5                         # a million steps: not yet 6
    assert min(t for t in range(1, 19) if correct_digits(series(t)) >= 10) == 14
    for n in (10, 1000, 10 ** 5):                                           # error ≈ e / (2n): 1/n, not faster
        assert 0.8 < (math.e - compounding(n)) * 2 * n / math.e < 1.0


def test_the_goal_needs_over_a_million_steps_and_ten_terms():
    w = widgets.create("e_two_ways", {"n": 10, "terms": 3})
    w.set_values({"n": 10 ** 6, "terms": 10})
    assert w.values()["digits_compound"] == 5 and not w.goal_met()
    w.set_values({"n": 3_000_000})
    assert w.values()["digits_compound"] >= 6 and w.values()["digits_series"] >= 6
    w.handle({"type": "drag", "handle": "terms", "x": w.plot.x(12), "y": 0})
    assert w.values()["terms"] == 12


def test_the_lessons_goal_asks_for_the_least_work_each_slider_allows():
    w = lesson_widget("m04-l04", "race")
    w.set_values({"n": 1_258_925, "terms": 10})                             # the stop below: 5 decimals
    assert w.n == 1_258_925 and w.values()["digits_compound"] == 5 and not w.goal_met()
    w.set_values({"n": 1_584_893, "terms": 11})                             # an extra term is wasted work
    assert w.values()["digits_compound"] == 6 and not w.goal_met()
    w.set_values({"terms": 9})
    assert w.values()["digits_series"] == 5 and not w.goal_met()
    w.set_values({"terms": 10})
    assert w.goal_met()
    w.set_values({"n": 1_995_262})                                          # more steps than needed
    assert w.values()["digits_compound"] == 6 and not w.goal_met()
