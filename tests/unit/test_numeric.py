"""mlmath.numeric against numpy in float64, and the edge cases a widget meets:
masked scores, huge logits, a tie in argmax, a causal mask."""

import math

import numpy as np
import pytest

from mlmath import numeric as N

rng = np.random.default_rng(0)
A, B, v = rng.normal(size=(3, 4)), rng.normal(size=(4, 2)), rng.normal(size=4)


def close(a, b, tol=1e-12):
    return np.allclose(np.asarray(a, dtype=float), b, rtol=tol, atol=tol)


def test_linear_algebra_matches_numpy():
    assert close(N.dot(v.tolist(), v.tolist()), v @ v)
    assert close(N.matvec(A.tolist(), v.tolist()), A @ v)
    assert close(N.matmul(A.tolist(), B.tolist()), A @ B)
    assert close(N.transpose(A.tolist()), A.T)
    with pytest.raises(ValueError, match="one length, not 2 and 3"):
        N.dot([1, 2], [1, 2, 3])


def test_softmax_family_is_stable_and_exact():
    assert N.softmax([1000.0, 1000.0, -math.inf]) == [0.5, 0.5, 0.0]
    z = rng.normal(size=6) * 30
    p = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    assert close(N.softmax(z.tolist()), p)
    assert close(N.log_sum_exp([1000.0, 1000.0]), 1000 + math.log(2))
    assert N.log_sum_exp([-math.inf, -math.inf]) == -math.inf
    assert close(N.log_softmax(z.tolist()), np.log(p), 1e-10)
    assert N.argmax([1, 3, 3, 2]) == 1


def test_layer_norm_and_gelu_match_the_engine_definitions():
    x = rng.normal(size=8) * 3 + 1
    ref = (x - x.mean()) / np.sqrt(x.var() + 1e-5)
    assert close(N.layer_norm(x.tolist()), ref)
    w, b = rng.normal(size=8), rng.normal(size=8)
    assert close(N.layer_norm(x.tolist(), w.tolist(), b.tolist()), ref * w + b)
    erf = np.vectorize(math.erf)
    assert close([N.gelu(t) for t in x], 0.5 * x * (1 + erf(x / np.sqrt(2))))
    assert N.gelu(0.0) == 0.0 and close(N.gelu(1.0), 0.8413447460685429)


@pytest.mark.parametrize("causal", [False, True])
def test_attention_matches_numpy(causal):
    q, k, val = (rng.normal(size=(5, 4)) for _ in range(3))
    s = q @ k.T / 2.0
    if causal:
        s = np.where(np.tri(5, dtype=bool), s, -np.inf)
    w = np.exp(s - s.max(1, keepdims=True))
    w /= w.sum(1, keepdims=True)
    weights, out = N.attention(q.tolist(), k.tolist(), val.tolist(), causal=causal)
    assert close(weights, w) and close(out, w @ val)
    assert not causal or weights[0][1:] == [0.0] * 4


def test_numeric_derivatives():
    assert abs(N.derivative(math.sin, 0.3) - math.cos(0.3)) < 1e-9
    f = lambda p: p[0] ** 2 * p[1] + math.exp(p[1])
    assert close(N.gradient(f, [1.5, -0.5]), [2 * 1.5 * -0.5, 1.5 ** 2 + math.exp(-0.5)], 1e-8)
