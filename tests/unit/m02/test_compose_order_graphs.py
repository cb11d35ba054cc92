"""compose_order_graphs: f∘g means g first; for x² and x + 1 the wirings differ
everywhere except x = 0; the commuting pairs the lesson names do commute, and no
other different pair does."""

from mlmath import widgets
from mlmath.m02.compose_order_graphs import FUNCS, spelled


def widget(**config):
    return widgets.create("compose_order_graphs", config)


def test_f_after_g_runs_g_first():
    v = widget(f="square", g="add1", x=2).values()
    assert (v["fg"], v["gf"], v["same_here"], v["same_all"]) == (9, 5, 0, 0)


def test_square_and_add_one_agree_only_at_zero():
    w = widget(f="square", g="add1")
    agree = []
    for i in range(17):
        w.set_values({"x": -4 + i / 2})
        if w.values()["same_here"]:
            agree.append(w.values()["x"])
    assert agree == [0]


def test_the_commuting_pairs_are_the_lessons():
    w = widget()
    pairs = set()
    for f in FUNCS:
        for g in FUNCS:
            w.set_values({"f": f, "g": g})
            if f != g and w.values()["same_all"]:
                pairs.add(frozenset((f, g)))
    assert pairs == {frozenset(p) for p in (("add1", "sub3"), ("double", "negate"), ("double", "abs"), ("square", "abs"))}


def test_the_legend_spells_the_compositions():
    assert spelled("square", "x + 1") == "(x + 1)²"
    assert spelled("add1", "x²") == "x² + 1"
    assert spelled("abs", "x − 3") == "|x − 3|"
    assert spelled("double", "−x") == "2(−x)"
