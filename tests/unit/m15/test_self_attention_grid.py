"""The self_attention_grid widget: the attention arithmetic, the causal mask, selecting rows and
columns, dragging words into a new order, the learner's function, goals, and the numbers
lesson m15-l03 states (including its cells' printed output, run through the page's kernel)."""

import math
import random

import pytest

from mlmath import widgets
from mlmath.m15.sentence import self_attention as attention
from lesson_kernel import lesson_part, lesson_widget, run_lesson
from scene_checks import assert_scene_fits

WORDS = ["the", "dog", "bit", "the", "man", "."]
EMBED = {"the": [0, 0, 2, 0], "dog": [2, 0, 0, 2], "bit": [0, 2, 0, 0], "man": [2, 0, 0, -2], ".": [0, 1, 1, 0]}
WQ = [[0, 0], [1, 1], [1, 0], [0, -1]]
WK = [[1, 0], [0, 0], [0, 0], [0, 1]]
WV = [[0.5, 0], [0, 1], [0, 0], [0, 0.5]]
PROJ = {"wq": WQ, "wk": WK, "wv": WV}
X = [EMBED[w] for w in WORDS]


def readout(w, label_start):
    found = [r["value"] for r in w.readouts() if r["label"].startswith(label_start)]
    assert found, f"no readout starting {label_start!r} in {w.readouts()}"
    return found[0]


def brute(X, Wq, Wk, Wv, causal):
    """Attention written out the long way, one query at a time, for comparison."""
    out = []
    for t in range(len(X)):
        q = [sum(X[t][i] * Wq[i][j] for i in range(len(X[t]))) for j in range(len(Wq[0]))]
        keys = [[sum(X[s][i] * Wk[i][j] for i in range(len(X[s]))) for j in range(len(Wk[0]))] for s in range(len(X))]
        vals = [[sum(X[s][i] * Wv[i][j] for i in range(len(X[s]))) for j in range(len(Wv[0]))] for s in range(len(X))]
        visible = range(t + 1) if causal else range(len(X))
        e = {s: math.exp(sum(a * b for a, b in zip(q, keys[s])) / math.sqrt(len(q))) for s in visible}
        z = sum(e.values())
        out.append([sum(e[s] / z * vals[s][j] for s in visible) for j in range(len(vals[0]))])
    return out


