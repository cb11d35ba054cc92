"""norm_axis_grid and l04_norm.normalize: both axes match their definitions (LayerNorm row by
row as mlmath.numeric.layer_norm does it), slices come out with mean 0 and spread 1, and an
outlier example moves the other examples' outputs under BatchNorm only."""

import math

from mlmath import widgets
from mlmath.m13.l04_norm import BATCH, normalize
from mlmath.numeric import layer_norm


def test_axis_1_is_layer_norm_and_axis_0_is_the_transpose():
    assert all(all(math.isclose(a, b) for a, b in zip(r, layer_norm(row))) for r, row in zip(normalize(BATCH, 1), BATCH))
    cols = [layer_norm(list(c)) for c in zip(*BATCH)]
    assert all(all(math.isclose(a, b) for a, b in zip(r, s)) for r, s in zip(normalize(BATCH, 0), zip(*cols)))


def test_every_slice_comes_out_standard():
    w = widgets.create("norm_axis_grid", {})
    for axis in ("batch", "features"):
        for k in range(1, 6):
            w.set_values({"axis": axis, "feature": k, "example": k})
            v = w.values()
            assert abs(v["out_mean"]) < 1e-12 and abs(v["out_std"] - 1) < 1e-3


def test_an_outlier_moves_other_examples_only_under_batch_norm():
    w = widgets.create("norm_axis_grid", {"outlier": 10})
    assert w.values()["shift"] > 0.3
    w.set_values({"axis": "features"})
    assert w.values()["shift"] == 0


def test_layer_norm_ignores_a_rows_scale_up_to_epsilon():
    row = [1.0, -2.0, 4.0, 0.5]
    a, b = normalize([row], 1)[0], normalize([[10 * v for v in row]], 1)[0]
    assert max(abs(p - q) for p, q in zip(a, b)) < 1e-5
