"""The qkv_projection widget: three projections of the same X, editing W_Q by drag and by key,
selecting a token, goals, and the numbers lesson m15-l03 states about its step."""

import math
from pathlib import Path

import pytest

from lesson_kernel import lesson_part, lesson_widget
from mlmath import widgets
from mlmath.numeric import matmul
from scene_checks import assert_scene_fits, readout

EMBED = {"the": [0, 0, 2, 0], "dog": [2, 0, 0, 2], "bit": [0, 2, 0, 0], "man": [2, 0, 0, -2], ".": [0, 1, 1, 0]}
BASE = {"tokens": ["the", "dog", "bit", "the", "man", "."], "embed": EMBED,
        "features": ["noun", "verb", "article", "who"],
        "wq": [[0, 0], [0, 0], [1, 0], [0, -1]], "wk": [[1, 0], [0, 0], [0, 0], [0, 1]],
        "wv": [[0.5, 0], [0, 1], [0, 0], [0, 0.5]], "row": 2}
ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("over, words", [
    ({"wq": None, "wk": None, "wv": None}, "give wq"),
    ({"wq": [[0, 0, 0]] * 4, "wk": [[0, 0, 0]] * 4}, "1 or 2 columns"),
    ({"features": ["a", "b"]}, "features"),
    ({"edit": ["wz"]}, "edit"),
    ({"row": 9}, "row must be a whole number from 0 to 5"),
    ({"wq": [[0.3, 0], [0, 0], [1, 0], [0, -1]]}, "multiples of 0.5"),
])
def test_bad_config_is_rejected(over, words):
    config = dict(BASE, **over)
    for k in [k for k, v in over.items() if v is None]:
        del config[k]
    with pytest.raises(ValueError, match=words):
        widgets.create("qkv_projection", config)


def test_q_k_v_are_the_three_products_of_the_same_x():
    w = widgets.create("qkv_projection", BASE)
    A, O, Q, K, V = w.compute()
    X = w.X()
    assert Q == matmul(X, w.W("wq")) and K == matmul(X, w.W("wk")) and V == matmul(X, w.W("wv"))
    texts = [s["s"] for s in w.shapes() if s["t"] == "text"]
    assert "Q = X W_Q" in texts and "K = X W_K" in texts and "V = X W_V" in texts


def test_dragging_inside_a_cell_sets_its_value_by_position():
    w = widgets.create("qkv_projection", BASE)
    x0 = w.BX["wq"] + w.MW + 2
    for frac, want in ((0.0, -2.0), (0.5, 0.0), (0.75, 1.0), (1.0, 2.0), (0.8, 1.0), (1.5, 2.0)):
        w.handle({"type": "drag", "handle": "q11", "x": x0 + frac * (w.MW - 4), "y": 40})
        assert w.values()["q11"] == want, frac


def test_the_marker_sits_where_a_click_leaves_the_value_alone():
    w = widgets.create("qkv_projection", BASE)
    w.set_values({"q31": -1})
    marker = [s for s in w.shapes() if s["t"] == "line" and s.get("cls") == "accent2"][7]
    w.handle({"type": "drag", "handle": "q31", "x": marker["x1"], "y": 40})
    assert w.values()["q31"] == -1.0


def test_keys_step_by_half_and_stay_in_range():
    w = widgets.create("qkv_projection", BASE)
    for key, want in (("ArrowRight", 0.5), ("ArrowUp", 1.0), ("PageUp", 2.0), ("ArrowRight", 2.0),
                      ("ArrowLeft", 1.5), ("Home", -2.0), ("End", 2.0), ("PageDown", 1.0), ("Tab", 1.0)):
        w.handle({"type": "key", "handle": "q10", "key": key})
        assert w.values()["q10"] == want, key


def test_only_editable_matrices_take_events():
    w = widgets.create("qkv_projection", BASE)
    w.handle({"type": "drag", "handle": "k00", "x": 0, "y": 0})
    assert w.values()["k00"] == 1.0
    assert not any(s.get("handle", "").startswith("k") for s in w.shapes())
    both = widgets.create("qkv_projection", dict(BASE, edit=["wq", "wk"]))
    both.handle({"type": "key", "handle": "k00", "key": "ArrowDown"})
    assert both.values()["k00"] == 0.5


def test_selecting_tokens_by_click_and_key():
    w = widgets.create("qkv_projection", BASE)
    w.handle({"type": "drag", "handle": "tok4", "x": 20, "y": w.TY + 4 * w.TH + 3})
    assert w.values()["row"] == 4
    w.handle({"type": "key", "handle": "tok4", "key": "ArrowDown"})
    assert w.values()["row"] == 5
    w.handle({"type": "key", "handle": "tok0", "key": "Enter"})
    assert w.values()["row"] == 0


