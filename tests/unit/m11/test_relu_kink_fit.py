"""relu_kink_fit: the network y₀ + Σ aᵢ·relu(x − xᵢ) passes through every knot and is
straight between them; the lesson's solution (knots on the sine, 7 of them) leaves a gap
of about 0.13; the knots stay ordered under drags and keys; and the fall of the gap with
more units that lesson m11-l05 prints (about four times per doubling)."""

import math

from mlmath import widgets
from mlmath.m11.relu_kink_fit import relu_net, relu_terms


def make(**config):
    return widgets.create("relu_kink_fit", config)


def test_the_relu_sum_is_the_broken_line_through_the_knots():
    xs, ys = [-1, 0.5, 2, 3], [2, -1, 0, 4]
    c, terms = relu_terms(xs, ys)
    for x, y in zip(xs, ys):
        assert math.isclose(relu_net(c, terms, x), y, abs_tol=1e-12)
    for x0, x1, y0, y1 in zip(xs, xs[1:], ys, ys[1:]):
        assert math.isclose(relu_net(c, terms, (x0 + x1) / 2), (y0 + y1) / 2, abs_tol=1e-12)


def test_the_lessons_solution_and_start():
    w = make(target="sin", knots=7)
    assert w.values()["max_error"] == 1.0 and w.values()["units"] == 6
    w.set_values({"y1": 0.87, "y2": 0.87, "y4": -0.87, "y5": -0.87})
    assert 0.125 < w.values()["max_error"] < 0.135


def test_knots_stay_in_order():
    w = make()
    w.handle({"type": "drag", "handle": "k2", "x": w.plot.x(0.2), "y": w.plot.y(0.5)})
    v = w.values()
    assert v["x1"] < v["x2"] and v["y2"] == 0.5
    w.handle({"type": "key", "handle": "k3", "key": "Home"})
    assert w.values()["x3"] > w.values()["x2"]
    w.handle({"type": "key", "handle": "k0", "key": "ArrowUp"})
    assert w.values()["y0"] == 0.01


def test_doubling_the_units_cuts_the_gap_about_four_times():
    gaps = []
    for units in (4, 8, 16, 32, 64):
        xs = [2 * math.pi * i / units for i in range(units + 1)]
        c, terms = relu_terms(xs, [math.sin(x) for x in xs])
        gaps.append(max(abs(relu_net(c, terms, t) - math.sin(t)) for t in [2 * math.pi * j / 4000 for j in range(4001)]))
    ratios = [a / b for a, b in zip(gaps, gaps[1:])]
    assert all(3.5 < r < 4.1 for r in ratios[1:]) and ratios[0] > 2.9
    xs = [2 * math.pi * i / 30 for i in range(31)]
    c, terms = relu_terms(xs, [math.sin(x) for x in xs])
    assert max(abs(relu_net(c, terms, 2 * math.pi * j / 3000) - math.sin(2 * math.pi * j / 3000)) for j in range(3001)) < 0.006


def test_the_deep_tent_of_going_deeper():
    tent = lambda x: 2 * max(0.0, x) - 4 * max(0.0, x - 0.5)
    for k in (1, 2, 3, 4):
        n = 4096
        ys = []
        for j in range(n + 1):
            x = j / n
            for _ in range(k):
                x = tent(x)
            ys.append(x)
        peaks = sum(1 for a, b, c in zip(ys, ys[1:], ys[2:]) if b > a and b >= c)
        assert peaks == 2 ** (k - 1)
