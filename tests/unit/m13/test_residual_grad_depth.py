"""residual_grad_depth: the goal needs residuals with a small branch scale, the handle moves the
depth, and the readout's ratio is layer 1's gradient over the top's."""

from mlmath import widgets


def test_only_a_scaled_residual_meets_the_goal():
    w = widgets.create("residual_grad_depth", {"depth": 30})
    assert not (0.5 <= w.values()["ratio"] <= 2)
    w.set_values({"residual": True, "alpha": 1.0})
    assert w.values()["ratio"] > 2
    w.set_values({"alpha": 0.3})
    v = w.values()
    assert 0.5 <= v["ratio"] <= 2 and v["other_ratio"] < 0.05
    assert v["ratio"] == v["bottom"] / v["top"]


def test_dragging_the_top_changes_the_depth():
    w = widgets.create("residual_grad_depth", {})
    w.handle({"type": "drag", "handle": "depth", "x": w.plot.x(40), "y": 0})
    assert w.values()["depth"] == 40
    w.handle({"type": "key", "handle": "depth", "key": "ArrowRight"})
    assert w.values()["depth"] == 41
