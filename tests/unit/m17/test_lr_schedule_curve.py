"""The lr_schedule_curve widget: the formula against the capstone's lr_at, sliders, the step
marker, the goal, learner schedules, and the numbers lesson m17-l03 states about the schedule."""

import math

import pytest

from mlmath import widgets
from mlmath.gpt.train import LR, MIN_LR, WARMUP, lr_at
from mlmath.m17.lr_schedule_curve import BOX, FLOORS, LENGTHS, PEAKS, WARMUPS, fmt_lr, schedule
from lesson_kernel import lesson_part, lesson_widget, run_lesson
from scene_checks import readout


def curve(**config):
    return widgets.create("lr_schedule_curve", config)


def slide(w, cid, value):
    choices = {"warmup": WARMUPS, "max_lr": PEAKS, "min_lr": FLOORS, "steps": LENGTHS}[cid]
    w.handle({"type": "input", "id": cid, "value": str(choices.index(value))})


def test_capstone_constants_the_lesson_states():
    assert (LR, MIN_LR, WARMUP) == (1e-3, 1e-4, 100)


def test_formula_is_the_capstones_schedule():
    for steps in (300, 3000, 5000):
        for it in range(steps):
            assert schedule(it, steps, LR, MIN_LR, WARMUP) == pytest.approx(lr_at(it, steps), abs=1e-18)
    assert schedule(0, 1000, 0.003, 0.0, 0) == 0.003
    assert schedule(1550, 3000, 0.001, 0.0001, 100) == pytest.approx(0.00055)
    assert schedule(99, 3000, 0.001, 0.0001, 100) == pytest.approx(0.001 * 100 / 101)


def test_sliders_marker_and_keys():
    w = curve()
    slide(w, "warmup", 100)
    slide(w, "max_lr", 0.001)
    slide(w, "min_lr", 0.0001)
    slide(w, "steps", 3000)
    assert (w.warmup, w.max_lr, w.min_lr, w.steps) == (100, 0.001, 0.0001, 3000)
    w.handle({"type": "drag", "handle": "step", "x": (BOX[0] + BOX[2]) / 2, "y": 0})
    assert w.step == round(0.5 * 2999)
    w.handle({"type": "key", "handle": "step", "key": "ArrowRight"})
    assert w.step == 1501
    w.handle({"type": "key", "handle": "step", "key": "PageUp"})
    assert w.step == 1651
    w.handle({"type": "key", "handle": "step", "key": "End"})
    assert w.step == 2999
    w.handle({"type": "key", "handle": "step", "key": "ArrowRight"})
    assert w.step == 2999
    slide(w, "steps", 1000)                              # the marker keeps its place in the run
    assert w.step == 999
    w.handle({"type": "key", "handle": "step", "key": "Home"})
    assert w.step == 0 and readout(w, "phase") == "warmup"
    assert readout(w, "learning rate") == fmt_lr(0.001 / 101)
    w.handle({"type": "input", "id": "warmup", "value": "99"})   # no such choice: ignored
    assert w.warmup == 100
    w.handle({"type": "input", "id": "nope", "value": "1"})
    w.handle({"type": "drag", "handle": "step", "x": "bad", "y": 0})
    assert w.step == 0 and w.scene()["shapes"][-1]["handle"] == "step"


def test_the_marker_is_drawn_on_top_so_its_centre_grabs_it():
    w = curve(warmup=100, max_lr=0.001, min_lr=0.0001, steps=3000, step=1550)
    for it in (0, 60, 1550, 2999):
        w.handle({"type": "key", "handle": "step", "key": "Home"})
        w.knobs["step"].set(it)
        shapes = w.shapes()
        assert shapes[-1].get("handle") == "step"          # painted last: nothing above it takes the press
        n = len(shapes)
        w.handle({"type": "key", "handle": "step", "key": "ArrowRight"})
        assert len(w.shapes()) == n                        # keys and drags keep its index


def test_floor_above_peak_is_capped():
    w = curve(max_lr=0.0003, min_lr=0.0001)
    slide(w, "max_lr", 0.0001)
    assert w.min_lr == 0.0001 <= w.max_lr


def test_goal():
    part = lesson_part("m17-l03", "widget", "schedule")
    w = lesson_widget("m17-l03", "schedule")
    assert not w.goal_met()
    w.set_values(part.data["goal"]["solution"])
    assert w.goal_met() and w.values()["lr"] == pytest.approx(0.00055)
    w.handle({"type": "key", "handle": "step", "key": "PageUp"})
    assert not w.goal_met()
    w.set_values({"step": 1550, "steps": 2000})
    assert not w.goal_met()


def test_bad_options_are_rejected():
    for bad in ({"warmup": 7}, {"max_lr": 0.1}, {"steps": 123}, {"step": 1000}, {"reference": 1},
                {"max_lr": 0.0001, "min_lr": 0.001}):
        with pytest.raises(ValueError):
            curve(**bad)


def test_learner_schedule():
    def right(it, steps, max_lr, min_lr, warmup):
        return schedule(it, steps, max_lr, min_lr, warmup)

    def no_floor(it, steps, max_lr, min_lr, warmup):
        return schedule(it, steps, max_lr, 0.0, warmup)

    def broken(it, steps, max_lr, min_lr, warmup):
        return 1 / 0

    w = curve(min_lr=0.0001).use(right)
    assert readout(w, "largest gap over the run").endswith("(the same curve)")
    assert sum(1 for s in w.shapes() if s.get("cls") == "accent2") == 1
    w.use(no_floor)
    assert not readout(w, "largest gap over the run").endswith("(the same curve)")
    assert "ZeroDivisionError" in readout(curve().use(broken), "your get_lr")
    with pytest.raises(TypeError):
        curve().use("x")


def test_lesson_schedule_numbers():
    kernel, printed, scenes = run_lesson("m17-l03")
    out = printed["cell-6"]
    assert f"step 0: {lr_at(0, 3000):.3g}" in out
    assert f"step 1550: {lr_at(1550, 3000):.6f}" in out and f"{lr_at(1550, 3000):.6f}" == "0.000550"
    assert f"step 2999: {lr_at(2999, 3000):.7f}" in out
    assert 100 + 2900 // 2 == 1550
    gap = [r["value"] for r in scenes["schedule"]["readouts"] if r["label"] == "largest gap over the run"]
    assert gap and gap[0].endswith("(the same curve)")
    assert math.cos(math.pi / 2) == pytest.approx(0)
