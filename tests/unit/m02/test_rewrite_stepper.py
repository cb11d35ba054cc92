"""rewrite_stepper: every line of a correct chain has the same value at every x; a
slip such as (x + 1)² -> x² + 1 agrees only where the lost term vanishes (x = 0) and
fails the random tests; a typed rewrite is parsed, graded and counted for brackets."""

import pytest

from mlmath import widgets
from mlmath.m02.rewrite_stepper import TESTS, pretty

TIDY = ["3*(x + 2) - 2*(x + 4)", "3*x + 6 - 2*x - 8", "x - 2"]


def widget(**config):
    return widgets.create("rewrite_stepper", config)


def test_a_correct_chain_keeps_its_value_everywhere():
    w = widget(chain=TIDY, x=4)
    for step in range(3):
        for i in range(21):
            w.set_values({"step": step, "x": -5 + i / 2})
            v = w.values()
            assert v["same"] == 1 and v["agree"] == len(TESTS) and v["here"] == v["x"] - 2


def test_the_tidy_goal_needs_x_2():
    w = widget(chain=TIDY, x=4)
    assert w.values()["here"] == 2
    w.set_values({"step": 2, "x": 2})
    assert w.values()["here"] == 0


def test_the_slip_agrees_only_at_zero():
    w = widget(chain=["(x + 1)**2", "x**2 + 1"], step=1, x=2)
    v = w.values()
    assert (v["first"], v["here"], v["same"]) == (9, 5, 0)
    agreeing = []
    for i in range(21):
        w.set_values({"x": -5 + i / 2})
        if w.values()["same"]:
            agreeing.append(w.values()["x"])
    assert agreeing == [0]
    assert w.values()["agree"] == 0       # no random x lands on 0


def test_random_tests_are_spread_and_not_whole_numbers():
    assert len(set(TESTS)) == 7 and all(t != int(t) for t in TESTS)
    assert min(TESTS) < -5 and max(TESTS) > 5


def test_a_typed_rewrite_is_graded():
    w = widget(chain=["(x + 1)**2"], typed=True)
    assert w.values()["brackets"] == 1
    for text, agree in [("x**2 + 2*x + 1", 7), ("x*x + 2*x + 1", 7), ("x**2 + 1", 0), ("1 + x*(x + 2)", 7)]:
        w.set_values({"rewrite": text})
        assert w.values()["ok"] == 1 and w.values()["agree"] == agree
    w.set_values({"rewrite": "x**2 + 2*x +"})
    assert w.values()["ok"] == 0 and w.readouts()[-1]["label"] == "your rewrite"
    w.set_values({"rewrite": "y + 1"})
    assert w.values()["ok"] == 0


def test_pretty_writes_algebra_as_people_do():
    assert pretty("3*x + 6 - 2*x") == "3x + 6 − 2x"
    assert pretty("(x + 1)**2") == "(x + 1)²"


def test_options_are_checked():
    with pytest.raises(ValueError, match="step"):
        widget(chain=TIDY, step=3)
    with pytest.raises(ValueError, match="typed"):
        widget(chain=TIDY, typed=True)
