"""Lesson m12-l05's gradient check sees what the lesson says it sees: check_all()'s three test
functions flag an engine with any single closure line writing `=` instead of `+=` (tanh's
included) and an engine that walks in pre-order; it cannot see stale grads, and the lesson says
so. The sigmoid exercise's check rejects a closure that writes `=`."""

import contextlib
import io
import re

import pytest

from lesson_kernel import lesson_part

GRAD_CHECK = lesson_part("m12-l05", "exercise", "grad-check").data["solution"]
SIGMOID = lesson_part("m12-l05", "exercise", "fix-graph")
CLOSURE_LINES = [m.start() for m in re.finditer(r"(self|other)\.grad \+= ", GRAD_CHECK)]


def reports(code):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(code, {})
    return out.getvalue()


def test_the_correct_engine_passes_every_line():
    text = reports(GRAD_CHECK)
    assert text.count(" ok") == 9 and "WRONG" not in text


def test_there_are_five_closure_lines_two_in_add_two_in_mul_one_in_tanh():
    assert len(CLOSURE_LINES) == 5


@pytest.mark.parametrize("at", CLOSURE_LINES)
def test_any_single_overwrite_is_caught(at):
    code = GRAD_CHECK[:at] + GRAD_CHECK[at:].replace(".grad += ", ".grad = ", 1)
    assert "WRONG" in reports(code)


def test_a_pre_order_walk_is_caught():
    code = GRAD_CHECK.replace(
        """                for child in v._prev:
                    visit(child)
                order.append(v)          # a node goes in after all its children""",
        """                order.append(v)
                for child in v._prev:
                    visit(child)""").replace("for v in reversed(order):", "for v in order:")
    assert code != GRAD_CHECK
    assert "WRONG" in reports(code)


def test_the_lesson_states_the_checks_reach_honestly():
    text = lesson_part("m12-l05", "exercise", "grad-check").data["prompt"]
    lesson = (lesson_part.__globals__["LESSONS"] / "m12-l05.md").read_text()
    assert "catches every such bug" not in lesson
    assert "A check only sees the functions you run it on" in lesson
    assert "`check_all()` could never catch it" in lesson and text


def _sigmoid_check(solution):
    ns = {}
    exec(GRAD_CHECK, ns)
    ns["widget"] = lambda _id: type("W", (), {"show": lambda self, v: None})()
    code = solution.replace("from mlmath.widgets import widget\n", "")
    with contextlib.redirect_stdout(io.StringIO()):
        exec(code, ns)
        try:
            exec(SIGMOID.data["check"], ns)
        except AssertionError as exc:
            return str(exc)
    return None


def test_the_sigmoid_check_passes_both_fixes_and_rejects_an_overwrite():
    right = SIGMOID.data["solution"]
    assert _sigmoid_check(right) is None
    via_tanh = re.sub(r"        s = 1 / \(1 \+ math.exp\(-v.data\)\)\n.*?return out\n",
                      "        return (v * 0.5).tanh() * 0.5 + 0.5\n", right, flags=re.S)
    assert via_tanh != right and _sigmoid_check(via_tanh) is None
    overwrite = right.replace("v.grad += s * (1 - s)", "v.grad = s * (1 - s)")
    assert overwrite != right
    message = _sigmoid_check(overwrite)
    assert message and "+=" in message and "sigmoid(z) + z" in message
    assert "Value" in (_sigmoid_check(SIGMOID.data["starter"]) or "")
