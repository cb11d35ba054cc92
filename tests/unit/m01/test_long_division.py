"""long_division and l03_decimals: digits come from remainders, a remainder of 0 ends the
decimal, a remainder seen before starts the repeat; and the numbers m01-l03 states."""

import sys
from fractions import Fraction

import pytest

from lesson_kernel import lesson_part, lesson_widget, run_lesson
from mlmath import widgets
from mlmath.m01.l03_decimals import cycle, decimal, divide, spell


def make(**config):
    return widgets.create("long_division", config)


@pytest.mark.parametrize("a, b", [(a, b) for b in range(1, 31) for a in (0, 1, 2, 7, 29)])
def test_the_digits_are_the_exact_decimal(a, b):
    d = divide(a, b, 10, 30)
    assert d.whole == a // b and d.digits == [(a * 10 ** k // b) % 10 for k in range(1, 31)]
    head, block = spell(a, b)
    digits = head.split(".")[1] if "." in head else ""
    # head + block repeated forever is a/b: the pre-period over 10^k plus the block as a geometric series
    k, n = len(digits), len(block)
    value = Fraction(int(head.replace(".", "")), 10 ** k)
    if n:
        value += Fraction(int(block), (10 ** n - 1) * 10 ** k)
    assert value == Fraction(a, b)


def test_the_widget_finds_the_cycle_only_when_a_remainder_comes_back():
    w = make(a=1, b=7)
    for n in range(6):
        w.set_values({"steps": n})
        assert w.values()["cycle"] == 0
    w.handle({"type": "input", "id": "next", "value": None})
    assert w.values()["steps"] == 6 and w.values()["cycle"] == 6
    w.handle({"type": "input", "id": "next", "value": None})     # finished: Next does nothing more
    assert w.values()["steps"] == 6


def test_a_remainder_of_zero_ends_the_digits():
    w = make(a=3, b=8, steps=10)
    assert w.values()["ends"] == 1 and w.values()["cycle"] == 0
    assert w.values()["steps"] == 10 and [r["value"] for r in w.readouts()] == ["3", "remainder 0: the digits end here"]


@pytest.mark.parametrize("b", range(1, 31))
def test_in_binary_only_powers_of_two_end(b):
    w = make(a=1, b=b, base=2, steps=40)
    assert w.values()["ends"] == (b & (b - 1) == 0)


def test_lesson_goals():
    for wid in ("digits", "binary"):
        w = lesson_widget("m01-l03", wid)
        assert not w.goal_met()
        w.set_values(lesson_part("m01-l03", "widget", wid).data["goal"]["solution"])
        assert w.goal_met()
    w = lesson_widget("m01-l03", "binary")
    w.set_values({"a": 0, "b": 10, "steps": 3})     # 0/10 ends, but it is not the point of the goal
    assert not w.goal_met()
    sixes = [b for b in range(1, 31) if cycle(1, b) == 6]
    assert sixes == [7, 13, 14, 21, 26, 28]


def test_numbers_stated_in_the_prose():
    assert Fraction(7, 4) == 1.75 and 2 < 11 / 4 < 3
    assert decimal(3, 8) == "0.375" and decimal(300, 8, 4) == "37.5"
    assert spell(1, 7) == ("0.", "142857") and divide(1, 7, 10, 6).remainders == [1, 3, 2, 6, 4, 5, 1]
    assert spell(1, 6) == ("0.1", "6")
    assert max(cycle(a, 17) for a in range(1, 17)) == 16
    assert spell(1, 10, 2) == ("0.0", "0011")
    chain, (a, b) = [], (1071, 462)
    while b:
        chain.append((a, b))
        a, b = b, a % b
    assert chain == [(1071, 462), (462, 147), (147, 21)] and a == 21
    assert (0.1).as_integer_ratio()[1] == 2 ** 55 and sys.float_info.mant_dig == 53
    for b in range(1, 200):         # in lowest terms, a decimal ends exactly when b is built from 2s and 5s
        rest = b
        for p in (2, 5):
            while rest % p == 0:
                rest //= p
        assert (cycle(1, b) == 0) == (rest == 1)
    _, printed, _ = run_lesson("m01-l03")
    text = "\n".join(printed.values())
    assert "0.30000000000000004" in text and "False" in text and "0.10000000000000000555" in text


def test_the_float_quiz_has_one_true_comparison_and_its_whys_print_what_python_prints():
    quiz = lesson_part("m01-l03", "quiz", "why-not").data
    results = {o["text"].strip("`"): eval(o["text"].strip("`")) for o in quiz["option"]}
    assert [t for t, ok in results.items() if ok] == [o["text"].strip("`") for o in quiz["option"] if o.get("correct")]
    assert repr(0.1 + 0.1 + 0.1) == "0.30000000000000004"
    assert repr(0.7 + 0.1) == "0.7999999999999999" and repr(1.1 + 2.2) == "3.3000000000000003"
