"""The backward_walk widget: parsing, forward and backward walks chosen by the learner,
refusals and the numbers they quote, the lenient mode's wrong grads, clicks and keys,
goals, scenes, and the numbers lesson m12-l02 states in its prose, quizzes and exercise."""

import asyncio
import itertools
import json

import pytest

from mlmath import widgets
from mlmath.runner import run_cell, run_check
from mlmath.m12.backward_walk import fmt
from mlmath.show import MINUS
from lesson_kernel import lesson_part, lesson_widget, run_lesson

G1 = {"expr": "p = x*y; q = z + w; L = p*q", "values": {"x": 2, "y": -3, "z": 5, "w": -1}}
G2 = {"expr": "c = a*b; d = a + c; L = d*c", "values": {"a": 3, "b": 2}}


def walk(**config):
    return widgets.create("backward_walk", config)


def click(w, node):
    w.handle({"type": "drag", "handle": f"n:{node}", "x": 0, "y": 0})


def enter(w, node):
    w.handle({"type": "key", "handle": f"n:{node}", "key": "Enter", "shift": False})


def press(w, button):
    w.handle({"type": "input", "id": button, "value": None})


def says(w):
    return " | ".join(r["value"] for r in w.readouts())


def texts(w):
    return [s["s"] for s in w.shapes() if s["t"] == "text"]


# Config ----------------------------------------------------------------



@pytest.mark.parametrize("config, words", [
    ({**G1, "mode": "sideways"}, "mode"),
    ({**G1, "strict": "yes"}, "strict"),
    ({"expr": "p = x - y", "values": {"x": 1, "y": 2}}, "cannot read"),
    ({"expr": "p = x*x", "values": {"x": 1}}, "twice in one operation"),
    ({"expr": "p = x*y; p = p + x", "values": {"x": 1, "y": 2}}, "defined twice"),
    ({"expr": "p = x*y; q = x + y", "values": {"x": 1, "y": 2}}, "never used"),
    ({"expr": "p = x*y", "values": {"x": 1}}, "no number for y"),
    ({"expr": "p = x*y", "values": {"x": 1, "y": 2, "z": 3}}, "not an input"),
    ({"expr": "p = x*y", "values": {"x": 1, "y": True}}, "finite number"),
    ({"expr": "done = x*y", "values": {"x": 1, "y": 2}}, "usable name"),
    ({"expr": "p = x*y", "values": {"x": 1, "y": 2}, "rows": {"x": 0}}, "rows"),
    ({"expr": "", "values": {}}, "expr"),
])
def test_bad_config_fails_loudly(config, words):
    with pytest.raises(ValueError, match=words):
        walk(**config)


def test_values_are_computed_forward_and_true_grads_by_the_chain_rule():
    w = walk(**G1)
    assert w.data == {"x": 2, "y": -3, "z": 5, "w": -1, "p": -6, "q": 4, "L": -24}
    assert w.true == {"L": 1, "p": 4, "q": -6, "x": -12, "y": 8, "z": -6, "w": -6}
    w2 = walk(**G2)
    assert (w2.data["c"], w2.data["d"], w2.data["L"]) == (6, 9, 54)
    assert w2.true == {"L": 1, "d": 6, "c": 15, "a": 36, "b": 45}


def test_true_grads_match_finite_differences():
    def L(a, b):
        c = a * b
        return (a + c) * c
    h = 1e-6
    w = walk(**G2)
    assert abs(w.true["a"] - (L(3 + h, 2) - L(3 - h, 2)) / (2 * h)) < 1e-5
    assert abs(w.true["b"] - (L(3, 2 + h) - L(3, 2 - h)) / (2 * h)) < 1e-5


def test_fmt_writes_numbers_plainly():
    assert fmt(-12.0) == f"{MINUS}12" and fmt(0.25) == "0.25" and fmt(-0.0) == "0" and fmt(None) == "?"


# Forward mode -------------------------------------------------------------------------------

def test_forward_refuses_a_node_whose_inputs_have_no_value_yet():
    w = walk(**G1, mode="forward")
    assert "data ?" in texts(w)
    click(w, "L")
    assert w.order == [] and "needs p and q" in says(w)
    click(w, "q")
    click(w, "p")
    assert w.order == ["q", "p"] and w.values() == {"done": 0, "computed": 2, "order": "q p"}
    click(w, "L")
    assert w.values()["done"] == 1
    assert f"data {MINUS}24" in texts(w)
    assert "your order" in [r["label"] for r in w.readouts()]
    assert "Done" in says(w)


