"""A tiny trained GPT, run in pure Python, for lesson m16-l03 (The residual stream as the object).

The checkpoint l03_lens.safetensors beside this file is the capstone engine's model (nanoGPT's,
pre-LN, tied unembedding) at n_layer 3, n_head 4, n_embd 32, block 32, trained on tiny-shakespeare
by tools/m16_l03_train_lens.py. This module reads it with mlmath.gpt.checkpoint and runs the
forward pass with lists and floats (no GPU, no numpy), keeping every term the residual stream is
made of: the embedding x0 = wte[id] + wpe[pos], then what each sub-layer adds.

    m = load()
    rec = forward(m, m.encode("ROMEO:"))
    rec.x0[t], rec.writes[k][t]      # the k-th write (attn 1, mlp 1, attn 2, ...) at position t
    lens(m, stream)                  # final LayerNorm, then the tied unembedding: logits
"""

import math
from pathlib import Path
from types import SimpleNamespace

from .. import numeric
from ..gpt.checkpoint import from_bytes
from ..numeric import argmax, dot, softmax

PATH = Path(__file__).parent / "l03_lens.safetensors"
_CACHE = {}


def load(path=PATH):
    """The model as nested lists: weights are lists of rows (out x in), as torch stores them."""
    key = str(path)
    if key in _CACHE:
        return _CACHE[key]
    cfg, flat, meta = from_bytes(Path(path).read_bytes())
    from ..gpt.model import param_table
    P = {}
    for p in param_table(cfg):
        vals = flat[p.offset:p.offset + p.size].tolist()
        if len(p.shape) == 2:
            n = p.shape[1]
            P[p.name] = [vals[i * n:(i + 1) * n] for i in range(p.shape[0])]
        else:
            P[p.name] = vals
    chars = meta["vocab"]
    m = SimpleNamespace(cfg=cfg, P=P, chars=chars, index={c: i for i, c in enumerate(chars)},
                        step=int(meta["step"]), seed=meta["seed"])
    m.encode = lambda s: [m.index[c] for c in s]
    m.names = [f"{kind} {i + 1}" for i in range(cfg.n_layer) for kind in ("attn", "mlp")]
    _CACHE[key] = m
    return m


def matvec(W, b, v):
    """W v + b, as torch's Linear computes it (b None: no bias)."""
    out = numeric.matvec(W, v)
    return out if b is None else [o + bi for o, bi in zip(out, b)]


# LayerNorm and GELU as the checkpoint was checked against: multiplying by 1/sqrt rather than
# dividing by sqrt changes the last bits, and the lessons' recorded numbers keep these.
def layer_norm(v, w, b, eps=1e-5):
    n = len(v)
    mu = sum(v) / n
    var = sum((x - mu) * (x - mu) for x in v) / n
    r = 1.0 / math.sqrt(var + eps)
    return [(x - mu) * r * wi + bi for x, wi, bi in zip(v, w, b)]


def gelu(x):
    return 0.5 * x * (1.0 + math.erf(x * 0.7071067811865476))


