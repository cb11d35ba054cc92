"""The softmax_ce widget: logits by drag, key and slider, the target by click, p, y and the
gradient p - y; and the numbers lesson m12-l04 states, checked by running the lesson.
Registration, unknown options, scene fit and classes, handle keys and set_values round
trips: tests/unit/test_widget_contract.py."""

import math
import re

import pytest

from lesson_kernel import LESSONS, lesson_widget, run_lesson
from mlbuild.lesson import parse_lesson
from mlmath import widgets
from mlmath.data import shakespeare
from mlmath.gpt.model import Config
from mlmath.show import MINUS, fixed

ROOT = LESSONS.parents[1]
FIVE = {"labels": ["e", "a", "i", "o", "u"], "logits": [1.0, 2.0, 0.0, -1.0, 0.5], "target": "e"}


def make(**config):
    return widgets.create("softmax_ce", config)


def ce(z, t):
    """Cross-entropy straight from the definition, -log(e^z_t / sum e^z)."""
    return -math.log(math.exp(z[t]) / sum(math.exp(v) for v in z))


def rate(z, t, i, h=1e-6):
    up, down = list(z), list(z)
    up[i] += h
    down[i] -= h
    return (ce(up, t) - ce(down, t)) / (2 * h)


def key(w, handle, name):
    w.handle({"type": "key", "handle": handle, "key": name})


def said(w):
    return " | ".join(f"{r['label']} = {r['value']}" for r in w.readouts())


# Config ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("config, words", [
    ({"labels": ["a"]}, "2 to 6"),
    ({"labels": ["a", "a"]}, "different"),
    ({"labels": ["a", "b"], "logits": [1.0]}, "2 numbers"),
    ({"labels": ["a", "b"], "logits": [1.0, 9.0]}, "from -5 to 5"),
    ({"labels": ["a", "b"], "target": "z"}, "target"),
    ({"labels": ["a", "b"], "target": 2}, "target"),
    ({"range": [1, -1]}, "range"),
    ({"step": 0}, "step"),
    ({"labels": ["a", "b"], "logits": [float("nan"), 0.0]}, "a logit"),
])
def test_bad_config_fails_loudly(config, words):
    with pytest.raises(ValueError, match=words):
        make(**config)


# The arithmetic -----------------------------------------------------------------------------
def test_p_is_softmax_the_loss_is_cross_entropy_and_the_gradient_is_p_minus_y_by_nudging():
    w = make(**FIVE)
    v = w.values()
    z = FIVE["logits"]
    assert sum(v[f"p{k}"] for k in range(5)) == pytest.approx(1.0)
    assert v["loss"] == pytest.approx(ce(z, 0))
    for k in range(5):
        assert v[f"g{k}"] == pytest.approx(rate(z, 0, k), abs=1e-8), k
    assert v["gsum"] == pytest.approx(0.0, abs=1e-12)
    assert v["gmax"] == pytest.approx(1 - v["p0"])


def test_huge_logits_do_not_overflow():
    w = make(labels=["a", "b"], logits=[0.0, 0.0], range=[-1000, 1000], step=1)
    w.set_values({"z0": 1000, "z1": -1000})
    v = w.values()
    assert v["p0"] == pytest.approx(1.0) and v["loss"] == pytest.approx(0.0, abs=1e-12)
    w.set_values({"target": 1})
    assert w.values()["loss"] == pytest.approx(2000.0)


# Input ------------------------------------------------------------------------------------------
def test_dragging_a_logit_dot_maps_height_to_value():
    w = make(**FIVE)
    top, bottom = w.z_plot.box[1], w.z_plot.box[3]
    w.handle({"type": "drag", "handle": "z1", "x": 0, "y": top})                          # the top of the scale
    assert w.values()["z1"] == 5.0
    w.handle({"type": "drag", "handle": "z1", "x": 0, "y": bottom})                       # the bottom
    assert w.values()["z1"] == -5.0
    w.handle({"type": "drag", "handle": "z1", "x": 0, "y": top + (bottom - top) * 0.37})  # snapped to 0.1
    assert w.values()["z1"] == pytest.approx(1.3)
    w.handle({"type": "drag", "handle": "z1", "x": 0, "y": -500})                         # clamped
    assert w.values()["z1"] == 5.0


def test_keys_sliders_and_clicks():
    w = make(**FIVE)
    key(w, "z0", "ArrowUp")
    assert w.values()["z0"] == pytest.approx(1.1)
    key(w, "z0", "PageDown")
    assert w.values()["z0"] == pytest.approx(0.1)
    key(w, "z0", "End")
    assert w.values()["z0"] == 5.0
    key(w, "z0", "Home")
    assert w.values()["z0"] == -5.0
    w.handle({"type": "input", "id": "z3", "value": 2.26})
    assert w.values()["z3"] == pytest.approx(2.3)
    w.handle({"type": "input", "id": "z9", "value": 1})        # no such logit: ignored
    w.handle({"type": "input", "id": "z3", "value": "abc"})    # not a number: ignored
    assert w.values()["z3"] == pytest.approx(2.3)
    w.handle({"type": "drag", "handle": "y2", "x": 0, "y": 0})
    assert w.values()["target"] == 2 and w.values()["g2"] < 0 and w.values()["g0"] > 0
    key(w, "y4", "ArrowLeft")                                   # not a selecting key
    assert w.values()["target"] == 2
    key(w, "y4", "Enter")
    assert w.values()["target"] == 4
    slider = next(c for c in w.scene()["controls"] if c["id"] == "z3")
    assert slider["kind"] == "range" and slider["min"] == -5 and slider["display"] == "2.3"


