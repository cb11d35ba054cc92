"""The course's pure-Python numerics, written once: what widgets compute and lesson
checks compare against. Vectors are lists of floats, matrices lists of rows, so
a learner can read every line and check any number by hand.

The transformer pieces match the capstone engine's definitions (nanoGPT's):
LayerNorm with eps = 1e-5 over the last axis, GELU with erf, attention scaled by
1/sqrt(d_k) with an optional causal mask.
"""

import math


def dot(a, b):
    if len(a) != len(b):
        raise ValueError(f"dot needs two vectors of one length, not {len(a)} and {len(b)}")
    return sum(x * y for x, y in zip(a, b))


def matvec(W, v):
    """W v, for W given as a list of rows."""
    return [dot(row, v) for row in W]


def transpose(A):
    return [list(col) for col in zip(*A)]


def matmul(A, B):
    cols = transpose(B)
    return [[dot(row, col) for col in cols] for row in A]


def argmax(values):
    """The index of the largest value; the first one on a tie, as numpy's argmax."""
    return max(range(len(values)), key=values.__getitem__)


def log_sum_exp(scores):
    """log(sum(exp(s))), exact even when exp(s) would overflow: the max is taken out first."""
    top = max(scores)
    if top == -math.inf:
        return -math.inf
    return top + math.log(sum(math.exp(s - top) for s in scores))


def softmax(scores):
    """Probabilities from scores; the max is subtracted first so exp never overflows,
    and a score of -inf (masked) gets exactly zero weight."""
    top = max(scores)
    e = [math.exp(s - top) for s in scores]
    total = sum(e)
    return [x / total for x in e]


def log_softmax(scores):
    lse = log_sum_exp(scores)
    return [s - lse for s in scores]


def layer_norm(v, weight=None, bias=None, eps=1e-5):
    """(v - mean) / sqrt(var + eps), then scaled and shifted per channel if given."""
    n = len(v)
    mean = sum(v) / n
    var = sum((x - mean) ** 2 for x in v) / n
    out = [(x - mean) / math.sqrt(var + eps) for x in v]
    if weight is not None:
        out = [o * w for o, w in zip(out, weight)]
    if bias is not None:
        out = [o + b for o, b in zip(out, bias)]
    return out


def gelu(x):
    """The exact GELU, x Phi(x), with the normal CDF written through erf."""
    return 0.5 * x * (1.0 + math.erf(x / math.sqrt(2.0)))


def attention(queries, keys, values, causal=False):
    """Scaled dot-product attention for one head.

    Each query i scores every key j by q_i . k_j / sqrt(d_k) (with `causal`, only
    j <= i), softmax turns a row of scores into weights, and the output is the
    weighted sum of the value rows. Returns (weights, outputs), both lists of rows.
    """
    scale = 1 / math.sqrt(len(keys[0]))
    weights = []
    for i, q in enumerate(queries):
        scores = [dot(q, k) * scale if not causal or j <= i else -math.inf for j, k in enumerate(keys)]
        weights.append(softmax(scores))
    outputs = [[sum(w * v[c] for w, v in zip(row, values)) for c in range(len(values[0]))] for row in weights]
    return weights, outputs


def derivative(f, x, h=1e-5):
    """f'(x) by the central difference; its error falls like h^2 until round-off takes over."""
    return (f(x + h) - f(x - h)) / (2 * h)


def gradient(f, point, h=1e-5):
    """The gradient of f at `point` (a list), one central difference per coordinate."""
    grad = []
    for i in range(len(point)):
        up, down = list(point), list(point)
        up[i] += h
        down[i] -= h
        grad.append((f(up) - f(down)) / (2 * h))
    return grad
