"""Record the six pathology presets of lesson m18-l02 beside a healthy run.

    PYTHONPATH=py python tools/m18_record_presets.py            # rewrites py/mlmath/m18/preset_runs.py
    PYTHONPATH=py python tools/m18_record_presets.py --only tiny/300/lr_high/mlmath   # again, keep the rest
    PYTHONPATH=py python tools/m18_record_presets.py --missing                       # finish a recording

Each run is the page's own capstone session (mlmath.m18.session) trained natively through
wgpu (lavapipe is enough): the same seed, batches, schedule, evaluations and samples the
trainer widget shows. Runs go one at a time, and the module is rewritten after each, so an
interrupted recording keeps what it has.
"""

import argparse
import asyncio
import math
import time
from dataclasses import replace
from pathlib import Path

from mlmath.gpt.train import Windows, estimate
from mlmath.m18.recipe import PRESETS, preset_length
from mlmath.m18.session import Session

# Beside the presets: the no-clipping preset's SGD with the cap put back, which shows that
# the cap, not the rate alone, is what its runaway lacks.
CAPPED = "no_clip_capped"
NAMES = ["healthy", *PRESETS, CAPPED]
LABELLED, MYSTERY = "mlmath", "mlmath/mystery/1"  # the trainer's seed, and its first mystery run's
# (size, iterations, seed): the shortest run a preset makes (the warmup's 100 iterations), the
# demo's default length, the first mystery run, a run long enough to sample every 200
# iterations, and two full-size runs (lavapipe trains that size at about 1 s an iteration on
# two cores, so they stay short and are evaluated only at their end).
PLAN = [("tiny", 100, LABELLED), ("tiny", 300, LABELLED), ("tiny", 300, MYSTERY), ("tiny", 800, LABELLED),
        ("full", 100, LABELLED), ("full", 300, LABELLED)]


def key(size, steps, name, seed):
    """A preset runs as long as the page would run it (its own length, or at least the warmup)."""
    return f"{size}/{preset_length(name, steps) if name in PRESETS else steps}/{name}/{seed}"


OUT = Path(__file__).resolve().parents[1] / "py" / "mlmath" / "m18" / "preset_runs.py"


async def record(key, session=None, log=print):
    """One run, key "size/steps/name/seed": its per-iteration losses, evaluations and last sample."""
    size, steps, name, seed = key.split("/", 3)
    s = session or Session()
    s.size, s.steps, s.seed = size, int(steps), seed
    t0 = time.time()
    if name == CAPPED:  # a preset for this run only: the page offers no such button
        PRESETS[CAPPED] = ("", replace(PRESETS["no_clip"][1], max_norm=1.0))
    try:
        await s.start(None if name == "healthy" else name, evaluate=size == "tiny")
    finally:
        PRESETS.pop(CAPPED, None)
    r = s.run
    if not r.evals and math.isfinite(r.losses[-1]):  # the last evaluation the page makes
        est = await estimate(s.engine, Windows(len(s.ids), s.engine.cfg.block_size), seed, r.step, batches=4)
        r.evals.append((r.step, est["train"], est["val"]))
    out = {"losses": [round(v, 4) for v in r.losses],
           "evals": [(step, round(tr, 4), round(va, 4)) for step, tr, va in r.evals],
           "sample": r.samples[-1][1] if r.samples else ""}
    log(f"{key}: first {out['losses'][0]}, max {max(out['losses'])}, last {out['losses'][-1]}, "
        f"evals {out['evals'][-1] if out['evals'] else None}  {time.time() - t0:.0f}s")
    return out


def write(runs, path=OUT):
    lines = [f'"""{DOC}"""', "", "inf, nan = float('inf'), float('nan')  # a diverged run's last loss", "", "RUNS = {"]
    for key, run in runs.items():
        lines.append(f"    {key!r}: {{")
        for k in ("losses", "evals", "sample"):
            lines.append(f"        {k!r}: {run[k]!r},")
        lines.append("    },")
    lines.append("}")
    path.write_text("\n".join(lines) + "\n")


DOC = """Recorded runs of the capstone's pathology presets (lesson m18-l02), beside a healthy run.

Made by the page's session trained natively through wgpu on lavapipe:

    PYTHONPATH=py python tools/m18_record_presets.py

RUNS["size/iterations/preset/seed"] holds the per-iteration training loss, the evaluations
(iteration, train, validation: mask on, as the model generates; a full-size run keeps only
its last) and the last sample (none at full size); a preset that fixes its own length
(mask off: 300) is recorded at that length in every plan; "no_clip_capped" is the no-clipping
preset's SGD with the cap put back. Seed
"mlmath" is the labelled preset buttons'; "mlmath/mystery/1" is the first mystery run's.
tests/unit/m18/test_preset_runs.py checks that each symptom shows in these numbers and, with
a GPU adapter, retrains short runs and compares.
"""


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only", nargs="+", help="record these keys again, keep the others")
    ap.add_argument("--missing", action="store_true", help="record only the planned keys not yet in the file")
    args = ap.parse_args()
    planned = list(dict.fromkeys(key(size, steps, name, seed) for size, steps, seed in PLAN for name in NAMES))
    runs = {}
    if args.only or args.missing:
        from mlmath.m18.preset_runs import RUNS
        runs = {k: v for k, v in RUNS.items() if args.only or k in planned}  # --missing drops runs no longer planned
    keys = args.only or [k for k in planned if k not in runs]

    async def go():
        s = Session()
        for key in keys:
            runs[key] = await record(key, s)
            write({k: runs[k] for k in planned + sorted(set(runs) - set(planned)) if k in runs})
    asyncio.run(go())
    print(f"wrote {OUT}")

if __name__ == "__main__":
    main()
