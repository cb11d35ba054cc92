"""descent_bowl_1d: each step multiplies x by 1 - 2a·η; η = 1/(2a) lands in one step, η = 1/a
bounces, anything above diverges; and the numbers m10-l01 states."""

import math

from mlmath import widgets
from mlmath.m10.descent_bowl_1d import descend, steps_needed


def bowl(**config):
    return widgets.create("descent_bowl_1d", config)


def test_each_step_multiplies_by_the_same_factor():
    for a in (0.5, 1, 2):
        for lr in (0.05, 0.3, 0.7):
            xs = descend(a, lr, 2.5, 10)
            for x, nxt in zip(xs, xs[1:]):
                assert math.isclose(nxt, (1 - 2 * a * lr) * x, rel_tol=1e-12)


def test_the_perfect_step_and_the_edge():
    for a in (0.5, 1, 2):
        assert steps_needed(a, 1 / (2 * a), 2.5) == 1
        assert descend(a, 1 / a, 2.5, 7)[-1] == -2.5            # bounces forever
        assert steps_needed(a, 1 / a, 2.5) == -1
        assert steps_needed(a, 0.99 / a, 2.5) > 0
        assert abs(descend(a, 1.01 / a, 2.5, 50)[-1]) > 2.5


def test_the_numbers_the_lesson_states():
    assert steps_needed(1, 0.05, 2.5) == 53
    assert steps_needed(1, 0.8, 2.5) == steps_needed(1, 0.2, 2.5) == 11
    assert steps_needed(2, 0.49, 2.5) == 136
    assert math.isclose(-2 - 0.1 * (2 * -2), -1.6)
    xs = descend(1, 0.7, 2, 2)
    assert [round(x, 12) for x in xs] == [2, -0.8, 0.32]


def test_the_goals_need_the_idea():
    w = bowl(a=1, lr=0.05)
    for lr in (0.48, 0.49, 0.51, 0.52):
        w.set_values({"lr": lr})
        assert w.values()["steps_needed"] > 1
    w.set_values({"lr": 0.5})
    assert w.values()["steps_needed"] == 1
    w = bowl(a=2)
    w.set_values({"lr": 0.5})
    assert w.values()["steps_needed"] == -1 and not w.values()["diverged"]
    w.set_values({"lr": 0.51})
    assert w.values()["diverged"]


def test_the_readouts_and_the_start_handle():
    w = bowl(a=1, lr=1.0)
    assert any(r["value"] == "never: it bounces" for r in w.readouts())
    w.set_values({"lr": 1.2})
    assert any(r["value"] == "never: it diverges" for r in w.readouts())
    w.handle({"type": "drag", "handle": "x0", "x": w.plot.x(-1.5), "y": 0})
    assert w.values()["x0"] == -1.5


def test_the_factor_is_named_with_a_only_where_a_is_not_one():
    # m10-l01's first step has not introduced a yet: on x² the readout says 1 − 2η
    labels = lambda w: [r["label"] for r in w.readouts()]
    assert "each step multiplies x by 1 − 2η" in labels(bowl(a=1))
    assert "each step multiplies x by 1 − 2aη" in labels(bowl(a=2))
