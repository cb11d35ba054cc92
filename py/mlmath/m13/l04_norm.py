"""Lesson 13.04's normalisation: one function over either axis of a batch x features matrix,
and the seeded data its widgets draw.

    normalize(x, axis=0)   # BatchNorm's statistics: each feature (column) over the batch
    normalize(x, axis=1)   # LayerNorm's statistics: each example (row) over its features

Both compute (x - mean) / sqrt(var + eps) with the population variance (divide by the count)
and eps = 1e-5, as PyTorch and mlmath.numeric.layer_norm do when normalising.
"""

import math
import random

EPS = 1e-5


def normalize(x, axis, eps=EPS):
    """x is a list of rows. axis 0 normalises each column over the rows, axis 1 each row."""
    if axis == 1:
        return [_norm(row, eps) for row in x]
    cols = [_norm(list(col), eps) for col in zip(*x)]
    return [list(row) for row in zip(*cols)]


def _norm(v, eps):
    mean = sum(v) / len(v)
    var = sum((a - mean) ** 2 for a in v) / len(v)
    return [(a - mean) / math.sqrt(var + eps) for a in v]


def mean_std(v):
    mean = sum(v) / len(v)
    return mean, math.sqrt(sum((a - mean) ** 2 for a in v) / len(v))


# A small batch: 6 examples, 5 features on different scales (feature j ~ N(center_j, spread_j)).
CENTERS = [2.0, -1.0, 0.5, 4.0, 0.0]
SPREADS = [1.0, 0.5, 2.0, 1.5, 1.0]
_rng = random.Random(1304)
BATCH = [[round(_rng.gauss(c, s), 2) for c, s in zip(CENTERS, SPREADS)] for _ in range(6)]

# One feature's population, and a long seeded stream of draws from it for batches of any size.
POP_MEAN, POP_STD = 3.0, 2.0
EXAMPLE = 5.0                       # the example whose normalised value we follow
_prng = random.Random(1314)
POOL = [_prng.gauss(POP_MEAN, POP_STD) for _ in range(20 * 256)]


def batch_outputs(size, batches=20):
    """EXAMPLE's BatchNorm output in each of `batches` batches: EXAMPLE plus size - 1 other
    draws from the population (consecutive slices of POOL), normalised by that batch's statistics."""
    out = []
    for k in range(batches):
        others = POOL[k * 256:k * 256 + size - 1]
        batch = [EXAMPLE] + others
        out.append(_norm(batch, EPS)[0])
    return out
