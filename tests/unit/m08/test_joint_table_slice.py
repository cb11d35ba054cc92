"""joint_table_slice: marginals are row and column sums, conditioning divides a row by its
sum, only the conditioning row matters, and the numbers m08-l02 states."""

from fractions import Fraction

import pytest

from mlmath import widgets
from mlmath.m08.joint_table_slice import CH, MAX, TOP
from lesson_kernel import run_lesson
from scene_checks import readout


def table(**config):
    return widgets.create("joint_table_slice", config)


def test_marginals_are_sums_and_add_to_one():
    v = table().values()
    assert v["total"] == 36
    assert [v["py0"], v["py1"], v["py2"]] == [14 / 36, 13 / 36, 9 / 36]
    assert sum(v[f"py{j}"] for j in range(3)) == pytest.approx(1)


def test_conditioning_divides_the_row_by_its_marginal():
    w = table()
    w.handle({"type": "drag", "handle": "r2", "x": 10, "y": 10})
    v = w.values()
    assert v["row"] == "rainy" and v["px"] == 10 / 36
    assert [v["c0"], v["c1"], v["c2"]] == pytest.approx([0.1, 0.5, 0.4])
    assert readout(w, "P(car | rainy)") == "0.4"
    assert Fraction(4, 9) != Fraction(4, 10) and round(4 / 9, 3) == 0.444      # the flip quiz


def test_other_rows_do_not_change_the_slice():
    w = table(row="rainy")
    before = w.values()["c2"]
    w.set_values({"n00": 0, "n12": 12})
    assert w.values()["c2"] == before
    w.set_values({"n21": 3})
    assert w.values()["c2"] == 0.5


def test_dragging_a_bar_and_keys_set_a_count():
    w = table()
    bottom = TOP + CH - 4
    w.handle({"type": "drag", "handle": "n01", "x": 0, "y": bottom - (CH - 8) / 2})
    assert w.values()["n01"] == MAX // 2
    w.handle({"type": "key", "handle": "n01", "key": "ArrowUp"})
    assert w.values()["n01"] == MAX // 2 + 1
    w.handle({"type": "key", "handle": "r1", "key": "Enter"})
    assert w.values()["row"] == "cloudy"


def test_swapping_days_keeps_the_marginals_but_not_the_table():
    a = table().values()
    b = table(counts=[[8, 4, 2], [4, 5, 3], [2, 4, 4]]).values()
    assert [a[f"py{j}"] for j in range(3)] == [b[f"py{j}"] for j in range(3)] and a != b


def test_bad_counts_are_rejected_by_name():
    with pytest.raises(ValueError, match="joint_table_slice: counts"):
        table(counts=[[1, 2], [3, 4]])


def test_the_lesson_prints_the_numbers_it_states():
    _, printed, _ = run_lesson("m08-l02")
    assert printed["slice-code"].splitlines() == ["{'walk': 0.389, 'bus': 0.361, 'car': 0.25}",
                                                  "{'walk': 0.1, 'bus': 0.5, 'car': 0.4}"]
    assert printed["posterior"].split() == ["0.1538", "0.0902"]
