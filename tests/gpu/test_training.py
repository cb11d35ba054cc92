"""The training loop end to end: byte-identical checkpoints from one seed, different ones
from another, a falling loss, and KV-cache decoding that agrees with the full forward."""

import asyncio
import hashlib

import numpy as np
import pytest

from mlmath.gpt import checkpoint
from mlmath.gpt.engine import Engine
from mlmath.gpt.gpu import load_wgsl
from mlmath.gpt.model import Config, init_params
from mlmath.gpt.sample import generate
from mlmath.gpt.tokenizer import Tokenizer
from mlmath.gpt.train import Windows, train

pytestmark = pytest.mark.gpu
SMALL = Config(n_layer=2, n_head=4, n_embd=32, block_size=32)


async def run_training(gpu, ids, seed, steps, batch=8, cfg=SMALL):
    engine = await Engine.create(gpu, cfg, batch, ids, load_wgsl)
    engine.set_params(init_params(cfg, seed))
    losses = []
    await train(engine, Windows(len(ids), cfg.block_size), seed, steps,
                on_loss=lambda step, loss: losses.append(loss))
    flat = await engine.fetch(engine.params)
    return engine, losses, checkpoint.to_bytes(cfg, flat, "x" * cfg.vocab_size, seed, steps)


def test_same_seed_same_bytes_other_seed_differs(gpu, text_ids):
    digests = [hashlib.sha256(asyncio.run(run_training(gpu, text_ids, seed, 20))[2]).hexdigest()
               for seed in ("alpha", "alpha", "beta")]
    assert digests[0] == digests[1]
    assert digests[0] != digests[2]


def test_loss_falls(gpu, text_ids):
    # 300 steps at batch 8 on the reduced model (100 of warmup, then cosine decay).
    # Measured on lavapipe: 4.19 at the start, 3.25 around step 100, 2.74 averaged
    # over steps 296-300. The bound leaves 0.2 of slack; unigram statistics alone
    # would stop near 3.3, so passing it means the model learned from context.
    _, losses, _ = asyncio.run(run_training(gpu, text_ids, "learn", 300, batch=8))
    assert abs(losses[0] - np.log(65)) < 0.1
    assert np.mean(losses[-5:]) < 2.95


def test_kv_cache_decoding_matches_full_forward(gpu, text_ids):
    cfg = SMALL
    engine = asyncio.run(Engine.create(gpu, cfg, 1, text_ids[:5000], load_wgsl))
    engine.set_params(init_params(cfg, "decode"))
    asyncio.run(engine.evaluate([100]))
    full = np.asarray(asyncio.run(engine.fetch(engine.a.logits))).reshape(cfg.block_size, -1)
    for pos in range(cfg.block_size):
        cached = asyncio.run(engine.decode(text_ids[100 + pos], pos))
        np.testing.assert_allclose(cached, full[pos], rtol=1e-5, atol=1e-5, err_msg=f"position {pos}")


def test_generation_is_seeded_and_runs_past_the_window(gpu, text_ids):
    cfg = SMALL
    engine = asyncio.run(Engine.create(gpu, cfg, 1, text_ids[:5000], load_wgsl))
    engine.set_params(init_params(cfg, "gen"))
    tok = Tokenizer("".join(chr(32 + i) for i in range(65)))
    seen = []
    args = dict(temperature=0.8, top_k=20, top_p=0.9, seed="s")
    a = asyncio.run(generate(engine, tok, "ABC", 2 * cfg.block_size, on_token=lambda ch, st: seen.append(st), **args))
    b = asyncio.run(generate(engine, tok, "ABC", 2 * cfg.block_size, **args))
    assert a == b and len(a) == 2 * cfg.block_size
    names = [name for name, _ in seen[0]]
    assert names == ["temperature", "top_k", "top_p"]
    assert all(sum(p > 0 for p in probs) <= 20 for _, probs in seen[0][1:])
