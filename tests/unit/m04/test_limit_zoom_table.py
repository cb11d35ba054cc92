"""limit_zoom_table: the probes read f(a ± h) from both sides, the value at a is apart
(none at a hole), and the numbers m04-l03 states: (x² − 1)/(x − 1) heads for 2,
sin x / x for 1, (x³ − 8)/(x − 2) for 12; the step's sides never meet."""

import math

from mlmath import widgets
from mlmath.m04.l03_limits import CASES, value


def widget(**config):
    return widgets.create("limit_zoom_table", config)


def test_the_hole_heads_for_two_without_a_value_at_one():
    w = widget(fn="hole", h=1)
    assert math.isnan(w.values()["at"]) and value(CASES["hole"][0], 1) is None
    assert math.isclose(value(CASES["hole"][0], 1.1), 2.1) and math.isclose(value(CASES["hole"][0], 0.9), 1.9)
    w.set_values({"h": 0.001})
    assert abs(w.values()["left"] - 2) >= 0.001 - 1e-12     # 0.001 itself is not yet inside
    w.set_values({"h": 0.0003})
    v = w.values()
    assert abs(v["left"] - 2) < 0.001 and abs(v["right"] - 2) < 0.001


def test_every_existing_limit_is_what_the_table_heads_for():
    for name, (f, _, a, limit, kind, _) in CASES.items():
        if kind == "exists":
            assert abs(value(f, a - 1e-5) - limit) < 1e-3 and abs(value(f, a + 1e-5) - limit) < 1e-3, name


def test_sinc_table_rows():
    f = CASES["sinc"][0]
    assert [round(f(h), 9) for h in (0.1, 0.01, 0.001)] == [0.998334166, 0.999983333, 0.999999833]


def test_the_step_never_closes_and_the_wiggle_swings():
    w = widget(fn="step", h=1e-5)
    assert math.isclose(w.values()["left"], -1, abs_tol=1e-4) and math.isclose(w.values()["right"], 1, abs_tol=1e-4)
    f = CASES["wiggle"][0]
    assert round(f(0.001), 3) == 0.827 and round(f(0.0011), 3) == -0.921


def test_the_pick_goal_needs_the_right_function_and_a_small_h():
    w = widget(fn="sinc", pick=True, h=1)
    w.set_values({"fn": "cubehole", "h": 0.1})
    assert abs(w.values()["right"] - 12) > 0.01
    w.set_values({"h": 0.001})
    assert abs(w.values()["left"] - 12) < 0.01 and abs(w.values()["right"] - 12) < 0.01


def test_dragging_a_probe_sets_h():
    w = widget(fn="hole", h=1)
    w.handle({"type": "drag", "handle": "right", "x": w.plot().x(1.1), "y": 0})
    assert math.isclose(w.values()["h"], 0.1, rel_tol=0.07)
