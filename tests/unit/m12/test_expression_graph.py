"""The expression_graph widget: layout, learner objects, stepping backward, sliders, clicks,
goals, and the numbers lesson m12-l03 states. The widget contract (options, scene fit and
classes, keys, round trips) is checked by test_widget_contract.py."""

import json
import math
from pathlib import Path

import pytest

from mlmath import widgets
from lesson_kernel import lesson_part, lesson_widget, run_lesson
from mlmath.m12.expression_graph import MAX_NODES, _walk, fmt
from mlmath.show import MINUS

NEURON = {"expr": "n = w1*x1 + w2*x2 + b; L = tanh(n)",
          "values": {"w1": -0.5, "x1": 2.0, "w2": 0.25, "x2": 1.0, "b": 0.5}}


def graph(**config):
    return widgets.create("expression_graph", config)


def neuron_float(w1, x1, w2, x2, b):
    return math.tanh(w1 * x1 + w2 * x2 + b)


def rate(f, point, name, h=1e-6):
    up, down = dict(point), dict(point)
    up[name] += h
    down[name] -= h
    return (f(**up) - f(**down)) / (2 * h)


def step(w):
    w.handle({"type": "input", "id": "step", "value": None})


def texts(scene):
    return [s["s"] for s in scene["shapes"] if s["t"] == "text"]


def boxes(scene):
    """Value-node rects by node index."""
    return {int(s["handle"][1:]): s for s in scene["shapes"] if s.get("handle", "").startswith("n")}


def sentences(w):
    return " | ".join(r["value"] for r in w.readouts())


