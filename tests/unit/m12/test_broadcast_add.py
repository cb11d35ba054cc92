"""The broadcast_add widget: numpy's broadcasting rule, the forward copies, the backward sums,
typing shapes, clicking cells, goals, and the numbers lesson m12-l04 states about it.
Registration, unknown options, scene fit and classes, handle keys and set_values round
trips: tests/unit/test_widget_contract.py."""

import itertools

import pytest

from lesson_kernel import LESSONS, lesson_widget
from mlmath import widgets
from mlmath.m12.broadcast_add import G_TABLE, broadcast, parse_shape, view
from mlmath.show import MINUS


def make(**config):
    return widgets.create("broadcast_add", config)


def said(w):
    return " | ".join(r["value"] for r in w.readouts())


def click(w, handle, how="drag"):
    if how == "drag":
        w.handle({"type": "drag", "handle": handle, "x": 0, "y": 0})
    else:
        w.handle({"type": "key", "handle": handle, "key": how})


def type_shape(w, key, text):
    w.handle({"type": "input", "id": key, "value": text})


# numpy's rule, written independently: align right, sizes equal or one of them 1
def numpy_rule(sa, sb):
    out = []
    for da, db in itertools.zip_longest(reversed(sa), reversed(sb), fillvalue=1):
        if da != db and 1 not in (da, db):
            return None
        out.append(max(da, db))
    return tuple(reversed(out))


SHAPES = [()] + [(n,) for n in range(1, 5)] + [(r, c) for r in range(1, 5) for c in range(1, 5)]


# Config ------------------------------------------------------------------------------------
@pytest.mark.parametrize("config, words", [
    ({"a": [5, 1]}, "from 1 to 4"),
    ({"b": [1, 2, 3]}, "at most 2 axes"),
    ({"b": "3 by 4"}, "can't read"),
    ({"a": [True, 2]}, "whole numbers"),
    ({"edit": ["c"]}, "edit"),
    ({"backward": "yes"}, "true or false"),
])
def test_bad_config_fails_loudly(config, words):
    with pytest.raises(ValueError, match=words):
        make(**config)


@pytest.mark.parametrize("text, shape", [("3, 4", (3, 4)), ("(4,)", (4,)), ("3x1", (3, 1)), ("()", ()),
                                         ("", ()), ("[2 3]", (2, 3)), (" 1 ", (1,)), ([3, 1], (3, 1))])
def test_parse_shape_reads_the_ways_people_write_shapes(text, shape):
    assert parse_shape(text) == shape


# The rule ------------------------------------------------------------------------------------
@pytest.mark.parametrize("sa, sb", list(itertools.product(SHAPES, SHAPES)))
def test_broadcast_agrees_with_numpys_rule_for_every_pair(sa, sb):
    out, status, clash = broadcast(sa, sb)
    assert out == numpy_rule(sa, sb)
    assert (clash is None) == (out is not None)
    if out is not None:
        for name, shape in (("a", sa), ("b", sb)):
            padded = (None,) * (len(out) - len(shape)) + shape
            for k, (d, s) in enumerate(zip(padded, status[name])):
                want = "new" if d is None else "stretched" if d == 1 and out[k] > 1 else "same"
                assert s == want, (sa, sb, name, k)


def brute_force_grads(w):
    """dL/dA and dL/dB for L = sum(G * out), by nudging every operand entry by 1 (L is linear)."""
    out = w.values()["out"]
    R, C = view(out)

    def loss(bump=None):
        total = 0
        for i in range(R):
            for j in range(C):
                parts = 0
                for name in ("a", "b"):
                    si, sj = w._source(name, i, j)
                    parts += w.entry(name, si, sj) + (1 if bump == (name, si, sj) else 0)
                total += G_TABLE[i][j] * parts
        return total

    grads = {}
    for name in ("a", "b"):
        r, c = view(w.values()[name])
        grads[name] = {(i, j): loss((name, i, j)) - loss() for i in range(r) for j in range(c)}
    return grads


@pytest.mark.parametrize("sa, sb", [((3, 4), (4,)), ((3, 4), (3, 1)), ((3, 4), ()), ((3, 1), (1, 4)),
                                    ((4,), (2, 1)), ((2, 2), (2, 2)), ((1,), (4, 4))])
def test_the_backward_sums_match_nudging_each_entry(sa, sb):
    w = make(a=list(sa), b=list(sb))
    want = brute_force_grads(w)
    for name in ("a", "b"):
        r, c = view(w.values()[name])
        for i in range(r):
            for j in range(c):
                assert w.grad(name, i, j) == want[name][(i, j)], (name, i, j)


def test_gradients_come_back_in_each_operands_own_shape():
    w = make(a=[3, 4], b=[4])
    assert w.grad_array("b") == [2, 2, 4, 3]                       # column sums of G
    assert w.grad_array("a") == [row[:4] for row in G_TABLE[:3]]   # A is not stretched: G itself
    w.set_values({"b": [3, 1]})
    assert w.grad_array("b") == [[2], [4], [5]]                    # row sums, kept as a column
    w.set_values({"b": []})
    assert w.grad_array("b") == 11                                 # everything
    values = w.values()
    assert values["b_axes"] == (0, 1) and values["a_axes"] == () and values["b_size"] == 1