def forward(m, ids):
    """Run the model on ids (at most block_size of them). Returns the record of the stream:
    x0 (T rows), writes (2L lists of T rows: attn 1, mlp 1, attn 2, ...), streams (2L + 1
    lists of T rows: the stream before any write, after each write), and att (per layer, per
    head, per position: the attention weights on positions 0..t)."""
    cfg, P = m.cfg, m.P
    T, C, H = len(ids), cfg.n_embd, cfg.n_head
    if not 0 < T <= cfg.block_size:
        raise ValueError(f"need 1 to {cfg.block_size} tokens, got {T}")
    hs = C // H
    scale = 1.0 / math.sqrt(hs)
    wte, wpe = P["transformer.wte.weight"], P["transformer.wpe.weight"]
    x = [[a + b for a, b in zip(wte[i], wpe[t])] for t, i in enumerate(ids)]
    rec = SimpleNamespace(ids=list(ids), x0=x, writes=[], streams=[x], att=[])
    for layer in range(cfg.n_layer):
        h = f"transformer.h.{layer}."
        g = lambda name: P[h + name]
        ln = [layer_norm(r, g("ln_1.weight"), g("ln_1.bias")) for r in x]
        qkv = [matvec(g("attn.c_attn.weight"), g("attn.c_attn.bias"), r) for r in ln]
        ys = [[0.0] * C for _ in range(T)]
        heads = []
        for hd in range(H):
            lo = hd * hs
            q = [r[lo:lo + hs] for r in qkv]
            k = [r[C + lo:C + lo + hs] for r in qkv]
            v = [r[2 * C + lo:2 * C + lo + hs] for r in qkv]
            rows = []
            for t in range(T):
                w = softmax([dot(q[t], k[j]) * scale for j in range(t + 1)])
                rows.append(w)
                y = ys[t]
                for i in range(hs):
                    y[lo + i] = sum(w[j] * v[j][i] for j in range(t + 1))
            heads.append(rows)
        rec.att.append(heads)
        d_attn = [matvec(g("attn.c_proj.weight"), g("attn.c_proj.bias"), y) for y in ys]
        x = [[a + b for a, b in zip(r, d)] for r, d in zip(x, d_attn)]
        rec.writes.append(d_attn)
        rec.streams.append(x)
        ln = [layer_norm(r, g("ln_2.weight"), g("ln_2.bias")) for r in x]
        d_mlp = [matvec(g("mlp.c_proj.weight"), g("mlp.c_proj.bias"),
                        [gelu(u) for u in matvec(g("mlp.c_fc.weight"), g("mlp.c_fc.bias"), r)]) for r in ln]
        x = [[a + b for a, b in zip(r, d)] for r, d in zip(x, d_mlp)]
        rec.writes.append(d_mlp)
        rec.streams.append(x)
    return rec


def lens(m, v):
    """Decode one stream vector: the final LayerNorm, then scores against every row of wte."""
    P = m.P
    return matvec(P["transformer.wte.weight"], None,
                  layer_norm(v, P["transformer.ln_f.weight"], P["transformer.ln_f.bias"]))


def block_streams(rec):
    """The stream after the embedding and after each whole block: L + 1 lists of T rows."""
    return rec.streams[::2]


def lens_table(m, rec, depths=None):
    """probs[d][t]: the lens's next-character distribution at depth d (0 = embedding only,
    d = after block d) and position t."""
    streams = block_streams(rec) if depths is None else [rec.streams[k] for k in depths]
    return [[softmax(lens(m, v)) for v in rows] for rows in streams]


def bigram_probs(text, chars):
    """A bigram table fitted to `text` with add-one smoothing: p[a][b] = P(next b | current a)."""
    counts = {a: {b: 1 for b in chars} for a in chars}
    for a, b in zip(text, text[1:]):
        counts[a][b] += 1
    out = {}
    for a, row in counts.items():
        z = sum(row.values())
        out[a] = {b: c / z for b, c in row.items()}
    return out


def depth_report(m, text, table, windows):
    """Over `windows` consecutive windows of `text`: per block depth (embedding, after block 1, ...)
    the mean lens loss, how often the lens's first choice is the current character again, how
    often it is the bigram table's first choice; and the bigram table's own loss. A dict."""
    T, chars = m.cfg.block_size, m.chars
    ids = m.encode(text[:windows * T + 1])
    D = m.cfg.n_layer + 1
    loss, same, agree, n, big = [0.0] * D, [0] * D, [0] * D, 0, 0.0
    for at in range(0, windows * T, T):
        win = ids[at:at + T + 1]
        table_rows = lens_table(m, forward(m, win[:-1]))
        for t in range(T):
            a, y = chars[win[t]], win[t + 1]
            row = table[a]
            best_bigram = argmax([row[c] for c in chars])
            big -= math.log(row[chars[y]])
            n += 1
            for d in range(D):
                p = table_rows[d][t]
                top = argmax(p)
                loss[d] -= math.log(p[y])
                same[d] += top == win[t]
                agree[d] += top == best_bigram
    return {"n": n, "loss": [x / n for x in loss], "same": same, "agree": agree, "bigram": big / n}
