"""shape_grammar: g(x) = a·f(b·(x − h)) + k moves the parent as the lesson says (h right,
k up, b squeezes and flips sideways, a stretches and flips), the anchor lands at
(x0/b + h, a·y0 + k), the stages apply the moves in order, and equal graphs match."""

import math

import pytest

from mlmath import widgets
from mlmath.m04.l01_parents import PARENTS, graph_gap, moved_point, transform


def widget(**config):
    return widgets.create("shape_grammar", config)


def test_h_moves_right_and_k_moves_up():
    w = widget(parent="square", moves=["h", "k"], target={"h": 2, "k": -3})
    assert w.values()["gap"] > 1
    w.set_values({"h": 2, "k": -3})
    v = w.values()
    assert (v["x0"], v["y0"]) == (2, -3) and v["gap"] == 0
    g = w.curve_fn()
    assert g(2) == -3 and g(3) == g(1) == -2       # the vertex is (h, k); symmetric around it


def test_b_squeezes_and_flips_sideways_and_a_stretches_and_flips():
    g = transform(math.sqrt, a=2, b=-1)
    assert g(-4) == 4 and g(-1) == 2               # 2·sqrt(-x): opens left, twice as tall
    sq = transform(lambda x: x * x, b=3)
    assert sq(2) == 36                             # reaches at 2 what x² reached at 6
    assert moved_point((6, 36), b=3) == (2, 36)


def test_the_anchor_lands_where_the_formula_says():
    for name, (f, _, (x0, y0), _, _) in PARENTS.items():
        a, b, h, k = -1.5, 2, 1, 0.5
        x1, y1 = moved_point((x0, y0), a, b, h, k)
        assert math.isclose(transform(f, a, b, h, k)(x1), y1), name


def test_the_stages_apply_squeeze_shift_stretch_lift_in_order():
    w = widget(parent="exp", pick=True, stages=True, target={"parent": "exp", "a": -1, "h": 1, "k": 2})
    w.set_values({"a": -1, "h": 1, "k": 2})
    anchors = []
    for s in range(5):
        w.set_values({"stage": s})
        anchors.append(w.anchor())
    assert anchors == [(0, 1), (0, 1), (1, 1), (1, -1), (1, 1)]
    assert w.values()["gap"] == 0 and w.goal is None


def test_equivalent_letters_draw_the_same_graph_and_other_parents_do_not():
    sq = PARENTS["square"][0]
    assert graph_gap(transform(sq, 4), transform(sq, b=2)) < 1e-12
    assert graph_gap(transform(abs, 2), transform(abs, b=2)) < 1e-12
    assert graph_gap(transform(sq, 1), transform(abs, 1)) > 1
    assert math.isinf(graph_gap(math.sqrt, abs))   # different domains


def test_dragging_and_keys_move_h_and_k():
    w = widget(parent="square", moves=["h", "k"])
    w.handle({"type": "drag", "handle": "anchor", "x": w.plot.x(1.5), "y": w.plot.y(-2)})
    assert (w.values()["h"], w.values()["k"]) == (1.5, -2)
    w.handle({"type": "key", "handle": "anchor", "key": "ArrowRight"})
    w.handle({"type": "key", "handle": "anchor", "key": "ArrowUp"})
    assert (w.values()["h"], w.values()["k"]) == (2, -1.5)


def test_options_are_checked():
    with pytest.raises(ValueError, match="shape_grammar"):
        widget(moves=["x"])
    with pytest.raises(ValueError, match="shape_grammar"):
        widget(parent="tan")


def test_in_stages_the_anchor_moves_only_what_the_picture_shows():
    w = widget(parent="square", pick=True, stages=True)
    w.handle({"type": "key", "handle": "anchor", "key": "ArrowRight"})
    w.handle({"type": "key", "handle": "anchor", "key": "ArrowUp"})
    assert (w.values()["h"], w.values()["k"]) == (0, 0)         # stage 0: nothing moved yet
    w.set_values({"stage": 4})
    w.handle({"type": "key", "handle": "anchor", "key": "ArrowRight"})
    w.handle({"type": "key", "handle": "anchor", "key": "ArrowUp"})
    assert (w.values()["h"], w.values()["k"]) == (0.5, 0.5)
