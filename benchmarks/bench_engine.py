"""Capstone engine benchmark: one JSON object per line, {"metric", "value", "unit"}.

    python benchmarks/bench_engine.py [--batch 32] [--iters 20]

First iteration includes compiling the pipelines and building the bind groups. Steady
iterations are timed one by one, each waited for by reading its loss back; host time is
the Python side of a step alone (uploads, encoding, submit), without waiting.
"""

import argparse
import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "py"))

from mlmath.gpt.__main__ import read_text  # noqa: E402
from mlmath.gpt.engine import Engine  # noqa: E402
from mlmath.gpt.gpu import load_wgsl, open_gpu  # noqa: E402
from mlmath.gpt.model import Config, init_params  # noqa: E402
from mlmath.gpt.prng import Rng  # noqa: E402
from mlmath.gpt.tokenizer import Tokenizer  # noqa: E402
from mlmath.gpt.train import Windows, lr_at  # noqa: E402


def emit(metric, value, unit):
    print(json.dumps({"metric": metric, "value": round(value, 3), "unit": unit}), flush=True)


async def main(batch, iters):
    text = read_text(None)
    ids = Tokenizer.from_text(text).encode(text)
    cfg = Config()
    gpu = await open_gpu()
    windows, rng = Windows(len(ids), cfg.block_size), Rng("bench", "batches")

    t0 = time.perf_counter()
    engine = await Engine.create(gpu, cfg, batch, ids, load_wgsl)
    engine.set_params(init_params(cfg, "bench"))
    engine.step(windows.sample(rng, batch, "train"), 1, lr_at(0, iters), keep_loss=True)
    await engine.loss()
    emit("first_iteration_ms", 1000 * (time.perf_counter() - t0), "ms")

    step_ms, host_ms = [], []
    for it in range(1, iters):
        t = time.perf_counter()
        engine.step(windows.sample(rng, batch, "train"), it + 1, lr_at(it, iters), keep_loss=True)
        host_ms.append(1000 * (time.perf_counter() - t))
        await engine.loss()
        step_ms.append(1000 * (time.perf_counter() - t))
    ms = statistics.median(step_ms)
    emit("ms_per_iteration", ms, "ms")
    emit("host_ms_per_step", statistics.median(host_ms), "ms")
    emit("dispatches_per_step", len(engine.train_step), "count")
    emit("tokens_per_second", batch * cfg.block_size / (ms / 1000), "tokens/s")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--iters", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main(args.batch, args.iters))
