"""density_interval_area: an interval's probability is the area under the density, equal
to the cdf's rise; the whole area is 1 whatever sigma is, though the peak can pass 1."""

import math

import pytest

from mlmath import widgets
from scene_checks import readout


def density(**config):
    return widgets.create("density_interval_area", config)


@pytest.mark.parametrize("a, b, sigma", [(0, 1, 1), (-1.64, 1.64, 1), (-2, 0.5, 0.4), (1, -1, 2)])
def test_the_area_is_the_rise_of_the_cdf(a, b, sigma):
    v = density(a=a, b=b, sigma=sigma).values()
    assert v["area"] == pytest.approx(v["rise"], abs=1e-6) and v["total"] == pytest.approx(1, abs=1e-6)


def test_one_sigma_and_the_ninety_percent_interval():
    assert density(a=0, b=1).values()["area"] == pytest.approx(0.3413, abs=1e-4)
    w = density(a=-1.64, b=1.64)
    assert abs(w.values()["area"] - 0.9) < 0.005
    assert readout(w, "shaded area (2000 strips)") == "0.899"


def test_a_narrow_density_peaks_above_one_but_keeps_area_one():
    w = density(sigma=0.3)
    v = w.values()
    assert v["peak"] == pytest.approx(1 / (0.3 * math.sqrt(2 * math.pi))) and round(v["peak"], 2) == 1.33
    assert v["total"] == pytest.approx(1) and readout(w, "peak density f(0)") == "1.33"


def test_dragging_moves_the_ends_on_the_axis():
    w = density()
    w.handle({"type": "drag", "handle": "a", "x": w.left.x(-2), "y": 0})
    w.handle({"type": "drag", "handle": "b", "x": w.left.x(9), "y": 0})      # beyond the axis: kept at 4
    assert (w.values()["a"], w.values()["b"]) == (-2, 4)
    w.handle({"type": "key", "handle": "a", "key": "ArrowRight"})
    assert w.values()["a"] == pytest.approx(-1.95)


def test_bad_options_are_rejected_by_name():
    with pytest.raises(ValueError, match="density_interval_area: sigma"):
        density(sigma=0)
