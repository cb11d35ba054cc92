"""A whole training step (loss, every gradient, every updated parameter) against the
float64 numpy reference model, at a reduced size and once at the full size.

Tolerances: loss 1e-5 relative; gradients 1e-4 relative to the largest entry of the
same tensor (float32 sums over thousands of terms); updated parameters 2e-6 absolute
(the first AdamW step moves each weight by about lr = 1e-3 · sign(g)) outside entries
whose gradient is too small for float32 to get its sign (|g| < 1e-6 · max |g|).
"""

import asyncio

import numpy as np
import pytest
import reference as ref

from mlmath.gpt.engine import Engine
from mlmath.gpt.gpu import load_wgsl
from mlmath.gpt.model import Config, init_params, param_table
from mlmath.gpt.train import lr_at

pytestmark = pytest.mark.gpu


def unflatten(flat, cfg):
    flat = np.asarray(flat, dtype=np.float64)
    return {p.name: flat[p.offset:p.offset + p.size].reshape(p.shape) for p in param_table(cfg)}


def check_step(gpu, text_ids, cfg, batch, offsets, check_grads=True):
    engine = asyncio.run(Engine.create(gpu, cfg, batch, text_ids[:20000], load_wgsl))
    flat = init_params(cfg, "step-test")
    engine.set_params(flat)
    lr = lr_at(0, 100)
    engine.step(offsets, 1, lr, keep_loss=True)
    loss = asyncio.run(engine.loss())
    grads = unflatten(asyncio.run(engine.fetch(engine.grads)), cfg)
    new = unflatten(asyncio.run(engine.fetch(engine.params)), cfg)

    ids = np.array(text_ids[:20000])
    idx = np.stack([ids[o:o + cfg.block_size] for o in offsets])
    tgt = np.stack([ids[o + 1:o + 1 + cfg.block_size] for o in offsets])
    P = unflatten(flat, cfg)
    want_loss, G = ref.forward_backward(P, cfg, idx, tgt)
    assert loss == pytest.approx(want_loss, rel=1e-5)
    if check_grads:
        for name, g in G.items():
            np.testing.assert_allclose(grads[name], g, rtol=0, atol=1e-4 * np.abs(g).max(), err_msg=name)
    zeros = {k: np.zeros_like(v) for k, v in P.items()}
    want, _ = ref.adamw(P, G, dict(zeros), dict(zeros), 1, lr)
    for name, w in want.items():
        sure = np.abs(G[name]) >= 1e-6 * np.abs(G[name]).max()
        np.testing.assert_allclose(new[name][sure], w[sure], rtol=0, atol=2e-6, err_msg=name)


def test_step_matches_reference_reduced(gpu, text_ids):
    cfg = Config(n_layer=2, n_head=4, n_embd=32, block_size=16)
    check_step(gpu, text_ids, cfg, 3, [0, 1234, 9876])


def test_step_matches_reference_full_size(gpu, text_ids):
    check_step(gpu, text_ids, Config(), 2, [17, 5000])


@pytest.mark.parametrize("max_norm", [1.0, 3e38])
def test_sgd_mode_steps_by_lr_times_the_clipped_gradient(gpu, text_ids, max_norm):
    """The no-clipping preset's plain SGD, on the AdamW kernel: two steps in a row (the second
    would show any momentum, scaling or decay left over) each move p by exactly -lr · clip · g."""
    cfg = Config(n_layer=2, n_head=4, n_embd=32, block_size=16)
    engine = asyncio.run(Engine.create(gpu, cfg, 3, text_ids[:20000], load_wgsl))
    engine.set_params(init_params(cfg, "sgd-test"))
    engine.set_options(max_norm=max_norm)
    engine.sgd = True
    for t, (offsets, lr) in enumerate([([0, 1234, 9876], 0.5), ([77, 4321, 15000], 2.0)], 1):
        before = np.asarray(asyncio.run(engine.fetch(engine.params)), dtype=np.float64)
        engine.step(offsets, t, lr)
        g = np.asarray(asyncio.run(engine.fetch(engine.grads)), dtype=np.float64)
        norm, clip = asyncio.run(engine.fetch(engine.clip))
        after = np.asarray(asyncio.run(engine.fetch(engine.params)), dtype=np.float64)
        assert norm == pytest.approx(np.sqrt((g * g).sum()), rel=1e-4)
        assert clip == (pytest.approx(max_norm / (norm + 1e-6), rel=1e-5) if norm > max_norm else 1.0)
        np.testing.assert_allclose(after, before - lr * clip * g, rtol=0, atol=2e-6)
