"""Every kernel, forward and backward, against the float64 numpy reference.

Tolerance: float32 kernels vs float64 references agree to RTOL relative and ATOL
absolute (sums here have at most a few hundred terms of order one).
"""

import math

import numpy as np
import pytest
import reference as ref

pytestmark = pytest.mark.gpu
RTOL, ATOL = 1e-4, 1e-5
rng = np.random.default_rng(0)


def f32(*shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def close(got, want, rtol=RTOL, atol=ATOL):
    np.testing.assert_allclose(got, want, rtol=rtol, atol=atol)


# sizes not multiples of the 64x64 output tile or the 16-deep k tile, to exercise the edges
M, K, N = 37, 29, 45


def groups(rows, cols):
    return ((cols + 63) // 64, (rows + 63) // 64, 1)


@pytest.mark.parametrize("m, k, n", [(M, K, N), (150, 70, 130)])
def test_matmul_linear_bias_residual(run, m, k, n):
    x, w, b, r = f32(m, k), f32(n, k), f32(n), f32(m, n)
    *_, out, _ = run("matmul", [m, n, k, k, 1, 1, k, 1 | 4], [x, w, b, r, f32(1)], groups(m, n))
    close(out, r + x.astype(np.float64) @ w.T + b)


def test_matmul_bias_gelu_keeps_preactivation(run):
    x, w, b = f32(M, K), f32(N, K), f32(N)
    *_, out, aux = run("matmul", [M, N, K, K, 1, 1, K, 1 | 8], [x, w, b, f32(M, N), f32(M, N)], groups(M, N))
    u = x.astype(np.float64) @ w.T + b
    close(aux, u)
    close(out, ref.gelu(u), atol=2e-6 * np.abs(u).max() + ATOL)


def test_gelu_grad_epilogue(run):
    dy, w, u = f32(M, N), f32(N, K), f32(M, K, scale=3.0)
    *_, dx, _ = run("matmul", [M, K, N, N, 1, K, 1, 16], [dy, w, w, f32(M, K), u], groups(M, K))
    close(dx, (dy.astype(np.float64) @ w) * ref.gelu_grad(u.astype(np.float64)))


@pytest.mark.parametrize("m, k, n", [(M, K, N), (300, 70, 130)])
def test_matmul_weight_gradient_and_bias_rowsum(run, m, k, n):
    dy, x = f32(m, n), f32(m, k)
    *_, dw, db = run("matmul", [n, k, m, 1, n, k, 1, 2], [dy, x, x, f32(n, k), f32(n)], groups(n, k))
    close(dw, dy.T.astype(np.float64) @ x)
    close(db, dy.astype(np.float64).sum(0))


def test_layernorm_forward(run):
    n, c = 70, 64
    x, w, b = f32(n, c, scale=3.0) + 1.0, f32(c), f32(c)
    *_, y, xhat, rstd = run("layernorm", [n, c], [x, w, b, f32(n, c), f32(n, c), f32(n)], (2, 1, 1))
    want, (xh, rs, _) = ref.ln_fwd(x.astype(np.float64), w, b)
    close(y, want)
    close(xhat, xh)
    close(rstd, rs[:, 0], rtol=1e-5)


@pytest.mark.parametrize("acc", [0, 1])
def test_layernorm_backward(run, acc):
    n, c = 70, 64
    x, w, b, dy, dx0 = f32(n, c), f32(c), f32(c), f32(n, c), f32(n, c)
    _, cache = ref.ln_fwd(x.astype(np.float64), w, b)
    xhat, rstd = cache[0].astype(np.float32), cache[1][:, 0].astype(np.float32)
    *_, dx, dw, db = run("layernorm_bwd", [n, c, acc], [dy, xhat, rstd, w, dx0, f32(c), f32(c)], (3, 1, 1))
    want_dx, want_dw, want_db = ref.ln_bwd(dy.astype(np.float64), cache)
    close(dx, want_dx + (dx0 if acc else 0))
    close(dw, want_dw)
    close(db, want_db)


def test_attention_forward_and_backward(run):
    B, T, C, H = 3, 23, 32, 4
    qkv, dy = f32(B, T, 3 * C), f32(B, T, C)
    for causal in (1, 0):  # 0: the mask left off (the capstone's pathology preset)
        _, y, att = run("attention", [B, T, C, H, causal], [qkv, f32(B, T, C), f32(B, H, T, T)], (B * H, 1, 1))
        want_y, cache = ref.attn_fwd(qkv.astype(np.float64), H, causal=bool(causal))
        close(y, want_y)
        close(att, cache[3])
        *_, dqkv = run("attention_bwd", [B, T, C, H, causal], [qkv, dy, att, f32(B, T, 3 * C)], (B * H, 1, 1))
        close(dqkv, ref.attn_bwd(dy.astype(np.float64), cache))


def test_attention_decode_matches_the_last_row(run):
    T, C, H, pos = 16, 32, 4, 9
    qkv = f32(pos + 1, 3 * C)
    cache = np.zeros((T, 2 * C), np.float32)
    cache[:pos] = np.concatenate([qkv[:pos, C:2 * C], qkv[:pos, 2 * C:]], 1)
    *_, new_cache, y, _ = run("attention_decode", [T, C, H],
                              [qkv[pos], np.array([0, pos], np.uint32), cache, f32(C), f32(H, T)], (1, 1, 1))
    want, _ = ref.attn_fwd(qkv[None].astype(np.float64), H)
    close(y, want[0, pos])
    close(new_cache[pos], np.concatenate([qkv[pos, C:2 * C], qkv[pos, 2 * C:]]))


def test_embedding_forward_and_backward(run):
    B, T, C, V = 3, 8, 16, 11
    text = rng.integers(0, V, 100).astype(np.uint32)
    offsets = np.array([5, 40, 77], np.uint32)
    wte, wpe, dx, dwte0 = f32(V, C), f32(T, C), f32(B, T, C), f32(V, C)
    idx = np.stack([text[o:o + T] for o in offsets]).astype(int)
    *_, x = run("embedding", [B, T, C, 0], [text, offsets, wte, wpe, f32(B, T, C)], (B * T * C // 64 + 1, 1, 1))
    close(x, wte[idx] + wpe)
    *_, dwte, dwpe = run("embedding_bwd", [B, T, C, V], [text, offsets, dx, dwte0, f32(T, C)], (5, 1, 1))
    want = dwte0.astype(np.float64)
    np.add.at(want, idx.ravel(), dx.reshape(-1, C))
    close(dwte, want)
    close(dwpe, dx.astype(np.float64).sum(0))


def test_embedding_decode_uses_the_cache_slot(run):
    C = 16
    wte, wpe = f32(5, C), f32(8, C)
    *_, x = run("embedding", [1, 1, C, 1], [np.array([3], np.uint32), np.array([0, 6], np.uint32), wte, wpe, f32(C)], (1, 1, 1))
    close(x, wte[3] + wpe[6])


def test_cross_entropy_loss_and_gradient(run):
    B, T, V = 2, 9, 65
    text = rng.integers(0, V, 40).astype(np.uint32)
    offsets = np.array([3, 20], np.uint32)
    logits = f32(B, T, V, scale=3.0)
    *_, dlogits, losses = run("cross_entropy", [B, T, V], [logits, text, offsets, f32(B, T, V), f32(B * T)], (1, 1, 1))
    targets = np.stack([text[o + 1:o + 1 + T] for o in offsets]).astype(int)
    z = logits.astype(np.float64)
    logp = z - z.max(-1, keepdims=True)
    logp -= np.log(np.exp(logp).sum(-1, keepdims=True))
    close(losses, -np.take_along_axis(logp, targets[..., None], -1).ravel())
    want = np.exp(logp)
    want[np.arange(B)[:, None], np.arange(T), targets] -= 1
    close(dlogits, want / (B * T))


def test_grad_norm_and_clip_factor(run):
    for scale in (1e-3, 1.0):  # below and above max_norm
        g = f32(5000, scale=scale)
        *_, out = run("grad_norm", [5000, 1.0], [g, f32(2)], (1, 1, 1))
        norm = np.sqrt((g.astype(np.float64) ** 2).sum())
        close(out, [norm, min(1.0, 1.0 / (norm + 1e-6))], rtol=1e-5)


def test_adamw_matches_torch_formula(run):
    n, n_decay, t, lr = 1000, 600, 3, 3e-4
    p, g, m, v = f32(n), f32(n), f32(n, scale=0.1), np.abs(f32(n, scale=0.01))
    clip = np.array([2.0, 0.5], np.float32)
    b1, b2, eps, wd = 0.9, 0.99, 1e-8, 0.1
    words = [n, n_decay, lr, b1, b2, eps, wd, 1 - b1**t, 1 - b2**t]
    p1, _, m1, v1, _ = run("adamw", words, [p, g, m, v, clip], (4, 1, 1))
    P = {"w": p[:n_decay].astype(np.float64).reshape(30, 20), "b": p[n_decay:].astype(np.float64)}
    G = {"w": g[:n_decay].reshape(30, 20) * 0.5, "b": g[n_decay:] * 0.5}
    M = {"w": m[:n_decay].astype(np.float64).reshape(30, 20), "b": m[n_decay:].astype(np.float64)}
    V = {"w": v[:n_decay].astype(np.float64).reshape(30, 20), "b": v[n_decay:].astype(np.float64)}
    want, _ = ref.adamw(P, G, M, V, t, lr, max_norm=math.inf)
    close(p1, np.concatenate([want["w"].ravel(), want["b"]]), rtol=1e-5, atol=1e-7)
    close(m1, np.concatenate([M["w"].ravel(), M["b"]]))
    close(v1, np.concatenate([V["w"].ravel(), V["b"]]))