def test_readouts_and_bars_show_the_numbers():
    w = make(**FIVE)
    v = w.values()
    text = said(w)
    assert f"{MINUS}log {fixed(v['p0'], 3)} = {fixed(v['loss'], 3)}" in text
    assert f"p[e] {MINUS} 1 = {fixed(v['g0'], 3)}" in text
    assert "sum of p \u2212 y = 0.000" in text
    words = [s["s"] for s in w.scene()["shapes"] if s["t"] == "text"]
    for k in range(5):
        assert fixed(v[f"p{k}"], 3) in words and fixed(v[f"g{k}"], 3) in words
    bars = [s for s in w.scene()["shapes"] if s["t"] == "rect" and s["cls"] == "accent2"]
    assert len(bars) == 5
    assert bars[1]["h"] == pytest.approx(v["g1"] * 50, abs=0.1)     # +1 spans half of the 100-unit row


def test_a_space_label_is_drawn_visibly():
    w = make(labels=["a", " "], target=" ")
    assert "\u2423" in [s["s"] for s in w.shapes() if s["t"] == "text"]
    assert w.readouts()[0]["value"].startswith(f"{MINUS}log p[\u2423]")


def test_the_lessons_goal_is_unmet_at_start_and_not_met_by_a_timid_answer():
    w = lesson_widget("m12-l04", "ce")
    assert not w.goal_met()
    w.set_values({"z0": 2.5})              # right but not confident enough
    assert not w.goal_met()
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"p0": 1})


# The numbers the lesson states -------------------------------------------------------------
def test_the_numbers_in_the_prose_and_quizzes():
    quizzes = {p.id: p.data for p in parse_lesson(LESSONS / "m12-l04.md").parts("quiz")}
    cfg = Config()
    assert cfg.n_embd == 64 and cfg.block_size == 64 and 12 * 64 == 768 and 768 * 64 == 49152
    assert cfg.vocab_size == 65 == len(set(shakespeare()))          # "65 scores, one per character"
    assert 65 * 65 == 4225

    graph = lesson_widget("m12-l04", "neuron3")
    assert graph.values()["total"] == 13                              # "13 boxes: 7 inputs, 3 products, 3 sums"

    p1 = math.exp(2) / (math.exp(2) + math.exp(1) + 1)
    ce = quizzes["ce-grad"]
    assert abs(ce["answer"] - (p1 - 1)) < ce["tolerance"]             # "four decimals": -0.3348
    assert abs(-1 / 3 - ce["answer"]) > ce["tolerance"]               # logits normalised without exp
    assert abs(p1 - ce["answer"]) > ce["tolerance"]                   # p_1 instead of p_1 - 1
    assert rate([2.0, 1.0, 0.0], 0, 0) == pytest.approx(p1 - 1, abs=1e-8)

    # module 18's shaders really do what the ML callout says
    assert "dlogits[o + v] = (p - select(0.0, 1.0, v == tgt))" in (ROOT / "wgsl" / "cross_entropy.wgsl").read_text()
    assert "ROWSUM" in (ROOT / "wgsl" / "matmul.wgsl").read_text()


def test_the_lesson_runs_through_the_page_kernel_and_its_printed_numbers_match_the_prose():
    """Every solution and cell in order, as a learner runs them; then the claims about their output."""
    kernel, printed, _ = run_lesson("m12-l04")
    out = "".join(printed.values())
    assert "65 different characters" in out
    assert "X has 768 rows of 64 numbers: 49152 in all" in out
    assert "scalars: 16448 Value objects" in out and 16448 == 64 * 257   # 2 x 64 inputs, 64 products, 65 sums
    assert "largest difference between the answers: 0.0" in out
    gap = float(re.search(r"largest gap between p - y and the nudged estimate: (\S+)", out).group(1))
    assert gap < 1e-9                                                  # "agree to better than 10^-9"
    assert "better than $10^{-9}$" in (LESSONS / "m12-l04.md").read_text()
    ns = kernel.namespace
    dX, dW, db = ns["linear_backward"]([[1.0, 2.0], [3.0, 4.0]], [[1.0], [-1.0]], [[1.0], [2.0]])
    assert (dX, dW, db) == ([[1.0, -1.0], [2.0, -2.0]], [[7.0], [10.0]], [3.0])   # G W^T, X^T G, column sums
    assert abs(sum(ns["by_formula"])) < 1e-12                          # "the entries of p - y add to 0"
