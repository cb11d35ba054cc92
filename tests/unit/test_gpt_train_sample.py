"""The pure-Python parts of training and sampling: schedule, windows, transforms."""

import math

import pytest

from mlmath.gpt.prng import Rng
from mlmath.gpt.sample import pick, transforms
from mlmath.gpt.train import Windows, lr_at


def test_schedule_warms_up_then_decays_to_min():
    assert lr_at(0, 3000) == pytest.approx(1e-3 / 101)
    assert lr_at(99, 3000) == pytest.approx(1e-3 * 100 / 101)
    assert lr_at(100, 3000) == pytest.approx(1e-3)
    assert lr_at(1550, 3000) == pytest.approx(1e-4 + 0.5 * 9e-4)
    assert lr_at(3000, 3000) == pytest.approx(1e-4)
    assert all(lr_at(i, 3000) >= lr_at(i + 1, 3000) for i in range(100, 3000))


def test_windows_stay_in_their_split():
    w = Windows(1000, 16)
    rng = Rng("w", "t")
    train = w.sample(rng, 500, "train")
    val = w.sample(rng, 500, "val")
    assert all(0 <= o and o + 16 < 900 for o in train)  # the targets too
    assert all(900 <= o and o + 16 < 1000 for o in val)


def test_transforms_in_order():
    logits = [2.0, 1.0, 0.5, 0.0, -1.0]
    stages = transforms(logits, temperature=0.5, top_k=3, top_p=0.8)
    names = [n for n, _ in stages]
    assert names == ["temperature", "top_k", "top_p"]
    t = stages[0][1]
    z = sum(math.exp(x / 0.5) for x in logits)
    assert t[0] == pytest.approx(math.exp(4.0) / z)
    k = stages[1][1]
    assert k[3] == k[4] == 0 and sum(k) == pytest.approx(1)
    p = stages[2][1]
    assert p[0] > 0 and sum(p) == pytest.approx(1)
    assert sum(x > 0 for x in p) == 1 + (k[0] < 0.8)


def test_pick_follows_cumulative_intervals():
    probs = [0.25, 0.0, 0.5, 0.25]
    assert [pick(probs, u) for u in (0.0, 0.24, 0.25, 0.74, 0.75, 0.9999)] == [0, 0, 2, 2, 3, 3]
