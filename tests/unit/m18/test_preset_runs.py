"""The pathology presets show their symptoms in the recorded runs (py/mlmath/m18/preset_runs.py),
the page's prose quotes those runs, the mystery run has a seed of its own and one guess, and
(with a GPU adapter) short runs retrain to the recorded numbers."""

import asyncio
import importlib.util
import math
from pathlib import Path

import pytest

from mlmath.m18 import session as session_module
from mlmath.m18.preset_runs import RUNS
from mlmath.m18.recipe import PRESETS
from mlmath.widgets import create

ROOT = Path(__file__).resolve().parents[3]
LN65 = math.log(65)


def recorder():
    path = ROOT / "tools" / "m18_record_presets.py"
    spec = importlib.util.spec_from_file_location("m18_record_presets", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


REC = recorder()
PLAN = [(size, steps, seed) for size, steps, seed in REC.PLAN]


def at(plan, name):
    """The recorded run of a preset in a plan (at its own length, if it fixes one)."""
    return REC.key(*plan[:2], name, plan[2])


def rise(losses):
    """The largest climb of the training loss above its lowest value so far: a spike."""
    low, worst = losses[0], 0.0
    for v in losses:
        worst, low = max(worst, v - low), min(low, v)
    return worst


def climbs_back(losses):
    """Whether the loss, once well below ln 65, climbs back above it."""
    low = next((i for i, v in enumerate(losses) if v < LN65 - 0.5), len(losses))
    return max(losses[low:], default=0.0) > LN65


def power(v):
    """A runaway loss as the lesson writes it: 1.4 × 10^37."""
    mantissa, exponent = f"{v:.1e}".split("e+")
    return f"${mantissa} \\times 10^{{{int(exponent)}}}$"


def first_above(losses, level):
    """The iteration (from 1) at which the loss first passes `level`."""
    return next(i for i, v in enumerate(losses) if v > level) + 1


def final(key):
    return RUNS[key]["evals"][-1]


def ends(plan, name):
    return final(at(plan, name))


def diverged(losses):
    return not math.isfinite(losses[-1])


def test_every_planned_run_is_recorded_in_full():
    for plan in PLAN:
        for name in REC.NAMES:
            key = at(plan, name)
            steps, losses, evals = int(key.split("/")[1]), RUNS[key]["losses"], RUNS[key]["evals"]
            if diverged(losses):  # the page stops a run at its first infinite or NaN loss
                assert name == "no_clip" and all(map(math.isfinite, losses[:-1])), key
                assert len(losses) < steps and all(step < len(losses) for step, _, _ in evals), key
            else:
                assert len(losses) == steps and final(key)[0] == steps, key
    assert at(("full", 100, "mlmath"), "no_mask") == "full/300/no_mask/mlmath"


@pytest.mark.parametrize("plan", PLAN, ids=lambda plan: "/".join(map(str, plan)))
def test_each_preset_shows_its_symptom_where_a_healthy_run_does_not(plan):
    run = lambda name: RUNS[at(plan, name)]
    healthy, val = run("healthy")["losses"], ends(plan, "healthy")[2]
    assert rise(healthy) < 0.5 and max(healthy) <= healthy[0] + 0.01 and not climbs_back(healthy)
    assert val - sum(healthy[-20:]) / 20 < 0.3                  # a healthy run does not leak
    high = run("lr_high")["losses"]
    assert max(high) > high[0] + 1.0                            # climbs far above where it started
    assert ends(plan, "lr_high")[2] > val + 0.4
    low = ends(plan, "lr_low")[2]   # hardly leaves a uniform guess: a third of healthy's descent at most
    assert LN65 - low < (LN65 - val) / 3 and low > val + 0.8
    warm = run("no_warmup")["losses"]
    assert max(warm[:10]) > warm[0] + 0.5 and rise(warm[:10]) > 1.0   # the early jump
    # No cap under plain SGD: the loss runs away for good, past 10^20 or to infinity or NaN,
    # while every other preset stays below 100. With the cap put back, the same SGD stays
    # finite and far from it: the runaway is the missing cap's.
    wild = run("no_clip")["losses"]
    assert diverged(wild) or wild[-1] > 1e20
    assert max(v for v in wild if math.isfinite(v)) > 1e20
    others = [v for name in PRESETS if name != "no_clip" for v in run(name)["losses"]]
    assert all(map(math.isfinite, others)) and max(others) < 100
    capped = run("no_clip_capped")["losses"]
    assert all(map(math.isfinite, capped)) and max(capped) < 100
    assert run("bad_init")["losses"][0] > LN65 + 5
    # The leak: at its fixed length, at either size, the mask-off training loss sits far below
    # what the same weights achieve with the mask on.
    leak, honest = run("no_mask")["losses"], ends(plan, "no_mask")[2]
    assert honest - sum(leak[-20:]) / 20 > 0.35


def test_the_mystery_run_has_its_own_seed_and_one_guess(monkeypatch):
    monkeypatch.setattr(session_module, "_session", None)
    w = create("capstone_trainer", {"mystery": True})
    seeds = []
    monkeypatch.setattr(w.s, "start", lambda preset: seeds.append((w.s.seed, preset)))
    w.handle({"type": "input", "id": "mystery", "value": None})
    assert seeds == [("mlmath/mystery/1", w.secret)] and w.s.seed == "mlmath"
    assert "mlmath/mystery/1" == REC.MYSTERY
    wrong = next(k for k in PRESETS if k != w.secret)
    w.handle({"type": "input", "id": f"diagnose_{wrong}", "value": None})
    assert w.values()["diagnosed"] == 0 and f"it was {PRESETS[w.secret][0]}" in w.verdict
    w.handle({"type": "input", "id": f"diagnose_{w.secret}", "value": None})
    assert w.values()["diagnosed"] == 0, "a second guess at the same run counts for nothing"
    assert all(c["disabled"] for c in w.controls() if c["id"].startswith("diagnose_"))
    w.handle({"type": "input", "id": "mystery", "value": None})
    assert seeds[-1][0] == "mlmath/mystery/2"
    w.handle({"type": "input", "id": f"diagnose_{w.secret}", "value": None})
    assert w.values()["diagnosed"] == 1 and w.verdict.startswith("Right") and "1 of 2" in w.verdict


def test_a_preset_runs_its_own_length_or_at_least_the_warmup_and_says_so(monkeypatch):
    monkeypatch.setattr(session_module, "_session", None)
    w = create("capstone_trainer", {"presets": True})

    def press(preset):
        """The run a preset's button starts (stopped at once: only its length matters)."""
        async def go():
            w.handle({"type": "input", "id": f"preset_{preset}", "value": None})
            run = w.s.run
            w.s.stop()
            await w.s.task
            return run
        return asyncio.run(go())

    def label(preset):
        return next(c["label"] for c in w.controls() if c["id"] == f"preset_{preset}")

    w.s.steps = 100
    assert press("no_mask").steps == PRESETS["no_mask"][1].steps == 300 and w.s.steps == 100
    assert label("no_mask") == "causal mask left off (300 iterations)"
    assert label("lr_high") == PRESETS["lr_high"][0]
    w.handle({"type": "input", "id": "steps", "value": 40})  # shorter than the warmup
    assert press("lr_high").steps == 100 and w.s.steps == 40
    assert label("lr_high") == "learning rate too high (100 iterations)"


def test_the_lesson_quotes_the_recorded_numbers():
    text = (ROOT / "site" / "lessons" / "m18-l02.md").read_text(encoding="utf-8")
    # each final loss in the sentence that states it (a bare number could stand elsewhere)
    said = {"healthy": "ends there with validation loss {}", "lr_high": "It ends at validation loss {}",
            "lr_low": "and it ends at {}", "no_warmup": "then descends to {}",
            "bad_init": "It is still at {} after 300 iterations",
            "no_clip_capped": "recovers to validation loss {}"}
    for name, phrase in said.items():
        assert phrase.format(f"{final(f'tiny/300/{name}/mlmath')[2]:.2f}") in text, name
    assert f"{max(RUNS['tiny/300/lr_high/mlmath']['losses']):.1f}" in text
    assert f"{max(RUNS['tiny/300/no_warmup/mlmath']['losses'][:10]):.1f}" in text
    assert f"{RUNS['tiny/300/bad_init/mlmath']['losses'][0]:.1f}" in text
    wild, capped = RUNS["tiny/300/no_clip/mlmath"], RUNS["tiny/300/no_clip_capped/mlmath"]
    losses = wild["losses"]
    peak = max(v for v in losses if math.isfinite(v))
    assert (f"passes 30 at iteration {first_above(losses, 30)} and reaches {power(peak)} "
            f"at iteration {losses.index(peak) + 1}") in text
    assert f"at iteration {len(losses)} the widget reports that the loss became {losses[-1]}" in text
    top = max(capped["losses"])
    assert f"(to {top:.1f} at iteration {capped['losses'].index(top) + 1})" in text
    full = lambda name: RUNS[at(("full", 100, "mlmath"), name)]
    assert f"After them the healthy run is at validation loss {full('healthy')['evals'][-1][2]:.2f}" in text
    assert f"the rate too low sits at {full('lr_low')['evals'][-1][2]:.2f}" in text
    for name in ("lr_high", "no_warmup"):
        peak = max(full(name)["losses"])
        assert f"{peak:.1f} at iteration {full(name)['losses'].index(peak) + 1}" in text, name
    long = lambda name: f"{RUNS[at(('tiny', 800, 'mlmath'), name)]['evals'][-1][2]:.2f}"
    assert (f"The healthy run reaches validation loss {long('healthy')}; the rate too high ends at "
            f"{long('lr_high')}, the rate too low at {long('lr_low')}, no warmup at {long('no_warmup')} "
            f"after its early jump, and the broken initialisation at {long('bad_init')}, while plain SGD "
            f"without its cap stops at iteration {len(RUNS[at(('tiny', 800, 'mlmath'), 'no_clip')]['losses'])} "
            "again") in text
    wild, capped = full("no_clip")["losses"], full("no_clip_capped")
    assert (f"passes 30 at iteration {first_above(wild, 30)}, and at iteration {len(wild)} the widget reports "
            f"that the loss became {wild[-1]}") in text
    assert f"at worst {max(capped['losses']):.1f}) but is still at {capped['evals'][-1][2]:.2f}" in text
    longer = lambda name: f"{RUNS[at(('full', 300, 'mlmath'), name)]['evals'][-1][2]:.2f}"
    assert (f"Given 300 iterations it recovers to {longer('no_clip_capped')}, where the rate too high "
            f"and the broken initialisation also end, against the healthy run's {longer('healthy')}; "
            f"the rate too low is then at {longer('lr_low')} and no warmup at {longer('no_warmup')}") in text
    assert longer("lr_high") == longer("bad_init") == longer("no_clip_capped")
    bad = full("bad_init")
    assert f"starts at {bad['losses'][0]:.1f} and is still at {bad['evals'][-1][2]:.2f}" in text
    for size in ("tiny", "full"):
        leak = RUNS[f"{size}/300/no_mask/mlmath"]
        assert f"falls to about {sum(leak['losses'][-20:]) / 20:.1f}" in text, size
        assert f"stay at {leak['evals'][-1][2]:.2f}" in text, size
    leak = RUNS["tiny/300/no_mask/mlmath"]
    half = dict((step, va) for step, _, va in leak["evals"])[150] - sum(leak["losses"][130:150]) / 20
    assert half < 0.35 and f"at iteration 150, the evaluated loss is only {half:.2f} above" in text


@pytest.mark.gpu
def test_recorded_runs_regenerate_natively():
    """Retrain three 100-iteration demo runs through wgpu and compare (about 30 s on lavapipe)."""
    from mlmath.gpt.gpu import GpuError, open_gpu
    try:
        asyncio.run(open_gpu())
    except GpuError as e:
        pytest.skip(f"wgpu has no adapter: {e}")
    keys = ["tiny/100/healthy/mlmath", "tiny/100/no_warmup/mlmath", "tiny/100/no_clip/mlmath"]

    async def go():
        s = session_module.Session()
        return [await REC.record(k, s, log=lambda *_: None) for k in keys]
    for key, got in zip(keys, asyncio.run(go())):
        want = RUNS[key]
        # a runaway amplifies float rounding, so the SGD run is compared until it passes 30
        calm = next((i for i, v in enumerate(want["losses"]) if not v < 30), len(want["losses"]))
        assert max(abs(a - b) for a, b in zip(got["losses"][:calm], want["losses"][:calm])) < 0.02, key
        assert diverged(got["losses"]) == diverged(want["losses"]), key
        assert max(abs(a[2] - b[2]) for a, b in zip(got["evals"], want["evals"]) if b[2] < 30) < 0.02, key
