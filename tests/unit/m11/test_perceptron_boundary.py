"""perceptron_boundary: the line w₁x₁ + w₂x₂ + b = 0 splits the points, the count of
mistakes is the count of points on the wrong side, scaling (w, b) changes nothing, the
arrow tip sets w by drag and keys, and no line gets all four XOR points right."""

import itertools

from mlmath import widgets
from mlmath.m11.nn_common import BLOBS, GATES, decide, halfplane


def make(**config):
    return widgets.create("perceptron_boundary", config)


def test_the_lessons_start_has_five_mistakes_and_its_solution_none():
    w = make(data="blobs", w=[1, -1], b=0)
    assert w.values()["errors"] == 5
    w.set_values({"w1": 1, "w2": 1, "b": -1})
    assert w.values()["errors"] == 0 and w.goal_met() is False   # no goal configured


def test_the_decision_is_the_sign_of_z_and_zero_means_no():
    assert decide((2, -1), 0.5, (1, 3)) == 0          # z = -0.5
    assert decide((2, -1), 0.5, (-1, -4)) == 1        # z = 2.5, the lesson's quiz
    assert decide((1, 1), -1, (0.5, 0.5)) == 0        # z = 0 exactly


def test_doubling_every_number_changes_no_answer():
    for x, _ in BLOBS:
        assert decide((1, 1), -1, x) == decide((2, 2), -2, x)


def test_the_shaded_region_is_the_yes_side():
    poly = halfplane(1, 1, -1, (-3.5, -3.5, 3.5, 3.5))
    assert all(x + y - 1 >= -1e-9 for x, y in poly) and len(poly) == 3


def test_dragging_and_keys_move_the_weights():
    w = make()
    w.handle({"type": "drag", "handle": "w", "x": w.plot.x(2), "y": w.plot.y(-1.5)})
    assert (w.values()["w1"], w.values()["w2"]) == (2.0, -1.5)
    w.handle({"type": "key", "handle": "w", "key": "ArrowUp"})
    w.handle({"type": "key", "handle": "w", "key": "ArrowRight"})
    assert (w.values()["w1"], w.values()["w2"]) == (2.1, -1.4)


def test_no_line_on_a_fine_grid_gets_all_four_xor_points_and_three_is_reachable():
    grid = [k / 4 for k in range(-12, 13)]
    best = max(sum(decide((a, c), d, x) == y for x, y in GATES["xor"])
               for a, c, d in itertools.product(grid, grid, grid))
    assert best == 3
    w = make(data="xor", w=[-1, -1], b=0.5)
    assert w.values()["correct"] == 1
    w.set_values({"w1": 1, "w2": 1, "b": -0.5})
    assert w.values()["correct"] == 3


def _tick_labels_outside_the_data(widget, plots):
    """Every text of the scene that is not inside a plot box (tick labels, axis names) stays
    off the plots, so no data point or knot can sit on a tick label."""
    scene = widget.scene()
    texts = [s for s in scene["shapes"] if s.get("t") == "text" and s["s"].lstrip("−-").replace(".", "").isdigit()]
    assert texts
    for t in texts:
        for plot in plots:
            left, top, right, bottom = plot.box
            assert not (left < t["x"] < right and top < t["y"] < bottom), (widget.name, t)


def test_tick_labels_sit_on_the_edges_clear_of_every_point():
    w = make(data="blobs")
    _tick_labels_outside_the_data(w, [w.plot])
    w = make(data="xor")
    _tick_labels_outside_the_data(w, [w.plot])
    r = widgets.create("perceptron_rule_steps", {})
    _tick_labels_outside_the_data(r, [r.plot])
    x = widgets.create("xor_hidden_space", {})
    _tick_labels_outside_the_data(x, [x.left, x.right])
    k = widgets.create("relu_kink_fit", {"target": "sin", "knots": 7})
    _tick_labels_outside_the_data(k, [k.plot])
