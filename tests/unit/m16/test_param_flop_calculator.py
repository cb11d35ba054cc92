"""The param_flop_calculator widget: parameters by place (checked against the capstone engine's own
parameter table), a token's forward FLOPs by place (checked against a direct count of every matrix
product), the 6N comparison, its sliders and goals, and the numbers lesson m16-l05 states."""

from pathlib import Path

import pytest

from lesson_kernel import lesson_widget, run_lesson
from scene_checks import assert_scene_fits
from mlmath import widgets
from mlmath.m18.recipe import SIZES
from mlmath.gpt.model import Config, n_params, param_table
from mlmath.m16.param_flop_calculator import HEADS, RANGES, flop_parts, param_parts

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m16-l05.md"
ALL_ROWS = ["block", "params", "flops", "train"]


NAME = "param_flop_calculator"


def engine_parts(cfg):
    parts = {"embeddings": 0, "attention": 0, "MLP": 0, "LayerNorm": 0}
    for p in param_table(cfg):
        key = ("embeddings" if p.name.endswith(("wte.weight", "wpe.weight")) else "attention" if ".attn." in p.name
               else "MLP" if ".mlp." in p.name else "LayerNorm")
        parts[key] += p.size
    return parts


def counted_flops(N, C, H, T, V):
    """Every matrix product of one token's forward pass, FLOP by FLOP: a length-n dot product is
    n multiplications and n - 1 additions, a bias is one more addition per output."""
    def linear(n_in, n_out, bias=True):
        return n_out * (n_in + (n_in - 1)) + (n_out if bias else 0)
    d = C // H
    block = {"attention": linear(C, 3 * C) + linear(C, C), "MLP": linear(C, 4 * C) + linear(4 * C, C),
             "scores": H * (T * (2 * d - 1) + d * (2 * T - 1))}
    out = {k: N * v for k, v in block.items()}
    out["unembed"] = linear(C, V, bias=False)
    return out


def test_rejects_bad_options():
    for bad in ({"C": 12}, {"C": 8}, {"N": 0}, {"N": 49}, {"T": 4}, {"V": 1}, {"H": 3}, {"H": True},
                {"C": 64.0}, {"rows": ["params", "loss"]}, {"rows": []}, {"rows": "params"},
                {"rows": ["params", "params"]}):
        with pytest.raises(ValueError):
            widgets.create(NAME, bad)


@pytest.mark.parametrize("N,C,H,T,V", [(4, 64, 4, 64, 65), (2, 32, 4, 32, 65), (1, 16, 1, 8, 2),
                                       (12, 768, 12, 1024, 50257), (48, 1024, 16, 2048, 50304)])
def test_parameters_are_the_engines(N, C, H, T, V):
    cfg = Config(vocab_size=V, block_size=T, n_layer=N, n_head=H, n_embd=C)
    parts = param_parts(N, C, T, V)
    assert parts == engine_parts(cfg)
    assert sum(parts.values()) == n_params(cfg)


@pytest.mark.parametrize("N,C,H,T,V", [(4, 64, 4, 64, 65), (4, 64, 1, 64, 65), (4, 64, 16, 512, 65),
                                       (1, 16, 2, 8, 2), (12, 768, 12, 1024, 50257)])
def test_flops_are_the_products_counted_one_by_one(N, C, H, T, V):
    assert flop_parts(N, C, H, T, V) == counted_flops(N, C, H, T, V)
    # two FLOPs per weight of the block matrices
    f = flop_parts(N, C, H, T, V)
    assert f["attention"] + f["MLP"] == 2 * N * 12 * C * C


def test_sliders_snap_clamp_and_ignore_junk():
    w = widgets.create(NAME, dict(rows=ALL_ROWS))
    w.handle({"type": "input", "id": "C", "value": 70})      # snaps to a multiple of 16
    w.handle({"type": "input", "id": "N", "value": 99})      # clamps
    w.handle({"type": "input", "id": "T", "value": "130"})   # the page may send strings
    w.handle({"type": "input", "id": "V", "value": "x"})     # ignored
    w.handle({"type": "input", "id": "H", "value": 4})       # the exponent: 2^4 heads
    w.handle({"type": "drag", "handle": "C", "x": 0, "y": 0})  # no handles: ignored
    v = w.values()
    assert (v["N"], v["C"], v["T"], v["V"], v["H"]) == (48, 64, 128, 65, 16)
    w.handle({"type": "input", "id": "H", "value": -3})
    assert w.values()["H"] == 1
    controls = {c["id"]: c for c in w.controls()}
    assert set(controls) == {"N", "C", "H", "T", "V"}
    assert controls["H"]["value"] == 0 and controls["H"]["display"] == "1" and controls["H"]["max"] == len(HEADS) - 1
    for key, (lo, hi, step) in RANGES.items():
        assert (controls[key]["min"], controls[key]["max"], controls[key]["step"]) == (lo, hi, step)
        assert all(c["label"] for c in controls.values())


