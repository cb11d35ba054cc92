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


def final(key):
    return RUNS[key]["evals"][-1]


def ends(plan, name):
    return final(at(plan, name))


def test_every_planned_run_is_recorded_in_full():
    for plan in PLAN:
        for name in REC.NAMES:
            key = at(plan, name)
            steps = int(key.split("/")[1])
            assert len(RUNS[key]["losses"]) == steps and final(key)[0] == steps, key
    assert at(("full", 40, "mlmath"), "no_mask") == "full/300/no_mask/mlmath"


@pytest.mark.parametrize("plan", PLAN, ids=lambda plan: "/".join(map(str, plan)))
def test_each_preset_shows_its_symptom_where_a_healthy_run_does_not(plan):
    run = lambda name: RUNS[at(plan, name)]
    healthy, val = run("healthy")["losses"], ends(plan, "healthy")[2]
    assert rise(healthy) < 0.5 and max(healthy) <= healthy[0] + 0.01 and not climbs_back(healthy)
    assert val - sum(healthy[-20:]) / 20 < 0.3                  # a healthy run does not leak
    high = run("lr_high")["losses"]
    assert max(high) > high[0] + 1.0                            # climbs far above where it started
    if plan[0] == "tiny":  # a full-size run of 40 iterations has not ended up stuck yet
        assert ends(plan, "lr_high")[2] > val + 0.4
    assert ends(plan, "lr_low")[2] > 4.0 > val + 0.4
    warm = run("no_warmup")["losses"]
    assert max(warm[:10]) > warm[0] + 0.5 and rise(warm[:10]) > 1.0   # the early jump
    # Clipping seldom acts here (Adam scales each step already): a spike on the labelled demo
    # runs, none on the mystery seed or at full size, as the lesson says.
    assert climbs_back(run("no_clip")["losses"]) == (plan[0] == "tiny" and plan[2] == "mlmath")
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


def test_a_preset_that_fixes_its_length_runs_that_long_and_says_so(monkeypatch):
    monkeypatch.setattr(session_module, "_session", None)
    w = create("capstone_trainer", {"presets": True})
    w.s.steps = 100

    async def go():
        w.handle({"type": "input", "id": "preset_no_mask", "value": None})
        run = w.s.run
        w.s.stop()
        await w.s.task
        return run
    assert asyncio.run(go()).steps == PRESETS["no_mask"][1].steps == 300 and w.s.steps == 100
    labels = {c["id"]: c["label"] for c in w.controls()}
    assert labels["preset_no_mask"] == "causal mask left off (300 iterations)"
    assert labels["preset_lr_high"] == PRESETS["lr_high"][0]


def test_the_lesson_quotes_the_recorded_numbers():
    text = (ROOT / "site" / "lessons" / "m18-l02.md").read_text(encoding="utf-8")
    for name in REC.NAMES:
        assert f"{final(f'tiny/300/{name}/mlmath')[2]:.2f}" in text, name
    assert f"{max(RUNS['tiny/300/lr_high/mlmath']['losses']):.1f}" in text
    assert f"{max(RUNS['tiny/300/no_warmup/mlmath']['losses'][:10]):.1f}" in text
    assert f"{RUNS['tiny/300/bad_init/mlmath']['losses'][0]:.1f}" in text
    clip = RUNS["tiny/300/no_clip/mlmath"]["losses"]
    assert f"to {max(clip):.1f} at iteration {clip.index(max(clip)) + 1}" in text
    full = lambda name: RUNS[at(("full", 40, "mlmath"), name)]
    for name in ("healthy", "lr_low"):
        assert f"{full(name)['evals'][-1][2]:.2f}" in text, name
    for name in ("lr_high", "no_warmup"):
        peak = max(full(name)["losses"])
        assert f"{peak:.1f} at iteration {full(name)['losses'].index(peak) + 1}" in text, name
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
    """Retrain two 100-iteration demo runs through wgpu and compare (about 30 s on lavapipe)."""
    from mlmath.gpt.gpu import GpuError, open_gpu
    try:
        asyncio.run(open_gpu())
    except GpuError as e:
        pytest.skip(f"wgpu has no adapter: {e}")
    keys = ["tiny/100/healthy/mlmath", "tiny/100/no_warmup/mlmath"]

    async def go():
        s = session_module.Session()
        return [await REC.record(k, s, log=lambda *_: None) for k in keys]
    for key, got in zip(keys, asyncio.run(go())):
        want = RUNS[key]
        assert max(abs(a - b) for a, b in zip(got["losses"], want["losses"])) < 0.02, key
        assert max(abs(a[2] - b[2]) for a, b in zip(got["evals"], want["evals"])) < 0.02, key