@pytest.mark.parametrize("config, words", [
    ({"tokens": ["a"]}, "2 to 8"),
    ({"tokens": ["a"] * 9}, "2 to 8"),
    ({"tokens": ["cat", "dog"]}, "every token"),
    ({"tokens": ["a", "b"], "embed": {"a": [1, 2], "b": [1]}}, "same length"),
    ({"tokens": ["a", "b"], "embed": {"a": [1, "x"], "b": [1, 2]}}, "finite number"),
    ({"wq": WQ}, "all three"),
    ({"wq": WQ, "wk": [[1, 0, 0]] * 4, "wv": WV}, "columns"),
    ({"wq": [[1, 0]] * 3, "wk": WK, "wv": WV}, "4 rows"),
    ({"causal": 1}, "true or false"),
    ({"row": 6}, "row must be a whole number from 0 to 5"),
    ({"row": True}, "row must be"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("self_attention_grid", config)


# The arithmetic ---------------------------------------------------------------------------

@pytest.mark.parametrize("causal", [False, True])
def test_attention_matches_one_query_at_a_time(causal):
    rng = random.Random(7)
    Xr = [[rng.uniform(-2, 2) for _ in range(3)] for _ in range(5)]
    Ws = [[[rng.uniform(-1, 1) for _ in range(2)] for _ in range(3)] for _ in range(3)]
    A, O, *_ = attention(Xr, *Ws, causal=causal)
    assert all(o == pytest.approx(b, abs=1e-12) for o, b in zip(O, brute(Xr, *Ws, causal)))
    for t, row in enumerate(A):
        assert sum(row) == pytest.approx(1.0)
        if causal:
            assert all(row[s] == 0.0 for s in range(t + 1, len(row)))


def test_raw_mode_uses_x_for_queries_keys_and_values():
    w = widgets.create("self_attention_grid")
    assert w.raw and w.wq == [[1.0 if i == j else 0.0 for j in range(4)] for i in range(4)]
    A, O, Q, K, V = w.compute()
    assert Q == K == V == [[float(v) for v in r] for r in X]
    assert A[1][1] == pytest.approx(math.exp(4) / (math.exp(4) + 5))


# Selecting, masking and reordering ------------------------------------------------------

def test_clicking_rows_and_columns_selects_them():
    w = widgets.create("self_attention_grid", dict(**PROJ))
    w.handle({"type": "drag", "handle": "row4", "x": 60, "y": w.GY + 4 * w.cell + 5})
    assert w.values()["row"] == 4
    w.handle({"type": "key", "handle": "row4", "key": "ArrowUp"})
    assert w.values()["row"] == 3
    w.handle({"type": "key", "handle": "row1", "key": "Enter"})
    assert w.values()["row"] == 1
    assert w.values()["col"] == -1
    w.handle({"type": "drag", "handle": "tok2", "x": w.GX + 2.5 * w.cell, "y": 40})
    assert w.values()["col"] == 2 and w.values()["order"] == [0, 1, 2, 3, 4, 5]     # no reorder: just selects
    assert readout(w, "bit (column 2) is looked at by").endswith("(sum 0.16)")


def test_the_mask_button_only_works_when_offered():
    w = widgets.create("self_attention_grid", dict(**PROJ))
    w.handle({"type": "input", "id": "mask", "value": None})
    assert w.values()["causal"] == 0 and w.controls() == []
    m = widgets.create("self_attention_grid", dict(mask_toggle=True, **PROJ))
    m.handle({"type": "input", "id": "mask", "value": None})
    assert m.values()["causal"] == 1
    assert m.controls()[0]["label"] == "Causal mask: on (switch off)"
    vals = m.values()
    assert all(vals[f"a{t}{s}"] == 0.0 for t in range(6) for s in range(t + 1, 6))
    greys = [s for s in m.shapes() if s["t"] == "rect" and s.get("cls") == "op"]
    assert len(greys) == 15


def test_dragging_and_arrow_keys_move_a_word():
    w = widgets.create("self_attention_grid", dict(reorder=True, **PROJ))
    w.handle({"type": "drag", "handle": "tok1", "x": w.GX + 4.5 * w.cell, "y": 40})
    assert w.values()["order"] == [0, 2, 3, 4, 1, 5]
    w.handle({"type": "key", "handle": "tok1", "key": "ArrowLeft"})
    assert w.values()["order"] == [0, 2, 3, 1, 4, 5]
    w.handle({"type": "key", "handle": "tok1", "key": "Home"})
    assert w.values()["order"] == [1, 0, 2, 3, 4, 5]
    w.handle({"type": "drag", "handle": "tok1", "x": -40, "y": 40})        # off the grid: no move
    assert w.values()["order"] == [1, 0, 2, 3, 4, 5]
    w.handle({"type": "input", "id": "reset", "value": None})
    assert w.values()["order"] == list(range(6))


def test_selection_follows_the_word_when_it_moves():
    w = widgets.create("self_attention_grid", dict(reorder=True, row=1, **PROJ))
    w.set_values({"order": [0, 4, 2, 3, 1, 5]})
    assert w.values()["row"] == 4
    assert readout(w, "dog (row 4) looks at")


def test_chips_are_drawn_in_word_order_so_focus_follows_a_moving_word():
    w = widgets.create("self_attention_grid", dict(reorder=True, **PROJ))
    before = [s["handle"] for s in w.shapes() if s.get("handle", "").startswith("tok")]
    w.set_values({"order": [5, 4, 3, 2, 1, 0]})
    after = [s["handle"] for s in w.shapes() if s.get("handle", "").startswith("tok")]
    assert before == after == [f"tok{i}" for i in range(6)]


def test_outputs_are_marked_same_or_changed_after_a_move():
    w = widgets.create("self_attention_grid", dict(reorder=True, mask_toggle=True, **PROJ))
    assert not any(s["t"] == "text" and "same" in s["s"] for s in w.shapes())
    w.set_values({"order": [0, 4, 2, 3, 1, 5]})
    marks = [s["s"] for s in w.shapes() if s["t"] == "text" and ("same" in s["s"] or "changed" in s["s"])]
    assert len(marks) == 6 and all("same" in m for m in marks)            # no mask: equivariant
    w.set_values({"causal": 1})
    marks = [s["s"] for s in w.shapes() if s["t"] == "text" and ("same" in s["s"] or "changed" in s["s"])]
    assert ["same" in m for m in marks] == [True, False, False, False, False, True]


def test_set_values_rejects_unknown_names_and_bad_orders():
    w = widgets.create("self_attention_grid")
    with pytest.raises(KeyError):
        w.set_values({"zoom": 2})
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"self_w": 1})
    with pytest.raises(ValueError):
        w.set_values({"order": [0, 0, 1, 2, 3, 4]})


# The learner's function ---------------------------------------------------------------------

def self_attention(X, Wq, Wk, Wv, causal=True):
    return attention(X, Wq, Wk, Wv, causal)[1]


def test_a_right_learner_function_is_ticked_in_both_mask_states():
    w = widgets.create("self_attention_grid", dict(mask_toggle=True, reorder=True, **PROJ))
    w.use(self_attention)
    assert readout(w, "self_attention(X, Wq, Wk, Wv, causal=False)") == "✓ matches all 6 rows"
    w.set_values({"causal": 1, "order": [3, 1, 2, 0, 5, 4]})
    assert readout(w, "self_attention(X, Wq, Wk, Wv, causal=True)") == "✓ matches all 6 rows"


def test_a_wrong_or_broken_learner_function_is_reported():
    w = widgets.create("self_attention_grid", dict(mask_toggle=True, **PROJ))
    w.set_values({"causal": 1})
    w.use(lambda X, Wq, Wk, Wv, causal=True: attention(X, Wq, Wk, Wv, False)[1])
    assert readout(w, "<lambda>").startswith("✗ row 0 (the) is [0.89, 0.08]; the picture says [0.00, 0.00]")
    w.use(lambda X, Wq, Wk, Wv, causal=True: 1 / 0)
    assert readout(w, "<lambda>").startswith("raised ZeroDivisionError")
    w.use(lambda X, Wq, Wk, Wv, causal=True: [[0, 0]])
    assert "returned 1 rows" in readout(w, "<lambda>")
    with pytest.raises(TypeError):
        w.use(3)
    w.use(None)
    assert not any(r["label"].startswith("<lambda>") for r in w.readouts())


@pytest.mark.parametrize("config", [{}, dict(PROJ), dict(PROJ, causal=True, mask_toggle=True, reorder=True),
                                    {"tokens": ["a", "b", "c", "d", "e", "f", "g", "h"],
                                     "embed": {c: [i, 1] for i, c in enumerate("abcdefgh")}}])
def test_scene_is_small_json_and_uses_known_classes(config):
    w = widgets.create("self_attention_grid", config)
    w.set_values({"col": 1})
    if w.reorder:
        w.set_values({"order": [1, 0] + list(range(2, w.T))})
    w.use(self_attention)
    scene = assert_scene_fits(w.scene(), max_shapes=200, slack=5)
    for s in scene["shapes"]:
        if "opacity" in s:
            assert 0 <= s["opacity"] <= 1
    handles = [s for s in scene["shapes"] if "handle" in s]
    assert all(s.get("label") for s in handles)


# The lesson's widgets and the numbers its prose states ---------------------------------

def test_lesson_goals_start_unmet_and_solutions_meet_them_and_near_misses_fail():
    for wid in ("raw", "mask", "shuffle"):
        w = lesson_widget("m15-l03", wid)
        assert not w.goal_met(), wid
        w.set_values(lesson_part("m15-l03", "widget", wid).data["goal"]["solution"])
        assert w.goal_met(), wid
    near = [("raw", {"row": 2}), ("raw", {"row": 4}),                               # bit 0.52, man 0.92
            ("mask", {"row": 5}), ("mask", {"causal": 1, "row": 2}),               # mask off / a changed row
            ("shuffle", {"order": [0, 4, 2, 3, 1, 5]}),                             # mask off
            ("shuffle", {"causal": 1, "order": [3, 1, 2, 0, 4, 5]}),                # the two the's: same words
            ("shuffle", {"causal": 1, "order": [0, 1, 2, 3, 5, 4]})]                # '.' no longer last
    for wid, values in near:
        w = lesson_widget("m15-l03", wid)
        w.set_values(values)
        assert not w.goal_met(), (wid, values)


def test_only_the_last_row_is_untouched_by_the_mask():
    w = lesson_widget("m15-l03", "mask")
    w.set_values({"causal": 1})
    untouched = []
    for r in range(6):
        w.set_values({"row": r})
        untouched.append(w.values()["unmasked_same"])
    assert untouched == [0, 0, 0, 0, 0, 1]


def test_numbers_stated_in_the_prose():
    raw = lesson_widget("m15-l03", "raw")
    A = raw.compute()[0]
    assert round(A[1][1], 2) == 0.92 and round(A[4][4], 2) == 0.92 and round(A[2][2], 2) == 0.52
    assert A[0] == A[3] and raw.compute()[1][0] == raw.compute()[1][3]
    assert round(A[0][0], 2) == round(A[0][3], 2) == 0.36 and round(A[5][5], 2) == 0.21
    assert round(A[0][1], 2) == 0.05 and round(A[1][0], 2) == 0.02
    assert round(sum(A[t][1] for t in range(6)), 2) == 1.18
    dot = lambda a, b: sum(x * y for x, y in zip(a, b))  # noqa: E731
    assert dot(X[1], X[1]) / 2 == 4 and dot(X[1], X[4]) / 2 == 0
    # three projections: keys, queries, the start of W_Q, bit's weights
    _, _, Q, K, _ = attention(X, WQ, WK, WV)
    assert K[1] == [2, 2] and K[4] == [2, -2] and K[0] == K[2] == K[3] == K[5] == [0, 0]
    assert Q[0] == [2, 0] and Q[1] == [0, -2] and Q[4] == [0, 2] and Q[2] == [2, 2]
    start = [[0, 0], [0, 0], [1, 0], [0, -1]]
    assert all(abs(a - 1 / 6) < 1e-12 for a in attention(X, start, WK, WV)[0][2])
    noun = attention(X, [[0, 0], [1, 0], [1, 0], [0, -1]], WK, WV)[0][2]
    assert round(noun[1], 2) == round(noun[4], 2) == 0.45
    A, O, *_ = attention(X, WQ, WK, WV)
    assert round(8 / math.sqrt(2), 2) == 5.66 and round(A[2][1], 2) == 0.98
    assert round(A[0][1], 2) == round(A[0][4], 2) == 0.45
    assert 3 * 4 * 2 == 24 and 3 * 64 * 16 == 3072
    # the mask
    Am, Om, *_ = attention(X, WQ, WK, WV, causal=True)
    assert Am[0][0] == 1.0 and round(Am[3][1], 2) == 0.85
    assert [round(v, 2) for v in Om[0]] == [0, 0] and [round(v, 2) for v in Om[3]] == [0.85, 0.95]
    # the shuffle: bit's output, dog's weight, man's weight; '.' unchanged with the mask
    swapped = [X[i] for i in (0, 4, 2, 3, 1, 5)]
    As, Os, *_ = attention(swapped, WQ, WK, WV)
    assert Os[2] == pytest.approx(O[2], abs=1e-12) and [round(v, 2) for v in O[2]] == [0.99, 0.99]
    assert round(As[2][4], 2) == 0.98 and round(As[2][1], 3) == 0.003
    assert [round(a, 2) for a in attention(swapped, WQ, WK, WV, causal=True)[0][2]] == [0.33, 0.33, 0.33, 0, 0, 0]
    assert attention(swapped, WQ, WK, WV, causal=True)[1][5] == pytest.approx(Om[5], abs=1e-12)


def test_lesson_cells_run_in_the_page_kernel_and_print_what_the_prose_says():
    kernel, printed, scenes = run_lesson("m15-l03")
    table = printed["cell-1"].splitlines()
    assert table[3].split() == ["dog", "0.0", "4.0", "0.0", "0.0", "0.0", "0.0"]
    assert "largest gap between the two ways:" in printed["cell-2"]
    gap = float(printed["cell-2"].split("largest gap between the two ways:")[1])
    assert gap < 1e-12
    assert " bit  q = [2, 2]  weights 0.00 0.98" in printed["cell-2"]
    lines = printed["cell-3"].splitlines()
    assert lines[0].split() == ["the", "[0.000,", "0.000]"] and lines[3].split() == ["the", "[0.849,", "0.950]"]
    out = printed["cell-4"]
    gap = float(out.split("largest change in any word's output:")[1].split()[0])
    assert gap < 1e-12
    assert "'.' output [0.949, 0.881] -> [0.949, 0.881]" in out
    mask = scenes["mask"]
    assert {"label": "self_attention(X, Wq, Wk, Wv, causal=False)", "value": "✓ matches all 6 rows"} in mask["readouts"]


def test_the_two_drags_the_lesson_describes_give_the_sentences_it_names():
    """m15-l03: "dragging dog onto man's place gives `the bit the man dog .`, and then dragging man
    to position 1 gives `the man bit the dog .`", and positions count from 0 in the labels."""
    cfg = {k: v for k, v in lesson_part("m15-l03", "widget", "shuffle").data.items() if k not in ("id", "title", "goal")}
    w = widgets.create("self_attention_grid", cfg)
    w.handle({"type": "drag", "handle": "tok1", "x": w.GX + 4.5 * w.cell, "y": 40})      # dog onto man's place
    assert " ".join(w.words()) == "the bit the man dog ."
    w.handle({"type": "drag", "handle": "tok4", "x": w.GX + 1.5 * w.cell, "y": 40})      # man to position 1
    assert " ".join(w.words()) == "the man bit the dog ."
    chips = {s["handle"]: s for s in w.scene()["shapes"] if s.get("handle", "").startswith("tok")}
    assert chips["tok4"]["value"] == "position 1"
    assert any(r["label"] == "bit (row 2) looks at" for r in w.readouts())