def test_forward_leaf_and_repeat_clicks_explain_themselves():
    w = walk(**G1, mode="forward")
    enter(w, "x")
    assert "input" in says(w) and w.order == []
    enter(w, "p")
    enter(w, "p")
    assert w.order == ["p"] and "already" in says(w)


def test_exactly_two_forward_orders_work_for_the_first_graph():
    ok = []
    for perm in itertools.permutations("pqL"):
        w = walk(**G1, mode="forward")
        for n in perm:
            enter(w, n)
        if w.order == list(perm):
            ok.append("".join(perm))
    assert sorted(ok) == ["pqL", "qpL"]


# Backward mode -------------------------------------------------------------------------------

def test_nothing_moves_before_the_seed():
    w = walk(**G1)
    click(w, "L")
    assert w.order == [] and "Seed" in says(w)
    assert all(g == 0 for g in w.grad.values())
    press(w, "seed")
    assert w.grad["L"] == 1 and w.seeded
    assert next(c for c in w.controls() if c["id"] == "seed")["disabled"]


def test_processing_passes_local_derivative_times_grad_into_each_input():
    w = walk(**G1)
    press(w, "seed")
    click(w, "L")
    assert (w.grad["p"], w.grad["q"]) == (4, -6)
    click(w, "p")
    assert (w.grad["x"], w.grad["y"]) == (-12, 8)
    assert f"x.grad += {MINUS}3\u00b74 = {MINUS}12" in says(w)
    assert f"{MINUS}3\u00b74 = {MINUS}12" in texts(w)          # the edge shows its multiplication
    click(w, "q")
    assert w.values()["done"] == 1 and w.values()["wrong"] == 0
    assert all(w.grad[n] == w.true[n] for n in w.names)
    assert "q, p, L: a forward order" in says(w)


def test_strict_mode_refuses_early_nodes_and_quotes_the_numbers():
    w = walk(**G2)
    press(w, "seed")
    click(w, "c")
    assert w.order == [] and "still 0" in says(w)
    click(w, "L")
    assert w.grad["c"] == 9 and "grad 9 (1 of 2)" in texts(w)
    click(w, "c")
    assert w.order == ["L"]
    text = says(w)
    assert "d has not sent its share" in text and "9 so far" in text and "full grad is 15" in text
    enter(w, "d")
    enter(w, "c")
    assert w.order == ["L", "d", "c"]
    assert (w.grad["a"], w.grad["b"], w.grad["c"]) == (36, 45, 15)
    assert "grad 36 (2 of 2)" in texts(w)


def test_only_one_backward_order_works_for_the_reuse_graph():
    ok = []
    for perm in itertools.permutations(["L", "d", "c"]):
        w = walk(**G2)
        press(w, "seed")
        for n in perm:
            enter(w, n)
        if w.order == list(perm):
            ok.append(perm)
    assert ok == [("L", "d", "c")]


def test_lenient_mode_lets_the_mistake_happen_and_reports_the_wrong_grads():
    w = walk(**G2, strict=False)
    w.set_values({"order": "L c d"})
    v = w.values()
    assert v["done"] == 1 and v["early"] == 1 and v["wrong"] == 2
    assert (v["grad_a"], v["grad_b"], v["grad_c"]) == (24, 27, 15)
    assert w.stranded == {"c": 6}
    text = says(w)
    assert "a (24, should be 36)" in text and "b (27, should be 45)" in text
    assert "never goes further" in text
    boxes = {s["handle"]: s["cls"].replace(" handle", "") for s in w.shapes() if s.get("handle")}
    assert boxes["n:c"] == "bad" and boxes["n:a"] == "bad" and boxes["n:b"] == "bad"
    assert boxes["n:d"] == "good" and boxes["n:L"] == "good"


def test_lenient_mode_in_a_right_order_is_right():
    w = walk(**G2, strict=False)
    w.set_values({"done": 1})
    assert w.values()["wrong"] == 0 and w.values()["early"] == 0


