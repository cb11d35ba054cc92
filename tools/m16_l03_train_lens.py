"""Train the tiny checkpoint that lesson m16-l03 (The residual stream as the object) reads.

    PYTHONPATH=py python tools/m16_l03_train_lens.py            # writes the shipped file
    PYTHONPATH=py python tools/m16_l03_train_lens.py --steps 50 --out /tmp/x.safetensors

The capstone engine (py/mlmath/gpt) trains natively through wgpu (lavapipe is enough):
nanoGPT's model at n_layer 3, n_head 4, n_embd 32, block 32, on tiny-shakespeare's first 90%,
AdamW with the engine's warmup + cosine schedule at a peak learning rate of LR. The result is
a safetensors file (about 150 KB) at py/mlmath/m16/l03_lens.safetensors, which the site ships inside
mlmath.zip; py/mlmath/m16/l03_lens.py runs its forward pass in pure Python in the page.
"""

import argparse
import asyncio
import time
from pathlib import Path

from mlmath.data import shakespeare
from mlmath.gpt import checkpoint
from mlmath.gpt.engine import Engine
from mlmath.gpt.gpu import load_wgsl, open_gpu
from mlmath.gpt.model import Config, init_params, n_params
from mlmath.gpt.prng import Rng
from mlmath.gpt.tokenizer import Tokenizer
from mlmath.gpt.train import Windows, estimate, lr_at

CFG = dict(n_layer=3, n_head=4, n_embd=32, block_size=32)
SEED, STEPS, BATCH, LR = "m16-l03", 600, 16, 3e-3
OUT = Path(__file__).resolve().parents[1] / "py" / "mlmath" / "m16" / "l03_lens.safetensors"


async def train_lens(steps=STEPS, batch=BATCH, seed=SEED, lr=LR, log=print):
    text = shakespeare()
    tok = Tokenizer.from_text(text)
    cfg = Config(vocab_size=len(tok.chars), **CFG)
    ids = tok.encode(text)
    engine = await Engine.create(await open_gpu(), cfg, batch, ids, load_wgsl)
    engine.set_params(init_params(cfg, seed))
    windows, rng, t0 = Windows(len(ids), cfg.block_size), Rng(seed, "batches"), time.time()
    log(f"{n_params(cfg):,} parameters")
    for it in range(steps):
        keep = (it + 1) % 100 == 0 or it + 1 == steps
        engine.step(windows.sample(rng, batch, "train"), it + 1, lr_at(it, steps, lr=lr), keep_loss=keep)
        if keep:
            log(f"step {it + 1:5d}  loss {await engine.loss():.4f}  {time.time() - t0:.0f}s")
    est = await estimate(engine, windows, seed, steps)
    log(f"train {est['train']:.4f}  val {est['val']:.4f}")
    flat = await engine.fetch(engine.params)
    return checkpoint.to_bytes(cfg, flat, tok.chars, seed, steps)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=STEPS)
    ap.add_argument("--batch", type=int, default=BATCH)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    blob = asyncio.run(train_lens(args.steps, args.batch))
    Path(args.out).write_bytes(blob)
    print(f"wrote {args.out} ({len(blob):,} bytes)")


if __name__ == "__main__":
    main()
