"""The formula_graph widget: parsing typed formulas, evaluation, local derivatives on edges,
sliders, clicks and keys, layout, goals, and the numbers lesson m12-l01 states."""

import json
import math

import pytest

from mlmath import widgets
from mlmath.expr import ExprError
from mlmath.m12.formula_graph import BOX_H, BOX_W, MAX_NODES, TAG_H, TAG_W, fmt, parse
from mlmath.show import MINUS
from lesson_kernel import lesson_part, lesson_widget, run_lesson

ABC = {"expr": "a*b + c", "values": {"a": 2, "b": -3, "c": 10}, "range": [-10, 10]}
NEURON = {"expr": "tanh(w*x + b)", "values": {"w": 1.5, "x": 1, "b": -1}, "range": [-3, 3], "step": 0.1}


def graph(**config):
    return widgets.create("formula_graph", config)


def texts(scene):
    return [s["s"] for s in scene["shapes"] if s["t"] == "text"]


def sentences(w):
    return " | ".join(r["value"] for r in w.readouts())


def click(w, handle):
    w.handle({"type": "drag", "handle": handle, "x": 0, "y": 0})


def edge_index(w, name):
    return [w.edge_name(k) for k in range(len(w.edge_list))].index(name)


def typed(w, text):
    w.handle({"type": "input", "id": "expr", "value": text})


def numeric_rate(w, k, h=1e-6):
    """d(parent)/d(child) for edge k by central difference on the parent's own operation."""
    child, parent, slot = w.edge_list[k]
    node = w.nodes[parent]
    args = [w.nodes[j].value for j in node.kids]
    up, down = list(args), list(args)
    up[slot] += h
    down[slot] -= h
    f = {"+": lambda a: a[0] + a[1], "*": lambda a: a[0] * a[1], "tanh": lambda a: math.tanh(a[0])}[node.op]
    return (f(up) - f(down)) / (2 * h)


# Registration, config --------------------------------------------------------------------

@pytest.mark.parametrize("config, words", [
    ({"values": {"z": 1}}, "never uses"),
    ({"expr": "a - b"}, "as a \\+ -1\\*b"),
    ({"expr": "a*b", "values": {"a": 1, "z": 2}}, "never uses"),
    ({"expr": "a*b", "values": {"a": 20}}, "from -5 to 5"),
    ({"expr": "a*b", "values": {"a": True}}, "number"),
    ({"expr": "a*b", "range": [3, 1]}, "range"),
    ({"expr": "a*b", "step": 0}, "step"),
    ({"expr": "a*b", "editable": "yes"}, "true or false"),
    ({"expr": "L*b"}, "output's name"),
    ({"expr": "a*b", "name": "out"}, "short name"),
])
def test_bad_config_fails_loudly(config, words):
    with pytest.raises(ValueError, match=words):
        graph(**config)


# Parsing -----------------------------------------------------------------------------------
def test_a_name_used_twice_is_one_node_and_constants_are_nodes_of_their_own():
    nodes = parse("x*y + x")
    assert [n.op for n in nodes] == ["input", "input", "*", "+"]
    assert nodes[3].kids == [2, 0]                  # the sum reads the product and the same x
    nodes = parse("2*x + 2")
    assert [n.op for n in nodes] == ["const", "input", "*", "const", "+"]
    nodes = parse("tanh(w*x + b)")
    assert [n.op for n in nodes] == ["input", "input", "*", "input", "+", "tanh"]
    for i, n in enumerate(nodes):
        assert all(k < i for k in n.kids)           # creation order is a topological order


@pytest.mark.parametrize("text, words", [
    ("", "type an expression"),
    ("a*", "complete expression"),
    ("a - b", "a + -1*b"),
    ("a / b", "/ isn't one of the operations here (+, \u00d7, tanh)"),
    ("x**2", "x*x"),
    ("exp(x)", "exp isn't one"),
    ("tanh(a, b)", "exactly one input"),
    ("-a*b", "write \u2212x as -1*x"),
    ("x", "add an operation"),
    ("out*2", "can't be an input's name"),
    ("a" * 9 + "*b", "can't be an input's name"),
    ("1e400*x", "too big"),
    ("+".join("x" for _ in range(MAX_NODES + 2)), "more than"),
    ("x*" * 40 + "x", "under"),
])
def test_formulas_it_cannot_draw_get_a_reason(text, words):
    with pytest.raises(ExprError) as exc:
        parse(text)
    assert words in str(exc.value)


