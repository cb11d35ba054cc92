"""xor_hidden_space: with both hidden units alike, a 0 and a 1 share a hidden point and no
output line helps; OR and AND hidden units make XOR; the lesson's hand-set answer; the
weight arrows move by drag and keys."""

import itertools

from mlmath import widgets
from mlmath.m11.nn_common import decide


def make(**config):
    return widgets.create("xor_hidden_space", config)


def test_identical_hidden_units_leave_a_clash_no_output_line_can_fix():
    w = make()
    (u11, u12, b1), (u21, u22, b2) = [[w.values()[k] for k in ks] for ks in (("u11", "u12", "b1"), ("u21", "u22", "b2"))]
    assert -b1 / u11 == -b2 / u21 == 0.5 and u11 == u12 and u21 == u22 and u11 != u21   # one line, two arrows
    assert w.values()["clashes"] == 2 and w.values()["errors"] == 2
    grid = [k / 2 for k in range(-4, 5)]
    best = 4
    for v1, v2, c in itertools.product(grid, grid, grid):
        w.set_values({"v1": v1, "v2": v2, "c": c})
        best = min(best, w.values()["errors"])
    assert best >= 1


def test_or_and_and_hidden_units_compute_xor():
    w = make()
    for b2 in (-1.4, -1.8, -2):                     # the lesson: b2 at -1.4 or below makes unit 2 an AND
        w.set_values({"b2": b2})
        assert w.values()["errors"] == 0 and w.values()["clashes"] == 0
    w.set_values({"b2": -1.3})
    assert w.values()["errors"] == 2
    w.set_values({"b2": -1.8})
    assert [w.hidden(x) for x in [(0, 0), (0, 1), (1, 0), (1, 1)]] == [(0, 0), (1, 0), (1, 0), (1, 1)]


def test_the_grid_search_of_the_lesson_finds_three_at_best():
    grid = [k / 4 for k in range(-8, 9)]
    xor = [((0, 0), 0), ((0, 1), 1), ((1, 0), 1), ((1, 1), 0)]
    assert len(grid) ** 3 == 4913
    assert max(sum(decide((a, b), c, x) == y for x, y in xor)
               for a, b, c in itertools.product(grid, repeat=3)) == 3


def test_the_arrows_move_by_drag_and_keys():
    w = make()
    w.handle({"type": "drag", "handle": "v", "x": w.right.x(1.5), "y": w.right.y(-0.5)})
    assert (w.values()["v1"], w.values()["v2"]) == (1.5, -0.5)
    w.handle({"type": "key", "handle": "u2", "key": "ArrowDown"})
    assert w.values()["u22"] == 1.3 and w.values()["u21"] == 1.4
