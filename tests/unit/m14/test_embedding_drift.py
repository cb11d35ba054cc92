"""The embedding_drift widget: the tiny Bengio model's forward pass and gradient, training,
separation goal, events, weights for a learner's forward, and the numbers lesson m14-l04 states."""

import math
import random
from collections import Counter
from pathlib import Path

import pytest

from mlbuild.lesson import parse_lesson
from mlmath import widgets
from mlmath.data import shakespeare
from mlmath.m14.embedding_drift import group
from mlmath.m14.l04_bengio import SYMBOLS, encode, squash

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m14-l04.md"


def make(**config):
    return widgets.create("embedding_drift", config)


def plain_forward(context, C, W1, b1, W2, b2):
    x = [v for t in context for v in C[t]]
    h = [math.tanh(b1[j] + sum(x[i] * W1[i][j] for i in range(len(x)))) for j in range(len(b1))]
    z = [b2[k] + sum(h[j] * W2[j][k] for j in range(len(h))) for k in range(len(b2))]
    m = max(z)
    e = [math.exp(v - m) for v in z]
    return [v / sum(e) for v in e]


@pytest.fixture(scope="module")
def trained():
    w = make()
    w.set_values({"steps": 300})
    return w


def test_rejects_bad_option_values():
    for bad in ({"context": 9}, {"lr": 0}, {"per_click": True}, {"hidden": 1.5}):
        with pytest.raises(ValueError):
            make(**bad)


def test_squash_and_encode():
    assert squash("Hello,  World!\n") == "he··o ·or·· "
    assert squash("The HUT, the hat.") == "the hut the hat "
    assert squash("a\n\n t") == "a t"
    assert squash("why") == "·h·"
    assert encode("ha ") == [SYMBOLS.index("h"), SYMBOLS.index("a"), SYMBOLS.index(" ")]


def test_weights_layout_matches_the_internal_forward():
    w = make(chars=3000, heldout=1000)
    C, W1, b1, W2, b2 = w.weights()
    assert len(C) == 12 and len(C[0]) == 2 and len(W1) == 6 and len(W1[0]) == 8 and len(W2) == 8 and len(W2[0]) == 12
    for ctx in ([0, 1, 2], [5, 5, 11], [7, 3, 0]):
        assert all(abs(a - b) < 1e-12 for a, b in zip(plain_forward(ctx, C, W1, b1, W2, b2), w.forward(ctx)[2]))


def test_one_sgd_step_follows_the_gradient():
    """A single step with batch 1 moves every weight by -lr times a finite-difference gradient."""
    w = make(chars=3000, heldout=1000, batch=1, lr=0.1)
    probe = random.Random(w.seed + 1000)
    ctx, target = w.train_pairs[probe.randrange(len(w.train_pairs))]
    C, W1, b1, W2, b2 = w.weights()

    def loss(C, W1):
        return -math.log(plain_forward(ctx, C, W1, b1, W2, b2)[target])

    eps = 1e-6
    tok = ctx[0]
    up = [r[:] for r in C]; up[tok][0] += eps
    dn = [r[:] for r in C]; dn[tok][0] -= eps
    g_c = (loss(up, W1) - loss(dn, W1)) / (2 * eps)
    upw = [r[:] for r in W1]; upw[1][3] += eps
    dnw = [r[:] for r in W1]; dnw[1][3] -= eps
    g_w = (loss(C, upw) - loss(C, dnw)) / (2 * eps)
    w.step(1)
    C2, W12, *_ = w.weights()
    assert abs((C[tok][0] - C2[tok][0]) - 0.1 * g_c) < 1e-7
    assert abs((W1[1][3] - W12[1][3]) - 0.1 * g_w) < 1e-7


def test_buttons_and_selection():
    w = make(chars=3000, heldout=1000, per_click=5)
    w.handle({"type": "input", "id": "train"})
    assert w.steps == 5 and len(w.history) == 2
    w.handle({"type": "input", "id": "step"})
    assert w.steps == 6
    w.handle({"type": "input", "id": "reset"})
    assert w.steps == 0 and len(w.history) == 1
    w.handle({"type": "drag", "handle": "sym:3", "x": 0, "y": 0})
    assert w.values()["selected"] == SYMBOLS[3]
    w.handle({"type": "key", "handle": "sym:3", "key": "ArrowRight"})
    assert w.values()["selected"] == SYMBOLS[4]
    w.handle({"type": "key", "handle": "sym:0", "key": "Enter"})
    assert w.values()["selected"] == " "
    w.handle({"type": "key", "handle": "sym:0", "key": "End"})
    assert w.values()["selected"] == SYMBOLS[-1]
    w.set_values({"selected": "sp"})
    w.handle({"type": "drag", "handle": "sym:99", "x": 0, "y": 0})
    assert w.values()["selected"] == " "
    with pytest.raises(KeyError):
        w.set_values({"bogus": 1})


