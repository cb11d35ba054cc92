"""The tiny pre-LN block of lesson m16-l01, as its first cell writes it, for the
residual_delta_trace widget and the exercises' checks to grade against.

    h   = x + Attn(LN1(x))        the attention sub-layer reads a normalised copy, writes a delta
    out = h + MLP(LN2(h))         the MLP sub-layer does the same

d = 4, T = 4 tokens, one causal attention head, an MLP that widens to 4d with GELU. The
weights come from a seeded random.Random, rounded to two decimals; LayerNorm's scale and
shift and the biases stay at their initial 1 and 0, so they are left out.
"""

import random

from ..numeric import attention as head, gelu, layer_norm, matvec

SEED = 1600
D, T = 4, 4


def make_model(seed=SEED, d=D, t=T):
    """The stream arriving at the block (t rows of d) and the block's weights, drawn in the
    lesson cell's order so that its X, Wq, ... are these very numbers."""
    rng = random.Random(seed)

    def matrix(rows, cols, scale):
        return [[round(rng.uniform(-scale, scale), 2) for _ in range(cols)] for _ in range(rows)]

    X = matrix(t, d, 1.5)
    Wq, Wk, Wv, Wo = (matrix(d, d, 0.9) for _ in range(4))
    W1, W2 = matrix(4 * d, d, 0.9), matrix(d, 4 * d, 0.4)
    return {"X": X, "Wq": Wq, "Wk": Wk, "Wv": Wv, "Wo": Wo, "W1": W1, "W2": W2}


def attention_weights(rows, P):
    """Causal softmax weights, one list per token (token t's weights on tokens 0..t)."""
    q, k, v = ([matvec(P[w], r) for r in rows] for w in ("Wq", "Wk", "Wv"))
    weights, _ = head(q, k, v, causal=True)
    return [w[:t + 1] for t, w in enumerate(weights)]


def attention(rows, P):
    """One causal head, then the output projection: one delta per token."""
    q, k, v = ([matvec(P[w], r) for r in rows] for w in ("Wq", "Wk", "Wv"))
    _, mixed = head(q, k, v, causal=True)
    return [matvec(P["Wo"], m) for m in mixed]


def mlp(v, P):
    return matvec(P["W2"], [gelu(u) for u in matvec(P["W1"], v)])


def block(xs, P):
    """The pre-LN block on every token: the reference a learner's block is graded against."""
    da = attention([layer_norm(x) for x in xs], P)
    h = [[a + b for a, b in zip(x, dx)] for x, dx in zip(xs, da)]
    return [[a + b for a, b in zip(r, mlp(layer_norm(r), P))] for r in h]