def test_a_held_click_acts_once_but_keys_and_new_clicks_act_again():
    w = walk(**G2, strict=False)
    press(w, "seed")
    click(w, "L")
    click(w, "L")                      # pointermove while held: the same handle again
    assert w.order == ["L"] and "Processed L" in says(w)
    enter(w, "L")                      # a deliberate second try is explained
    assert "already passed its grad back" in says(w) and w.order == ["L"]
    w.handle({"type": "key", "handle": "n:d", "key": "ArrowLeft"})
    assert w.order == ["L"]


def test_leaves_explain_that_they_have_nothing_to_pass_back():
    w = walk(**G2)
    press(w, "seed")
    enter(w, "L")
    enter(w, "a")
    assert "a is an input" in says(w) and "0 of 2" in says(w)
    enter(w, "d")
    enter(w, "a")
    assert "1 of 2" in says(w) and w.order == ["L", "d"]


def test_undo_and_reset():
    w = walk(**G2)
    press(w, "seed")
    enter(w, "L")
    enter(w, "d")
    press(w, "undo")
    assert w.order == ["L"] and w.grad["a"] == 0 and w.grad["c"] == 9
    press(w, "undo")
    press(w, "undo")
    assert not w.seeded and w.grad["L"] == 0
    press(w, "seed")
    enter(w, "L")
    press(w, "reset")
    assert not w.seeded and w.order == [] and all(g == 0 for g in w.grad.values())


def test_set_values_rejects_unknown_keys_and_refused_orders():
    w = walk(**G2)
    with pytest.raises(KeyError):
        w.set_values({"speed": 1})
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"done": 1, "early": 1})
    with pytest.raises(ValueError, match="not accepted"):
        w.set_values({"order": "L c d"})


# Scene ----------------------------------------------------------------------------------------

def test_every_node_is_a_labelled_keyboard_handle():
    w = walk(**G2)
    press(w, "seed")
    enter(w, "L")
    handles = {s["handle"]: s for s in w.shapes() if s.get("handle")}
    assert set(handles) == {f"n:{n}" for n in ("a", "b", "c", "d", "L")}
    assert handles["n:c"]["label"] == "c = a \u00d7 b: data 6, grad 9 (partial)"


def test_boxes_do_not_overlap_and_fit_the_scene():
    for config in (G1, {**G2, "rows": {"a": 0, "b": 1, "c": 1, "d": 0, "L": 0.5}}, G2):
        w = walk(**config)
        rects = [s for s in w.shapes() if s.get("handle")]
        for r in rects:
            assert 0 <= r["x"] and r["x"] + r["w"] <= w.width and 0 <= r["y"] and r["y"] + r["h"] <= w.height
        for r, s in itertools.combinations(rects, 2):
            apart = r["x"] + r["w"] <= s["x"] or s["x"] + s["w"] <= r["x"] or \
                r["y"] + r["h"] <= s["y"] or s["y"] + s["h"] <= r["y"]
            assert apart, (r["handle"], s["handle"])




# The lesson -----------------------------------------------------------------------------------



def test_the_trap_goal_is_not_met_by_a_correct_walk():
    w = lesson_widget("m12-l02", "trap")
    w.set_values({"done": 1})
    assert not w.goal_met()


def test_numbers_stated_in_the_lesson():
    g1 = walk(**G1)
    assert g1.data["L"] == -24                                   # "they both give L = -24"
    assert (g1.true["p"], g1.true["q"]) == (4, -6)               # "sent 4 to p and -6 to q"
    assert (g1.true["x"], g1.true["y"]) == (-12, 8)              # "-12 to x and 8 to y"

    def L1(x):
        return (x * -3) * (5 + -1)
    assert abs((L1(2.01) - L1(2)) - -0.12) < 1e-9                # quiz nudge-x
    assert lesson_part("m12-l02", "quiz", "nudge-x").data["answer"] == -0.12

    g2 = walk(**G2)
    assert g2.data["c"] == 6
    g2.set_values({"order": "L"})
    assert g2.grad["c"] == 9                                     # "After L, c holds 9"
    assert g2.true["c"] == 15 and g2.true["d"] == 6              # "owes c a share of 6 ... full grad is 15"
    assert g2.true["a"] == 36 and g2.local("d", "a") * 6 == 6 and g2.local("c", "a") * 15 == 30

    # quiz overwrite: the same order, with = instead of +=
    grad = {n: 0.0 for n in g2.names}
    grad["L"] = 1.0
    for node in ("L", "d", "c"):
        for inp in g2.spec[node][1]:
            grad[inp] = g2.local(node, inp) * grad[node]
    assert grad["a"] == 12 and lesson_part("m12-l02", "quiz", "overwrite").data["answer"] == 12

    trap = walk(**G2, strict=False)
    trap.set_values({"order": "L c d"})
    assert (trap.grad["a"], trap.grad["b"], trap.grad["c"]) == (24, 27, 15)   # "a ends at 24 and b at 27"


