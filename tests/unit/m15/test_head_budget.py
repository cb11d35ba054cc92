"""The head_budget widget: parameter and multiplication counts for one attention layer as d is cut
into heads, the head-width handle and T slider, goals, and every number lesson m15-l05 prints or
states about the budget and the capstone."""

from pathlib import Path

import pytest

from lesson_kernel import lesson_part, lesson_widget, run_lesson
from mlmath import widgets
from mlmath.gpt.model import Config, param_table
from mlmath.m15.head_budget import budget, widths
from scene_checks import assert_scene_fits



def brute_force(d, H, T):
    """Count by building the products' index ranges and counting every multiplication."""
    d_k = d // H
    params = H * (3 * d * d_k) + d * d
    qk = sum(1 for h in range(H) for t in range(T) for s in range(T) for i in range(d_k))
    return params, 4 * T * d * d, qk, qk, H * T * T


@pytest.mark.parametrize("config, words", [
    ({"d": 48}, "d must"),
    ({"d_k": 3}, "d_k"),
    ({"d": 64, "d_k": 2}, "d_k"),          # 32 heads: more than 16
    ({"T": 12}, "T must"),
    ({"T": 72}, "T must"),
])
def test_bad_config_is_rejected_with_a_reason(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("head_budget", config)


@pytest.mark.parametrize("d, H, T", [(64, 1, 8), (64, 4, 16), (32, 8, 8), (16, 16, 8), (128, 2, 8)])
def test_budget_matches_a_brute_force_count(d, H, T):
    assert budget(d, d // H, T) == brute_force(d, H, T)


@pytest.mark.parametrize("d", [16, 32, 64, 128])
def test_params_and_mults_do_not_depend_on_the_cut_but_scores_do(d):
    T = 24
    counts = {d // k: budget(d, k, T) for k in widths(d)}
    assert len({c[:4] for c in counts.values()}) == 1
    assert counts[1][0] == 4 * d * d
    for H, c in counts.items():
        assert c[2] == T * T * d and c[4] == H * T * T


def test_handle_drags_snap_to_allowed_widths_and_keys_step():
    w = widgets.create("head_budget", dict(d=64, d_k=64, T=16))
    assert widths(64) == [4, 8, 16, 32, 64]
    w.handle({"type": "drag", "handle": "edge", "x": w.x_of(17), "y": 80})
    assert w.d_k == 16 and w.H == 4
    w.handle({"type": "key", "handle": "edge", "key": "ArrowLeft"})
    assert w.d_k == 8
    w.handle({"type": "key", "handle": "edge", "key": "Home"})
    w.handle({"type": "key", "handle": "edge", "key": "ArrowLeft"})
    assert w.d_k == 4 and w.H == 16
    w.handle({"type": "key", "handle": "edge", "key": "End"})
    assert w.d_k == 64
    w.handle({"type": "drag", "handle": "elsewhere", "x": w.x_of(8), "y": 80})
    assert w.d_k == 64


def test_slider_sets_T_in_steps_of_8():
    w = widgets.create("head_budget")
    w.handle({"type": "input", "id": "T", "value": 45})
    assert w.T == 48
    w.handle({"type": "input", "id": "T", "value": 500})
    assert w.T == 64
    w.handle({"type": "input", "id": "T", "value": "x"})
    assert w.T == 64


def test_set_values_by_width_and_heads_agree():
    w = widgets.create("head_budget")
    w.set_values({"d_k": 16, "H": 4, "T": 64})
    assert (w.d_k, w.T) == (16, 64)
    w.set_values({"d_k": 32})
    assert w.H == 2
    with pytest.raises(ValueError):
        w.set_values({"d_k": 5})
    with pytest.raises(ValueError):
        w.set_values({"d_k": 3})          # not a width, though it is a position on the knob
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"H": 4})
    with pytest.raises(KeyError):
        w.set_values({"heads": 2})


def test_handle_is_first_so_keyboard_focus_survives_a_redraw():
    w = widgets.create("head_budget", dict(d_k=64))
    for k in widths(64):
        w.set_values({"d_k": k})
        handles = [i for i, s in enumerate(w.shapes()) if "handle" in s]
        assert handles == [1]


@pytest.mark.parametrize("d_k", [64, 16, 4])
def test_scene_is_json_inside_the_box_with_one_block_per_head(d_k):
    w = widgets.create("head_budget", dict(d=64, d_k=d_k, T=64))
    scene = assert_scene_fits(w.scene(), max_shapes=200)
    blocks = [s for s in scene["shapes"] if s["t"] == "rect"]
    assert len(blocks) == 64 // d_k * (1 + 4 + 1)    # H heads: the bar, four matrices, the score squares


def test_readouts_and_table_at_the_capstone_layout():
    w = widgets.create("head_budget", dict(d=64, d_k=16, T=64))
    got = {r["label"]: r["value"] for r in w.readouts()}
    assert got["parameters W_Q, W_K, W_V, W_O"] == "16,384 (one head of 64: 16,384)"
    assert got["mults: scores QKᵀ, all heads"] == "262,144 (one head of 64: 262,144)"
    assert got["mults in all"] == "1,572,864 (one head of 64: 1,572,864)"
    assert got["score entries to softmax"] == "16,384 (one head of 64: 4,096)"
    texts = [s["s"] for s in w.shapes() if s["t"] == "text"]
    assert "4 × 3 × 64 × 16 + 64 × 64" in texts and "4 × 64² × 16" in texts


def test_lesson_goal_starts_unmet_and_its_solution_meets_it():
    part = lesson_part("m15-l05", "widget", "budget")
    w = lesson_widget("m15-l05", "budget")
    assert not w.goal_met()
    w.set_values(part.data["goal"]["solution"])
    assert w.goal_met()
    for near in ({"d_k": 16, "T": 56}, {"d_k": 32, "T": 64}):
        w.set_values(near)
        assert not w.goal_met()


def test_the_lessons_cells_print_the_numbers_the_prose_states():
    _, printed, _ = run_lesson("m15-l05")
    mha = next(v for k, v in printed.items() if "n_head = 1: output shape" in v)
    assert "head 0, row 5 ('a'), weights on keys 0..5: 0.00 0.00 0.00 0.45 0.10 0.45" in mha
    assert "head 0, row 5 ('a'), weights on keys 0..5: 0.00 0.00 0.00 0.05 0.91 0.05" in mha
    assert "head 1, row 5 ('a'), weights on keys 0..5: 0.00 0.33 0.00 0.33 0.00 0.33" in mha
    assert "read as a character: b a n a n a" in mha and "read as a character: b b a n a n" in mha
    assert mha.count("output shape (6, 4)") == 2

    table = next(v for v in printed.values() if "multiplications" in v and "FLOPs" in v)
    rows = [line.split() for line in table.splitlines()[1:6]]
    assert [r[0] for r in rows] == ["1", "2", "4", "8", "16"]
    assert {r[2] for r in rows} == {"16,384"} and {r[3] for r in rows} == {"1,572,864"}
    assert rows[0][4] == "3,121,152" and rows[2][4] == "3,108,864"
    assert rows[0][5] == "4,096" and rows[2][5] == "16,384"
    assert "-12,288 FLOPs in the products, about 73,728 for the extra scores, 2.0% of the layer" in table

    capstone = next(v for v in printed.values() if "n_embd" in v)
    assert "n_embd = 64, n_head = 4, head width = 16" in capstone
    assert "weights 16,384 = 4 × 64², biases 256, total 16,640" in capstone


def test_prose_arithmetic():
    T, d = 64, 64
    # one head adds 63 times per query-key pair; four heads 4 x 15 = 60: 3 fewer per pair
    assert (d - 1) - 4 * (d // 4 - 1) == 3 and 3 * T * T == 12288
    assert 12288 * 6 == 73728
    assert round(100 * (73728 - 12288) / 3121152) == 2
    assert 4 * T * T * 16 == 262144                      # the widget's QKᵀ readout at 4 heads
    cfg = Config()
    assert (cfg.n_embd, cfg.n_head, cfg.n_layer, cfg.block_size) == (64, 4, 4, 64)
    attn = {p.name.split(".")[-2] + "." + p.name.split(".")[-1]: p.shape
            for p in param_table(cfg) if p.name.startswith("transformer.h.0.attn.")}
    assert attn["c_attn.weight"] == (192, 64) and attn["c_proj.weight"] == (64, 64)
    assert all(4 not in shape for shape in attn.values())   # "no shape in the table mentions the heads"


def test_the_capstone_shader_splits_heads_by_index_as_the_callout_says():
    shader = (Path(__file__).resolve().parents[3] / "wgsl" / "attention.wgsl").read_text()
    assert "one workgroup per (sequence, head)" in shader
    assert "head h owning channels [h*hs, (h+1)*hs)" in shader
    assert "let hs = u.C / u.H;" in shader
