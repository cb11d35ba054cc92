"""continuity_repair: continuous at 1 needs both one-sided limits to agree and to equal
f(1); a filled hole at the wrong height or a lifted piece is caught, with its reason."""

from mlmath import widgets


def test_continuity_needs_agreeing_sides_and_the_right_value():
    w = widgets.create("continuity_repair", {"c": 1, "v": 2.5})
    assert not w.values()["continuous"] and "jump apart" in w.readouts()[-1]["value"]
    w.set_values({"c": 0})
    assert w.values()["left"] == w.values()["right"] == 1 and not w.values()["continuous"]
    assert "the limit is 1, but f(1) = 2.5" in w.readouts()[-1]["value"]
    w.set_values({"v": 1})
    assert w.values()["continuous"]


def test_dragging_lifts_the_piece_and_moves_the_value():
    w = widgets.create("continuity_repair", {})
    w.handle({"type": "drag", "handle": "v", "x": 0, "y": w.plot.y(1)})
    w.handle({"type": "drag", "handle": "c", "x": 0, "y": w.plot.y(0.5)})
    assert w.values()["v"] == 1 and w.values()["c"] == -0.5
