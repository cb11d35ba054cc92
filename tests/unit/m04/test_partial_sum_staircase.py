"""partial_sum_staircase: running totals of a geometric series, what is left below
a/(1 − r) (for r = 1/2, exactly the last term), and the numbers m04-l02 states."""

import math

from mlmath import widgets
from mlmath.m04.partial_sum_staircase import partial_sums


def widget(**config):
    return widgets.create("partial_sum_staircase", config)


def test_the_running_totals_add_one_term_at_a_time():
    assert partial_sums(1, 0.5, 4) == [1, 1.5, 1.75, 1.875]
    assert partial_sums(1, -0.5, 3) == [1, 0.5, 0.75]


def test_for_halving_what_is_left_is_the_last_term():
    w = widget(r=0.5)
    for n in (1, 5, 11, 30):
        w.set_values({"n": n})
        v = w.values()
        assert v["gap"] == v["term"] == 0.5 ** (n - 1)
    w.set_values({"n": 10})
    assert w.values()["gap"] >= 0.001
    w.set_values({"n": 11})
    assert w.values()["gap"] < 0.001 and math.isclose(w.values()["gap"], 1 / 1024)


def test_r_three_quarters_lands_on_four_and_needs_21_terms_for_a_hundredth():
    w = widget(r=0.75, n=20)
    assert w.values()["limit"] == 4 and w.values()["gap"] > 0.01
    w.set_values({"n": 21})
    assert w.values()["gap"] < 0.01 and round(w.values()["gap"], 4) == 0.0095


def test_negative_r_zigzags_onto_the_limit_and_big_r_has_none():
    w = widget(r=-0.5, n=40)
    assert math.isclose(w.values()["sum"], 2 / 3, abs_tol=1e-9)
    sums = partial_sums(1, -0.5, 6)
    assert all((s - 2 / 3) * (t - 2 / 3) < 0 for s, t in zip(sums, sums[1:]))   # over, under, over...
    w.set_values({"r": 1.1})
    assert math.isnan(w.values()["limit"]) and w.values()["sum"] > 400


def test_dragging_the_total_picks_n():
    w = widget()
    w.handle({"type": "drag", "handle": "n", "x": w.plot.x(17.2), "y": 0})
    assert w.values()["n"] == 17
