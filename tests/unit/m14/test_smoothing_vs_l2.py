"""The smoothing_vs_l2 widget: add-k rows, the exactly solved L2 network, held-out NLL, the
sliders, its goals, and the numbers lesson m14-l02 states about both tricks."""

import math

import pytest

from mlmath import widgets
from mlmath.data import shakespeare
from mlmath.numeric import softmax
from mlmath.m14.bigrams import count_table
from mlmath.m14.smoothing_vs_l2 import K_LADDER, LAM_LADDER, add_k, fmt_lam, l2_row


def sm(**config):
    return widgets.create("smoothing_vs_l2", config)


def slide(w, which, value):
    ladder = K_LADDER if which == "k" else LAM_LADDER
    i = min(range(len(ladder)), key=lambda i: abs(ladder[i] - value))
    w.handle({"type": "input", "id": which, "value": i})


# Registration and config -------------------------------------------------------------------

@pytest.mark.parametrize("config, words", [
    ({"show": "l2"}, "show"),
    ({"heldout": 5}, "heldout"),
    ({"context": "q"}, "context"),
    ({"alphabet": ""}, "alphabet"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        sm(**config)


def test_heldout_is_the_text_after_the_training_slice():
    w = sm()
    assert w.H == count_table(shakespeare()[2000:22000], " etoah")
    assert sum(map(sum, w.H)) == 19999


# Maths -------------------------------------------------------------------------------------

def test_lambda_is_written_out():
    assert [fmt_lam(v) for v in (0, 1e-6, 10 ** -4.3, 10 ** -3.6, 0.032, 1.0)] == \
        ["0 (off)", "0.000001", "0.00005", "0.00025", "0.032", "1"]


def test_add_k_formula_and_limits():
    N = [[3, 0, 1], [0, 0, 4], [2, 2, 0]]
    P = add_k(N, 1)
    assert P[0] == [4 / 7, 1 / 7, 2 / 7]
    assert add_k(N, 0)[1] == [0, 0, 1]
    assert all(abs(p - 1 / 3) < 1e-3 for row in add_k(N, 1e6) for p in row)


def test_l2_row_is_a_stationary_point():
    counts, n = [45, 3, 0, 18, 2, 35, 48], 1999
    for lam in (1e-6, 2.5e-4, 0.03, 1.0):
        w = l2_row(counts, n, lam)
        p = softmax(w)
        g = [(151 * p[j] - counts[j]) / n + 2 * lam * w[j] for j in range(7)]
        assert max(abs(v) for v in g) < 1e-8, lam
        assert abs(sum(w)) < 1e-6          # the logits of an L2 optimum sum to zero
        assert w[2] < 0 and math.isfinite(w[2])   # a never-seen pair: finite, negative


def test_l2_pulls_toward_uniform_and_zero_lambda_is_the_counts():
    w = sm()
    assert w.P_l2 == w.counted
    w.set_values({"lam": 1.0})
    assert max(abs(p - 1 / 7) for row in w.P_l2 for p in row) < 0.12
    w.set_values({"k": 1000})
    assert max(abs(p - 1 / 7) for row in w.P_k for p in row) < 0.12


def test_training_nll_only_rises_with_either_pull():
    w = sm()
    trains_k = []
    for k in K_LADDER:
        w.set_values({"k": k})
        trains_k.append(w.values()["train_k"])
    assert trains_k == sorted(trains_k)
    trains_l2 = []
    for lam in LAM_LADDER:
        w.set_values({"lam": lam})
        trains_l2.append(w.values()["train_l2"])
    assert all(b >= a - 1e-12 for a, b in zip(trains_l2, trains_l2[1:]))


# Events and scene --------------------------------------------------------------------------

def test_sliders_move_k_and_lambda():
    w = sm()
    slide(w, "k", 0.5)
    assert w.k == 0.5
    w.handle({"type": "input", "id": "lam", "value": 27})
    assert w.lam == pytest.approx(10 ** -3.4)
    w.handle({"type": "input", "id": "k", "value": 999})
    assert w.k == K_LADDER[-1]
    w.handle({"type": "input", "id": "k", "value": "not a number"})
    assert w.k == K_LADDER[-1]


def test_k_only_view_ignores_lambda():
    w = sm(show="k")
    w.handle({"type": "input", "id": "lam", "value": 30})
    assert w.lam == 0
    assert [c["id"] for c in w.controls()] == ["k"]
    assert not any("L2" in r["label"] for r in w.readouts())


def test_context_selection():
    w = sm(context="t")
    w.handle({"type": "drag", "handle": "ctx:3", "x": 10, "y": 10})
    assert w.values()["context"] == "o"
    w.handle({"type": "key", "handle": "ctx:3", "key": "ArrowDown"})
    assert w.values()["context"] == "a"


def test_scene_shows_the_rungs_and_the_unseen_pair():
    w = sm(context="t")
    w.set_values({"k": 1, "lam": 2.5e-4})
    scene = w.scene()
    assert [c["display"] for c in scene["controls"]] == ["1", "0.00025"]
    assert sum(s.get("s") == "never seen" for s in scene["shapes"]) == 1     # row t never saw tt
    reads = dict((r["label"], r["value"]) for r in w.readouts())
    assert reads["add-k train NLL"] == "1.3131"
    assert reads["p(t|t), never seen"] == f"add-k {1 / 158:.4f}, L2 {w.P_l2[2][2]:.4f}"


def test_set_values_rejects_bad_input():
    w = sm()
    with pytest.raises(ValueError):
        w.set_values({"k": 0.3})
    with pytest.raises(KeyError):
        w.set_values({"mu": 1})


# The lesson's goals and numbers ------------------------------------------------------------

def test_best_k_is_half():
    w = sm()
    held = {}
    for k in K_LADDER:
        w.set_values({"k": k})
        held[k] = w.values()["held_k"]
    assert held[0] == math.inf
    assert min(held, key=held.get) == 0.5


def test_prose_numbers():
    w = sm()
    text = shakespeare()
    held = text[2000:22000]
    assert sum(1 for a, b in zip(held, held[1:]) if a == b == "t") == 22
    assert w.N[2][2] == 0 and w.H[2][2] == 22
    assert w.values()["held_k"] == math.inf
    for k, want in ((0.01, 1.3157), (0.5, 1.3104), (1000, 1.8446)):
        w.set_values({"k": k})
        assert round(w.values()["held_k"], 4) == want, k
    # best L2 held-out on the slider: 1.3102, around lambda 0.00005
    best = {}
    for lam in LAM_LADDER[1:]:
        w.set_values({"lam": lam})
        best[lam] = w.values()["held_l2"]
    lam_best = min(best, key=best.get)
    assert round(best[lam_best], 4) == 1.3102
    assert fmt_lam(lam_best) == "0.00005"
    # k = 1: the closest lambda is about 0.00025, gap 0.0139, and nothing gets under 0.013
    w.set_values({"k": 1})
    gaps = {}
    for lam in LAM_LADDER:
        w.set_values({"lam": lam})
        gaps[lam] = w.gap()
    lam_match = min(gaps, key=gaps.get)
    assert fmt_lam(lam_match) == "0.00025"
    assert round(gaps[lam_match], 4) == 0.0139
    assert round(gaps[lam_match], 3) == 0.014
    w.set_values({"lam": lam_match})
    assert round(w.P_k[2][2], 4) == 0.0063 and round(w.P_l2[2][2], 4) == 0.0123
    assert 1.946 == round(math.log(7), 3)
