import asyncio
import json
import math

import pytest

from mlmath.m17.l04_curves import BATCH, CONFIG, EVERY, RECIPES, RUNS, STEPS
from mlmath.widgets import create
from mlmath.m17.loss_curve_reader import best_step


def make(**cfg):
    return create("loss_curve_reader", cfg)


def test_recorded_runs_are_complete():
    assert set(RUNS) == {f"{n}/{s}" for n in RECIPES for s in "ab"}
    for r in RUNS.values():
        assert r["step"] == list(range(EVERY, STEPS + 1, EVERY))
        assert len(r["train"]) == len(r["val"]) == len(r["step"])


def test_bad_values_rejected():
    with pytest.raises(ValueError):
        make(runs=["nope/a"])
    with pytest.raises(ValueError):
        make(step=15)


def test_cursor_drag_keys_and_chips():
    w = make(runs=["healthy/a", "overfit/a"], step=10)
    w.handle({"type": "key", "handle": "cursor", "key": "ArrowRight"})
    assert w.values()["step"] == 20
    w.handle({"type": "key", "handle": "cursor", "key": "PageUp"})
    assert w.values()["step"] == 70
    w.handle({"type": "drag", "handle": "cursor", "x": 585, "y": 0})
    assert w.values()["step"] == 300
    w.handle({"type": "drag", "handle": "run:1", "x": 0, "y": 0})
    assert w.values()["run"] == 1
    w.handle({"type": "key", "handle": "run:1", "key": "ArrowLeft"})
    assert w.values()["run"] == 0
    w.handle({"type": "key", "handle": "run:1", "key": "Enter"})
    assert w.values()["run"] == 1
    v = w.values()
    assert v["train"] == RUNS["overfit/a"]["train"][-1] and abs(v["gap"] - (v["val"] - v["train"])) < 1e-9


def test_goal_and_scene():
    best = best_step(RUNS["overfit/a"])
    w = make(runs=["healthy/a", "overfit/a"], step=10,
             goal={"text": "t", "check": "run == 1 and step == best", "solution": {"run": 1, "step": best}})
    assert not w.goal_met()
    w.set_values({"run": 1, "step": best})
    assert w.goal_met()
    w.set_values({"step": 300})
    assert not w.goal_met()
    with pytest.raises(ValueError):
        w.set_values({"step": 15})
    assert w.scene()["shapes"][0]["handle"] == "cursor"


def test_numbers_the_prose_states():
    h, o, lo, leak = (RUNS[k] for k in ("healthy/a", "overfit/a", "lr_low/a", "leak/a"))
    assert abs(math.log(65) - 4.17) < 0.005
    assert abs(h["train"][0] - math.log(65)) < 0.1            # a run starts near ln V
    assert 2.45 < h["train"][-1] < 2.65                         # "near 2.5 by step 300"
    assert max(abs(a - b) for a, b in zip(h["train"][10:], h["val"][10:])) < 0.1   # within a few hundredths
    assert min(o["train"]) < min(h["train"]) and o["val"][-1] > min(o["val"]) + 0.1   # gap opens, val turns up
    assert lo["train"][-1] > 4.0                                # barely left ln 65
    assert abs(leak["val"][-1] - h["val"][-1]) < 0.1           # mask-off ends next to healthy at this size
    assert RUNS["no_warmup/a"]["train"][0] < 3.9 < h["train"][0]
    assert RUNS["lr_high/a"]["train"][-1] > h["train"][-1] + 0.3


def test_lesson_cells_print_what_the_prose_says():
    from lesson_kernel import run_lesson
    kernel, printed, scenes = run_lesson("m17-l04")
    out = "\n".join(printed.values())
    assert "ln 65 = 4.174" in out
    honest = float(out.split("honest model: validation loss ")[1].split()[0])
    leaky = float(out.split("leaky  model: validation loss ")[1].split()[0])
    assert leaky < honest - 0.5                                 # "far below the honest one"
    assert "5 right" in scenes["held"]["readouts"][-1]["value"] or "5 of 5" in json.dumps(scenes["held"])


@pytest.mark.gpu
def test_recorded_curves_regenerate_natively():
    """Retrain the first 60 steps of two runs through wgpu and compare with the recorded numbers (~30 s on lavapipe)."""
    import importlib.util
    from pathlib import Path
    from mlmath.gpt.gpu import GpuError, open_gpu
    try:
        asyncio.run(open_gpu())
    except GpuError as e:
        pytest.skip(f"wgpu has no adapter: {e}")
    path = Path(__file__).resolve().parents[3] / "tools" / "m17_l04_record_curves.py"
    spec = importlib.util.spec_from_file_location("m17_l04_record_curves", path)
    rec = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(rec)
    assert rec.CFG == CONFIG and rec.BATCH == BATCH

    async def go():
        return [await rec.record(k, "a", steps=STEPS, log=lambda *_: None, stop=60) for k in ("healthy", "overfit")]
    for key, got in zip(("healthy/a", "overfit/a"), asyncio.run(go())):
        want = RUNS[key]
        for a, b in zip(got["train"], want["train"][:6]):
            assert abs(a - b) < 0.02, (key, got["train"], want["train"][:6])