def test_typing_redraws_live_and_a_bad_keystroke_keeps_the_last_graph():
    w = graph(expr="a*b + c", values={"a": 2, "b": -3, "c": 10}, range=[-10, 10], editable=True)
    typed(w, "tanh(w*x + b)")
    v = w.values()
    assert v["ok"] == 1 and v["nodes"] == 6 and v["edges"] == 5 and v["n_tanh"] == 1
    assert v["out"] == pytest.approx(math.tanh(1 * 1 + -3))     # b keeps its -3; new names start at 1
    typed(w, "tanh(w*x + ")                                      # half typed
    v = w.values()
    assert v["ok"] == 0 and v["nodes"] == 6
    assert "Can't draw that yet" in sentences(w)
    text_box = next(c for c in w.controls() if c["kind"] == "text")
    assert text_box["value"] == "tanh(w*x + " and text_box["label"] == "L ="
    typed(w, "x×y + x")                                          # a typed × sign works too
    assert w.values()["ok"] == 1 and w.values()["reused"] == 1
    sliders = [c["id"] for c in w.controls() if c["kind"] == "range"]
    assert sliders == ["leaf:x", "leaf:y"]


def test_typing_is_ignored_unless_the_widget_is_editable():
    w = graph(**ABC)
    typed(w, "x*y")
    assert w.values()["nodes"] == 5 and not [c for c in w.controls() if c["kind"] == "text"]


# Values and local derivatives --------------------------------------------------------------
def test_values_and_local_derivatives_match_the_arithmetic_and_a_nudge():
    for config in (ABC, NEURON, {"expr": "x*x + x*y", "values": {"x": -2, "y": 0.5}},
                   {"expr": "tanh(2*x + -1) * x", "values": {"x": 0.7}}):
        w = graph(**config)
        for k in range(len(w.edge_list)):
            click(w, f"e{k}")
            assert w.values()["picked"] == 1
            assert w.values()["local"] == pytest.approx(numeric_rate(w, k), abs=1e-6), (config["expr"], k)
    w = graph(**ABC)
    assert [n.value for n in w.nodes] == [2, -3, -6, 10, 4]
    assert w.values()["out"] == 4


def test_the_readout_explains_an_edge_with_its_rule_and_a_real_nudge():
    w = graph(**ABC)
    click(w, f"e{edge_index(w, 'a -> a×b')}")
    text = sentences(w)
    assert f"\u2202(a\u00d7b)/\u2202a = {MINUS}3" in text and "other factor, b" in text
    assert f"{MINUS}0.003000" in text and f"{MINUS}3 \u00d7 the nudge" in text
    click(w, f"e{edge_index(w, 'c -> L')}")
    assert "passes any nudge through unchanged" in sentences(w)
    n = graph(**NEURON)
    click(n, f"e{edge_index(n, 'w×x+b -> L')}")
    text = sentences(n)
    assert f"1 {MINUS} 0.462\u00b2 = 0.786" in text and "\u2202L/\u2202(w\u00d7x+b)" in text


def test_clicking_a_node_explains_its_value():
    w = graph(**ABC)
    click(w, "n2")
    assert f"a\u00d7b = 2 \u00d7 {MINUS}3 = {MINUS}6" in sentences(w)     # its name is already its formula
    click(w, "n4")
    assert f"L = a\u00d7b + c = {MINUS}6 + 10 = 4" in sentences(w)
    click(w, "n0")
    assert "a is an input: it holds 2" in sentences(w) and "feeds 1 edge." in sentences(w)
    c = graph(expr="2*x", values={"x": 1})
    click(c, "n0")
    assert "constant" in sentences(c)


