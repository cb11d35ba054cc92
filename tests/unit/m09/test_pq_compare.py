"""pq_compare: H(P, Q) = H(P) + KL(P||Q), KL is 0 only at Q = P and not symmetric, a zero
in Q where P has mass costs infinitely, a fixed P does not move, and each drag keeps a
distribution adding to 1. Also the numbers lesson m09-l02 states."""

import math

from mlmath import widgets
from mlmath.m09.l01_surprise import cross_entropy, entropy, kl

WEATHER = [0.7, 0.2, 0.08, 0.02]


def widget(**config):
    return widgets.create("pq_compare", config)


def test_cross_entropy_is_entropy_plus_kl_and_never_below_entropy():
    w = widget(labels=["sun", "cloud", "rain", "snow"], p=WEATHER, q=[0.25] * 4)
    v = w.values()
    assert math.isclose(v["CE"], 2) and round(v["H"], 2) == 1.23 and math.isclose(v["CE"], v["H"] + v["kl"])
    for q in ([0.6, 0.3, 0.05, 0.05], [0.1, 0.2, 0.3, 0.4], [0.69, 0.21, 0.08, 0.02]):
        w.set_values({f"q{i}": x for i, x in enumerate(q)})
        assert w.values()["CE"] > w.values()["H"] and w.values()["kl"] > 0
    w.set_values({f"q{i}": x for i, x in enumerate(WEATHER)})
    assert w.values()["kl"] == 0 and w.values()["kl_rev"] == 0


def test_kl_is_not_symmetric_and_zeros_cost_infinitely():
    w = widget(p=[0.5, 0.5], q=[0.9, 0.1], labels=["H", "T"])
    v = w.values()
    assert round(v["kl"], 3) == 0.737 and round(v["kl_rev"], 3) == 0.531
    w.handle({"type": "key", "handle": "q0", "key": "End"})
    assert w.values()["CE"] == math.inf and w.values()["kl"] == math.inf


def test_drags_keep_the_total_and_a_fixed_p_stays():
    w = widget(p=[1, 0, 0], q=[1, 1, 1], fixed_p=True)
    w.handle({"type": "drag", "handle": "p0", "x": 0, "y": w.plot.y(0.2)})
    w.handle({"type": "key", "handle": "p1", "key": "End"})
    assert w.dist("p") == [1.0, 0.0, 0.0]
    w.handle({"type": "drag", "handle": "q0", "x": 0, "y": w.plot.y(0.8)})
    q = w.dist("q")
    assert math.isclose(q[0], 0.8, abs_tol=0.002) and math.isclose(sum(q), 1) and math.isclose(q[1], q[2])
    assert math.isclose(w.values()["CE"], -math.log2(q[0]))          # one-hot P: the loss is -log q[right]


def test_the_numbers_of_lesson_02():
    assert round(kl(WEATHER, [0.25] * 4), 6) == 0.771028
    assert round(cross_entropy([0.5, 0.5], [0.99, 0.01]), 2) == 3.33 and round(cross_entropy([0.5, 0.5], [0.6, 0.4]), 2) == 1.03
    assert round(kl([0.5, 0.5], [0.99, 0.01]), 3) == 2.329 and round(math.log2(100), 1) == 6.6
    assert kl([0.5, 0.5], [0.99, 0.01]) >= 2 * kl([0.99, 0.01], [0.5, 0.5])
    assert entropy([1, 0, 0]) == 0
