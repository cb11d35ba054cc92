"""Lesson 13.05's deep networks: gradients per layer with and without a residual path, and
short training runs of a 12-layer network with each trick switched on or off.

A block maps the stream h (width n) to tanh(W h) (plain) or to h + alpha tanh(W h) (residual),
with W's entries standard normal over sqrt(n) (Xavier, lesson 03). `alpha` scales the residual
branch, as the capstone scales its residual projections' initial weights by 1/sqrt(2L).

    layer_grad_norms(depth=30, residual=True, alpha=0.3)   # |dL/dh_l| for l = 0 .. depth

Training (train_run): 12 residual or plain blocks of width 8 on a 2-D regression task
(64 points of sin(pi a) cos(pi b)), a fixed random input embedding and a learned linear readout,
mean squared error, minibatches of 8, Adam (lr 0.1, betas 0.9 and 0.999) for 200 steps. At
step 120 one example of the batch is mislabelled with target 40: the rare batch with a huge
gradient. Warmup ramps the rate as lr (t + 1) / (50 + 1) over the first 50 steps (the capstone's
form); clipping scales the whole gradient to global norm at most 1. Each run takes seconds in
CPython, too long for the page, so the eight runs are recorded in l05_runs.py by
`python -m mlmath.m13.l05_tricks` and tests/unit/m13/test_l05_tricks.py reruns a sample.
"""

import math
import random

# ---- gradients through depth ------------------------------------------------------------
GRAD_WIDTH, GRAD_MAX_DEPTH = 16, 50


def _stack(depth, width, seed):
    rng = random.Random(seed)
    return [[[rng.gauss(0, 1) / math.sqrt(width) for _ in range(width)] for _ in range(width)] for _ in range(depth)]


_GRAD_LAYERS = _stack(GRAD_MAX_DEPTH, GRAD_WIDTH, seed=5)
_rng = random.Random(6)
_GRAD_INPUT = [_rng.gauss(0, 1) for _ in range(GRAD_WIDTH)]
_GRAD_READOUT = [_rng.gauss(0, 1) for _ in range(GRAD_WIDTH)]


def block_forward(h, W, residual, alpha=1.0):
    f = [math.tanh(sum(w * v for w, v in zip(row, h))) for row in W]
    return [a + alpha * b for a, b in zip(h, f)] if residual else f


def block_backward(h, W, residual, alpha, grad_out):
    """dL/dh for one block, given dL/d(block output)."""
    f = [math.tanh(sum(w * v for w, v in zip(row, h))) for row in W]
    gz = [(alpha if residual else 1.0) * g * (1 - fi * fi) for g, fi in zip(grad_out, f)]
    back = [sum(W[i][j] * gz[i] for i in range(len(W))) for j in range(len(h))]
    return [g + b for g, b in zip(grad_out, back)] if residual else back


def layer_grad_norms(depth, residual, alpha=1.0):
    """|dL/dh_l| for l = 0 (the input to layer 1) .. depth (the top), L = u . h_depth."""
    hs = [_GRAD_INPUT]
    for W in _GRAD_LAYERS[:depth]:
        hs.append(block_forward(hs[-1], W, residual, alpha))
    g = list(_GRAD_READOUT)
    norms = [math.sqrt(sum(v * v for v in g))]
    for l in range(depth - 1, -1, -1):
        g = block_backward(hs[l], _GRAD_LAYERS[l], residual, alpha, g)
        norms.append(math.sqrt(sum(v * v for v in g)))
    return norms[::-1]


# ---- short training runs ------------------------------------------------------------------
DEPTH, WIDTH, STEPS, LR, ALPHA, BATCH, POINTS = 12, 8, 200, 0.1, 0.3, 8, 64
WARMUP, MAX_NORM, SPIKE_STEP, SPIKE_TARGET = 50, 1.0, 120, 40.0
BETAS, EPS = (0.9, 0.999), 1e-8


