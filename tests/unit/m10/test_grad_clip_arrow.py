"""grad_clip_arrow: global clipping shortens onto the circle and keeps the direction, per-tensor
clipping can turn it; and the numbers m10-l05 states (its schedule, saddle, overparameterised
fit and the capstone's loop settings)."""

import inspect
import math

from mlmath import widgets
from mlmath.gpt import train as capstone
from mlmath.gpt.engine import MAX_NORM
from mlmath.m10.grad_clip_arrow import angle, clip
from mlmath.m18.recipe import PRESETS


def test_global_clipping_keeps_direction_and_caps_length():
    for gx, gy, c in ((3, 0.5, 1), (0.3, 0.4, 1), (-2, 2, 0.5), (0, 0, 1)):
        cx, cy = clip(gx, gy, c)
        assert math.hypot(cx, cy) <= c + 1e-9
        assert angle(gx, gy, cx, cy) < 1e-6
        if math.hypot(gx, gy) <= c:
            assert (cx, cy) == (gx, gy)


def test_per_tensor_clipping_turns_the_arrow():
    assert round(angle(3, 0.5, *clip(3, 0.5, 1, "per-tensor")), 1) == 17.1
    assert angle(3, 3, *clip(3, 3, 1, "per-tensor")) < 1e-6        # both over: no turn


def test_drag_moves_the_tip():
    w = widgets.create("grad_clip_arrow", {})
    w.handle({"type": "drag", "handle": "gx", "x": w.plot.x(2), "y": w.plot.y(-1)})
    assert (w.values()["gx"], w.values()["gy"]) == (2.0, -1.0)


def test_the_schedule_numbers():
    assert math.isclose(capstone.lr_at(99, 3000), 0.001 * 100 / 101)
    assert capstone.lr_at(100, 3000) == 0.001 and math.isclose(capstone.lr_at(0, 3000), 0.001 / 101)
    assert (capstone.LR, capstone.MIN_LR, capstone.WARMUP, MAX_NORM) == (1e-3, 1e-4, 100, 1.0)


def test_the_saddle_plateau():
    def first_below(y0, lr=0.1):
        x, y = 1.0, y0
        for k in range(2000):
            if x * x + (y * y - 1) ** 2 / 4 < 0.01:
                return k
            x, y = x - lr * 2 * x, y - lr * (y * y - 1) * y
    assert (first_below(1e-3), first_below(1e-6), first_below(1e-12), first_below(0.0)) == (79, 152, 297, None)
    assert round(math.log(1e6) / math.log(1.1)) == 145


def test_the_exact_fits_form_a_line():
    X, Y = [[1, 2, 0], [0, 1, 1]], [1, 2]
    for s in (-1.0, 0.0, 0.5, 2.0):
        w = [-1 / 3 + 2 * s, 2 / 3 - s, 4 / 3 + s]
        assert all(abs(sum(a * b for a, b in zip(w, x)) - y) < 1e-12 for x, y in zip(X, Y))
    assert math.isclose(math.sqrt(1 / 9 + 4 / 9 + 16 / 9), 1.5275, abs_tol=1e-4)


def test_the_loop_the_lesson_reads():
    src = inspect.getsource(capstone.train)
    for line in ('rng = Rng(seed, "batches")', "step = it + 1", 'windows.sample(rng, engine.B, "train")',
                 "lr_at(it, steps)", "await engine.loss()", "estimate(engine, windows, seed, step)"):
        assert line in src, line
    assert inspect.signature(capstone.estimate).parameters["batches"].default == 10
    labels = {label for label, _ in PRESETS.values()}
    assert {"no warmup, large rate", "no gradient clipping, plain SGD"} <= labels
