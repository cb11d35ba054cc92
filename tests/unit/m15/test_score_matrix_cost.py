"""The score_matrix_cost widget: exact FLOP counts of QKᵀ and the weighted sum, the corner
handle, slider and keys, the goal, and the numbers lesson m15-l06 states about them."""

from pathlib import Path

import pytest

from lesson_kernel import lesson_widget, run_lesson
from mlmath import widgets
from mlmath.m15.score_matrix_cost import av_flops, qk_flops
from scene_checks import assert_scene_fits

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m15-l06.md"



def brute_force_flops(T, d_k, d_v):
    """Count the operations of a dense QKᵀ and A·V by running them on numbers, op by op."""
    ops = 0
    Q = [[1.0] * d_k for _ in range(T)]
    K = [[1.0] * d_k for _ in range(T)]
    S = [[0.0] * T for _ in range(T)]
    for i in range(T):
        for j in range(T):
            s = Q[i][0] * K[j][0]
            ops += 1
            for c in range(1, d_k):
                s += Q[i][c] * K[j][c]
                ops += 2
            S[i][j] = s
    qk = ops
    V = [[1.0] * d_v for _ in range(T)]
    for i in range(T):
        for c in range(d_v):
            s = S[i][0] * V[0][c]
            ops += 1
            for j in range(1, T):
                s += S[i][j] * V[j][c]
                ops += 2
    return qk, ops - qk


def test_rejects_bad_options():
    for bad in ({"T": 0}, {"T": 65}, {"d_k": 33}, {"t_max": 4}, {"T": 1.5}, {"d_k": True}, {"T": 40, "t_max": 32}):
        with pytest.raises(ValueError):
            widgets.create("score_matrix_cost", dict(**bad))


@pytest.mark.parametrize("T,d_k", [(1, 1), (3, 2), (5, 4), (8, 3), (16, 16)])
def test_counts_match_a_brute_force_count(T, d_k):
    qk, av = brute_force_flops(T, d_k, d_k)
    assert qk_flops(T, d_k) == qk and av_flops(T, d_k) == av
    w = widgets.create("score_matrix_cost", dict(T=T, d_k=d_k))
    v = w.values()
    assert v["entries"] == T * T and v["qk"] == qk and v["av"] == av and v["total"] == qk + av


def test_corner_drag_keys_and_sliders_set_T_and_dk():
    w = widgets.create("score_matrix_cost")
    sx, sy = w._origin()
    w.handle({"type": "drag", "handle": "corner", "x": sx + 40 * w.U, "y": sy + 3 * w.U})
    assert w.T == 40
    w.handle({"type": "drag", "handle": "corner", "x": sx - 50, "y": sy - 50})
    assert w.T == 1
    w.handle({"type": "drag", "handle": "corner", "x": sx + 999, "y": sy})
    assert w.T == 64
    w.handle({"type": "key", "handle": "corner", "key": "ArrowLeft"})
    assert w.T == 63
    w.handle({"type": "key", "handle": "corner", "key": "PageDown"})
    assert w.T == 55
    w.handle({"type": "key", "handle": "corner", "key": "Home"})
    assert w.T == 1
    w.handle({"type": "key", "handle": "corner", "key": "End"})
    assert w.T == 64
    w.handle({"type": "input", "id": "T", "value": 12})
    w.handle({"type": "input", "id": "d_k", "value": 7})
    assert (w.T, w.d_k) == (12, 7)
    w.handle({"type": "drag", "handle": "elsewhere", "x": 0, "y": 0})
    assert (w.T, w.d_k) == (12, 7)


def test_scene_is_small_serialisable_and_labelled():
    for T in (1, 16, 17, 33, 64):
        scene = assert_scene_fits(widgets.create("score_matrix_cost", dict(T=T)).scene(), max_shapes=149)
        handles = [s for s in scene["shapes"] if s.get("handle")]
        assert [h["handle"] for h in handles] == ["corner"] and handles[0]["value"] == f"T = {T}"
        assert handles[0]["label"]
    text = {r["label"]: r["value"] for r in widgets.create("score_matrix_cost", dict(T=32)).readouts()}
    assert text["QKᵀ FLOPs T²(2dₖ−1)"] == "31,744" and text["× the total at T = 16"] == "4.03"


def test_goal_is_the_lesson_goal():
    w = lesson_widget("m15-l06", "square")
    assert not w.goal_met()
    for T, met in ((16, False), (31, False), (32, True), (33, False), (64, False)):
        w.set_values({"T": T, "d_k": 16})
        assert w.goal_met() is met, T
    w.set_values({"T": 32, "d_k": 8})
    assert not w.goal_met()
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"entries": 1000})
    with pytest.raises(KeyError):
        w.set_values({"rows": 1})


def test_numbers_the_lesson_states():
    text = LESSON.read_text()
    # the goal: T = 16 costs 7,936 and T = 32 exactly four times that
    assert qk_flops(16, 16) == 7936 and qk_flops(32, 16) == 4 * 7936
    assert "(7,936 FLOPs)" in text
    # GPT-2 small's head: T = 1024, d_k = 64 (beyond the widget's reach, so its readout can't show it)
    assert qk_flops(1024, 64) == 1024 ** 2 * 127 == 133169152 and "answer = 133169152" in text
    w = lesson_widget("m15-l06", "square")
    assert w.t_max < 1024


def test_the_cost_table_the_lesson_prints():
    _, printed, _ = run_lesson("m15-l06")
    table = printed["cell-1"].splitlines()
    rows = {int(line.split()[0].replace(",", "")): float(line.split()[-1]) for line in table[1:] if line.strip()}
    assert rows[1024] == 0.12 and rows[8192] == 1.00 and rows[131072] == 15.97
    assert rows[16384] == 2.00 and rows[32768] == 3.99
    text = LESSON.read_text()
    for phrase in ["At $T = 1{,}024$ attention is about an eighth", "at $8{,}192$ they are level",
                   "at $131{,}072$ attention does about 16 times"]:
        assert phrase in text, phrase
