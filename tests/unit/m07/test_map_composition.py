"""map_composition: B·A is "A, then B" (its columns are B applied to A's columns), the two
orders can differ, determinants multiply, and a shear is undone by the opposite shear.
And the numbers m07-l04 states."""

import itertools

import pytest

from mlmath import widgets
from mlmath.m07.map_composition import MAPS
from mlmath.widgets.plane import apply
from scene_checks import assert_scene_fits, readout


def test_the_product_is_first_a_then_b_for_every_pair():
    w = widgets.create("map_composition", {})
    for a, b in itertools.product(MAPS, MAPS):
        w.set_values({"first": a, "second": b})
        v = w.values()
        A, B = MAPS[a][0], MAPS[b][0]
        P = [[v["p11"], v["p12"]], [v["p21"], v["p22"]]]
        for point in [(1, 0), (0, 1), (2, -1)]:
            assert apply(P, point) == apply(B, apply(A, point))
        det = lambda M: M[0][0] * M[1][1] - M[0][1] * M[1][0]   # noqa: E731
        assert v["det"] == det(B) * det(A)
        assert_scene_fits(w.scene())


def test_the_lessons_examples():
    w = widgets.create("map_composition", {"first": "rot90", "second": "reflect_x"})
    assert readout(w, "B·A") == "[[0, −1], [−1, 0]]" and readout(w, "A·B") == "[[0, 1], [1, 0]]"
    assert w.values()["same"] == 0
    w.set_values({"first": "reflect_x", "second": "rot90"})
    assert readout(w, "B·A") == "[[0, 1], [1, 0]]"
    w.set_values({"first": "shear", "second": "unshear"})
    assert readout(w, "B·A") == "[[1, 0], [0, 1]]" and w.values()["same"] == 1
    # a shear and a stretch, no negatives, still fail to commute
    S, D = [[1, 1], [0, 1]], [[2, 0], [0, 1]]
    mul = lambda B, A: [[sum(B[i][k] * A[k][j] for k in range(2)) for j in range(2)] for i in range(2)]   # noqa: E731
    assert mul(S, D) == [[2, 1], [0, 1]] and mul(D, S) == [[2, 2], [0, 1]]
    # the inverse formula on the shear, and flattening loses information
    assert [[1 / 1, -1 / 1], [0, 1]] == [[1, -1], [0, 1]]
    assert apply(MAPS["flatten"][0], (0, 1)) == apply(MAPS["flatten"][0], (0, 2)) == (0, 0)
    assert 3 * 4 - 1 * 2 == 10 and 2 * 1.5 - 1 * 0 == 3 and -2 * 1 - 3 * 4 == -14


def test_choices_move_by_keys_and_inputs():
    w = widgets.create("map_composition", {"first": "rot90"})
    w.handle({"type": "key", "handle": "first", "key": "ArrowRight"})
    w.handle({"type": "input", "id": "second", "value": 4})
    assert w.values()["first"] == "rot270" and w.values()["second"] == "shear"


@pytest.mark.parametrize("config", [{"first": "spin"}, {"second": 3}])
def test_bad_config_is_rejected(config):
    with pytest.raises(ValueError, match="map_composition"):
        widgets.create("map_composition", config)