def test_tags_hide_their_number_until_clicked_or_revealed():
    w = graph(**ABC)
    tags = [s for s in w.shapes() if s.get("handle", "").startswith("e")]
    assert len(tags) == 4 and all("Enter" in s["label"] for s in tags)
    assert texts(w.scene()).count("\u2202 ?") == 4
    w.handle({"type": "key", "handle": "e0", "key": "ArrowLeft"})       # not a selecting key
    assert w.values()["picked"] == 0
    w.handle({"type": "key", "handle": "e0", "key": "Enter"})
    assert w.values()["picked"] == 1 and texts(w.scene()).count("\u2202 ?") == 3
    assert f"{MINUS}3" in texts(w.scene())
    w.handle({"type": "input", "id": "reveal", "value": None})
    assert texts(w.scene()).count("\u2202 ?") == 0
    assert next(c for c in w.controls() if c["id"] == "reveal")["label"] == "Hide local derivatives"
    plain = graph(**ABC, derivatives=False)
    assert not [s for s in plain.shapes() if s.get("handle", "").startswith("e")]
    click(plain, "e0")
    assert plain.values()["picked"] == 0 and not [c for c in plain.controls() if c["kind"] == "button"]


# Sliders --------------------------------------------------------------------------------
def test_sliders_reevaluate_everything_and_clamp_to_the_range():
    w = graph(**ABC)
    click(w, f"e{edge_index(w, 'a -> a×b')}")
    w.handle({"type": "input", "id": "leaf:b", "value": -5})
    v = w.values()
    assert v["b"] == -5 and v["out"] == 0 and v["local"] == -5          # the edge follows b
    w.handle({"type": "input", "id": "leaf:a", "value": 99})
    assert w.values()["a"] == 10
    w.handle({"type": "input", "id": "leaf:zzz", "value": 1})          # ignored
    w.handle({"type": "input", "id": "leaf:a", "value": "not a number"})
    assert w.values()["a"] == 10
    slider = next(c for c in w.controls() if c["id"] == "leaf:b")
    assert slider["value"] == -5 and slider["min"] == -10 and slider["display"] == f"{MINUS}5"


# Layout ------------------------------------------------------------------------------------
@pytest.mark.parametrize("expr", ["a*b + c", "tanh(w*x + b)", "x*x + x*y", "a*b + a",
                                  "(a+b)*(c+d) + a*e", "tanh(x*x*x + x)"])
def test_layout_keeps_inputs_left_of_users_and_nothing_overlaps(expr):
    w = graph(expr=expr)
    scene = w.scene()
    rects = [(s["x"], s["y"], s["x"] + s["w"], s["y"] + s["h"]) for s in scene["shapes"]
             if s["t"] == "rect" and s.get("handle", "").startswith("n")]
    tags = [(s["x"], s["y"], s["x"] + s["w"], s["y"] + s["h"]) for s in scene["shapes"]
            if s["t"] == "rect" and s.get("handle", "").startswith("e")]
    assert len(rects) == len(w.nodes) and len(tags) == len(w.edge_list)
    for child, parent, _ in w.edge_list:
        assert rects[child][2] < rects[parent][0]
    out = rects[-1]
    assert all(r[2] < out[0] for r in rects[:-1])                      # the output alone at the right
    for a in rects + tags:
        assert 0 <= a[0] and a[2] <= scene["w"] and 0 <= a[1] and a[3] <= scene["h"], a
    placed = rects + tags
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (expr, a, b)
    assert (BOX_W, BOX_H, TAG_W, TAG_H) == (84, 44, 46, 17)


# Scenes, goals -----------------------------------------------------------------------------

