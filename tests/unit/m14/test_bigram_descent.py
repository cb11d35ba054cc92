"""The bigram_descent widget: the network's logits, gradient and training, the events that
drive it, its goals, and the numbers lesson m14-l02 states about counting and training."""

import math
import random

import pytest

from lesson_kernel import lesson_widget
from mlmath import widgets
from mlmath.data import shakespeare
from mlmath.numeric import softmax
from mlmath.m14.bigrams import OTHER, count_table, encode
from scene_checks import readout


def net(**config):
    return widgets.create("bigram_descent", config)


@pytest.mark.parametrize("config, words", [
    ({"alphabet": "aa"}, "distinct"),
    ({"alphabet": "abcdefghij"}, "2 to 9"),
    ({"context": "z"}, "context"),
    ({"lr": 0}, "lr"),
    ({"lr": True}, "lr"),
    ({"chars": 10}, "chars"),
    ({"per_click": 0}, "per_click"),
    ({"ratio": ["h"]}, "ratio"),
    ({"alphabet": "qz", "chars": 100}, "context in the text"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        net(**config)


def test_counts_come_from_the_text():
    text = shakespeare()[:2000]
    w = net()
    assert w.N == count_table(text, " etoah")
    assert w.n == 1999 == sum(map(sum, w.N))
    ids = encode("the·Z", " etoah")
    assert ids == [2, 5, 1, 6, 6]          # · itself and Z both land in the other bucket
    assert w.syms[-1] == OTHER


# The network ---------------------------------------------------------------------------------

def test_starts_uniform_at_ln_v():
    w = net()
    assert all(abs(p - 1 / 7) < 1e-12 for row in w.probs() for p in row)
    assert w.loss() == pytest.approx(math.log(7))
    assert w.values()["steps"] == 0


def test_grouped_gradient_equals_the_loop_over_pairs():
    w = net()
    rng = random.Random(3)
    W = [[rng.uniform(-2, 2) for _ in range(7)] for _ in range(7)]
    pairs = w.pairs()
    G = [[0.0] * 7 for _ in range(7)]
    for a, b in pairs:
        p = softmax(W[a])
        for j in range(7):
            G[a][j] += p[j] / len(pairs)
        G[a][b] -= 1 / len(pairs)
    grouped = w.gradient(W)
    assert max(abs(G[a][j] - grouped[a][j]) for a in range(7) for j in range(7)) < 1e-13


def test_gradient_matches_finite_differences():
    w = net()
    rng = random.Random(5)
    W = [[rng.uniform(-1, 1) for _ in range(7)] for _ in range(7)]
    G = w.gradient(W)
    for a, j in [(0, 0), (2, 5), (6, 6), (4, 1)]:
        up = [r[:] for r in W]; up[a][j] += 1e-6
        dn = [r[:] for r in W]; dn[a][j] -= 1e-6
        assert (w.loss(up) - w.loss(dn)) / 2e-6 == pytest.approx(G[a][j], abs=1e-8)


def test_gradient_vanishes_at_log_counts_where_counts_are_positive():
    w = net()
    W = [[math.log(c) if c else -50.0 for c in row] for row in w.N]
    assert max(abs(g) for row in w.gradient(W) for g in row) < 1e-15 * 1e6


def test_step_and_train_buttons_run_gradient_descent():
    w = net()
    W0 = w.gradient()
    w.handle({"type": "input", "id": "step", "value": None})
    assert w.steps == 1
    assert w.W[2][5] == pytest.approx(-10 * W0[2][5])
    w.handle({"type": "input", "id": "train", "value": None})
    assert w.steps == 26 and len(w.history) == 27
    assert all(b <= a + 1e-12 for a, b in zip(w.history, w.history[1:])), "the loss should only fall at lr 10"
    w.handle({"type": "input", "id": "reset", "value": None})
    assert w.steps == 0 and w.W[2][5] == 0


def test_buttons_do_nothing_when_training_is_off():
    w = net(train=False)
    w.handle({"type": "input", "id": "train", "value": None})
    assert w.steps == 0
    assert [c["id"] for c in w.controls()] == ["reset"]


# Events -------------------------------------------------------------------------------------

def test_click_and_keys_choose_the_context():
    w = net(context="t")
    assert w.values()["context"] == "t"
    w.handle({"type": "drag", "handle": "ctx:0", "x": 20, "y": 40})
    assert w.values()["context"] == "sp"
    w.handle({"type": "key", "handle": "ctx:0", "key": "ArrowUp"})
    assert w.values()["context"] == "other"
    w.handle({"type": "key", "handle": "ctx:5", "key": "Enter"})
    assert w.values()["context"] == "h"


def test_dragging_a_logit_sets_it_in_the_chosen_row():
    w = net(context="t")
    j = w.syms.index("h")
    w.handle({"type": "drag", "handle": f"w:{j}", "x": 0, "y": w.logits().y(0.7)})
    assert w.W[2][j] == pytest.approx(0.7)
    assert w.values()["w_h"] == pytest.approx(0.7)
    assert w.values()["p_h"] / w.values()["p_e"] == pytest.approx(math.exp(0.7))
    w.handle({"type": "drag", "handle": f"w:{j}", "x": 0, "y": -500})
    assert w.W[2][j] == 8.0
    w.handle({"type": "key", "handle": f"w:{j}", "key": "Home"})
    assert w.W[2][j] == -8
    w.handle({"type": "key", "handle": f"w:{j}", "key": "ArrowUp"})
    w.handle({"type": "key", "handle": f"w:{j}", "key": "PageUp"})
    assert w.W[2][j] == pytest.approx(-7.45)
    assert all(v == 0 for a, row in enumerate(w.W) for v in row if a != 2)


def test_adding_a_constant_to_a_row_changes_nothing():
    w = net(context="t")
    before = w.values()["p_h"]
    w.set_values({f"w_{n}": 1.5 for n in ("sp", "e", "t", "o", "a", "h", "other")})
    assert w.values()["p_h"] == pytest.approx(before)


def test_ratio_readout_and_scene_are_drawable():
    w = net(train=False, ratio=["h", "e"], context="t")
    assert readout(w, "p(h|t) \u00f7 p(e|t)") == "1.000"
    w.set_values({"w_h": 0.7})
    assert readout(w, "p(h|t) \u00f7 p(e|t)") == f"{math.exp(0.7):.3f}"
    handles = [s for s in w.scene()["shapes"] if "handle" in s]
    assert len(handles) == 14 and all(s.get("label") for s in handles)


def test_training_scene_draws_the_curve():
    w = net()
    w.step(30)
    assert any(s["t"] == "path" and s["d"].count("L") >= 30 for s in w.scene()["shapes"])
    assert readout(w, "step") == "30"
    assert readout(w, "counting NLL") == "1.3071"


def test_set_values_rejects_unknown_keys():
    w = net()
    with pytest.raises(KeyError):
        w.set_values({"bias": 1})
    with pytest.raises(ValueError):
        w.set_values({"context": "q"})


# The lesson's goals and numbers -------------------------------------------------------------

def test_logit_goal_needs_ln_two():
    w = lesson_widget("m14-l02", "logits")
    w.set_values({"context": "t", "w_h": 0.6})
    assert not w.goal_met()
    w.set_values({"w_h": 0.69})
    assert w.goal_met()
    w.set_values({"context": "e"})          # the right gap in the wrong row does not count
    assert not w.goal_met()


def test_prose_numbers():
    w = net()
    assert w.N[2] == [45, 3, 0, 18, 2, 35, 48]           # row t: 151 pairs, 35 of them th
    assert sum(w.N[2]) == 151
    assert round(35 / 151, 3) == 0.232 and round(-math.log(35 / 151), 2) == 1.46
    assert round(w.best, 3) == 1.307
    assert round(math.log(7), 3) == 1.946
    w.set_values({"steps": 100})
    assert round(w.maxdiff(), 3) == 0.016
    assert round(w.W[2][2], 1) == -2.0
    w.set_values({"steps": 174})
    assert w.maxdiff() > 0.01
    w.set_values({"steps": 176})
    assert w.maxdiff() < 0.01                              # "after about 175 it's under 0.01"
    w.set_values({"steps": 1000})
    assert round(w.W[2][2], 1) == -3.8
    assert 0 < w.probs()[2][2] < 0.002
    # the quiz: counts say p(h|t) is about 0.23
    assert round(35 / 151, 2) == 0.23
