"""Parameter table, flat layout and initialisation, as nanoGPT has them."""

import math

from mlmath.gpt.model import ALIGN, Config, init_params, layout, n_params, param_table


def test_parameter_count():
    # wte 65·64 + wpe 64·64 + 4 blocks · 49,984 + ln_f 128 (lm_head is tied to wte)
    assert n_params(Config()) == 208_320
    assert 65 * 64 + 64 * 64 + 4 * 49_984 + 128 == 208_320


def test_state_dict_names_and_shapes():
    table = {p.name: p.shape for p in param_table(Config())}
    assert table["transformer.wte.weight"] == (65, 64)
    assert table["transformer.h.0.attn.c_attn.weight"] == (192, 64)
    assert table["transformer.h.3.mlp.c_proj.weight"] == (64, 256)
    assert "lm_head.weight" not in table and len(table) == 2 + 12 * 4 + 2


def test_layout_aligned_and_decayed_prefix():
    cfg = Config(n_layer=2, n_embd=40, n_head=4, block_size=10, vocab_size=11)
    table = param_table(cfg)
    n, n_decay = layout(cfg)
    spans = sorted((p.offset, p.offset + p.size) for p in table)
    assert all(a % ALIGN == 0 for a, _ in spans)
    assert all(e <= b for (_, e), (b, _) in zip(spans, spans[1:]))
    assert all((p.offset < n_decay) == (len(p.shape) == 2) for p in table)
    assert n >= spans[-1][1] and n % ALIGN == 0


def test_init_statistics():
    cfg = Config()
    flat = init_params(cfg, "stats")
    for p in param_table(cfg):
        vals = flat[p.offset:p.offset + p.size]
        if p.init == "ones":
            assert set(vals) == {1.0}
        elif p.init == "zeros":
            assert set(vals) == {0.0}
        else:
            std = math.sqrt(sum(v * v for v in vals) / len(vals))
            want = 0.02 / math.sqrt(8) if p.name.endswith("c_proj.weight") else 0.02
            assert abs(std / want - 1) < 0.1, p.name
