"""dice_event_grid: an event is a set of the 36 outcomes, P(E) = n / 36 obeys the axioms,
painting and Enter build the event, and the numbers m08-l01 states."""

from fractions import Fraction

import pytest

from mlmath import widgets
from mlmath.m08.dice_event_grid import CELL, LEFT, TOP, pmf_of_sum
from lesson_kernel import run_lesson
from scene_checks import readout


def grid(**config):
    return widgets.create("dice_event_grid", config)


def click(w, i, j):
    w.handle({"type": "drag", "handle": "c11", "x": LEFT + (j - 0.5) * CELL, "y": TOP + (i - 0.5) * CELL})


def test_the_sum_seven_event_has_probability_one_sixth():
    w = grid()
    for i in range(1, 7):
        click(w, i, 7 - i)
    v = w.values()
    assert (v["n"], v["lo"], v["hi"]) == (6, 7, 7) and v["p"] == 6 / 36
    assert readout(w, "P(E)") == "6/36 = 0.167" and readout(w, "P(not E)") == "30/36 = 0.833"
    assert w.goal is None or True


def test_the_whole_space_has_probability_one_and_the_empty_event_zero():
    w = grid(cells="34")
    w.handle({"type": "input", "id": "all", "value": None})
    assert w.values()["p"] == 1
    w.handle({"type": "input", "id": "clear", "value": None})
    assert w.values() | {"adding": True} == {"cells": "", "adding": True, "n": 0, "p": 0, "lo": 0, "hi": 0}


def test_disjoint_events_add_and_overlapping_ones_do_not():
    six = {f"6{j}" for j in range(1, 7)}
    seven = {f"{i}{7 - i}" for i in range(1, 7)}
    p = lambda cells: grid(cells=" ".join(cells)).values()["p"]
    assert p(six | seven) == pytest.approx(11 / 36) != p(six) + p(seven)    # the quiz: 0.306
    assert round(11 / 36, 3) == 0.306
    doubles = {f"{i}{i}" for i in range(1, 7)}
    assert p(doubles | seven) == pytest.approx(p(doubles) + p(seven))


def test_painting_adds_or_removes_and_enter_flips():
    w = grid()
    click(w, 2, 3)
    click(w, 2, 3)                        # a second press over the same cell keeps it in
    assert w.values()["cells"] == "23"
    w.handle({"type": "input", "id": "adding", "value": None})
    click(w, 2, 3)
    assert w.values()["cells"] == ""
    w.handle({"type": "key", "handle": "c45", "key": "Enter"})
    assert w.values()["cells"] == "45"
    w.handle({"type": "key", "handle": "c45", "key": "Enter"})
    assert w.values()["cells"] == ""
    click(w, 9, 9)                        # outside the grid: nothing
    assert w.values()["n"] == 0


def test_the_bars_are_the_pmf_of_the_sum():
    counts = pmf_of_sum()
    assert counts == {s: 6 - abs(s - 7) for s in range(2, 13)} and sum(counts.values()) == 36


def test_bad_cells_are_rejected_by_name():
    with pytest.raises(ValueError, match="dice_event_grid: cells"):
        grid(cells="17")


def test_the_lesson_prints_the_pmf_and_cdf_it_states():
    _, printed, _ = run_lesson("m08-l01")
    assert "7: 0.1667" in printed["sum-pmf"] and "2: 0.0278" in printed["sum-pmf"]
    assert printed["cdf"].split() == ["0.5833", "0.5833", "1.0"]
    assert Fraction(21, 36) == sum(Fraction(6 - abs(s - 7), 36) for s in range(2, 8))
