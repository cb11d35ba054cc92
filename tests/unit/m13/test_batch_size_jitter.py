"""batch_size_jitter: size 1 gives 0 every time, size 2 gives +-1, the jitter shrinks as batches
grow, and 64 is the smallest size on the slider that averages near 1 and jitters under 0.1."""

from mlmath import widgets
from mlmath.m13.batch_size_jitter import JITTER, SIZES, SMALLEST, TRUE
from mlmath.m13.l04_norm import batch_outputs


def test_the_true_value_is_one_and_size_one_gives_zero():
    assert TRUE == 1
    assert batch_outputs(1) == [0.0] * 20


def test_size_two_gives_plus_or_minus_one():
    assert all(abs(abs(o) - 1) < 2e-4 for o in batch_outputs(2))


def test_jitter_falls_with_size_and_the_goal_is_64():
    assert SMALLEST == 64
    assert JITTER[256] < JITTER[16] < JITTER[2]
    w = widgets.create("batch_size_jitter", {})
    assert w.values()["size"] == 4 and w.values()["smallest"] == 64
    w.set_values({"size": 32})
    assert w.values()["jitter"] > 0.1
    w.set_values({"size": 64})
    assert w.values()["jitter"] < 0.1 and abs(w.values()["mean"] - 1) < 0.1
    assert SIZES[0] == 1
