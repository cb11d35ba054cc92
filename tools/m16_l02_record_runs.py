"""Record the training runs that lesson m16-l02 (Why pre-LN) plays back in ln_warmup_runs.

    PYTHONPATH=py python tools/m16_l02_record_runs.py      # rewrites py/mlmath/m16/l02_runs.py

Every run is mlmath.m16.l02_stack.train: the same seeded stack wired pre-LN or post-LN,
full-batch Adam for STEPS steps, at each depth, learning rate, warmup and seed below. Pure
Python, deterministic; about five minutes in CPython. tests/unit/m16/test_ln_warmup_runs.py
reruns a sample of them and checks they match.
"""

from pathlib import Path

from mlmath.m16.l02_stack import train

STEPS = 80
DEPTHS, WIRINGS, LRS, WARMUPS, SEEDS = (2, 6, 12, 24), ("pre", "post"), (0.01, 0.03), (0, 40), (0, 1, 2)
OUT = Path(__file__).resolve().parents[1] / "py" / "mlmath" / "m16" / "l02_runs.py"

HEADER = '''"""Recorded loss curves for lesson m16-l02 (Why pre-LN), made by mlmath.m16.l02_stack.train
with tools/m16_l02_record_runs.py (do not edit by hand).

Each key is "depth/wiring/lr/warmup/seed"; each value is the full-batch loss before each of
STEPS Adam steps (rounded to 4 places). Pure Python, seeded; the unit test
tests/unit/m16/test_ln_warmup_runs.py reruns a sample of them and checks they match.
"""

'''


def key(depth, wiring, lr, warmup, seed):
    return f"{depth}/{wiring}/{lr}/{warmup}/{seed}"


def record():
    return {key(d, w, lr, wu, s): [round(v, 4) for v in train(d, w, lr, wu, STEPS, seed=s)]
            for d in DEPTHS for lr in LRS for wu in WARMUPS for s in SEEDS for w in WIRINGS}


def write(runs, out=OUT):
    lines = [HEADER, f"STEPS = {STEPS}\n",
             f"DEPTHS, WIRINGS, LRS, WARMUPS, SEEDS = {DEPTHS}, {WIRINGS}, {LRS}, {WARMUPS}, {SEEDS}\n\n",
             "RUNS = {\n"]
    lines += [f'    "{k}": {runs[k]},\n' for k in sorted(runs, key=lambda k: [float(p) if p[0].isdigit() else p for p in k.split("/")])]
    lines.append("}\n")
    out.write_text("".join(lines))


if __name__ == "__main__":
    write(record())
