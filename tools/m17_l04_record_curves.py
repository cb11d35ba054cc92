"""Record the loss curves that lesson m17-l04 (What the loss curve is telling you) shows.

    PYTHONPATH=py python tools/m17_l04_record_curves.py          # rewrites py/mlmath/m17/l04_curves.py
    PYTHONPATH=py python tools/m17_l04_record_curves.py --only healthy/a --steps 60

Each run is the capstone engine (py/mlmath/gpt) trained natively through wgpu (lavapipe is
enough) at the reduced size: n_layer 2, n_head 4, n_embd 32, block 32, batch 8, AdamW with the
engine's warmup + cosine schedule. A run breaks one thing on purpose (see RUNS). Every EVERY
steps it records the mean loss of the last EVERY training batches ("train", what the loop
prints) and an estimate of the validation loss on EVAL_BATCHES windows of the held-out 10%
("val"). Two seeds per recipe: "a" curves are shown in the lesson, "b" curves are held out
to test the learner's diagnose().
"""

import argparse
import asyncio
import math
import time
from pathlib import Path

from mlmath.data import shakespeare
from mlmath.gpt.engine import Engine
from mlmath.gpt.gpu import load_wgsl, open_gpu
from mlmath.gpt.model import Config, init_params
from mlmath.gpt.prng import Rng
from mlmath.gpt.tokenizer import Tokenizer
from mlmath.gpt.train import Windows, lr_at

CFG = dict(n_layer=2, n_head=4, n_embd=32, block_size=32)
BATCH, STEPS, EVERY, EVAL_BATCHES = 8, 300, 10, 4
# name: (peak lr, warmup steps, clip max_norm, causal mask, training text limited to this many chars)
RECIPES = {
    "healthy": (3e-3, 30, 1.0, True, None),
    "lr_high": (0.1, 30, 1.0, True, None),
    "lr_low": (1e-5, 30, 1.0, True, None),
    "overfit": (3e-3, 30, 1.0, True, 1500),
    "no_warmup": (3e-2, 0, math.inf, True, None),
    "leak": (3e-3, 30, 1.0, False, None),
}
SEEDS = ("a", "b")
OUT = Path(__file__).resolve().parents[1] / "py" / "mlmath" / "m17" / "l04_curves.py"


async def record(name, seed, steps=STEPS, log=print, stop=None, engine_cache={}):
    """One run; stop=N ends it after N of its `steps` steps (same schedule: the test's short rerun)."""
    lr, warmup, max_norm, causal, limit = RECIPES[name]
    text = shakespeare()
    tok = Tokenizer.from_text(text)
    cfg = Config(vocab_size=len(tok.chars), **CFG)
    if "engine" not in engine_cache:
        engine_cache["engine"] = await Engine.create(await open_gpu(), cfg, BATCH, tok.encode(text), load_wgsl)
    engine = engine_cache["engine"]
    full = f"m17-l04/{seed}"
    engine.set_params(init_params(cfg, full))
    engine.set_options(causal, min(max_norm, 3e38))
    windows = Windows(len(text), cfg.block_size)  # one token per character
    rng, erng = Rng(full, f"batches/{name}"), Rng(full, f"eval/{name}")
    T = cfg.block_size
    out = {"step": [], "train": [], "val": []}
    acc, t0 = 0.0, time.time()
    for it in range(stop or steps):
        if limit:
            offsets = [rng.below(limit - T) for _ in range(BATCH)]
        else:
            offsets = windows.sample(rng, BATCH, "train")
        engine.step(offsets, it + 1, lr_at(it, steps, lr=lr, warmup=warmup), keep_loss=True)
        acc += await engine.loss()
        if (it + 1) % EVERY == 0:
            val = 0.0
            for _ in range(EVAL_BATCHES):
                val += await engine.evaluate(windows.sample(erng, BATCH, "val"))
            val /= EVAL_BATCHES
            out["step"].append(it + 1)
            out["train"].append(round(acc / EVERY, 4) if math.isfinite(acc) else float("nan"))
            out["val"].append(round(val, 4) if math.isfinite(val) else float("nan"))
            acc = 0.0
    engine.set_options(True)
    log(f"{name}/{seed}: train {out['train'][0]} -> {out['train'][-1]}, val {out['val'][-1]}  {time.time() - t0:.0f}s")
    return out


def write(runs, path=OUT):
    lines = [f'"""{DOC}"""', "",
             f"CONFIG = {CFG!r}",
             f"BATCH, STEPS, EVERY, EVAL_BATCHES = {BATCH}, {STEPS}, {EVERY}, {EVAL_BATCHES}",
             "# name: (peak lr, warmup steps, clip max_norm, causal mask, train on the first N chars only)",
             f"RECIPES = {RECIPES!r}".replace("inf", "INF"), "", "RUNS = {"]
    for key, run in runs.items():
        lines.append(f"    {key!r}: {{")
        for k in ("step", "train", "val"):
            lines.append(f"        {k!r}: {run[k]!r},".replace("nan", "NAN"))
        lines.append("    },")
    lines.append("}")
    text = "\n".join(lines) + "\n"
    text = text.replace('"""\n\nCONFIG', '"""\n\nINF, NAN = float("inf"), float("nan")\n\nCONFIG', 1)
    path.write_text(text)


DOC = """Recorded loss curves for lesson m17-l04 (What the loss curve is telling you).

Made by the capstone engine (mlmath.gpt) trained natively through wgpu on lavapipe:

    PYTHONPATH=py python tools/m17_l04_record_curves.py

tiny-shakespeare-char, n_layer 2, n_head 4, n_embd 32, block 32, batch 8, STEPS AdamW steps
with the engine's warmup + cosine schedule; init seed "m17-l04/<a or b>". RUNS["name/seed"]
holds, every EVERY steps, the mean training loss of the last EVERY batches and a validation
estimate on EVAL_BATCHES windows of the held-out last 10%. Each recipe breaks one thing
(RECIPES). The "a" runs are shown in the lesson; the "b" runs are held out for the learner's
diagnose(). tests/unit/test_widget_loss_curve_reader.py checks the file's numbers and, with
a GPU adapter, retrains the start of a run and compares.
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", default=None)
    ap.add_argument("--steps", type=int, default=STEPS)
    args = ap.parse_args()
    keys = [f"{n}/{s}" for s in SEEDS for n in RECIPES]
    if args.only:
        keys = [args.only]

    async def go():
        return {k: await record(*k.split("/"), steps=args.steps) for k in keys}
    runs = asyncio.run(go())
    if not args.only:
        write(runs)
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
