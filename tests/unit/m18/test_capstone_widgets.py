"""The capstone widgets build, draw and reach their goals without a GPU."""

import json

import pytest

from mlmath.m18 import session as session_module
from mlmath.gpt.sample import transforms
from mlmath.widgets import create


@pytest.fixture(autouse=True)
def fresh_session(monkeypatch):
    monkeypatch.setattr(session_module, "_session", None)


@pytest.mark.parametrize("name,config", [
    ("capstone_trainer", {}), ("capstone_trainer", {"presets": True, "samples": True}),
    ("capstone_trainer", {"mystery": True}), ("capstone_dispatches", {}),
    ("capstone_checkpoint", {"mode": "identity"}), ("capstone_checkpoint", {"mode": "file"}),
    ("capstone_sampler", {}), ("capstone_sampler", {"knobs": ["temperature"], "generate": False}),
    ("capstone_credits", {}),
])
def test_builds_draws_and_rejects_unknown_options(name, config):
    w = create(name, config)
    scene = json.loads(json.dumps(w.scene()))
    assert scene["shapes"] and len(scene["shapes"]) < 400
    with pytest.raises(ValueError):
        create(name, {**config, "bogus": 1})


def test_trainer_goal_and_controls():
    w = create("capstone_trainer", {"goal": {"text": "t", "check": "trained_steps >= 40", "solution": {}}})
    assert not w.goal_met()
    w.handle({"type": "input", "id": "size", "value": "tiny"})
    w.handle({"type": "input", "id": "steps", "value": 40})
    assert (w.s.size, w.s.steps) == ("tiny", 40)
    ids = [c["id"] for c in w.controls()]
    assert ids[:3] == ["start", "pause", "size"] and "preset_no_mask" not in ids
    w.set_values({"trained_steps": 40})
    assert w.goal_met()


def test_mystery_diagnosis():
    w = create("capstone_trainer", {"mystery": True})
    w.secret = "bad_init"
    w.handle({"type": "input", "id": "diagnose_lr_low", "value": None})
    assert w.values()["diagnosed"] == 0 and "Not learning rate too low: it was broken" in w.verdict
    w.handle({"type": "input", "id": "diagnose_bad_init", "value": None})
    assert w.values()["diagnosed"] == 0, "one guess per mystery run"


def test_dispatch_tour_keys_and_clicks():
    w = create("capstone_dispatches", {})
    w.handle({"type": "key", "handle": "d0", "key": "PageDown"})
    assert w.index == 10, "a list read left to right: PageDown goes on ten"
    w.handle({"type": "key", "handle": "d10", "key": "ArrowDown"})
    w.handle({"type": "key", "handle": "d11", "key": "ArrowDown"})
    w.handle({"type": "key", "handle": "d12", "key": "ArrowUp"})
    assert w.index == 11
    assert [s["handle"] for s in w.shapes() if s.get("focus")] == ["d11"], "focus follows the selection"
    w.handle({"type": "key", "handle": "d0", "key": "End"})
    assert w.index == 81
    w.handle({"type": "drag", "handle": "d32", "x": 0, "y": 0})
    assert w.values() == {"index": 32}
    texts = [s["s"] for s in w.shapes() if s["t"] == "text"]
    assert any("backward pass" in t or "unembedding" in t for t in texts)


def test_sampler_bars_follow_the_transforms():
    w = create("capstone_sampler", {})
    w.set_values({"temperature": 0.7, "top_k": 6, "top_p": 0.8})
    stages = transforms(w.logits, 0.7, 6, 0.8)
    final = stages[-1][1]
    assert w.values()["kept"] == sum(1 for p in final if p > 0) <= 6
    solid = [s for s in w.shapes() if s["t"] == "rect"][1::2]
    assert sum(1 for s in solid if s["h"] > 0) == w.values()["kept"]
    w.handle({"type": "input", "id": "prompt", "value": "café"})
    assert "no" in w.message and w.prompt != "café"


def test_checkpoint_goals_from_history():
    w = create("capstone_checkpoint", {"mode": "identity"})
    w.history = [("a", 60, "tiny", "1" * 64), ("a", 60, "tiny", "1" * 64)]
    assert w.values()["same_seed_match"] == 1 and w.values()["other_seed_differs"] == 0
    w.history.append(("b", 60, "tiny", "2" * 64))
    assert w.values()["other_seed_differs"] == 1


def test_credits_select_by_click_and_keys():
    w = create("capstone_credits", {})
    names = [n for n, _ in w.files]
    for n in ("engine.py", "train.py", "adamw.wgsl"):
        w.handle({"type": "drag", "handle": f"f{names.index(n)}", "x": 0, "y": 0})
    assert w.values() == {"seen_core": 3}
    w.handle({"type": "key", "handle": "f0", "key": "ArrowDown"})
    assert [s["handle"] for s in w.shapes() if s.get("focus")] == [f"f{w.index}"], "focus follows the selection"
    code = w.controls()[1]
    assert code["kind"] == "code" and code["label"].startswith(names[w.index])


def test_a_runaway_loss_reads_in_powers_of_ten():
    from mlmath.m18.capstone_common import loss_text
    assert loss_text(2.73431) == "2.734" and loss_text(9999.0) == "9999.000"
    assert loss_text(1.397e37) == "1.4×10³⁷" and loss_text(float("inf")) == "inf"
