"""l05_tricks and its recorded runs: block_backward is the chain rule (checked by finite
differences), the recording reruns exactly, and the facts m13-l05 states about the runs hold."""

import math
from pathlib import Path

import pytest

from mlmath.m13.l05_runs import RUNS
from mlmath.m13.l05_tricks import STEPS, block_backward, block_forward, layer_grad_norms, record
from mlmath.m13.trick_toggle_runs import summary


@pytest.mark.parametrize("residual", [False, True])
def test_block_backward_matches_finite_differences(residual):
    x = [0.4, -0.3, 1.2]
    W = [[0.5, -0.7, 0.2], [1.1, 0.3, -0.4], [-0.2, 0.8, 0.6]]
    gy = [0.3, -1.0, 0.5]
    g = block_backward(x, W, residual, 0.4, gy)
    L = lambda xs: sum(a * b for a, b in zip(gy, block_forward(xs, W, residual, 0.4)))
    for j in range(3):
        up = [v + 1e-6 if k == j else v for k, v in enumerate(x)]
        down = [v - 1e-6 if k == j else v for k, v in enumerate(x)]
        assert math.isclose(g[j], (L(up) - L(down)) / 2e-6, abs_tol=1e-7)


def test_the_plain_stack_starves_layer_one_and_a_scaled_residual_does_not():
    plain = layer_grad_norms(30, False)
    assert round(plain[0] / plain[-1], 2) == 0.02                  # "about 2%"
    assert layer_grad_norms(30, True, 1.0)[0] / plain[-1] > 2       # alpha = 1 grows instead
    for depth in range(30, 51):
        r = layer_grad_norms(depth, True, 0.3)
        assert 0.5 <= r[0] / r[-1] <= 2
        p = layer_grad_norms(depth, False)
        assert p[0] / p[-1] < 0.5


def test_the_recorder_the_lesson_names_rewrites_l05_runs_exactly(tmp_path):
    # m13-l05 says the eight runs were recorded by `python -m mlmath.m13.l05_tricks`, which calls
    # record() on l05_runs.py: all eight runs, all 200 steps (the bad batch at 120 included), rerun
    # here into a scratch file must give the committed file byte for byte (about 25 s).
    import mlmath.m13.l05_runs as runs_module
    out = tmp_path / "l05_runs.py"
    record(out)
    assert out.read_text() == Path(runs_module.__file__).read_text()
    assert sorted(RUNS) == [(r, w, c) for r in (False, True) for w in (False, True) for c in (False, True)]
    assert all(len(run["loss"]) == len(run["norm"]) == STEPS == 200 for run in RUNS.values())


def test_what_the_lesson_says_about_the_runs():
    s = {key: summary(run) for key, run in RUNS.items()}
    for key, v in s.items():
        if not key[0]:                               # plain: never leaves its starting level
            assert v["final"] > 0.9 * v["start"]
    assert round(s[(True, False, False)]["early"] / s[(True, False, False)]["start"]) == 7
    assert s[(True, False, False)]["jump"] > 100
    assert s[(True, True, False)]["early"] <= s[(True, True, False)]["start"] and s[(True, True, False)]["jump"] > 10
    assert s[(True, False, True)]["early"] > 5 * s[(True, False, True)]["start"]     # clipping leaves the leap
    assert s[(True, False, True)]["jump"] < 10 and s[(True, True, True)]["jump"] < 10
    clean = [key for key, v in s.items() if v["peak"] <= v["start"] and v["final"] < 0.05]
    assert clean == [(True, True, True)]
    assert math.isclose(0.1 / 51, 0.00196, abs_tol=1e-5)


def test_module_16s_post_ln_runs_as_m13_l05_cites_them():
    from mlmath import widgets
    w = widgets.create("ln_warmup_runs", {"depth": 12, "lr": 0.03, "warmup": False})
    assert w.values()["fails"] == 3
    w = widgets.create("ln_warmup_runs", {"depth": 12, "lr": 0.03, "warmup": True})
    assert w.values()["fails"] == 1


def test_the_settings_the_lesson_states_are_the_recorders():
    # "a 12-layer network ... (width 8, alpha = 0.3) ... Adam at eta = 0.1 for 200 steps. At step 120
    # one example in the batch is mislabelled"; warmup over 50 steps; clipping to global norm 1
    from mlmath.m13 import l05_tricks as t
    assert (t.DEPTH, t.WIDTH, t.ALPHA, t.LR, t.STEPS, t.SPIKE_STEP) == (12, 8, 0.3, 0.1, 200, 120)
    assert (t.WARMUP, t.MAX_NORM, t.BATCH) == (50, 1.0, 8)
