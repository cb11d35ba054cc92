"""PyTorch on the CPU training the capstone's model, beside the WGSL engine, same machine, same run.

    python benchmarks/bench_torch.py [--batch 32] [--iters 20]

Prints JSON lines: torch.ms_per_iteration, native.ms_per_iteration (the engine on
wgpu: lavapipe here) and their ratio. The torch model is nanoGPT's GPT written out
in full (tied unembedding, pre-LN, exact GELU, biases), with the engine's AdamW
settings; PyTorch is a benchmark-only dependency (`pip install torch`).
"""

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "py"), str(REPO / "benchmarks")]

from mlmath.data import shakespeare  # noqa: E402
from mlmath.gpt.model import Config  # noqa: E402
from mlmath.gpt.tokenizer import Tokenizer  # noqa: E402


class Attention(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.n_head = c.n_head
        self.c_attn, self.c_proj = nn.Linear(c.n_embd, 3 * c.n_embd), nn.Linear(c.n_embd, c.n_embd)

    def forward(self, x):
        B, T, C = x.shape
        q, k, v = self.c_attn(x).split(C, dim=2)
        q, k, v = (t.view(B, T, self.n_head, C // self.n_head).transpose(1, 2) for t in (q, k, v))
        return self.c_proj(F.scaled_dot_product_attention(q, k, v, is_causal=True).transpose(1, 2).reshape(B, T, C))


class MLP(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.c_fc, self.c_proj = nn.Linear(c.n_embd, 4 * c.n_embd), nn.Linear(4 * c.n_embd, c.n_embd)

    def forward(self, x):
        return self.c_proj(F.gelu(self.c_fc(x)))


class Block(nn.Module):
    def __init__(self, c: Config):
        super().__init__()
        self.ln_1, self.attn, self.ln_2, self.mlp = nn.LayerNorm(c.n_embd), Attention(c), nn.LayerNorm(c.n_embd), MLP(c)

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    """Module names as nanoGPT's, so state_dict keys are the engine's checkpoint names."""

    def __init__(self, c: Config):
        super().__init__()
        self.transformer = nn.ModuleDict(dict(
            wte=nn.Embedding(c.vocab_size, c.n_embd), wpe=nn.Embedding(c.block_size, c.n_embd),
            h=nn.ModuleList(Block(c) for _ in range(c.n_layer)), ln_f=nn.LayerNorm(c.n_embd)))

    def forward(self, idx, targets):
        t = self.transformer
        x = t.wte(idx) + t.wpe(torch.arange(idx.shape[1]))
        for block in t.h:
            x = block(x)
        logits = t.ln_f(x) @ t.wte.weight.T  # tied unembedding, no bias
        return F.cross_entropy(logits.view(-1, logits.shape[-1]), targets.view(-1))


def adamw(model):
    """The engine's optimizer: weight decay 0.1 on the 2-D weights only."""
    decay = [p for p in model.parameters() if p.dim() >= 2]
    rest = [p for p in model.parameters() if p.dim() < 2]
    return torch.optim.AdamW([{"params": decay, "weight_decay": 0.1}, {"params": rest, "weight_decay": 0.0}],
                             lr=1e-3, betas=(0.9, 0.99), eps=1e-8)


def torch_ms_per_iteration(batch, iters):
    text = shakespeare()
    ids = torch.tensor(Tokenizer.from_text(text).encode(text))
    c = Config()
    torch.manual_seed(0)
    model = GPT(c)
    opt = adamw(model)
    train_end = int(0.9 * len(ids)) - c.block_size - 1
    times = []
    for _ in range(iters):
        t = time.perf_counter()
        starts = torch.randint(0, train_end, (batch,))
        x = torch.stack([ids[s:s + c.block_size] for s in starts])
        y = torch.stack([ids[s + 1:s + 1 + c.block_size] for s in starts])
        loss = model(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        times.append(1000 * (time.perf_counter() - t))
    n_params = sum(p.numel() for p in model.parameters())
    return statistics.median(times[2:]), n_params


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--iters", type=int, default=20)
    args = parser.parse_args()
    torch_ms, n_params = torch_ms_per_iteration(args.batch, args.iters)
    from bench_engine import measure
    native = dict((m, v) for m, v, _ in asyncio.run(measure(args.batch, args.iters)))["ms_per_iteration"]
    for metric, value, unit in [("torch.parameters", n_params, "count"),
                                ("torch.threads", torch.get_num_threads(), "count"),
                                ("torch.ms_per_iteration", torch_ms, "ms"),
                                ("native.ms_per_iteration", native, "ms"),
                                ("native_over_torch", native / torch_ms, "ratio")]:
        print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}), flush=True)


if __name__ == "__main__":
    main()
