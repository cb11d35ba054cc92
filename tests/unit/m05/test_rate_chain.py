"""rate_chain: the nudge at each line is dx times the rates above it, the total is their
product (12 for the goal's 2, 2, 3; adding the rates would give 7), and the handle moves dx."""

from mlmath import widgets
from scene_checks import readout


def test_rates_multiply_down_the_chain():
    w = widgets.create("rate_chain", {})
    assert w.values()["total"] == 1.5 * 2 * 0.5
    w.set_values({"r1": 2, "r2": 2, "r3": 3, "dx": 0.5})
    v = w.values()
    assert v["total"] == 12 != 2 + 2 + 3 and v["dy"] == 6 and w.goal_met() is False
    assert readout(w, "dy / dx") == "12"
    w.set_values({"r2": -0.5})
    assert w.values()["total"] == -3
    w.set_values({"r2": 0})
    assert w.values()["dy"] == 0


def test_the_handle_moves_the_nudge():
    w = widgets.create("rate_chain", {})
    w.handle({"type": "drag", "handle": "dx", "x": w.axis(0.8), "y": 40})
    assert w.values()["dx"] == 0.8
