"""saddle_fraction and l03_saddles: eigen_signs counts eigenvalue signs correctly (against
matrices with known eigenvalues), saddles take over as n grows, the 2x2 share of saddles is
1/sqrt(2) for this random model, bowls fall faster than 1/2^n, and m06-l03's numbers."""

import math
import random

import pytest

from mlmath import widgets
from mlmath.m06.l03_saddles import eigen_signs, random_symmetric, shape_counts


def rotate(eigs, rng):
    """Q diag(eigs) Q^T for a random orthogonal Q (Gram-Schmidt on Gaussian columns)."""
    n = len(eigs)
    Q = []
    for _ in range(n):
        v = [rng.gauss(0, 1) for _ in range(n)]
        for q in Q:
            d = sum(a * b for a, b in zip(v, q))
            v = [a - d * b for a, b in zip(v, q)]
        norm = math.sqrt(sum(a * a for a in v))
        Q.append([a / norm for a in v])
    return [[sum(Q[k][i] * eigs[k] * Q[k][j] for k in range(n)) for j in range(n)] for i in range(n)]


@pytest.mark.parametrize("eigs", [[1, 2, 3], [-1, 2, -3, 4], [0.5, -0.1, 2, 3, -4], [1, 0, -2], [0, 0, 1]])
def test_eigen_signs_counts_the_signs(eigs):
    M = rotate(eigs, random.Random(len(eigs)))
    assert eigen_signs(M, tol=1e-9) == (sum(e > 0 for e in eigs), sum(e < 0 for e in eigs))


def test_zero_pivots_are_handled():
    assert eigen_signs([[0, 1], [1, 0]]) == (1, 1)
    assert eigen_signs([[0, 0], [0, 0]]) == (0, 0)
    assert eigen_signs([[0, 0, 1], [0, 2, 0], [1, 0, 0]]) == (2, 1)


def test_random_symmetric_is_symmetric():
    M = random_symmetric(5, random.Random(3))
    assert all(M[i][j] == M[j][i] for i in range(5) for j in range(5))


def test_the_two_by_two_share_is_one_over_root_two():
    bowls, caps, saddles = shape_counts(2, 40000, seed=7)
    assert abs(saddles / 40000 - 1 / math.sqrt(2)) < 0.01          # standard error 0.0023
    assert abs(bowls / 40000 - (2 - math.sqrt(2)) / 4) < 0.008


def test_saddles_take_over_and_bowls_beat_coin_flips_down():
    w = widgets.create("saddle_fraction", {"n": 1})
    shares = []
    for n in range(1, 11):
        w.set_values({"n": n})
        v = w.values()
        shares.append(v["saddle"])
        if n >= 2:
            assert v["bowl"] < 0.5 ** n
    assert shares[0] == 0 and shares[3] > 0.99 and shares[2] <= 0.99
    assert all(b >= a for a, b in zip(shares, shares[1:]))


def test_the_hessian_of_the_capstone_is_huge():
    assert round(208320 ** 2 / 1e10, 1) == 4.3
