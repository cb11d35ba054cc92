"""area_model: the whole rectangle and the sum of its pieces are one area, so
a(b + c) = ab + ac and (a + b)(c + d) = ac + ad + bc + bd for every setting of the
sides; dragging an edge sets that side's length."""

import itertools

from mlmath import widgets


def widget(**config):
    return widgets.create("area_model", config)


def test_one_bracket_whole_equals_pieces_for_every_side():
    w = widget(shape="single")
    for a, b, c in itertools.product((0.5, 2, 3.5, 6), repeat=3):
        w.set_values({"a": a, "b": b, "c": c})
        v = w.values()
        assert v["whole"] == a * (b + c) == v["pieces"] and v["ab"] == a * b and v["ac"] == a * c


def test_two_brackets_make_four_pieces():
    w = widget(shape="double", sides={"a": 2, "b": 3, "c": 3, "d": 2})
    v = w.values()
    assert (v["ac"], v["ad"], v["bc"], v["bd"]) == (6, 4, 9, 6)
    assert v["whole"] == v["pieces"] == 25          # the lesson's goal: the cross terms make 13
    for a, b, c, d in itertools.product((0.5, 1.5, 6), repeat=4):
        w.set_values({"a": a, "b": b, "c": c, "d": d})
        assert w.values()["whole"] == w.values()["pieces"] == (a + b) * (c + d)


def test_the_lessons_start_misses_its_goal():
    v = widget(shape="single", sides={"a": 2, "b": 3, "c": 1}).values()
    assert (v["whole"], v["ab"]) == (8, 6)
    v = widget(shape="double", sides={"a": 1, "b": 2, "c": 3, "d": 1}).values()
    assert (v["whole"], v["ac"], v["bd"]) == (12, 3, 2)


def test_dragging_an_edge_sets_its_side():
    w = widget(shape="double", sides={"a": 1, "b": 2, "c": 3, "d": 1})
    left, top, scale = 70, 40, 24
    w.handle({"type": "drag", "handle": "c", "x": left + scale * 4, "y": 0})
    assert w.values()["c"] == 4
    w.handle({"type": "drag", "handle": "d", "x": left + scale * (4 + 2.5), "y": 0})
    assert w.values()["d"] == 2.5
    w.handle({"type": "drag", "handle": "b", "x": 0, "y": top + scale * (1 + 3)})
    assert w.values()["b"] == 3
    w.handle({"type": "key", "handle": "a", "key": "ArrowUp"})
    assert w.values()["a"] == 1.5
