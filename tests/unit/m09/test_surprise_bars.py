"""surprise_bars: each bar's surprise is -log p, the entropy is their p-weighted average,
moving one bar keeps the total at 1, and only the flat distribution reaches log n."""

import math

from mlmath import widgets


def widget(**config):
    return widgets.create("surprise_bars", config)


def test_surprise_and_entropy_of_the_weather():
    w = widget(labels=["sun", "cloud", "rain", "snow"], probs=[0.7, 0.2, 0.08, 0.02])
    v = w.values()
    assert math.isclose(v["s3"], -math.log2(0.02)) and v["s3"] > v["s2"] > v["s1"] > v["s0"]
    assert math.isclose(v["H"], sum(p * s for p, s in zip([0.7, 0.2, 0.08, 0.02], [v[f"s{i}"] for i in range(4)])))
    assert v["Hmax"] == 2
    w.set_values({"unit": "nats"})
    assert math.isclose(w.values()["H"], v["H"] * math.log(2))


def test_moving_one_bar_keeps_the_total_at_one():
    w = widget(probs=[0.7, 0.2, 0.08, 0.02])
    w.handle({"type": "drag", "handle": "p3", "x": 0, "y": w.plot.y(0.5)})
    p = w.probs()
    assert math.isclose(p[3], 0.5, abs_tol=0.002) and math.isclose(sum(p), 1)
    assert math.isclose(p[0] / p[1], 0.7 / 0.2, rel_tol=0.02)          # the others keep their ratios
    w.handle({"type": "key", "handle": "p0", "key": "End"})
    assert w.probs()[0] == 1 and w.values()["H"] == 0 and w.values()["s1"] == math.inf


def test_only_the_flat_distribution_reaches_log_n():
    w = widget(probs=[1, 1, 1, 1])
    assert math.isclose(w.values()["H"], 2)
    w.set_values({"p0": 0.3, "p1": 0.25, "p2": 0.25, "p3": 0.2})
    assert w.values()["H"] < 2


def test_the_goal_of_a_three_bit_outcome():
    w = widget(labels=["sun", "cloud", "rain", "snow"], probs=[0.7, 0.2, 0.08, 0.02])
    w.handle({"type": "drag", "handle": "p2", "x": 0, "y": w.plot.y(0.125)})
    assert abs(w.values()["s2"] - 3) < 0.01
