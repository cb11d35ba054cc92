"""What module 13's lessons say about the capstone (mlmath.gpt), checked against its code:
init std 0.02 and 0.02/sqrt(2L) on the residual projections (l03, l05), width 64 (l03, l04),
two LayerNorms per block plus ln_f (l04), warmup 100 to a peak of 1e-3 and global-norm
clipping at 1.0 (l05), weight decay 0.1 (l02), and no dropout anywhere (l02)."""

import math
from pathlib import Path

from mlmath.gpt import engine, train
from mlmath.gpt.model import Config, param_table


def test_init_scales_and_width():
    cfg = Config()
    table = {p.name: p for p in param_table(cfg)}
    assert cfg.n_embd == 64 and 1 / math.sqrt(cfg.n_embd) == 0.125
    assert table["transformer.h.0.attn.c_attn.weight"].init == 0.02
    for name in ("attn.c_proj.weight", "mlp.c_proj.weight"):
        assert math.isclose(table[f"transformer.h.0.{name}"].init, 0.02 / math.sqrt(2 * cfg.n_layer))


def test_layer_norms_per_block_and_at_the_end():
    cfg = Config()
    names = {p.name for p in param_table(cfg)}
    for i in range(cfg.n_layer):
        assert {f"transformer.h.{i}.ln_1.weight", f"transformer.h.{i}.ln_2.weight"} <= names
    assert "transformer.ln_f.weight" in names


def test_schedule_clipping_and_decay():
    assert (train.LR, train.WARMUP) == (1e-3, 100)
    assert train.lr_at(100, 3000) == 1e-3 and train.lr_at(0, 3000) == 1e-3 / 101
    assert engine.MAX_NORM == 1.0 and engine.WEIGHT_DECAY == 0.1


def test_the_capstone_has_no_dropout():
    package = Path(engine.__file__).parent
    assert not any("dropout" in f.read_text().lower() for f in package.rglob("*.py"))
