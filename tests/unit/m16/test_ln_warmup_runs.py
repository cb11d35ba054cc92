import pytest

from mlmath.gpt import model, train as gpt_train
from mlmath.m16.l02_runs import DEPTHS, LRS, RUNS, SEEDS, STEPS, WARMUPS
from mlmath.m16.ln_warmup_runs import jump
from mlmath.widgets import create
from mlmath.m16 import l02_stack as m


NAME = "ln_warmup_runs"


def final(depth, wiring, lr, warmup, seed):
    return RUNS[f"{depth}/{wiring}/{lr}/{warmup}/{seed}"][-1]


def test_bad_values_rejected():
    for bad in ({"depth": 5}, {"seed": 7}, {"warmup": 1}, {"lr": 0.1}):
        with pytest.raises(ValueError):
            create(NAME, bad)


def test_recorded_runs_are_complete():
    assert len(RUNS) == len(DEPTHS) * 2 * len(LRS) * len(WARMUPS) * len(SEEDS)
    assert all(len(v) == STEPS for v in RUNS.values())


@pytest.mark.parametrize("key", ["12/post/0.03/0/0", "12/post/0.01/0/0", "12/post/0.03/40/0", "6/post/0.03/0/1", "2/pre/0.03/0/2"])
def test_recorded_runs_regenerate(key):
    """The curves in the widget are what the pure-Python model really does (a few seconds each)."""
    depth, wiring, lr, warmup, seed = key.split("/")
    got = m.train(int(depth), wiring, float(lr), int(warmup), STEPS, seed=int(seed))
    assert all(abs(round(a, 4) - b) < 2e-4 for a, b in zip(got, RUNS[key])), key


def test_chips_and_keys_and_focus_stays_in_its_row():
    w = create(NAME, {"depth": 2})
    w.handle({"type": "drag", "handle": "depth:12", "x": 0, "y": 0})
    assert w.depth == 12
    before = [(i, s["handle"]) for i, s in enumerate(w.shapes()) if "handle" in s]
    w.handle({"type": "key", "handle": "warmup:off", "key": "ArrowRight"})
    assert w.warmup and w.depth == 12
    shapes = w.shapes()
    # the chips keep their places, and focus goes to the chosen warmup chip, nowhere else
    assert [(i, s["handle"]) for i, s in enumerate(shapes) if "handle" in s] == before
    assert [s["handle"] for s in shapes if s.get("focus")] == ["warmup:on"]
    w.handle({"type": "key", "handle": "warmup:on", "key": "ArrowRight"})
    assert w.warmup and [s["handle"] for s in w.shapes() if s.get("focus")] == ["warmup:on"]
    w.handle({"type": "key", "handle": "lr:0.03", "key": "ArrowLeft"})
    assert w.lr == 0.01 and [s["handle"] for s in w.shapes() if s.get("focus")] == ["lr:0.01"]
    w.handle({"type": "key", "handle": "seed:0", "key": "ArrowRight"})
    assert w.seed == 1
    w.handle({"type": "key", "handle": "seed:1", "key": "Enter"})
    assert w.seed == 1 and not any(s.get("focus") for s in w.shapes())
    w.handle({"type": "drag", "handle": "depth:99", "x": 0, "y": 0})
    assert w.depth == 12


def test_goal_and_a_setting_that_was_not_run():
    goal = {"text": "t", "check": "depth == 12 and warmup == 0 and fails == 0",
            "solution": {"depth": 12, "lr": 0.01, "warmup": 0}}
    w = create(NAME, {"depth": 12, "lr": 0.03, "goal": goal})
    assert not w.goal_met()
    w.set_values({"lr": 0.01})
    assert w.goal_met()
    w.set_values({"warmup": 1})
    assert not w.goal_met()
    with pytest.raises(ValueError):
        w.set_values({"depth": 5})


def test_the_readout_says_what_the_curve_does():
    """At 12 layers and 0.03, seed 0, post-LN is not stuck: it falls to 0.177 by step 38, jumps to
    2.45 at step 47. With warmup, seed 0 jumps right after warmup ends (step 41)."""
    ratio, a, low, b, high = jump(RUNS["12/post/0.03/0/0"])
    assert (a, round(low, 3), b, round(high, 2)) == (38, 0.177, 47, 2.45)
    text = create(NAME, {"depth": 12, "lr": 0.03}).readouts()[2]["value"]
    assert "fell to 0.177 by step 38, then jumped to 2.45 at step 47" in text and "stuck" not in text
    warm = RUNS["12/post/0.03/40/0"]
    assert warm[40] > 3 * warm[39] and min(warm[:40]) == warm[39]      # losses before steps 41 and 40
    assert jump(RUNS["2/post/0.03/0/0"])[0] <= 2                        # a run that learns says no jump


def test_prose_claims():
    fails = lambda d, wi, lr, wu: sum(final(d, wi, lr, wu, s) > 0.1 for s in SEEDS)
    # pre-LN learns at every depth, both rates, with or without warmup, on every seed
    assert all(fails(d, "pre", lr, wu) == 0 for d in DEPTHS for lr in LRS for wu in WARMUPS)
    # post-LN without warmup: 0.03 is fine at 2 and 6 layers, fails at 12 (all seeds); 0.01 is fine
    # at 12 and fails at 24 (all seeds: the numeric quiz's answer 3)
    assert fails(2, "post", 0.03, 0) == fails(6, "post", 0.03, 0) == 0
    assert fails(12, "post", 0.03, 0) == 3 and fails(12, "post", 0.01, 0) == 0
    assert fails(24, "post", 0.01, 0) == 3
    # warmup rescues 12 layers at 0.03 on two seeds of three (the quiz's answer is 1), 24 at 0.01 on none
    assert fails(12, "post", 0.03, 40) == 1 and fails(24, "post", 0.01, 40) == 3
    w = create(NAME, {"depth": 12, "lr": 0.03, "warmup": True})
    assert w.values()["fails"] == 1
    # the warmup ramps from lr/40 to lr over the first 40 steps, as the lesson says
    assert WARMUPS == (0, 40) and LRS == (0.01, 0.03) and STEPS == 80


def test_six_of_six_seeds_at_twelve_layers():
    """'Six of six': three more seeds than the widget has, same outcome at both rates."""
    for seed in (3, 4, 5):
        assert m.train(12, "post", 0.01, 0, STEPS, seed=seed)[-1] < 0.1
        assert m.train(12, "post", 0.03, 0, STEPS, seed=seed)[-1] > 0.1


def test_capstone_facts_in_the_callout():
    """The capstone engine is pre-LN with a final LayerNorm and warms up over 100 steps."""
    assert gpt_train.WARMUP == 100
    src = open(model.__file__).read()
    assert "ln_1.weight" in src and "ln_2.weight" in src and "ln_f.weight" in src