def test_values_and_readouts_at_the_capstone():
    w = widgets.create(NAME, dict(rows=ALL_ROWS))
    v = w.values()
    assert v["params"] == 208320 and (v["emb_params"], v["attn_params"], v["mlp_params"], v["ln_params"]) == (
        8256, 66560, 132352, 1152)
    assert v["flops"] == 465727 and (v["attn_flops"], v["score_flops"], v["mlp_flops"], v["unembed_flops"]) == (
        131072, 64256, 262144, 8255)
    assert v["train_flops"] == 3 * 465727 and v["six_n"] == 6 * 208320
    assert abs(v["rule_error"] - 100 * (1397181 - 1249920) / 1397181) < 1e-3
    text = {r["label"]: r["value"] for r in w.readouts()}
    assert text["parameters"].startswith("208,320 in all; MLP 63.5%, attention 32.0%, embeddings 4.0%")
    assert text["forward FLOPs per token"].startswith("465,727; MLP 56.3%")
    assert "6N is off by 10.5%" in text["training FLOPs per token"] or "off by 10.5%" in text["training FLOPs per token"]
    strings = [s["s"] for s in w.shapes() if s["t"] == "text"]
    assert "parameters: 208,320" in strings and "forward FLOPs per token: 465,727" in strings
    assert "6N is 10.5% below the count" in strings and "1,397,181" in strings and "1,249,920" in strings
    assert "3C² = 12,288" in strings and "MLP: 8C² = 32,768" in strings and "attention: 4C² = 16,384" in strings


def test_rows_choose_what_is_drawn_and_said():
    w = widgets.create(NAME, dict(rows=["block", "params"]))
    assert w.readouts()[0]["value"].startswith("N = 4 blocks,")
    w.set_values({"N": 1})
    assert w.readouts()[0]["value"].startswith("N = 1 block,")
    labels = [r["label"] for r in w.readouts()]
    assert labels == ["model", "parameters"]          # no FLOPs before the lesson counts them
    strings = " ".join(s["s"] for s in w.shapes() if s["t"] == "text")
    assert "FLOP" not in strings
    assert widgets.create(NAME, dict(rows=["train"])).height < widgets.create(NAME, dict(rows=ALL_ROWS)).height


def test_the_largest_and_smallest_models_fit():
    for dims in ({}, {"N": 48, "C": 1024, "T": 2048, "V": 50304, "H": 16}, {"N": 1, "C": 16, "T": 8, "V": 2, "H": 1}):
        scene = assert_scene_fits(widgets.create(NAME, dict(rows=ALL_ROWS, **dims)).scene(), max_shapes=149)
        for s in scene["shapes"]:
            if s["t"] == "rect":
                assert s["x"] + s["w"] <= scene["w"] and s["y"] + s["h"] <= scene["h"]


def test_goals_are_the_lessons():
    w = lesson_widget("m16-l05", "where-params")
    assert not w.goal_met() and w.values()["mlp_share"] < 66
    w.set_values({"N": 12, "C": 768})
    assert w.goal_met()
    w.set_values({"V": 50257, "T": 1024})     # GPT-2 small's vocabulary dilutes the MLP again
    assert not w.goal_met()
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"params": 1})

    w = lesson_widget("m16-l05", "where-flops")
    assert not w.goal_met()
    w.set_values({"T": 256})                 # T = 4C: just short, the -H T and -C terms tip it
    assert not w.goal_met()
    w.set_values({"T": 264})
    assert w.goal_met()

    w = lesson_widget("m16-l05", "six-n")
    assert not w.goal_met()
    w.set_values({"C": 512})
    assert w.goal_met()
    w.set_values({"T": 2048})                # long context: the scores break the rule again
    assert not w.goal_met()


