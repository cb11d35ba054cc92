"""Module 13's exercise checks, tried as a learner would (the review's probes): correct solutions
written another way pass, and the wrong ones found in review fail with feedback that names the slip."""

import pytest

from lesson_kernel import attempt


CHOOSE = "from mlmath.m13.l01_fit import fit, mse\ndef choose_degree(train, val, degrees):\n"


def test_choose_degree_names_fitting_on_val():
    loop = CHOOSE + "    best = None\n    for d in degrees:\n        e = mse(fit(train, d), val)\n        if best is None or e < best[0]:\n            best = (e, d)\n    return best[1]\n"
    assert attempt("m13-l01", "choose", loop) is None
    said = attempt("m13-l01", "choose", CHOOSE + "    return min(degrees, key=lambda d: mse(fit(val, d), val))\n")
    assert said and "fitting on val" in said and "train only" in said
    said = attempt("m13-l01", "choose", CHOOSE + "    errs = [mse(fit(train, d), val) for d in degrees]\n    return errs.index(min(errs))\n")
    assert said and "not its position" in said


DROP = "def inverted_dropout(x, p, rng):\n"


@pytest.mark.parametrize("body", [
    "    return [v * (rng.random() >= p) / (1 - p) for v in x]\n",
    "    return [v / (1 - p) if rng.random() < 1 - p else 0.0 for v in x]\n",
])
def test_inverted_dropout_accepts_either_comparison(body):
    assert attempt("m13-l02", "inverted", DROP + body) is None


def test_inverted_dropout_rejects_one_mask_for_the_list_and_division_by_p():
    said = attempt("m13-l02", "inverted", DROP + "    keep = rng.random() >= p\n    return [v / (1 - p) if keep else 0.0 for v in x]\n")
    assert said and "once per number" in said
    said = attempt("m13-l02", "inverted", DROP + "    return [v / p if rng.random() >= p else 0.0 for v in x]\n")
    assert said and "divided by zero" in said


def test_sgd_step_l2_names_a_decay_without_the_rate():
    said = attempt("m13-l02", "decay-step", "def sgd_step_l2(w, grad, lr, lam):\n    return [(1 - lam) * a - lr * b for a, b in zip(w, grad)]\n")
    assert said and "1 - lr * lam" in said


SPREAD = "import math\ndef last_spread(layers, x, gain):\n    h = list(x)\n"


def test_last_spread_names_each_slip():
    relu_all = "    for W in layers:\n        h = [max(0.0, gain / math.sqrt({n}) * sum(a * b for a, b in zip(r, h))) for r in W]\n"
    rms = "    return math.sqrt(sum(v * v for v in h) / len(h))\n"
    assert attempt("m13-l03", "last-spread", SPREAD + relu_all.format(n="len(h)") + rms) is None
    said = attempt("m13-l03", "last-spread", SPREAD + relu_all.format(n="len(W)") + rms)
    assert said and "fan-out" in said
    said = attempt("m13-l03", "last-spread", SPREAD + relu_all.format(n="len(W[0])") + "    return sum(v * v for v in h) / len(h)\n")
    assert said and "mean square" in said
    no_last = ("    for k, W in enumerate(layers):\n        z = [gain / math.sqrt(len(W[0])) * sum(a * b for a, b in zip(r, h)) for r in W]\n"
               "        h = z if k == len(layers) - 1 else [max(0.0, v) for v in z]\n")
    said = attempt("m13-l03", "last-spread", SPREAD + no_last + rms)
    assert said and "before its ReLU" in said


def test_normalize_names_the_sample_variance():
    code = ("import statistics, math\ndef normalize(x, axis):\n    if axis == 0:\n        return [list(r) for r in zip(*normalize([list(c) for c in zip(*x)], 1))]\n"
            "    return [[(v - statistics.fmean(r)) / math.sqrt(statistics.variance(r) + 1e-5) if len(r) > 1 else 0.0 for v in r] for r in x]\n")
    said = attempt("m13-l04", "normalize", code)
    assert said and "n - 1" in said


def test_warm_clip_step_accepts_the_exact_clip_factor():
    code = ("import math\ndef warm_clip_step(params, grads, step, lr, warmup, max_norm):\n"
            "    rate = lr * (step + 1) / (warmup + 1) if step < warmup else lr\n"
            "    norm = math.sqrt(sum(g * g for t in grads for g in t))\n"
            "    s = max_norm / norm if norm > max_norm else 1.0\n"
            "    return [[p - rate * s * g for p, g in zip(P, G)] for P, G in zip(params, grads)]\n")
    assert attempt("m13-l05", "warm-clip", code) is None
    per_tensor = code.replace("    norm = math.sqrt(sum(g * g for t in grads for g in t))\n    s = max_norm / norm if norm > max_norm else 1.0\n", "").replace(
        "[[p - rate * s * g for p, g in zip(P, G)] for P, G in zip(params, grads)]",
        "[[p - rate * min(1.0, max_norm / (math.sqrt(sum(x * x for x in G)) + 1e-6)) * g for p, g in zip(P, G)] for P, G in zip(params, grads)]")
    said = attempt("m13-l05", "warm-clip", per_tensor)
    assert said and "global norm" in said
