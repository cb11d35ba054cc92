"""The sentence lesson m15-l03's widgets attend over: tokens, their embeddings (the rows of X),
the projections W_Q, W_K, W_V read from a widget's config, and single-head self-attention on them."""

from ..numeric import attention, matmul
from ..show import fixed
from ..widgets.base import number

TOKENS = ["the", "dog", "bit", "the", "man", "."]
EMBED = {"the": [0, 0, 2, 0], "dog": [2, 0, 0, 2], "bit": [0, 2, 0, 0], "man": [2, 0, 0, -2], ".": [0, 1, 1, 0]}
# W_Q, W_K, W_V for EMBED's features (noun, verb, article, who), as the lesson first shows them
PROJECTIONS = {"wq": [[0, 0], [0, 0], [1, 0], [0, -1]], "wk": [[1, 0], [0, 0], [0, 0], [0, 1]],
               "wv": [[0.5, 0], [0, 1], [0, 0], [0, 0.5]]}


def self_attention(X, Wq, Wk, Wv, causal=False):
    """Q = X W_Q, K = X W_K, V = X W_V, then scaled dot-product attention: (weights, outputs, Q, K, V)."""
    Q, K, V = matmul(X, Wq), matmul(X, Wk), matmul(X, Wv)
    A, O = attention(Q, K, V, causal)
    return A, O, Q, K, V


def vec(v, digits=2):
    return "[" + ", ".join(fixed(x, digits) for x in v) + "]"


def _matrix(value, rows, what, name, cols=None):
    if (not isinstance(value, list) or len(value) != rows
            or not all(isinstance(r, list) and r and len(r) == len(value[0]) for r in value)):
        raise ValueError(f"{name}: {what} must be a list of {rows} rows of equal length")
    if cols is not None and len(value[0]) != cols:
        raise ValueError(f"{name}: {what} must have {cols} columns")
    if not 1 <= len(value[0]) <= 4:
        raise ValueError(f"{name}: {what} must have 1 to 4 columns")
    return [[float(number(name, f"every entry of {what}", v)) for v in r] for r in value]


def read_sentence(config, name):
    """Pop tokens, embed, wq, wk, wv from a config; return (tokens, embed, wq, wk, wv, raw).
    Without wq, wk and wv the attention is raw: Q = K = V = X."""
    tokens = config.pop("tokens", TOKENS)
    if (not isinstance(tokens, list) or not 2 <= len(tokens) <= 8
            or not all(isinstance(t, str) and 1 <= len(t) <= 6 for t in tokens)):
        raise ValueError(f"{name}: tokens must be a list of 2 to 8 words of 1 to 6 characters")
    embed = config.pop("embed", EMBED)
    if not isinstance(embed, dict) or any(t not in embed for t in tokens):
        raise ValueError(f"{name}: embed must give a vector for every token")
    d, vectors = None, {}
    for word in dict.fromkeys(tokens):
        v = embed[word]
        if not isinstance(v, list) or not 1 <= len(v) <= 4 or (d is not None and len(v) != d):
            raise ValueError(f"{name}: every embedding must be a list of the same length, 1 to 4 numbers")
        d = len(v)
        vectors[word] = [float(number(name, f"the embedding of {word!r}", x)) for x in v]
    given = [config.pop(k, None) for k in ("wq", "wk", "wv")]
    if all(w is None for w in given):
        eye = [[1.0 if i == j else 0.0 for j in range(d)] for i in range(d)]
        return tokens, vectors, eye, [r[:] for r in eye], [r[:] for r in eye], True
    if any(w is None for w in given):
        raise ValueError(f"{name}: give all three of wq, wk and wv, or none of them (raw: Q = K = V = X)")
    wq = _matrix(given[0], d, "wq", name)
    wk = _matrix(given[1], d, "wk", name, cols=len(wq[0]))
    wv = _matrix(given[2], d, "wv", name)
    return tokens, vectors, wq, wk, wv, False
