"""limit_failure_gallery: the verdicts count only when they name each function's real
behaviour, and zooming keeps each failure failing (the jump's gap, the blow-up's growth)."""

from mlmath import widgets
from mlmath.m04.l03_limits import CASES, value


def test_only_the_true_verdicts_meet_the_goal():
    w = widgets.create("limit_failure_gallery", {"cases": ["wiggle", "cubehole", "blowup", "step"]})
    assert w.values()["right"] == 0
    w.set_values({"v1": "oscillates", "v2": "exists", "v3": "blows up", "v4": "exists"})
    assert w.values()["right"] == 3
    w.set_values({"v4": "jump"})
    assert w.values()["right"] == 4


def test_zooming_never_rescues_a_failure():
    step, blow = CASES["step"][0], CASES["blowup"][0]
    for h in (0.5, 0.01, 1e-4):
        assert abs(value(step, h) - value(step, -h)) > 1.9
    assert value(blow, 1e-4) > value(blow, 0.01) > value(blow, 0.5)
