"""expression_tree: precedence builds one tree (× and ÷ below + and −, equal operations grouped
from the left), parentheses pick another, and a node can be evaluated only once its inputs are
known; and the numbers m01-l04 states. The widget contract is checked by test_widget_contract.py."""

import pytest

from lesson_kernel import lesson_part, lesson_widget, run_lesson
from mlmath import widgets
from mlmath.m01.expression_tree import build, tokens


def make(**config):
    return widgets.create("expression_tree", config)


def shape(text):
    """The tree as nested tuples, for comparing structure."""
    nodes, root = build(text)

    def walk(i):
        op, value, kids = nodes[i]
        return value if op is None else (op, *map(walk, kids))
    return walk(root)


@pytest.mark.parametrize("text, tree", [
    ("2 + 3 * 4", ("+", 2, ("*", 3, 4))),
    ("(2 + 3) * 4", ("*", ("+", 2, 3), 4)),
    ("8 - 3 - 2", ("-", ("-", 8, 3), 2)),
    ("8 - (3 - 2)", ("-", 8, ("-", 3, 2))),
    ("12 ÷ 6 ÷ 2", ("/", ("/", 12, 6), 2)),
    ("7 × 2 − 6 ÷ 3", ("-", ("*", 7, 2), ("/", 6, 3))),
])
def test_precedence_builds_one_tree(text, tree):
    assert shape(text) == tree


def test_a_node_is_evaluated_only_after_its_inputs():
    w = make(expr="2 + 3 * 4")
    root = len(w.tree[0]) - 1
    w.handle({"type": "drag", "handle": f"n{root}", "x": 0, "y": 0})
    assert w.values()["steps"] == 0 and "evaluate the × below it" in w.message
    w.handle({"type": "key", "handle": "n3", "key": "Enter"})
    assert w.values()["steps"] == 1 and w.message == "×: 3 × 4 = 12"
    w.handle({"type": "drag", "handle": f"n{root}", "x": 0, "y": 0})
    v = w.values()
    assert v["finished"] == 1 and v["result"] == 14
    w.handle({"type": "input", "id": "again", "value": None})
    assert w.values()["steps"] == 0


def test_typing_rebuilds_and_compares_tokens_with_the_reference():
    w = make(expr="2 + 3 * 4", reference="2 + 3 * 4", editable=True, climb=False)
    w.handle({"type": "input", "id": "text", "value": "(2 + 3) × 4"})
    assert w.values()["result"] == 20 and w.values()["same_tokens"] == 1
    w.handle({"type": "input", "id": "text", "value": "4 × (2 + 3)"})
    assert w.values()["result"] == 20 and w.values()["same_tokens"] == 0
    w.handle({"type": "input", "id": "text", "value": "(2 + 3"})
    assert w.values()["ok"] == 0 and w.readouts()[0]["value"]
    assert tokens("8 − (3 − 2)") == ["8", "-", "3", "-", "2"]


def test_bad_expressions_are_refused_with_a_reason():
    for text, words in [("x + 1", "numbers only"), ("-3 * -x", "operations"), ("1+2+3+4+5+6+7+8", "levels"),
                        ("2 ** 3", "operations")]:
        with pytest.raises(ValueError, match=words):
            make(expr=text)
    w = make(expr="8 / (4 - 4)", climb=False)
    assert w.values()["finished"] == 1 and w.values()["result"] is None


@pytest.mark.parametrize("wid", ["climb", "brackets", "left-first"])
def test_lesson_goals_start_unmet_and_need_the_idea(wid):
    w = lesson_widget("m01-l04", wid)
    assert not w.goal_met()
    w.set_values(lesson_part("m01-l04", "widget", wid).data["goal"]["solution"])
    assert w.goal_met()
    if wid != "climb":
        w.set_values({"text": "20" if wid == "brackets" else "7"})      # the right number, other tokens
        assert not w.goal_met()


def test_numbers_stated_in_the_prose():
    assert 2 + 3 * 4 == 14 and (2 + 3) * 4 == 20 and 8 - 3 - 2 == 3 and 8 - (3 - 2) == 7
    assert 12 / 6 / 2 == 1 and 7 * 2 - 6 / 3 == 12
    _, printed, _ = run_lesson("m01-l04")
    text = "\n".join(printed.values())
    assert "[2, '+', 3, '*', '(', 4, '-', 1, ')']" in text
    for line in ["2 + 3 * 4 = 14", "(2 + 3) * 4 = 20", "8 - 3 - 2 = 3", "8 - (3 - 2) = 7"]:
        assert line in text


def test_the_climb_goal_needs_a_climb_not_a_lone_number():
    w = lesson_widget("m01-l04", "climb")
    w.set_values({"text": "7"})
    assert w.values()["finished"] == 1 and not w.goal_met()
    w.set_values({"text": "1 + 2 * 3 - 4", "steps": 2})
    assert not w.goal_met()
    w.set_values({"finished": 1})
    assert w.goal_met() and w.values()["result"] == 3
