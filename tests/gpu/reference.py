"""nanoGPT's forward, backward and AdamW step in float64 numpy: what the kernels must match."""

import math

import numpy as np

erf = np.vectorize(math.erf)


def gelu(x):
    return 0.5 * x * (1 + erf(x / math.sqrt(2)))


def gelu_grad(x):
    return 0.5 * (1 + erf(x / math.sqrt(2))) + x * np.exp(-0.5 * x * x) / math.sqrt(2 * math.pi)


def ln_fwd(x, w, b):
    mean = x.mean(-1, keepdims=True)
    rstd = 1 / np.sqrt(((x - mean) ** 2).mean(-1, keepdims=True) + 1e-5)
    xhat = (x - mean) * rstd
    return xhat * w + b, (xhat, rstd, w)


def ln_bwd(dy, cache):
    xhat, rstd, w = cache
    g = dy * w
    dx = rstd * (g - g.mean(-1, keepdims=True) - xhat * (g * xhat).mean(-1, keepdims=True))
    axes = tuple(range(dy.ndim - 1))
    return dx, (dy * xhat).sum(axes), dy.sum(axes)


def attn_fwd(qkv, H, causal=True):
    B, T, C3 = qkv.shape
    C = C3 // 3
    q, k, v = (qkv[..., i * C:(i + 1) * C].reshape(B, T, H, C // H).transpose(0, 2, 1, 3) for i in range(3))
    s = q @ k.transpose(0, 1, 3, 2) / math.sqrt(C // H)
    if causal:
        s = np.where(np.tril(np.ones((T, T), bool)), s, -np.inf)
    p = np.exp(s - s.max(-1, keepdims=True))
    p /= p.sum(-1, keepdims=True)
    return (p @ v).transpose(0, 2, 1, 3).reshape(B, T, C), (q, k, v, p)


def attn_bwd(dy, cache):
    q, k, v, p = cache
    B, H, T, hs = q.shape
    dy = dy.reshape(B, T, H, hs).transpose(0, 2, 1, 3)
    dv = p.transpose(0, 1, 3, 2) @ dy
    dp = dy @ v.transpose(0, 1, 3, 2)
    ds = p * (dp - (p * dp).sum(-1, keepdims=True)) / math.sqrt(hs)
    dq, dk = ds @ k, ds.transpose(0, 1, 3, 2) @ q
    return np.concatenate([t.transpose(0, 2, 1, 3).reshape(B, T, H * hs) for t in (dq, dk, dv)], -1)


def forward_backward(P, cfg, idx, targets):
    """Loss and gradients (dict like P) for token windows idx with next-token targets."""
    B, T = idx.shape
    L, H = cfg.n_layer, cfg.n_head
    h = lambda i, name: P[f"transformer.h.{i}.{name}"]
    x = P["transformer.wte.weight"][idx] + P["transformer.wpe.weight"][:T]
    caches = []
    for i in range(L):
        a, c1 = ln_fwd(x, h(i, "ln_1.weight"), h(i, "ln_1.bias"))
        qkv = a @ h(i, "attn.c_attn.weight").T + h(i, "attn.c_attn.bias")
        y, ca = attn_fwd(qkv, H)
        x = x + y @ h(i, "attn.c_proj.weight").T + h(i, "attn.c_proj.bias")
        m, c2 = ln_fwd(x, h(i, "ln_2.weight"), h(i, "ln_2.bias"))
        u = m @ h(i, "mlp.c_fc.weight").T + h(i, "mlp.c_fc.bias")
        g = gelu(u)
        x = x + g @ h(i, "mlp.c_proj.weight").T + h(i, "mlp.c_proj.bias")
        caches.append((a, c1, y, ca, m, c2, u, g))
    f, cf = ln_fwd(x, P["transformer.ln_f.weight"], P["transformer.ln_f.bias"])
    logits = f @ P["transformer.wte.weight"].T
    z = logits - logits.max(-1, keepdims=True)
    logp = z - np.log(np.exp(z).sum(-1, keepdims=True))
    N = B * T
    loss = -np.take_along_axis(logp, targets[..., None], -1).mean()
    dlogits = np.exp(logp)
    np.put_along_axis(dlogits, targets[..., None], np.take_along_axis(dlogits, targets[..., None], -1) - 1, -1)
    dlogits /= N

    G = {}
    G["transformer.wte.weight"] = dlogits.reshape(N, -1).T @ f.reshape(N, -1)
    dx, G["transformer.ln_f.weight"], G["transformer.ln_f.bias"] = ln_bwd(dlogits @ P["transformer.wte.weight"], cf)
    flat = lambda t: t.reshape(N, -1)
    for i in reversed(range(L)):
        a, c1, y, ca, m, c2, u, g = caches[i]
        n = f"transformer.h.{i}."
        G[n + "mlp.c_proj.weight"], G[n + "mlp.c_proj.bias"] = flat(dx).T @ flat(g), flat(dx).sum(0)
        du = dx @ h(i, "mlp.c_proj.weight") * gelu_grad(u)
        G[n + "mlp.c_fc.weight"], G[n + "mlp.c_fc.bias"] = flat(du).T @ flat(m), flat(du).sum(0)
        dm = du @ h(i, "mlp.c_fc.weight")
        d, G[n + "ln_2.weight"], G[n + "ln_2.bias"] = ln_bwd(dm, c2)
        dx = dx + d
        G[n + "attn.c_proj.weight"], G[n + "attn.c_proj.bias"] = flat(dx).T @ flat(y), flat(dx).sum(0)
        dqkv = attn_bwd(dx @ h(i, "attn.c_proj.weight"), ca)
        G[n + "attn.c_attn.weight"], G[n + "attn.c_attn.bias"] = flat(dqkv).T @ flat(a), flat(dqkv).sum(0)
        d, G[n + "ln_1.weight"], G[n + "ln_1.bias"] = ln_bwd(dqkv @ h(i, "attn.c_attn.weight"), c1)
        dx = dx + d
    np.add.at(G["transformer.wte.weight"], idx.ravel(), flat(dx))
    G["transformer.wpe.weight"] = np.zeros_like(P["transformer.wpe.weight"])
    G["transformer.wpe.weight"][:T] = dx.sum(0)
    return loss, G


def adamw(P, G, M, V, t, lr, betas=(0.9, 0.99), eps=1e-8, wd=0.1, max_norm=1.0):
    """torch.nn.utils.clip_grad_norm_ then torch.optim.AdamW, weight decay on 2-D tensors."""
    norm = math.sqrt(sum((g * g).sum() for g in G.values()))
    clip = min(1.0, max_norm / (norm + 1e-6))
    b1, b2 = betas
    out = {}
    for name, p in P.items():
        g = G[name] * clip
        p = p * (1 - lr * (wd if p.ndim == 2 else 0.0))
        M[name] = M[name] + (g - M[name]) * (1 - b1)
        V[name] = V[name] * b2 + (1 - b2) * g * g
        denom = np.sqrt(V[name]) / math.sqrt(1 - b2**t) + eps
        out[name] = p - lr / (1 - b1**t) * M[name] / denom
    return out, norm
