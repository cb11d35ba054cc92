"""poly_degree_fit and l01_fit: least squares is exact where it should be, training error never
rises with the degree, validation error bottoms out at degree 3, and the numbers m13-l01 states hold."""

import math

import pytest

from mlmath import widgets
from mlmath.m13.l01_fit import TEST, TRAIN, fit, mse


def widget(**config):
    return widgets.create("poly_degree_fit", config)


def test_fit_recovers_an_exact_polynomial():
    pts = [(x / 4, 1 - 2 * (x / 4) + 0.5 * (x / 4) ** 3) for x in range(-4, 5)]
    f = fit(pts, 3)
    assert all(math.isclose(a, b, abs_tol=1e-9) for a, b in zip(f.coefs, [1, -2, 0, 0.5]))
    with pytest.raises(ValueError, match="needs at least"):
        fit(pts[:3], 3)


def test_training_error_never_rises_and_the_top_degree_interpolates():
    errs = [mse(fit(TRAIN, d), TRAIN) for d in range(12)]
    assert all(b <= a + 1e-12 for a, b in zip(errs, errs[1:]))
    assert errs[11] < 1e-6


def test_validation_picks_degree_3_and_degree_11_is_in_the_hundreds():
    w = widget()
    v = w.values()
    assert v["best"] == 3 and v["train_best"] == 11 and v["degree"] == 1
    w.set_values({"degree": 11})
    assert 100 <= w.values()["val"] < 1000          # "validation error is in the hundreds"
    assert w.values()["train"] < 1e-6               # "training error is about 0"
    d = 3
    assert round(mse(fit(TRAIN, d), TEST), 4) == 0.0674


def test_underfitting_both_errors_high():
    for d in (0, 1):
        w = widget(degree=d)
        assert w.values()["train"] > 0.15 and w.values()["val"] > 0.2


def test_the_marker_drags_and_steps():
    w = widget(degree=1)
    w.handle({"type": "drag", "handle": "degree", "x": w.errplot.x(6.2), "y": 0})
    assert w.values()["degree"] == 6
    w.handle({"type": "key", "handle": "degree", "key": "ArrowLeft"})
    assert w.values()["degree"] == 5
    w.handle({"type": "key", "handle": "degree", "key": "End"})
    assert w.values()["degree"] == 11


def test_degree_11_has_huge_cancelling_coefficients():
    # m13-l02's opening: "up to about 11,000 in size, against 2.5 at degree 3"
    big, small = fit(TRAIN, 11).coefs, fit(TRAIN, 3).coefs
    assert round(max(abs(c) for c in big), -3) == 11000 and round(max(abs(c) for c in small), 1) == 2.5
    assert any(c > 1000 for c in big) and any(c < -1000 for c in big)
