"""The capstone recipe in PyTorch, as a reference for the engine's own full run.

    PYTHONPATH=py python benchmarks/torch_recipe.py [--seed mlmath] [--steps 3000] [--batch 32]

Same start and same data as `python -m mlmath.gpt train`: the engine's seeded init loaded
by name into a nanoGPT-shaped model, the same windows from the same PRNG stream, the same
learning-rate schedule, clipping and AdamW, and the same evaluation windows. Prints JSON
lines {"step", "train", "val"} every --eval-every steps and at the end. The two runs part
ways slowly (float32 sums in a different order), so agreement is statistical, not bitwise.
"""

import argparse
import json
import sys
from pathlib import Path

import torch

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "py"), str(REPO / "benchmarks")]

from bench_torch import GPT, adamw  # noqa: E402
from mlmath.data import shakespeare  # noqa: E402
from mlmath.gpt.model import Config, init_params, param_table  # noqa: E402
from mlmath.gpt.prng import Rng  # noqa: E402
from mlmath.gpt.tokenizer import Tokenizer  # noqa: E402
from mlmath.gpt.train import Windows, lr_at  # noqa: E402


def batch(ids, starts, T):
    x = torch.stack([ids[s:s + T] for s in starts])
    y = torch.stack([ids[s + 1:s + 1 + T] for s in starts])
    return x, y


@torch.no_grad()
def estimate(model, ids, windows, seed, step, B, T, batches=10):
    """mlmath.gpt.train.estimate's windows: one stream per step, train then val."""
    rng = Rng(seed, f"eval/{step}")
    return {split: sum(model(*batch(ids, windows.sample(rng, B, split), T)).item() for _ in range(batches)) / batches
            for split in ("train", "val")}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", default="mlmath")
    parser.add_argument("--steps", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--eval-every", type=int, default=500)
    parser.add_argument("--threads", type=int, default=0, help="torch threads (0: its default)")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    text = shakespeare()
    ids = torch.tensor(Tokenizer.from_text(text).encode(text))
    cfg = Config()
    T = cfg.block_size
    model = GPT(cfg)
    flat = torch.tensor(init_params(cfg, args.seed))
    model.load_state_dict({p.name: flat[p.offset:p.offset + p.size].view(p.shape) for p in param_table(cfg)})
    opt = adamw(model)
    windows, rng = Windows(len(ids), T), Rng(args.seed, "batches")
    for it in range(args.steps):
        for group in opt.param_groups:
            group["lr"] = lr_at(it, args.steps)
        loss = model(*batch(ids, windows.sample(rng, args.batch, "train"), T))
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        step = it + 1
        if step % args.eval_every == 0 or step == args.steps:
            est = estimate(model, ids, windows, args.seed, step, args.batch, T)
            print(json.dumps({"step": step, "train": round(est["train"], 4), "val": round(est["val"], 4)}), flush=True)


if __name__ == "__main__":
    main()
