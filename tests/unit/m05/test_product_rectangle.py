"""product_rectangle: the area's growth is exactly the two strips plus the corner, the
corner's share shrinks in proportion to dx (so the rate tends to the product rule), and
the numbers the lesson states hold: 6.75 at x = 1.5 (= 3·1.5², the slope of x³), a corner
of 18.9% at dx = 0.5 and under 1% at dx = 0.01."""

import math

from mlmath import widgets


def widget(**config):
    return widgets.create("product_rectangle", config)


def test_growth_is_two_strips_and_a_corner():
    w = widget()
    for x in (0.5, 1.2, 2):
        for dx in (0.5, 0.1, 0.003):
            w.set_values({"x": x, "dx": dx})
            v = w.values()
            assert math.isclose(v["growth"], v["strips"] + v["corner"], rel_tol=1e-12)


def test_the_corner_vanishes_and_the_rate_tends_to_the_rule():
    w = widget(x=1.5)
    shares, misses = [], []
    for dx in (0.5, 0.1, 0.01, 0.001):
        w.set_values({"dx": dx})
        v = w.values()
        shares.append(v["corner_share"])
        misses.append(abs(v["rate"] - v["rule"]))
    assert shares == sorted(shares, reverse=True) and misses == sorted(misses, reverse=True)
    assert misses[-1] < 0.005
    w.set_values({"dx": 0.5})
    assert round(100 * w.values()["corner_share"], 1) == 18.9 and w.values()["rule"] == 6.75 == 3 * 1.5 ** 2
    w.set_values({"dx": 0.01})
    assert w.values()["corner_share"] < 0.01
    w.handle({"type": "drag", "handle": "x", "x": w.plot.x(1.0), "y": 0})
    assert w.values()["x"] == 1.0