def test_set_values_covers_expr_inputs_and_edges_and_refuses_the_rest():
    w = graph(**ABC, editable=True)
    w.set_values({"expr": "x*y + x", "x": 3})
    assert w.values()["reused"] == 1 and w.values()["x"] == 3
    w.set_values({"edge": "y -> x×y"})
    assert w.values()["local"] == 3 and w.values()["edge"] == "y -> x×y"
    w.set_values({"edge": ""})
    assert w.values()["picked"] == 0
    with pytest.raises(KeyError):
        w.set_values({"edge": "nope -> L"})
    with pytest.raises(KeyError):
        w.set_values({"zzz": 1})
    with pytest.raises(ValueError):
        w.set_values({"expr": "a -"})


def test_the_lessons_goals_need_the_right_thing():
    first = lesson_widget("m12-l01", "first")
    assert not first.goal_met()
    first.set_values({"c": 0, "a": 0})             # zeroing c is not allowed: c stays at 10
    assert first.values()["out"] == 0 and not first.goal_met()
    first.set_values({"c": 10, "a": 2, "b": -5})
    assert first.goal_met()

    typed_ = lesson_widget("m12-l01", "typed")
    assert not typed_.goal_met()
    typed_.set_values({"expr": "tanh(w*x + b)"})   # no reuse yet
    assert not typed_.goal_met()
    typed_.set_values({"expr": "x*x"})             # one input, two edges into one operation
    assert typed_.goal_met()

    edges = lesson_widget("m12-l01", "edges")
    assert not edges.goal_met()
    edges.set_values({"edge": "b -> a×b"})        # carries a = 2
    assert not edges.goal_met()
    edges.set_values({"edge": "a -> a×b"})        # carries b = -3
    assert edges.goal_met()

    neuron = lesson_widget("m12-l01", "neuron")
    assert not neuron.goal_met()
    neuron.set_values({"b": -1.4})
    assert not neuron.goal_met()
    neuron.set_values({"w": 0, "b": 0})
    assert neuron.goal_met()


def test_numbers_stated_in_the_lesson():
    w = lesson_widget("m12-l01", "first")
    assert [n.value for n in w.nodes] == [2, -3, -6, 10, 4]              # a·b = -6, L = 4
    w.set_values({"a": 2, "b": -5})
    assert w.values()["out"] == 0                                         # a = 2, b = -5 zeroes L
    e = lesson_widget("m12-l01", "edges")
    locals_ = {e.edge_name(k): e.set_values({"edge": e.edge_name(k)}) or e.values()["local"]
               for k in range(len(e.edge_list))}
    assert locals_ == {"a -> a×b": -3, "b -> a×b": 2, "a×b -> L": 1, "c -> L": 1}
    assert typed_count("tanh(w*x + b)") == lesson_part("m12-l01", "quiz", "count-nodes").data["answer"] == 6
    e.set_values({"a": 5, "edge": "b -> a×b"})
    assert e.values()["local"] == lesson_part("m12-l01", "quiz", "read-edge").data["answer"] == 5
    n = lesson_widget("m12-l01", "neuron")
    t = math.tanh(0.5)
    assert n.nodes[-2].value == 0.5 and fmt(t) == "0.462" and fmt(1 - t * t) == "0.786"
    assert n.values()["local_tanh"] == pytest.approx(1 - t * t)
    assert lesson_part("m12-l01", "quiz", "tanh-edge").data["answer"] == pytest.approx(1 - 0.6 ** 2)
    assert round(t, 4) == 0.4621                                          # forward's L
    assert round(1.0 * 1 * (1 - t * t), 4) == 0.7864                      # the path product
    assert round((math.tanh(1.5 * 1 + 1e-6 - 1) - t) / 1e-6, 4) == 0.7864  # the nudge


def typed_count(expr):
    return widgets.create("formula_graph", {"expr": expr}).values()["nodes"]


def test_the_lesson_runs_through_the_page_kernel():
    """Run every solution and cell as a learner would, then drive a widget through the kernel."""
    kernel, printed, _ = run_lesson("m12-l01")
    out = "".join(printed.values())
    assert out.count("0.7864") == 2, out                               # "Both print 0.7864"
    scene = json.loads(kernel.event("typed", json.dumps({"type": "input", "id": "expr", "value": "x*y + x"})))
    assert scene["goal"]["met"]