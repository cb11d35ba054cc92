"""equation_undo and l05_equations: undoing the left side's outermost operation on both sides
keeps the solution, only the root can be undone, and x standing alone reads off the answer
(also for x on the right of − and ÷); and the numbers m01-l05 states."""

import math
import random

import pytest

from lesson_kernel import lesson_part, lesson_widget, run_lesson
from mlmath import widgets
from mlmath.expr import ExprError
from mlmath.m01.l05_equations import equation, infix, undo, value


def make(**config):
    return widgets.create("equation_undo", config)


def solve(text):
    left, right = equation(text)
    moves = []
    while left.op != "var":
        left, right, words = undo(left, right)
        moves.append(words)
    return value(right), moves


@pytest.mark.parametrize("text, x, first", [
    ("3 * (x + 4) - 5 = 16", 3, "add 5 to both sides"),
    ("20 - 2 * x = 6", 7, "subtract both sides from 20"),
    ("12 / (x - 1) = 4", 4, "divide 12 by both sides"),
    ("(x - 2) / 4 + 1 = 3", 10, "subtract 1 from both sides"),
    ("5 * (x - 2) + 1 = 21", 6, "subtract 1 from both sides"),
    ("7 + 2 * x = 1", -3, "subtract 7 from both sides"),
])
def test_undoing_from_the_outside_in_solves(text, x, first):
    got, moves = solve(text)
    assert math.isclose(got, x) and moves[0] == first


def test_every_undo_keeps_the_solution():
    rng = random.Random(1)
    for _ in range(200):
        x = rng.randint(-9, 9)
        text = "x"
        for _ in range(rng.randint(1, 4)):
            op, n = rng.choice("+-*/"), rng.choice([2, 3, 5, 7])
            text = rng.choice([f"({text}) {op} {n}", f"{n} {op} ({text})"])
        left, _ = equation(f"{text} = 0")
        target = value(left, x)
        if target is None or abs(target) > 1e6:
            continue
        left, right = equation(f"{text} = {target!r}")
        while left.op != "var":
            left, right, _ = undo(left, right)
            if value(right) is not None:
                assert math.isclose(value(left, x), value(right), rel_tol=1e-9, abs_tol=1e-9)
        assert math.isclose(value(right), x, rel_tol=1e-9, abs_tol=1e-9)


def test_only_the_root_can_be_undone():
    w = make()
    w.handle({"type": "drag", "handle": "n1", "x": 0, "y": 0})
    assert w.values()["steps"] == 0 and "Undo from the outside in" in w.message
    for steps in (1, 2, 3):
        w.handle({"type": "key", "handle": "n0", "key": "Enter"})
        assert w.values()["steps"] == steps
    v = w.values()
    assert v["alone"] == 1 and v["x"] == 3
    assert [r["value"] for r in w.readouts()][:3] == ["x = (16 + 5) ÷ 3 − 4", "3", "3 × (3 + 4) − 5 = 16 ✓"]
    w.handle({"type": "input", "id": "again", "value": None})
    assert w.values()["steps"] == 0


def test_typing_an_equation_starts_over_and_bad_ones_are_explained():
    w = make(editable=True)
    w.handle({"type": "input", "id": "equation", "value": "x * x = 4"})
    assert w.values()["ok"] == 0 and "exactly once" in w.readouts()[0]["value"]
    w.handle({"type": "input", "id": "equation", "value": "20 − 2 × x = 6"})
    w.set_values({"alone": 1})
    assert w.values()["x"] == 7
    for text, words in [("x + 1 = x", "off the right"), ("x + y = 2", "only letter"), ("x + 1", "one =")]:
        with pytest.raises(ExprError, match=words):
            equation(text)


def test_dividing_by_zero_is_reported_not_solved():
    w = make(equation="0 * x + 2 = 5")
    w.set_values({"alone": 1})
    assert w.values()["x"] is None and "÷ 0 has no value" in w.readouts()[1]["value"]


def test_infix_writes_only_the_brackets_needed():
    assert infix(equation("3 * (x + 4) - 5 = 1")[0]) == "3 × (x + 4) − 5"
    assert infix(equation("8 - (3 - x) = 1")[0]) == "8 − (3 − x)"
    assert infix(equation("(8 - 3) - x = 1")[0]) == "8 − 3 − x"


@pytest.mark.parametrize("wid", ["peel", "peel-more"])
def test_lesson_goals(wid):
    w = lesson_widget("m01-l05", wid)
    assert not w.goal_met()
    w.set_values({"steps": 1})
    assert not w.goal_met()
    w.set_values(lesson_part("m01-l05", "widget", wid).data["goal"]["solution"])
    assert w.goal_met()


def test_numbers_stated_in_the_prose():
    assert [3 * (x + 4) - 5 for x in (0, 3, 10)] == [7, 16, 37]
    assert 3 * (-4 + 4) - 5 == -5 and 2 * 3 + 3 == 5 * 3 - 6 == 9
    assert 5 * (6 - 2) + 1 == 21 and (21 - 1) / 5 == 4
    _, printed, _ = run_lesson("m01-l05")
    assert "\n".join(printed.values()).split() == ["0", "7", "3", "16", "10", "37"]