def test_numbers_the_lesson_states():
    text = LESSON.read_text()
    P = param_parts(4, 64, 64, 65)
    total = sum(P.values())
    cfg = Config()
    assert total == n_params(cfg) == 208320 and "208,320" in text
    share = {k: round(100 * n / total, 1) for k, n in P.items()}
    assert (share["MLP"], share["attention"], share["embeddings"]) == (63.5, 32.0, 4.0)
    assert "MLPs hold 63.5%, attention 32.0%, and the embedding tables 4.0%" in text
    # the MLP's share never reaches 2/3 anywhere on the sliders; its best is just over 66%
    best = max(100 * param_parts(N, C, 8, 2)["MLP"] / sum(param_parts(N, C, 8, 2).values())
               for N in (1, 48) for C in range(16, 1025, 16))
    assert 66 < best < 200 / 3 and "stops short of $66.7\\%$" in text
    assert all(8 * C * C + 5 * C < 2 * (12 * C * C + 13 * C) / 3 for C in range(1, 2000))
    # GPT-2 small
    g = param_parts(12, 768, 1024, 50257)
    gt = sum(g.values())
    assert gt == n_params(Config(vocab_size=50257, block_size=1024, n_layer=12, n_head=12, n_embd=768))
    assert round(100 * g["embeddings"] / gt, 1) == 31.6 and "embedding tables 31.6% of the model" in text
    assert round(100 * g["MLP"] / gt, 1) == 45.5 and "MLPs hold 45.5%" in text
    assert g["MLP"] == max(g.values())
    # the linear layer's FLOPs
    for n_in, n_out in ((3, 5), (64, 256)):
        assert n_out * (2 * n_in - 1) + n_out == 2 * n_in * n_out
    # the capstone's forward FLOPs
    F = flop_parts(4, 64, 4, 64, 65)
    Ft = sum(F.values())
    assert Ft == 465727 and "costs 465,727 FLOPs" in text
    assert round(100 * F["MLP"] / Ft, 1) == 56.3 and "56.3% of them are in the MLPs" in text
    assert f"{Ft / total:.2f}" == "2.24" and "about $2.24$ FLOPs per parameter" in text
    # heads
    assert sum(flop_parts(4, 64, 1, 64, 65).values()) - sum(flop_parts(4, 64, 16, 64, 65).values()) == 3840
    assert "16 heads instead of 1 save 3,840 forward FLOPs per token" in text
    # scores overtake the MLP near T = 4C
    assert "while $T < 4C$" in text
    g2 = flop_parts(12, 768, 12, 1024, 50257)
    assert 1024 < 4 * 768 and g2["MLP"] == max(g2.values()) and F["MLP"] == max(F.values())
    assert "For the short contexts of the capstone and GPT-2 small, the MLP stays the biggest single part" in text
    # 6N at the capstone
    assert f"{100 * (3 * Ft - 6 * total) / (3 * Ft):.1f}" == "10.5" and "6N is 10.5% low" in text
    # the recipe: batch 32 of 64-character windows, 3000 steps
    rcfg, batch, steps = SIZES["full"]
    assert rcfg == cfg and batch == 32 and steps == 3000 and rcfg.block_size == 64
    assert "batches of 32 windows, each 64 characters long" in text and "3,000 steps" in text
    D = batch * rcfg.block_size
    assert D == 2048 and "2{,}048" in text
    assert round(6 * total * D / 1e9, 2) == 2.56 and "answer = 2.56" in text
    assert round(3 * Ft * D / 1e9, 2) == 2.86 and "2.86 GFLOP by the full count" in text
    assert round(3 * Ft * D / 1e9, 1) == 2.9 and "about 2.9 GFLOP per step" in text
    assert round(6 * total * D * steps / 1e12, 2) == 7.68 and "is about 7.68 TFLOP" in text


def test_what_the_lesson_cells_print():
    _, printed, _ = run_lesson("m16-l05")
    out = printed["cell-1"]
    assert "capstone: 208,320 parameters (the engine counts 208,320)" in out
    assert "mlp             132,352   63.5%" in out and "embeddings   39,383,808   31.6%" in out
    assert "mlp          56,669,184   45.5%" in out
    out = printed["cell-2"]
    assert "mlp          262,144   56.3%" in out
    assert out.rstrip().endswith("forward, per token: 465,727 FLOPs for 208,320 parameters, 2.24 per parameter")
    lines = printed["cell-3"].splitlines()
    assert lines[0] == "forward:  32,768 FLOPs  (2 x 64 x 256 = 32,768)"
    assert lines[1] == "backward: 65,728 FLOPs  (2.006 x forward)"
    assert "costs $2.006$ times the forward" in LESSON.read_text()
    assert 65728 == 64 * (2 * 256 - 1) + 2 * 64 * 256 + 256
    out = printed["cell-4"]
    assert "tokens per step: 2,048" in out and "one step, 6N rule:       2.56 GFLOP" in out
    assert "one step, 3 x forward:   2.86 GFLOP" in out and "3,000 steps, 6N rule:   7.68 TFLOP" in out
