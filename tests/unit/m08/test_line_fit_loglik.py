"""line_fit_loglik: under Gaussian noise with sigma 1, log L = -n log sqrt(2 pi) - SSE / 2,
so the best line by likelihood is the least-squares line; the numbers m08-l04 states."""

import math

import pytest

from mlmath import widgets
from mlmath.m08.line_fit_loglik import XS, YS, least_squares, sse
from lesson_kernel import run_lesson


def fit(**config):
    return widgets.create("line_fit_loglik", config)


def test_the_lessons_data():
    assert YS == [1.58, 2.19, 3.06, 4.08, 3.7, 4.97, 6.2, 4.13] and XS == [0.5 * i for i in range(8)]


@pytest.mark.parametrize("b, y4", [(0, 2), (1.95, 6.05), (5, -1), (-2, 10)])
def test_loglik_plus_half_sse_is_constant(b, y4):
    v = fit(b=b, y4=y4).values()
    assert v["loglik"] + v["sse"] / 2 == pytest.approx(-8 * math.log(math.sqrt(2 * math.pi)))
    assert round(-8 * math.log(math.sqrt(2 * math.pi)), 4) == -7.3515


def test_no_line_beats_least_squares():
    slope, b = least_squares()
    for ds in (-0.05, 0, 0.05):
        for db in (-0.05, 0, 0.05):
            assert sse(slope + ds, b + db) >= sse(slope, b) - 1e-12
    assert fit(b=1.95, y4=6.05).values()["loglik"] > fit().values()["best"] - 0.1


def test_dragging_a_handle_sets_its_height():
    w = fit()
    w.handle({"type": "drag", "handle": "y4", "x": 0, "y": w.plot.y(6)})
    assert w.values()["y4"] == 6 and w.values()["slope"] == 1.5


def test_the_lesson_prints_the_numbers_it_states():
    _, printed, _ = run_lesson("m08-l04")
    cells = list(printed.values())
    assert cells[0].split() == ["0.0", "-762.46"]
    assert printed["bernoulli-mle"].split() == ["0.75", "0.2"]
    rows = [line.split() for line in printed["gaussian-nll"].splitlines()]
    assert rows[0][2] == rows[1][2] == "7.3515"
