"""Capstone engine benchmark: one JSON object per line, {"metric", "value", "unit"}.

    python benchmarks/bench_engine.py [--batch 32] [--iters 20]            natively (wgpu)
    python benchmarks/bench_engine.py --browser [--browser-iters 5]        headless Chromium, then natively
    python benchmarks/bench_engine.py --capstone [--capstone-size tiny|full] [--capstone-iters 40]
                                            the capstone page itself (m18-l01's trainer widget)

Metric names start with where they ran: "native." (wgpu-py; lavapipe on a machine without
a GPU) or "browser." (the site's page runtime: Pyodide in the page's worker, WebGPU in
headless Chromium; SwiftShader, on the CPU, without a GPU).

Compile is Engine.create: every pipeline (compiled in parallel), buffer and bind group.
First iteration is that plus one step waited for. Steady
iterations are timed one by one, each waited for by reading its loss back; host time is
the Python side of a step alone (uploads, encoding, submit), without waiting.
--browser builds a one-lesson site in a temporary folder and needs Playwright and a Chromium ($CHROMIUM,
`chromium` on PATH, or Playwright's own).
"""

import argparse
import ast
import asyncio
import inspect
import json
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "py"), str(REPO / "build"), str(REPO)]

IMPORTS = """\
import statistics
import time
from mlmath.data import shakespeare
from mlmath.gpt.engine import Engine
from mlmath.gpt.gpu import load_wgsl, open_gpu
from mlmath.gpt.model import Config, init_params
from mlmath.gpt.prng import Rng
from mlmath.gpt.tokenizer import Tokenizer
from mlmath.gpt.train import Windows, lr_at
"""
exec(IMPORTS)  # the same imports here and in the page's cell


async def measure(batch, iters):
    """[(metric, value, unit)]: runs as is natively and, sent as a cell, in the page."""
    text = shakespeare()
    ids = Tokenizer.from_text(text).encode(text)
    cfg = Config()
    gpu = await open_gpu()
    windows, rng = Windows(len(ids), cfg.block_size), Rng("bench", "batches")

    t0 = time.perf_counter()
    engine = await Engine.create(gpu, cfg, batch, ids, load_wgsl)
    compile_ms = 1000 * (time.perf_counter() - t0)
    engine.set_params(init_params(cfg, "bench"))
    engine.step(windows.sample(rng, batch, "train"), 1, lr_at(0, iters), keep_loss=True)
    await engine.loss()
    first = 1000 * (time.perf_counter() - t0)

    step_ms, host_ms = [], []
    for it in range(1, iters):
        t = time.perf_counter()
        engine.step(windows.sample(rng, batch, "train"), it + 1, lr_at(it, iters), keep_loss=True)
        host_ms.append(1000 * (time.perf_counter() - t))
        await engine.loss()
        step_ms.append(1000 * (time.perf_counter() - t))
    ms = statistics.median(step_ms)
    return [("compile_ms", compile_ms, "ms"), ("first_iteration_ms", first, "ms"), ("ms_per_iteration", ms, "ms"),
            ("host_ms_per_step", statistics.median(host_ms), "ms"),
            ("dispatches_per_step", len(engine.train_step), "count"),
            ("tokens_per_second", batch * cfg.block_size / (ms / 1000), "tokens/s")]


def emit(where, results):
    for metric, value, unit in results:
        print(json.dumps({"metric": f"{where}.{metric}", "value": round(value, 3), "unit": unit}), flush=True)


def run_in_page(key, cell):
    """Build lesson `key` alone into a temporary site, serve it, run `cell` in its page's
    Python worker in headless Chromium, and return the cell's value."""
    from playwright.sync_api import sync_playwright

    from mlbuild.site import build
    from serve import make_server
    from tests.browser.conftest import CHROMIUM_ARGS

    site = Path(tempfile.mkdtemp(prefix="bench-site-"))
    build(site, only={key})
    server = make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium or None, args=CHROMIUM_ARGS)
            page = browser.new_page()
            errors = []
            page.on("console", lambda m: m.type == "error" and errors.append(m.text))
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/lessons/{key}.html")
            page.wait_for_selector('.kernel[data-state="ready"]', timeout=90_000)
            reply = page.evaluate("code => window.mlmath.kernel.run('bench', code, null)", cell)
            browser.close()
    finally:
        server.shutdown()
        shutil.rmtree(site)
    if not reply["ok"] or errors:
        sys.exit(f"error: the run in {key}'s page failed: {reply['error'] or errors}")
    return ast.literal_eval(reply["value"])


def in_browser(batch, iters):
    """The same measure() in the page's Python worker; one lesson page is enough to host it."""
    return run_in_page("m01-l01", IMPORTS + inspect.getsource(measure) + f"await measure({batch}, {iters})")


CAPSTONE_CELL = """
import asyncio, time
from mlmath.widgets import widget
from mlmath.m18.session import session
w, s = widget('boot'), session()
w.handle({'type': 'input', 'id': 'size', 'value': SIZE})
w.handle({'type': 'input', 'id': 'steps', 'value': ITERS})
w.handle({'type': 'input', 'id': 'start', 'value': None})
await s.task
r = w.run
t0 = time.perf_counter()
text = await s.sample(200)
sample_s = time.perf_counter() - t0
[("compile_ms", r.compile_ms, "ms"), ("first_iter_ms", r.first_ms, "ms"), ("median_iter_ms", r.steady_ms, "ms"),
 ("sampling_tokens_per_s", len(text) / sample_s, "tokens/s")]
"""


def on_capstone_page(size, iters):
    """The capstone page's own figures: its trainer widget runs `iters` iterations at `size`
    (the learner's quick demo size, or the full recipe), then 200 characters are sampled."""
    return run_in_page("m18-l01", CAPSTONE_CELL.replace("SIZE", repr(size)).replace("ITERS", str(iters)))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--iters", type=int, default=20, help="native iterations")
    parser.add_argument("--browser", action="store_true", help="also in headless Chromium, first")
    parser.add_argument("--browser-iters", type=int, default=5, help="SwiftShader is slow")
    parser.add_argument("--capstone", action="store_true", help="the capstone page's own figures (m18-l01), then exit")
    parser.add_argument("--capstone-size", choices=["tiny", "full"], default="tiny")
    parser.add_argument("--capstone-iters", type=int, default=40)
    args = parser.parse_args()
    if args.capstone:
        emit(f"capstone.{args.capstone_size}", on_capstone_page(args.capstone_size, args.capstone_iters))
        return
    if args.browser:
        emit("browser", in_browser(args.batch, args.browser_iters))
    emit("native", asyncio.run(measure(args.batch, args.iters)))


if __name__ == "__main__":
    main()