def test_the_valid_order_quiz_has_exactly_the_answer_the_widget_accepts():
    graph = {"expr": "p = a + b; q = p*a; r = p + q; L = r*q", "values": {"a": 1, "b": 2}}
    accepted = []
    for perm in itertools.permutations(["L", "r", "q", "p"]):
        w = walk(**graph)
        press(w, "seed")
        for n in perm:
            enter(w, n)
        if w.order == list(perm):
            accepted.append(", ".join(f"${n}$" for n in perm))
    quiz = lesson_part("m12-l02", "quiz", "valid-order").data
    correct = [o["text"] for o in quiz["option"] if o.get("correct")]
    assert accepted == correct == ["$L$, $r$, $q$, $p$"]


def _exercise():
    return lesson_part("m12-l02", "exercise", "by-hand").data


def _check(code):
    ns = {"__name__": "__main__"}
    outcome = asyncio.run(run_cell(code, ns))
    assert outcome.ok, outcome.error
    return asyncio.run(run_check(_exercise()["check"], ns))


def test_the_exercise_feedback_names_each_classic_mistake():
    ex = _exercise()
    solution = ex["solution"]
    assert _check(solution).ok
    starter = _check(ex["starter"])
    assert not starter.ok and "Only L has been processed" in starter.message
    late = solution.replace("    gx += y * gu\n", "    gx = y * gu\n")
    assert "x is used twice" in _check(late).message
    lost_y = solution.replace("    gy += x * gu\n", "    gy = x * gu\n")
    assert "y is used twice" in _check(lost_y).message
    v_block = "    gu += 1 * gv\n    gy += 1 * gv\n"
    u_block = "    gx += y * gu\n    gy += x * gu\n"
    swapped = solution.replace(v_block, "@V@").replace(u_block, v_block).replace("@V@", u_block)
    assert swapped != solution
    assert "Process v first" in _check(swapped).message
    own = solution.replace("gx += y * gu", "gx += x * gu").replace("gy += x * gu", "gy += y * gu")
    assert "other factor" in _check(own).message
    hardcoded = "def backward_by_hand(x, y):\n    return 15.0, 6.0\n"
    assert not _check(hardcoded).ok


def test_the_lesson_runs_through_the_page_kernel():
    """Every solution and cell, as the page runs them; the comparison cell prints 15 and 6 twice."""
    kernel, printed, _ = run_lesson("m12-l02")
    out = "".join(printed.values())
    assert "your walk:   gx = 15.0   gy = 6.0" in out
    assert "nudging:     gx = 15.0   gy = 6.0" in out
    # a key event through the kernel processes a node, as a learner's Enter does
    json.loads(kernel.event("reuse", json.dumps({"type": "input", "id": "seed", "value": None})))
    scene = json.loads(kernel.event("reuse", json.dumps({"type": "key", "handle": "n:L", "key": "Enter"})))
    assert "grad 9 (1 of 2)" in [s["s"] for s in scene["shapes"] if s["t"] == "text"]

def test_the_safe_order_exercise_accepts_any_correct_test_and_names_the_user_it_missed():
    data = lesson_part("m12-l02", "exercise", "safe-order").data

    def check(code):
        ns = {"__name__": "__main__"}
        assert asyncio.run(run_cell(code, ns)).ok
        return asyncio.run(run_check(data["check"], ns))

    assert check(data["solution"]).ok and not check(data["starter"]).ok
    comprehension = ("def order_is_safe(order, users):\n"
                     "    return all(u in order[:i] for i, n in enumerate(order) for u in users[n])\n")
    assert check(comprehension).ok
    first_user_only = ("def order_is_safe(order, users):\n"
                       "    return all(not users[n] or users[n][0] in order[:i] for i, n in enumerate(order))\n")
    assert "c comes before d" in check(first_user_only).message
    forward_rule = ("def order_is_safe(order, users):\n"
                    "    return not any(u in order[:i] for i, n in enumerate(order) for u in users[n])\n")
    assert not check(forward_rule).ok