# A learner's Value, written the way the lesson teaches (tuple children) ---------------
class V:
    def __init__(self, data, children=(), op="", label=""):
        self.data, self.grad, self._prev, self._op, self.label = float(data), 0.0, tuple(children), op, label
        self._backward = lambda: None

    def __add__(self, other):
        out = V(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        out = V(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def tanh(self):
        t = math.tanh(self.data)
        out = V(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t * t) * out.grad
        out._backward = _backward
        return out

    def backward(self):
        order, seen = [], set()

        def visit(v):
            if v not in seen:
                seen.add(v)
                for c in v._prev:
                    visit(c)
                order.append(v)
        visit(self)
        self.grad = 1.0
        for v in reversed(order):
            v._backward()


class SetV(V):
    """micrograd itself keeps children in a set: a*a then has ONE child."""

    def __init__(self, data, children=(), op="", label=""):
        super().__init__(data, children, op, label)
        self._prev = set(children)

    def __mul__(self, other):
        out = SetV(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    def __add__(self, other):
        out = SetV(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out


# Layout --------------------------------------------------------------------------------
def test_layout_puts_every_child_left_of_its_parent_and_boxes_never_overlap():
    w = graph(**NEURON)
    scene = w.scene()
    order, _ = _walk(w.root)
    rects = boxes(scene)
    assert len(rects) == len(order) == 10      # 5 inputs, 2 products, 2 sums, tanh
    index = {id(v): i for i, v in enumerate(order)}
    for i, v in enumerate(order):
        for c in v._prev:
            assert rects[index[id(c)]]["x"] + rects[index[id(c)]]["w"] < rects[i]["x"], (c.label, v.label)
    placed = list(rects.values())
    for a in placed:
        assert 0 <= a["x"] and a["x"] + a["w"] <= scene["w"] and 0 <= a["y"] and a["y"] + a["h"] <= scene["h"]
        for b in placed:
            if a is not b:
                apart = (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"]
                         or a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])
                assert apart, (a, b)
    # the output sits alone in the rightmost column
    root_x = rects[index[id(w.root)]]["x"]
    assert all(r["x"] < root_x for i, r in rects.items() if i != index[id(w.root)])


def test_op_circles_sit_between_a_node_and_its_inputs():
    w = graph(expr="L = a*b", values={"a": 3, "b": -2})
    scene = w.scene()
    circles = [s for s in scene["shapes"] if s["t"] == "circle"]
    assert len(circles) == 1 and circles[0]["handle"].startswith("o")
    rects = boxes(scene)
    xs = sorted(r["x"] for r in rects.values())
    assert xs[0] + rects[0]["w"] < circles[0]["cx"] < xs[-1]
    assert "\u00d7" in texts(scene)


# The learner's own objects ---------------------------------------------------------------
@pytest.mark.parametrize("cls", [V, SetV])
def test_shows_a_learners_object_with_a_reused_node_drawn_once(cls):
    a = cls(3.0, label="a")
    b = cls(-2.0, label="b")
    L = a * a + a * b
    L.label = "L"
    w = graph()
    assert "Nothing drawn yet" in texts(w.scene())[0]
    w.show(L)
    scene = w.scene()
    words = texts(scene)
    assert words.count("a") == 1 and words.count("b") == 1 and words.count("L") == 1
    assert len(boxes(scene)) == 5        # a, b, a*a, a*b, L
    assert "data 3.000" in words and f"data {MINUS}2.000" in words
    if cls is V:
        assert "\u00d7" + "2" in words   # a*a: one edge marked as used twice
    L.backward()                          # the learner's own backward, in a cell
    words = texts(w.scene())
    assert words[words.index("a") + 2] == "grad 4.000"      # 2a + b = 6 - 2
    assert w.values()["grad_a"] == pytest.approx(4.0)


def test_show_rejects_things_that_are_not_values_and_none_goes_back_to_the_example():
    w = graph(expr="L = tanh(x)", values={"x": 0.5})
    with pytest.raises(TypeError, match="Value-like"):
        w.show(3.0)
    w.show(V(1.0, label="q"))
    assert "q" in texts(w.scene())
    w.show(None)
    assert "x" in texts(w.scene()) and "q" not in texts(w.scene())


def test_a_graph_too_big_to_draw_is_refused_politely():
    x = V(0.1, label="x")
    y = x
    for _ in range(MAX_NODES):
        y = y + x
    w = graph()
    w.show(y)
    scene = w.scene()
    assert len(scene["shapes"]) == 1 and "more than" in scene["shapes"][0]["s"]
    json.dumps(scene, allow_nan=False)


# Stepping backward --------------------------------------------------------------------------
def test_stepping_runs_closures_in_reverse_topological_order_and_matches_finite_differences():
    w = graph(**NEURON)
    order, _ = _walk(w.root)
    users = {id(v): {id(p) for p in order if any(c is v for c in p._prev)} for v in order}
    assert w.values()["filled"] == 0 and w.values()["steps"] == 0
    step(w)                                   # the seed
    assert w.root.grad == 1.0 and w.values()["filled"] == 1
    ran, filled = [], [1]
    while not w.values()["done"]:
        before = {id(v): v.grad for v in order}
        nxt = w._closures(order)[w.ran]
        # a closure may only run once every node that uses its node has run
        assert users[id(nxt)] <= {id(v) for v in ran}, nxt.label
        step(w)
        ran.append(nxt)
        changed = [v for v in order if v.grad != before[id(v)]]
        assert changed and all(any(c is v for c in nxt._prev) for v in changed)
        filled.append(w.values()["filled"])
    assert filled == sorted(filled) and filled[-1] == w.values()["total"] == 10
    assert len(ran) == 5                   # one closure per operation node
    point = NEURON["values"]
    values = w.values()
    for name in point:
        want = rate(neuron_float, point, name)
        assert values[f"grad_{name}"] == pytest.approx(want, abs=1e-7), name
        assert values[f"d_{name}"] == pytest.approx(want, abs=1e-7), name
    assert "Done" in sentences(w)
    controls = {c["id"]: c for c in w.scene()["controls"]}
    assert controls["step"]["disabled"] and controls["all"]["disabled"] and not controls["reset"]["disabled"]


def test_a_reused_value_is_partial_until_every_user_has_run():
    w = graph(expr="s = a + b; L = s + a", values={"a": 3, "b": -2})
    step(w)       # seed
    step(w)       # L's closure: a gets its first share
    assert w.values()["grad_a"] == 1.0
    order, _ = _walk(w.root)
    status = dict(zip((v.label for v in order), w._status(order)))
    assert status["a"] == "partial" and status["s"] == "final"
    words = [s for s in w.scene()["shapes"] if s["t"] == "text"]
    a_at = next(k for k, s in enumerate(words) if s["s"] == "a")
    assert words[a_at + 2]["s"] == "grad 1.000" and "accent2" in words[a_at + 2]["cls"]
    step(w)       # s's closure: the second share
    assert w.values()["grad_a"] == 2.0 and w.values()["done"] == 1
    words = [s for s in w.scene()["shapes"] if s["t"] == "text"]
    assert words[a_at + 2]["s"] == "grad 2.000" and "good" in words[a_at + 2]["cls"]


def test_stepping_calls_the_learners_own_closures_and_reports_their_errors():
    a, b = V(3.0, label="a"), V(-2.0, label="b")
    L = a * b
    L.label = "L"

    def broken():
        raise NotImplementedError("not yet")
    L._backward = broken
    w = graph()
    w.show(L)
    step(w)
    step(w)
    assert "NotImplementedError" in sentences(w) and w.values()["done"] == 0
    L._backward = lambda: None
    step(w)
    assert w.values()["done"] == 1 and a.grad == 0.0     # a no-op closure passes nothing on


def test_a_backward_run_in_a_cell_resets_the_stepper_to_showing_grads_as_they_are():
    a, b = V(3.0, label="a"), V(-2.0, label="b")
    L = a * b + a
    w = graph()
    w.show(L)
    step(w)
    step(w)
    assert w.seeded
    L.backward()                      # grads change behind the widget's back
    assert w.values()["steps"] == 0 and not w.seeded
    words = texts(w.scene())
    assert words[words.index("a") + 2] == f"grad {fmt(a.grad)}"     # shown as the learner's code left it


def test_reset_zeroes_grads_and_run_all_finishes():
    w = graph(**NEURON)
    w.handle({"type": "input", "id": "all", "value": None})
    assert w.values()["done"] == 1
    w.handle({"type": "input", "id": "reset", "value": None})
    values = w.values()
    assert values["done"] == 0 and all(values[k] == 0 for k in values if k.startswith("grad_"))


# Sliders, clicks, keys ---------------------------------------------------------------------
def test_slider_input_reevaluates_and_keeps_a_finished_backward_finished():
    w = graph(expr="n = w*x + b; L = tanh(n)", values={"w": 1.5, "x": 1.0, "b": -1.0})
    w.set_values({"done": 1})
    w.handle({"type": "input", "id": "leaf:w", "value": 2.0})
    values = w.values()
    assert values["w"] == 2.0 and values["L"] == pytest.approx(math.tanh(1.0))
    assert values["done"] == 1 and values["grad_w"] == pytest.approx(1 - math.tanh(1.0) ** 2)
    w.handle({"type": "input", "id": "leaf:x", "value": 99})           # clamped to the range
    assert w.values()["x"] == 3
    w.handle({"type": "input", "id": "leaf:nope", "value": 1})         # ignored
    slider = next(c for c in w.scene()["controls"] if c["id"] == "leaf:w")
    assert slider["kind"] == "range" and slider["value"] == 2.0 and slider["min"] == -3


def test_without_the_stepper_grads_are_always_complete():
    w = graph(expr="n = w*x + b; L = tanh(n)", values={"w": 1.5, "x": 1.0, "b": -1.0}, stepper=False)
    assert w.values()["grad_w"] == pytest.approx(1 - math.tanh(0.5) ** 2)
    w.handle({"type": "input", "id": "leaf:b", "value": 3.0})
    assert w.values()["grad_w"] == pytest.approx(1 - math.tanh(4.5) ** 2)
    assert not [c for c in w.scene()["controls"] if c["kind"] == "button"]


def test_clicking_an_op_node_explains_its_local_rule_with_numbers():
    w = graph(expr="n = w*x + b; L = tanh(n)", values={"w": 1.5, "x": 1.0, "b": -1.0})
    w.set_values({"done": 1})
    order, _ = _walk(w.root)
    i = next(k for k, v in enumerate(order) if v._op == "tanh")
    w.handle({"type": "drag", "handle": f"o{i}", "x": 0, "y": 0})
    text = sentences(w)
    assert f"1 {MINUS} t\u00b2" in text and fmt(1 - math.tanh(0.5) ** 2) in text
    j = next(k for k, v in enumerate(order) if v._op == "*")
    w.handle({"type": "key", "handle": f"o{j}", "key": "Enter"})
    assert "other factor" in sentences(w)
    k = next(k for k, v in enumerate(order) if v.label == "x")
    w.handle({"type": "key", "handle": f"n{k}", "key": "ArrowLeft"})     # not a selecting key
    assert "other factor" in sentences(w)
    w.handle({"type": "key", "handle": f"n{k}", "key": "Enter"})
    assert f"grad of x = 1.500 \u00d7 {fmt(1 - math.tanh(0.5) ** 2)}" in sentences(w)
    assert "selected" in boxes(w.scene())[k]["cls"]


def test_every_node_is_a_labelled_keyboard_handle():
    w = graph(**NEURON)
    handles = [s for s in w.scene()["shapes"] if "handle" in s]
    assert len(handles) == 10 + 5          # value boxes and op circles
    assert all(s.get("label") for s in handles)


# Config, scenes, goals ---------------------------------------------------------------------
@pytest.mark.parametrize("config, message", [
    ({"expr": "L = a - b", "values": {"a": 1, "b": 2}}, "write a \u2212 b as a \\+ -1\\*b"),
    ({"expr": "L = a*b", "values": {"a": 1}}, "no number for it"),
    ({"expr": "L = a*b", "values": {"a": 1, "b": 2, "c": 3}}, "never uses"),
    ({"expr": "L = a*", "values": {"a": 1}}, "cannot read"),
    ({"expr": "done = a*a", "values": {"a": 1}}, "not a usable name"),
    ({"values": {"a": 1}}, "no expr"),
    ({"expr": "L = a*a", "values": {"a": 1}, "sliders": ["z"]}, "sliders"),
    ({"expr": "L = a*a", "values": {"a": 1}, "range": [2, 1]}, "range"),
    ({"expr": "L = a*a", "values": {"a": True}}, "finite number"),
])
def test_bad_config_fails_loudly(config, message):
    with pytest.raises(ValueError, match=message):
        graph(**config)


def test_goals_are_unmet_at_start_and_met_by_their_solution():
    demo = graph(expr="n = w*x + b; L = tanh(n)", values={"w": 1.5, "x": 1.0, "b": -1.0},
                 goal={"text": "t", "check": "done == 1", "solution": {"done": 1}})
    assert not demo.goal_met()
    for _ in range(3):
        step(demo)
    assert not demo.goal_met()
    step(demo)
    assert demo.goal_met() and demo.scene()["goal"]["met"]
    probe = graph(expr="n = w*x + b; L = tanh(n)", values={"w": 1.5, "x": 1.0, "b": -1.0})
    probe.set_values({"steps": 2})
    assert probe.values()["steps"] == 2 and probe.values()["filled"] == 2
    with pytest.raises(KeyError):
        probe.set_values({"zzz": 1})


def test_the_lessons_saturation_goal_needs_a_saturated_tanh():
    w = lesson_widget("m12-l03", "saturate")
    assert not w.goal_met()
    w.set_values({"x": 0.0})             # the cheap way out is closed: x must stay >= 1
    assert not w.goal_met()
    w.set_values({"x": 1.0, "w": 3.0, "b": -0.5})    # n = 2.5: not saturated enough
    assert not w.goal_met()
    w.set_values(w.goal["solution"])
    assert w.goal_met()


def test_numbers_stated_in_the_lesson():
    assert lesson_part("m12-l03", "quiz", "mul-share").data["answer"] == -2 * 4     # b * c.grad
    t = math.tanh(0.5)
    assert round(t, 4) == 0.4621
    assert lesson_part("m12-l03", "quiz", "tanh-local").data["answer"] == pytest.approx((1 - t * t) * 2.0, abs=1e-4)
    # "once |n| passes about 3, the factor 1 - t^2 is below 0.01"
    assert 1 - math.tanh(3.0) ** 2 < 0.01 < 1 - math.tanh(2.9) ** 2
    # the demo's starting point: n = 1.5 * 1 - 1 = 0.5, the same n as the tanh quiz
    assert 1.5 * 1.0 - 1.0 == 0.5


def test_the_lesson_runs_through_the_page_kernel_and_steps_the_learners_own_closures():
    """Run every solution and cell as a learner would; the learner's graphs reach the widgets."""
    kernel, _, scenes = run_lesson("m12-l03")
    forward = texts(scenes["forward"])
    assert "d" in forward and "data 4.000" in forward and "a\u00d7b" in forward
    neuron = texts(scenes["neuron"])
    assert "grad 1.880" in neuron           # w1's grad, from the learner's backward()
    # press Step backward on the learner's L = (a + b) + a: their own closures run
    for _ in range(3):
        scene = json.loads(kernel.event("reuse", json.dumps({"type": "input", "id": "step", "value": None})))
    words = texts(scene)
    assert words[words.index("a") + 2] == "grad 2.000"
    assert widgets.mounted["reuse"].values()["done"] == 1



def test_the_capstone_size_l03_states_is_exact():
    """m12-l03's closing note names the capstone's parameter count exactly (the catalog rounds it)."""
    from mlmath.gpt.model import Config, n_params
    text = (Path(__file__).resolve().parents[3] / "site" / "lessons" / "m12-l03.md").read_text()
    assert n_params(Config()) == 208320 and "208,320 parameters" in text and "209k" not in text


def test_the_engine_takes_numbers_on_either_side_and_subtraction():
    """The intro promises anything built from +, -, × and tanh: 2*a, a + -1*b, a - b and 2 - a work and
    give the right gradients (the mirrored hooks are in every starter from the first exercise on)."""
    ns = {}
    exec(lesson_part("m12-l03", "exercise", "backward").data["solution"], ns)
    Value = ns["Value"]
    a, b = Value(3.0), Value(-2.0)
    L = 2 * a + (a + -1 * b) * (a - b) + (2 - b)
    L.backward()
    assert L.data == 6 + 25 + 4
    assert (a.grad, b.grad) == (2 + 2 * 5, -2 * 5 - 1)
