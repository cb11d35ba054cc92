"""The gpt_forward_pipeline widget: shapes and parameter counts at every stage of GPT's forward
pass (checked against the capstone engine's own parameter table), its sliders, stage selection,
tie button and goal, and the numbers lesson m16-l04 states."""

import math
from pathlib import Path

import pytest

from lesson_kernel import lesson_widget, run_lesson
from mlmath import widgets
from mlmath.m18.recipe import SIZES
from mlmath.gpt.model import Config, n_params
from mlmath.m16.gpt_forward_pipeline import STAGES, block_params, total_params

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m16-l04.md"


NAME = "gpt_forward_pipeline"


def test_rejects_bad_options():
    for bad in ({"C": 12}, {"C": 0}, {"N": 13}, {"V": 1}, {"B": 1.5}, {"T": True}, {"tied": 1}, {"selected": "lm_head"}):
        with pytest.raises(ValueError):
            widgets.create(NAME, bad)


@pytest.mark.parametrize("V,T,C,N", [(65, 64, 64, 4), (65, 32, 32, 2), (2, 1, 8, 1), (256, 256, 256, 12),
                                     (50257, 1024, 768, 12)])
def test_parameter_count_is_the_engines(V, T, C, N):
    cfg = Config(vocab_size=V, block_size=T, n_layer=N, n_head=1, n_embd=C)
    assert total_params(T, C, N, V) == n_params(cfg)
    assert total_params(T, C, N, V, tied=False) == n_params(cfg) + V * C
    if C <= 256 and V <= 256 and T <= 256:
        w = widgets.create(NAME, dict(B=3, T=T, C=C, N=N, V=V))
        assert w.values()["params"] == n_params(cfg)


def test_sliders_button_clicks_and_keys():
    w = widgets.create(NAME)
    w.handle({"type": "input", "id": "C", "value": 61})      # snaps to a multiple of 8
    w.handle({"type": "input", "id": "N", "value": 99})      # clamps
    w.handle({"type": "input", "id": "B", "value": "32"})
    w.handle({"type": "input", "id": "T", "value": "x"})     # ignored
    v = w.values()
    assert (v["C"], v["N"], v["B"], v["T"]) == (64, 12, 32, 8)
    assert v["x_floats"] == 32 * 8 * 64 and v["logits_floats"] == 32 * 8 * 65
    w.handle({"type": "input", "id": "tied", "value": None})
    assert w.values()["tied"] == 0 and w.values()["params"] == total_params(8, 64, 12, 65) + 65 * 64
    assert any(c.get("label") == "tie it to wte again" for c in w.controls())
    w.handle({"type": "input", "id": "tied", "value": None})
    assert w.values()["tied"] == 1
    w.handle({"type": "drag", "handle": "stage:ln_f", "x": 0, "y": 0})
    assert w.selected == STAGES.index("ln_f")
    w.handle({"type": "key", "handle": "stage:ln_f", "key": "ArrowDown"})
    assert STAGES[w.selected] == "unembed"
    w.handle({"type": "key", "handle": "stage:unembed", "key": "ArrowDown"})
    assert STAGES[w.selected] == "unembed"
    w.handle({"type": "key", "handle": "stage:unembed", "key": "Home"})
    assert w.selected == 0
    w.handle({"type": "key", "handle": "stage:blocks", "key": "Enter"})
    assert STAGES[w.selected] == "blocks"
    w.handle({"type": "drag", "handle": "stage:nowhere", "x": 0, "y": 0})
    w.handle({"type": "drag", "handle": "other", "x": 0, "y": 0})
    assert STAGES[w.selected] == "blocks"


def test_readouts_at_the_capstone():
    w = widgets.create(NAME, dict(B=32, T=64, C=64, N=4, V=65, selected="blocks"))
    text = {r["label"].split(":")[0]: r["value"] for r in w.readouts()}
    assert text["output shape"] == "(B, T, C) = (32, 64, 64)"
    assert text["its parameters"].endswith("= 199,936") and "4 × 49,984" in text["its parameters"]
    assert text["total parameters"] == "208,320"
    w.set_values({"selected": STAGES.index("unembed")})
    text = {r["label"].split(":")[0]: r["value"] for r in w.readouts()}
    assert text["output shape"] == "(B, T, V) = (32, 64, 65)" and text["its parameters"] == "reuses wte = 0"
    shapes = w.shapes()
    strings = [s["s"] for s in shapes if s["t"] == "text"]
    assert "total 208,320" in strings and "0 (tied)" in strings and "(32, 64, 65)" in strings
    assert "logits: 65 scores per position, 133,120 numbers" in strings


