import json

import pytest

from mlmath.m17.l04_curves import RUNS
from mlmath.widgets import create
from mlmath.m17.curve_diagnosis_board import NAMES, ORDER


def make(**cfg):
    return create("curve_diagnosis_board", cfg)


def test_bad_values_rejected():
    with pytest.raises(ValueError):
        make(seed="c")
    with pytest.raises(ValueError):
        make(guesses=1)
    with pytest.raises(ValueError):
        make().set_values({"chips": ["healthy"] * 4})


def test_chips_cycle_and_count():
    w = make()
    assert w.values() == {"chips": [None] * 5, "correct": 0, "named": 0, "fn_correct": -1}
    w.handle({"type": "drag", "handle": "chip:0", "x": 0, "y": 0})
    assert w.chips[0] == NAMES[0]
    w.handle({"type": "key", "handle": "chip:0", "key": "End"})
    assert w.chips[0] == NAMES[-1]
    w.handle({"type": "key", "handle": "chip:0", "key": "Enter"})     # past the last: round to the first
    assert w.chips[0] == NAMES[0]
    for i, name in enumerate(ORDER):
        while w.chips[i] != name:
            w.handle({"type": "key", "handle": f"chip:{i}", "key": "Enter"})
    assert w.values()["correct"] == 5


def test_goal_and_scene():
    w = make(goal={"text": "t", "check": "correct == 5", "solution": {"correct": 5}})
    assert not w.goal_met()
    w.set_values({"correct": 5})
    assert w.goal_met()
    w.set_values({"chips": ["healthy"] * 5})
    assert not w.goal_met()
    assert [s["handle"] for s in w.scene()["shapes"][:5]] == [f"chip:{i}" for i in range(5)]


def test_learner_function_and_errors():
    w = make(seed="b", guesses=False)
    w.diagnose = lambda run: "healthy"
    assert w.values()["fn_correct"] == 1
    w.diagnose = lambda run: 1 / 0
    assert w.values()["fn_correct"] == 0
    assert "error: ZeroDivision" in json.dumps(w.scene())


def test_held_out_runs_separate_by_the_lessons_rules():
    """The thresholds the lesson's hints give name every recorded run of both seeds."""
    def diagnose(run):
        t, v = run["train"], run["val"]
        if t[-1] > 3.5:
            return "lr_low"
        if v[-1] - t[-1] > 0.3:
            return "overfit"
        if t[-1] > 2.85:
            return "lr_high"
        if t[0] < 3.9:
            return "no_warmup"
        return "healthy"
    for seed in "ab":
        for name in NAMES:
            assert diagnose(RUNS[f"{name}/{seed}"]) == name, (name, seed)
