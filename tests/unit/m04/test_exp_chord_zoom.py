"""exp_chord_zoom: the chord's slope settles on eᵃ (1 at a = 0, about 1 + h/2), and the bend
shrinks like h², faster than the window, so the zoomed curve looks straight."""

import math

from mlmath import widgets


def test_the_slope_settles_on_the_height():
    w = widgets.create("exp_chord_zoom", {"a": 0, "h": 1})
    assert round(w.values()["slope"], 3) == 1.718
    w.set_values({"h": 0.01})
    assert round(w.values()["slope"], 3) == 1.005
    w.set_values({"h": 0.0025})
    assert abs(w.values()["slope"] - 1) >= 0.001            # just outside the goal
    w.set_values({"h": 0.001})
    assert abs(w.values()["slope"] - 1) < 0.001 and math.isclose(w.values()["slope"], 1.0005, abs_tol=1e-6)
    for a in (1, -1, 0.5):
        w.set_values({"a": a, "h": 1e-4})
        assert math.isclose(w.values()["slope"], math.exp(a), rel_tol=1e-4)
    assert round(math.exp(-1), 3) == 0.368


def test_the_bend_shrinks_like_h_squared():
    w = widgets.create("exp_chord_zoom", {"a": 0, "h": 0.1})
    b1 = w.values()["bend"]
    w.set_values({"h": 0.01})
    b2 = w.values()["bend"]
    assert 80 < b1 / b2 < 120                                # h ten times smaller: the bend a hundred times


def test_dragging_the_far_end_sets_h():
    w = widgets.create("exp_chord_zoom", {"a": 0, "h": 1})
    w.handle({"type": "drag", "handle": "lg", "x": w.plot().x(0.1), "y": 0})
    assert math.isclose(w.values()["h"], 0.1, rel_tol=0.07)