def test_every_stage_is_a_labelled_handle_and_twelve_blocks_fit():
    for n in (1, 4, 12):
        shapes = widgets.create(NAME, dict(N=n, C=256, V=2)).shapes()
        handles = [s for s in shapes if s.get("handle")]
        assert [h["handle"] for h in handles] == [f"stage:{s}" for s in STAGES]
        assert all(h["label"].startswith("stage ") for h in handles)


def test_goal_is_the_lesson_goal():
    w = lesson_widget("m16-l04", "pipe")
    assert not w.goal_met()
    w.set_values({"N": 4, "C": 64, "T": 64})
    assert w.goal_met()                     # V starts at 65
    w.set_values({"T": 32})
    assert not w.goal_met()
    w.set_values({"T": 64, "B": 32})
    assert w.goal_met() and w.values()["params"] == 208320
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"params": 1})


def test_numbers_the_lesson_states():
    text = LESSON.read_text()
    cfg, batch, _ = SIZES["full"]
    assert (cfg.n_layer, cfg.n_head, cfg.n_embd, cfg.block_size, cfg.vocab_size) == (4, 4, 64, 64, 65)
    assert "$N = 4$ blocks, 4 heads, width $C = 64$, a context of $T = 64$ and $V = 65$" in text
    # the batch and the logits quiz
    assert batch == 32 and "batches of $B = 32$" in text
    assert batch * 64 * 65 == 133120 and "answer = 133120" in text
    # doubling N
    assert block_params(64) == 49984 and 4 * block_params(64) == 199936
    assert total_params(64, 64, 8, 65) - total_params(64, 64, 4, 65) == 199936
    assert 2 * n_params(cfg) == 416640 and "$416{,}640$" in text
    assert 65 * 64 + 64 * 64 == 8256 and "$V \\\\cdot C + T \\\\cdot C = 8{,}256$" in text  # a TOML string: backslashes doubled
    # the block formula, term by term
    C = 7
    assert 2 * C + 3 * C * C + 3 * C + C * C + C + 2 * C + 4 * C * C + 4 * C + 4 * C * C + C == 12 * C * C + 13 * C
    # the capstone's total, the untied total, GPT-2 small
    assert n_params(cfg) == 208320 and "## Going deeper: the capstone's 208,320" in text
    assert round(n_params(cfg), -3) == 208000 and math.ceil(n_params(cfg) / 1000) == 209  # "~209k", rounded up
    assert 65 * 64 == 4160 and "$65 \\times 64 = 4{,}160$" in text
    assert round(100 * 4160 / n_params(cfg)) == 2 and "a 2% saving here" in text
    gpt2 = n_params(Config(vocab_size=50257, block_size=1024, n_layer=12, n_head=12, n_embd=768))
    assert gpt2 == 124439808 and "about 124 million" in text
    assert 50257 * 768 == 38597376 and "over 38 million" in text
    assert 0.30 < 50257 * 768 / gpt2 < 1 / 3 and "almost a third" in text
    # one block's cost at the capstone's width
    assert block_params(64) == 49984 and "$49{,}984$ at $C = 64$" in text


def test_what_the_lesson_cells_print():
    _, printed, _ = run_lesson("m16-l04")
    text = LESSON.read_text()
    assert printed["cell-2"].splitlines()[-1] == "after block 1 (2, 4, 8)"
    lines = printed["cell-3"].splitlines()
    assert lines[0] == "ids (1, 16) -> logits (1, 16, 65)"
    loss = float(lines[1].split(":")[1].split()[0])
    assert abs(loss - math.log(65)) < 0.02 and f"{math.log(65):.2f}" == "4.17" and "\\ln 65 \\approx 4.17" in text
    before, after = (float(w) for w in lines[2].replace(",", "").split() if w[0].isdigit())
    assert round(before, 2) == 0.02 and "RMS of about $0.02$" in text
    assert abs(after - 1) < 0.02 and "RMS of about 1" in text
    out = printed["cell-4"]
    assert "4 blocks             199,936" in out and "total                208,320" in out
    assert "the formula: 208,320" in out and "untied, it would be 212,480" in out
    assert out.rstrip().endswith("124,439,808")