def test_editing_one_entry_moves_every_token_that_uses_it():
    w = widgets.create("qkv_projection", BASE)
    before = w.compute()[2]
    w.set_values({"q00": 1})                       # the noun row: dog and man both change
    after = w.compute()[2]
    changed = [t for t in range(6) if before[t] != after[t]]
    assert changed == [1, 4]


def test_readouts_and_reset():
    w = widgets.create("qkv_projection", BASE)
    assert readout(w, "q of bit") == "x W_Q = [0.0, 2.0, 0.0, 0.0] W_Q = [0.00, 0.00]"
    w.set_values({"q10": 1, "q11": 1})
    assert readout(w, "q of bit").endswith("[2.00, 2.00]")
    assert "dog 5.66" in readout(w, "scores q·k/√2")
    assert readout(w, "output of bit") == "[0.99, 0.99]"
    assert w.controls()[0]["disabled"] is False
    w.handle({"type": "input", "id": "reset", "value": None})
    assert w.values()["q10"] == 0 and w.controls()[0]["disabled"] is True


def test_set_values_rejects_unknown_names_and_snaps():
    w = widgets.create("qkv_projection", BASE)
    for bad in ("zz", "q99", "x00"):
        with pytest.raises(KeyError):
            w.set_values({bad: 1})
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"k00": 0.5})
    w.set_values({"q00": 0.74, "q01": -7})
    assert w.values()["q00"] == 0.5 and w.values()["q01"] == -2.0


def test_scene_is_small_json_and_uses_known_classes():
    w = widgets.create("qkv_projection", dict(BASE, edit=["wq", "wk", "wv"]))
    scene = assert_scene_fits(w.scene(), max_shapes=260, slack=2)
    handles = [s for s in scene["shapes"] if "handle" in s]
    assert len(handles) == 6 + 24 and all(s["label"] for s in handles)


def test_lesson_goal_starts_unmet_solution_meets_it_and_near_misses_fail():
    part = lesson_part("m15-l03", "widget", "proj")
    w = lesson_widget("m15-l03", "proj")
    assert not w.goal_met()
    assert all(abs(w.values()[f"a2{s}"] - 1 / 6) < 1e-12 for s in range(6))      # bit asks for nothing
    w.set_values(part.data["goal"]["solution"])
    assert w.goal_met()
    for values in ({"q10": 1, "q11": 0}, {"q10": 0, "q11": 0.5}, {"q10": 1, "q11": -1}, {"q00": 2, "q01": 2}):
        probe = widgets.create("qkv_projection", part.data)
        probe.set_values(values)
        assert not probe.goal_met(), values


def test_numbers_stated_in_the_prose():
    w = lesson_widget("m15-l03", "proj")
    w.set_values({"q10": 1, "q11": 0})
    v = w.values()
    assert round(v["a21"], 2) == round(v["a24"], 2) == 0.45
    w.set_values({"q10": 1, "q11": 1})
    A, O, Q, K, V = w.compute()
    assert Q[2] == [2, 2] and round(sum(a * b for a, b in zip(Q[2], K[1])) / math.sqrt(2), 2) == 5.66
    assert round(A[2][1], 2) == 0.98
    assert sum(a * b for a, b in zip(Q[1], K[2])) == 0                     # dog looks back at bit with 0
    assert sum(len(m) * len(m[0]) for m in map(w.W, ("wq", "wk", "wv"))) == 24


def test_the_capstone_head_count_matches_the_capstone_config():
    """m15-l03's Going deeper: one head's W_Q, W_K and W_V hold 3 x 64 x 16 = 3,072 numbers."""
    from mlmath.gpt.model import Config
    cfg = Config()
    d, d_k = cfg.n_embd, cfg.n_embd // cfg.n_head
    assert (d, d_k) == (64, 16)
    assert 3 * d * d_k == 3072
    assert "3 \\times 64 \\times 16 = 3{,}072" in (ROOT / "site/lessons/m15-l03.md").read_text()


def test_column_names_are_drawn_in_full():
    """A column name wider than its column ('article') is not cut; every other name is raised a line instead."""
    w = widgets.create("qkv_projection", dict(lesson_part("m15-l03", "widget", "proj").data))
    texts = [s for s in w.scene()["shapes"] if s["t"] == "text"]
    heads = {s["s"]: s for s in texts if s["s"] in ("noun", "verb", "article", "who") and s["y"] > w.WY + 4 * w.WH}
    assert set(heads) == {"noun", "verb", "article", "who"}
    assert heads["verb"]["y"] < heads["noun"]["y"] and heads["who"]["y"] < heads["article"]["y"]
    assert not any(s["s"] == "artic" for s in texts)
