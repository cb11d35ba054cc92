"""Code m06-l03 imports: random symmetric matrices (the Hessians of random critical points)
and the signs of a symmetric matrix's eigenvalues, counted without computing them.

eigen_signs(M) uses Sylvester's law of inertia: eliminate M symmetrically (M = L D L^T,
L unit lower triangular); D's diagonal has exactly as many positive and negative entries as
M has positive and negative eigenvalues. Gaussian elimination on n x n is ~n³/3 steps.
"""

import math
import random


def random_symmetric(n, rng):
    """An n x n symmetric matrix: off-diagonal entries drawn from N(0, 1), diagonal from
    N(0, 2) (the Gaussian orthogonal ensemble's shape). `rng` is a random.Random."""
    M = [[0.0] * n for _ in range(n)]
    for i in range(n):
        M[i][i] = rng.gauss(0.0, math.sqrt(2.0))
        for j in range(i):
            M[i][j] = M[j][i] = rng.gauss(0.0, 1.0)
    return M


def eigen_signs(M, tol=1e-12):
    """(how many eigenvalues of the symmetric M are positive, how many negative)."""
    A = [list(map(float, row)) for row in M]
    n = len(A)
    pos = neg = 0
    for k in range(n):
        pivot = A[k][k]
        if abs(pivot) <= tol:
            # a zero pivot: swap in a later row/column with a nonzero diagonal (a symmetric swap)
            swap = next((j for j in range(k + 1, n) if abs(A[j][j]) > tol), None)
            if swap is None:
                off = next((j for j in range(k + 1, n) if abs(A[j][k]) > tol), None)
                if off is None:
                    continue                      # a zero row: one zero eigenvalue
                # add row/column `off` to row/column k: a congruence, so the signs are kept
                for c in range(n):
                    A[k][c] += A[off][c]
                for r in range(n):
                    A[r][k] += A[r][off]
            else:
                A[k], A[swap] = A[swap], A[k]
                for row in A:
                    row[k], row[swap] = row[swap], row[k]
            pivot = A[k][k]
            if abs(pivot) <= tol:
                continue
        if pivot > 0:
            pos += 1
        else:
            neg += 1
        for i in range(k + 1, n):
            factor = A[i][k] / pivot
            if factor:
                for j in range(k, n):
                    A[i][j] -= factor * A[k][j]
        for i in range(k + 1, n):
            A[k][i] = A[i][k] = 0.0
    return pos, neg


def shape_counts(n, trials, seed=0):
    """(bowls, caps, saddles) among `trials` random n x n symmetric matrices."""
    rng = random.Random(seed)
    bowls = caps = saddles = 0
    for _ in range(trials):
        pos, neg = eigen_signs(random_symmetric(n, rng))
        if pos == n:
            bowls += 1
        elif neg == n:
            caps += 1
        elif pos and neg:
            saddles += 1
    return bowls, caps, saddles
