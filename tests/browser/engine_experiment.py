"""The capstone experiments, written once: the browser tests import this module natively
(CPython, wgpu on lavapipe) and send its source to the page as a cell (Pyodide, WebGPU in
the page's worker), so both sides run exactly the same code.

Reduced sizes, so a 2-core CI machine trains in seconds on SwiftShader.
"""

import hashlib

from mlmath.data import shakespeare
from mlmath.gpt import checkpoint
from mlmath.gpt.engine import Engine
from mlmath.gpt.gpu import load_wgsl, open_gpu
from mlmath.gpt.model import Config, init_params
from mlmath.gpt.prng import Rng
from mlmath.gpt.sample import generate
from mlmath.gpt.tokenizer import Tokenizer
from mlmath.gpt.train import Windows, train

SMALL = Config(n_layer=2, n_head=4, n_embd=32, block_size=32)
BATCH = 8


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def seeded_numbers(seed):
    """What the seed determines before any GPU work: the full-size initial weights, and
    draws from the batch stream (integers, uniforms, normals)."""
    rng = Rng(seed, "batches")
    draws = [rng.below(1_000_003) for _ in range(1000)] + [rng.random() for _ in range(1000)]
    draws += [rng.normal() for _ in range(1000)]
    return {"init": sha256(init_params(Config(), seed).tobytes()), "draws": sha256(repr(draws).encode())}


async def open_engine():
    text = shakespeare()  # fetched from the site in the page, read from disk natively
    tok = Tokenizer.from_text(text)
    ids = tok.encode(text)
    engine = await Engine.create(await open_gpu(), SMALL, BATCH, ids, load_wgsl)
    return engine, tok, ids


async def run(engine, tok, ids, seed, steps):
    """Train from the seed's init (set_params also resets AdamW's moments, so the engine is
    reused); return every step's loss and the checkpoint's SHA-256."""
    engine.set_params(init_params(SMALL, seed))
    losses = []
    await train(engine, Windows(len(ids), SMALL.block_size), seed, steps,
                on_loss=lambda step, loss: losses.append(loss))
    flat = await engine.fetch(engine.params)
    return {"losses": losses, "checkpoint": sha256(checkpoint.to_bytes(SMALL, flat, tok.chars, seed, steps))}


async def sample(engine, tok, n, seed):
    """n characters after a prompt, through the KV cache; and the distributions' stages."""
    stages = []
    text = await generate(engine, tok, "ROMEO:", n, temperature=0.8, top_k=20, top_p=0.95, seed=seed,
                          on_token=lambda ch, st: stages.append([name for name, _ in st]))
    return {"text": text, "stages": stages[0], "tokens": len(stages)}
