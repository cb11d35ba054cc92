"""quadratic_shape: H = [[2a, b], [b, 2c]]; its eigenvalues multiply to det and add to trace,
the kind follows the det/trace rule, a and c positive with b² > 4ac is a saddle (m06-l03's
goal), and each principal direction is an eigenvector along which f curves by its eigenvalue."""

import math

import pytest

from mlmath import widgets
from mlmath.m06.quadratic_shape import formula


def widget(**config):
    return widgets.create("quadratic_shape", config)


@pytest.mark.parametrize("a, b, c, kind", [(1, 0, 1, "bowl"), (1, 2.5, 1, "saddle"), (-1, 0.5, -2, "cap"),
                                           (1, 2, 1, "flat direction"), (0, 1, 0, "saddle"), (2, -3, 1.5, "bowl")])
def test_kind_det_trace_and_eigenvalues(a, b, c, kind):
    v = widget(a=a, b=b, c=c).values()
    assert v["kind"] == kind
    assert math.isclose(v["det"], 4 * a * c - b * b, abs_tol=1e-9) and math.isclose(v["trace"], 2 * a + 2 * c)
    assert math.isclose(v["l1"] * v["l2"], v["det"], abs_tol=1e-9) and math.isclose(v["l1"] + v["l2"], v["trace"])


@pytest.mark.parametrize("a, b, c", [(1, 2.5, 1), (0.5, -1, 1.5), (-1, 0, 2), (1, 0, 1)])
def test_f_curves_by_the_eigenvalue_along_each_direction(a, b, c):
    w = widget(a=a, b=b, c=c)
    f = lambda x, y: a * x * x + b * x * y + c * y * y
    for lam, (ux, uy) in w.directions():
        t = 0.5
        # f(t u) = (lam / 2) t² exactly, for a quadratic with its critical point at 0
        assert math.isclose(f(t * ux, t * uy), lam / 2 * t * t, abs_tol=1e-9)


def test_the_goal_starts_unmet_and_formula_reads_well():
    w = widget(a=1, b=0, c=1)
    assert w.values()["kind"] == "bowl"
    w.handle({"type": "input", "id": "b", "value": 2.5})
    assert w.values()["kind"] == "saddle"
    assert formula(1, 2.5, 1) == "x² + 2.5xy + y²" and formula(-1, 0, -0.5) == "−x² − 0.5y²" and formula(0, 0, 0) == "0"