# Typing and clicking ---------------------------------------------------------------------------
def test_typing_a_shape_updates_the_picture_and_bad_text_keeps_the_last_good_shape():
    w = make(a=[3, 4], b=[4], edit=["b"])
    type_shape(w, "b", "3, 1")
    assert w.values()["b"] == (3, 1) and w.values()["out"] == (3, 4) and w.values()["b_axes"] == (1,)
    type_shape(w, "b", "3,")                         # half typed: still reads as (3,)
    assert w.values()["b"] == (3,) and w.values()["ok"] == 0 and w.values()["out"] is None
    assert "no broadcast" in said(w) and "4 and 3" in said(w)
    type_shape(w, "b", "3, q")
    assert w.values()["b"] == (3,) and "can't read" in said(w)
    controls = {c["id"]: c for c in w.scene()["controls"]}
    assert list(controls) == ["b"] and controls["b"]["value"] == "3, q"
    type_shape(w, "b", "9")
    assert "from 1 to 4" in said(w)
    type_shape(w, "b", "1, 4")
    assert "can't" not in said(w) and w.values()["b_axes"] == (0,)
    type_shape(w, "a", "2")                          # A is not editable here
    assert w.values()["a"] == (3, 4)


def test_clicking_a_stretched_cell_spells_out_its_sum():
    w = make(a=[3, 4], b=[4])
    click(w, "b:0:2")
    text = said(w)
    assert "B[2] = 30 is used 3 times: out[0, 2], out[1, 2], out[2, 2]" in text
    assert f"\u2202L/\u2202B[2] = 3 + ({MINUS}1) + 2 = 4" in text
    click(w, "a:1:3", "Enter")
    assert "A[1, 3] = 8 is used once: out[1, 3]. So \u2202L/\u2202A[1, 3] = G[1, 3] = 2." in said(w)
    click(w, "out:2:1", "ArrowLeft")                  # not a selecting key
    assert "A[1, 3]" in said(w)
    click(w, "out:2:1", "Enter")
    assert "out[2, 1] = A[2, 1] + B[1] = 10 + 20 = 30" in said(w)
    assert "G = 3 goes to A[2, 1] and to B[1]" in said(w)
    click(w, "b:0:9")                                 # no such cell: ignored
    click(w, "nonsense")
    assert "out[2, 1]" in said(w)


def test_selection_rings_the_copies_and_their_gradients():
    w = make(a=[3, 4], b=[3, 1])
    click(w, "b:1:0")
    rings = [s for s in w.scene()["shapes"] if s["t"] == "rect" and "bracket" in s["cls"] and s["w"] == 33]
    # orange: the 4 output cells it feeds, their 4 G entries, and its 3 faint copies;
    # blue: the real cell and its gradient
    assert sum("accent2" in s["cls"] for s in rings) == 4 + 4 + 3
    assert sum(s["cls"] == "bracket nofill accent" for s in rings) == 2
    assert f"\u2202L/\u2202B[1, 0] = 2 + 1 + ({MINUS}1) + 2 = 4" in said(w)


def test_clicking_keeps_every_handle_in_its_place():
    w = make(a=[3, 4], b=[3, 1])
    before = [i for i, s in enumerate(w.shapes()) if "handle" in s]
    click(w, "out:2:3", "Enter")
    assert [i for i, s in enumerate(w.shapes()) if "handle" in s] == before


def test_a_new_shape_points_at_the_first_cell_of_the_stretched_operand():
    w = make(a=[3, 4], b=[3, 4])
    click(w, "a:2:2")
    assert w.selected == ("a", 2, 2)
    type_shape(w, "a", "1, 4")
    assert w.selected == ("a", 0, 0)
    type_shape(w, "a", "3, 4")
    assert w.selected == ("b", 0, 0)


def test_without_the_backward_band_no_gradient_is_drawn_or_said():
    w = make(a=[3, 4], b=[4], backward=False)
    words = [s["s"] for s in w.scene()["shapes"] if s["t"] == "text"]
    assert not any("\u2202L" in s for s in words)
    assert "\u2202L" not in said(w)
    assert w.height < make(a=[3, 4], b=[4]).height


# Goals and the lesson -------------------------------------------------------------------------
def test_the_lessons_goals_are_unmet_at_start_met_by_their_solution_and_not_by_near_misses():
    align = lesson_widget("m12-l04", "align")
    assert not align.goal_met()
    for wrong in ([3], [1], [1, 4], [4], [1, 1]):
        align.set_values({"b": wrong})
        assert not align.goal_met(), wrong
    align.set_values({"b": [3, 1]})
    assert align.goal_met() and align.values()["b"] == (3, 1)
    assert align.controls()[0]["value"] == "3, 1"              # as a learner would type it

    backsum = lesson_widget("m12-l04", "backsum")
    assert not backsum.goal_met()
    for right in ([1], [], [1, 1]):
        backsum.set_values({"b": right})
        assert backsum.goal_met(), right
    backsum.set_values({"b": [3]})                   # a clash is never the answer
    assert not backsum.goal_met()
    with pytest.raises(KeyError):
        backsum.set_values({"c": [1]})
    with pytest.raises(ValueError, match="computed"):
        align.set_values({"a": [2, 2]})                          # A is not the learner's to type here


def test_the_numbers_the_lesson_states_about_broadcasting():
    text = (LESSONS / "m12-l04.md").read_text()
    w = make(a=[3, 4], b=[4])
    db = w.grad_array("b")
    assert "(" + ", ".join(map(str, db)) + ")" == "(2, 2, 4, 3)" and "(2, 2, 4, 3)" in text
    w.set_values({"b": [1]})
    assert w.grad_array("b") == [11] and sum(sum(row[:4]) for row in G_TABLE[:3]) == 11
    assert "land in one gradient: $11$" in text
    # "(3, 4) and (3,) clash"; "(768, 16) and (16,) broadcast"; the quiz's only clash is (768,)
    assert broadcast((3, 4), (3,))[0] is None and numpy_rule((768, 16), (16,)) == (768, 16)
    assert numpy_rule((768, 16), (768,)) is None
    assert all(numpy_rule((768, 16), s) == (768, 16) for s in [(16,), (768, 1), (1, 16)])
