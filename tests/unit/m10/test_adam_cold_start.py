"""adam_cold_start: uncorrected Adam under a steady gradient steps η(1 − β₁ᵗ)/√(1 − β₂ᵗ), which
a literal Adam run reproduces; bias correction makes every step η; and the numbers m10-l04
states (the paper's first step 3.16η, its peak 6.57η at t = 12, the capstone's 2.13η, RMSProp's
tenfold first step, Adam's 53 steps, the reference thetas, the capstone's settings)."""

import math

from mlmath import widgets
from mlmath.gpt.engine import BETAS, EPS, WEIGHT_DECAY
from mlmath.gpt.model import Config, n_params
from mlmath.m10.adam_cold_start import peak, uncorrected
from mlmath.m10.optimizer_paths import run
from scene_checks import readout


def adam_sizes(g, steps, b1, b2, correct, eps=0.0):
    m = v = 0.0
    out = []
    for t in range(1, steps + 1):
        m, v = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g
        mh, vh = (m / (1 - b1 ** t), v / (1 - b2 ** t)) if correct else (m, v)
        out.append(mh / (math.sqrt(vh) + eps))
    return out


def test_the_curve_is_a_literal_adam_run():
    for b1, b2 in ((0.9, 0.999), (0.9, 0.99), (0.5, 0.9999)):
        for g in (0.3, 7.0):
            raw = adam_sizes(g, 50, b1, b2, False)
            assert all(math.isclose(r, uncorrected(b1, b2, t), rel_tol=1e-9) for t, r in enumerate(raw, 1))
            assert all(math.isclose(c, 1.0, rel_tol=1e-9) for c in adam_sizes(g, 50, b1, b2, True))


def test_the_numbers_the_lesson_states():
    assert round(uncorrected(0.9, 0.999, 1), 2) == 3.16
    assert peak(0.9, 0.999) == (12, peak(0.9, 0.999)[1]) and round(peak(0.9, 0.999)[1], 2) == 6.57
    assert peak(0.9, 0.99)[0] == 13 and round(peak(0.9, 0.99)[1], 2) == 2.13
    assert uncorrected(0.9, 0.999, 100) > 3
    assert (BETAS, EPS, WEIGHT_DECAY) == ((0.9, 0.99), 1e-8, 0.1) and n_params(Config()) == 208_320


def test_the_widget_goal_and_readout():
    w = widgets.create("adam_cold_start", {"beta1": 0.9, "beta2": 0.999})
    assert w.values()["peak"] == 12 and not w.goal_met()
    w.handle({"type": "drag", "handle": "t", "x": w.plot.x(12), "y": 0})
    assert w.values()["t"] == 12
    assert readout(w, "largest uncorrected step (t ≤ 100)") == "6.57 η"      # where: the learner's to find
    assert readout(w, "step 12 without correction") == "6.569 η"
    assert all(uncorrected(0.9, 0.999, t) < uncorrected(0.9, 0.999, 12) for t in (11, 13))


def test_the_scaled_bowl_numbers():
    def steps(method, lr, **kw):
        for k, (x, y) in enumerate(run(method, 0.01, 10, (-8, 1), lr, 300, **kw)):
            if 0.01 * x * x + 10 * y * y < 0.01:
                return k
    assert steps("adam", 0.2, betas=(0.9, 0.999)) == 53
    assert all(steps("gd", i / 100) is None for i in range(1, 41))
    (x0, _), (x1, _) = run("rmsprop", 0.01, 10, (-8, 1), 0.2, 1, rho=0.99)[:2]
    assert math.isclose(x1 - x0, 10 * 0.2, rel_tol=1e-6)          # the first step: ten times η


def test_the_reference_thetas():
    theta, m, v = 1.0, 0.0, 0.0
    out = []
    for t, g in enumerate((0.5, -0.2, 0.3), 1):
        m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
        theta -= 0.001 * (m / (1 - 0.9 ** t)) / (math.sqrt(v / (1 - 0.999 ** t)) + 1e-8)
        out.append(round(theta, 9))
    assert out == [0.999, 0.998654394, 0.998109954]


def test_plain_descent_needs_over_a_thousand_steps_on_the_scaled_bowl():
    # at the ceiling η = 0.1, x shrinks by 0.998 a step; f < 0.01 needs |x| < 1 from 8
    assert math.ceil(math.log(8) / -math.log(1 - 0.02 * 0.1)) == 1039