def test_reset_is_deterministic():
    a, b = make(chars=3000, heldout=1000), make(chars=3000, heldout=1000)
    a.set_values({"steps": 60})
    b.set_values({"steps": 60})
    assert a.C == b.C
    a.handle({"type": "input", "id": "reset"})
    assert a.C == make(chars=3000, heldout=1000).C


def test_goal_unmet_at_start_and_met_at_300_steps():
    part = {p.id: p for p in parse_lesson(LESSON).parts("widget")}["drift"]
    w = widgets.create(part.arg, part.data)
    assert not w.goal_met()
    w.set_values({"steps": 270})
    assert not w.goal_met()
    w.set_values({"steps": 300})
    assert w.goal_met()


def test_numbers_the_lesson_states(trained):
    text = LESSON.read_text()
    v = trained.values()
    assert v["separated"] and v["nearest"] == "i"
    assert trained.n_seen == 9413 and trained.n_unseen == 76
    assert f"{v['held_seen']:.3f}" == "1.926" and f"{v['held_unseen']:.3f}" == "1.921"
    assert f"{math.log(12):.3f}" == "2.485"
    for phrase in ["$76$ positions", "$1.926$", "$1.921$", "$\\ln 12 \\approx 2.485$", "After $300$ steps"]:
        assert phrase in text, phrase
    # the hut cell, with the reference forward
    C, W1, b1, W2, b2 = trained.weights()
    seen = Counter(ctx for ctx, _ in trained.train_pairs)
    space = SYMBOLS.index(" ")
    got = {wd: (seen[tuple(encode(wd))], plain_forward(encode(wd), C, W1, b1, W2, b2)[space])
           for wd in ("hat", "hit", "hot", "hut")}
    assert [got[wd][0] for wd in ("hat", "hit", "hot", "hut")] == [80, 6, 0, 0]
    assert [f"{got[wd][1]:.3f}" for wd in ("hat", "hit", "hot", "hut")] == ["0.436", "0.460", "0.433", "0.549"]
    assert trained.held_unseen[tuple(encode("hut"))] == {space: 3}
    for phrase in ['"hat" occurs $80$ times and "hit" $6$', "probability $0.549$", 'after "hot" $0.433$',
                   '"hat" ($0.436$)', '"hit" ($0.460$)', "all $3$ times"]:
        assert phrase in text, phrase


def test_other_numbers_the_lesson_states():
    text = LESSON.read_text()
    s = shakespeare()[:100_000]
    after = Counter(zip(s, s[1:], s[2:]))

    def share(context, ch):
        row = Counter()
        for (a, b, c), k in after.items():
            if (a + b).endswith(context):
                row[c] += k
        return round(row[ch] / sum(row.values()) * 100, 1)

    assert (share("h", "e"), share("th", "e"), share("sh", "a"), share("sh", "o")) == (40.4, 57.2, 35.4, 27.3)
    C = [[0.0, 1.0], [1.0, 0.0], [-1.0, 0.5], [0.5, -1.0]]
    W1 = [[0.5, -1.0, 0.0], [1.0, 0.5, -0.5], [0.0, 1.0, 1.0], [-0.5, 0.0, 0.5]]
    b1 = [0.0, 0.1, -0.1]
    W2 = [[1.0, -1.0, 0.5, 0.0], [0.0, 1.0, -1.0, 0.5], [-0.5, 0.0, 1.0, 1.0]]
    x = C[2] + C[3]
    pre = [b1[j] + sum(x[i] * W1[i][j] for i in range(4)) for j in range(3)]
    assert [round(v, 2) for v in pre] == [0.5, 1.85, -0.35]
    assert [round(math.tanh(v), 3) for v in pre] == [0.462, 0.952, -0.336]
    p = plain_forward([2, 3], C, W1, b1, W2, [0.0] * 4)
    assert (round(p[0], 3), round(p[3], 3)) == (0.375, 0.230)
    for phrase in ["$x W_1 + b_1 = (0.5, 1.85, -0.35)$", "$h \\approx (0.462, 0.952, -0.336)$", "␣ $0.375$", "h only $0.230$"]:
        assert phrase in text, phrase


def test_group_counts_pairs():
    assert group([((1, 2), 3), ((1, 2), 3), ((1, 2), 0), ((0, 0), 1)]) == {(1, 2): {3: 2, 0: 1}, (0, 0): {1: 1}}