def train_run(residual, warmup, clip, steps=STEPS, seed=0):
    """{"loss": full-data MSE before each step, "norm": the minibatch gradient's global norm}."""
    rng = random.Random(seed)
    X = [(rng.uniform(-1, 1), rng.uniform(-1, 1)) for _ in range(POINTS)]
    Y = [math.sin(math.pi * a) * math.cos(math.pi * b) for a, b in X]
    E = [[rng.gauss(0, 1) for _ in range(2)] for _ in range(WIDTH)]
    Ws = [[[rng.gauss(0, 1) / math.sqrt(WIDTH) for _ in range(WIDTH)] for _ in range(WIDTH)] for _ in range(DEPTH)]
    v = [rng.gauss(0, 1) / math.sqrt(WIDTH) for _ in range(WIDTH)]
    params = [row for W in Ws for row in W] + [v]
    m = [[0.0] * WIDTH for _ in params]
    s = [[0.0] * WIDTH for _ in params]
    b1, b2 = BETAS
    batches = random.Random(seed + 1)
    losses, norms = [], []

    def forward(x):
        h = [e[0] * x[0] + e[1] * x[1] for e in E]
        hs = [h]
        for W in Ws:
            h = block_forward(h, W, residual, ALPHA)
            hs.append(h)
        return sum(a * b for a, b in zip(v, h)), hs

    for t in range(steps):
        idx = [batches.randrange(POINTS) for _ in range(BATCH)]
        ys = [Y[i] for i in idx]
        if t == SPIKE_STEP:
            ys[0] = SPIKE_TARGET
        losses.append(sum((forward(x)[0] - y) ** 2 for x, y in zip(X, Y)) / POINTS)
        gW = [[[0.0] * WIDTH for _ in range(WIDTH)] for _ in range(DEPTH)]
        gv = [0.0] * WIDTH
        for i, y in zip(idx, ys):
            out, hs = forward(X[i])
            d = 2 * (out - y) / BATCH
            for k in range(WIDTH):
                gv[k] += d * hs[-1][k]
            g = [d * vi for vi in v]
            for l in range(DEPTH - 1, -1, -1):
                W, hin = Ws[l], hs[l]
                f = [math.tanh(sum(w * q for w, q in zip(row, hin))) for row in W]
                gz = [(ALPHA if residual else 1.0) * gi * (1 - fi * fi) for gi, fi in zip(g, f)]
                for a in range(WIDTH):
                    row, ga = gW[l][a], gz[a]
                    for j in range(WIDTH):
                        row[j] += ga * hin[j]
                back = [sum(W[a][j] * gz[a] for a in range(WIDTH)) for j in range(WIDTH)]
                g = [p + q for p, q in zip(g, back)] if residual else back
        grads = [row for gl in gW for row in gl] + [gv]
        norm = math.sqrt(sum(x * x for gr in grads for x in gr))
        norms.append(norm)
        scale = min(1.0, MAX_NORM / (norm + 1e-6)) if clip else 1.0
        rate = LR * (t + 1) / (WARMUP + 1) if (warmup and t < WARMUP) else LR
        for p, gr, mm, ss in zip(params, grads, m, s):
            for k in range(WIDTH):
                gk = gr[k] * scale
                mm[k] = b1 * mm[k] + (1 - b1) * gk
                ss[k] = b2 * ss[k] + (1 - b2) * gk * gk
                p[k] -= rate * (mm[k] / (1 - b1 ** (t + 1))) / (math.sqrt(ss[k] / (1 - b2 ** (t + 1))) + EPS)
    return {"loss": losses, "norm": norms}


def record(path):
    """Write every run to `path` as a Python module (RUNS keyed by (residual, warmup, clip))."""
    lines = ['"""The eight recorded runs of l05_tricks.train_run, written by `python -m mlmath.m13.l05_tricks`."""',
             "", "RUNS = {"]
    for residual in (False, True):
        for warmup in (False, True):
            for clip in (False, True):
                run = train_run(residual, warmup, clip)
                lines.append(f"    ({residual}, {warmup}, {clip}): {{")
                for key in ("loss", "norm"):
                    lines.append(f'        "{key}": [{", ".join(format(x, ".6g") for x in run[key])}],')
                lines.append("    },")
    lines.append("}")
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    import pathlib
    record(pathlib.Path(__file__).with_name("l05_runs.py"))
