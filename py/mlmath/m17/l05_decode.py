"""Decoding a small trained GPT, in pure Python, for lesson m17-l05 (How distributions become text).

The model is the one lesson m16-l03 opens: the capstone engine's GPT (pre-LN, tied unembedding)
at n_layer 3, n_head 4, n_embd 32, block 32, trained on tiny-shakespeare by the engine's WGSL
kernels (mlmath.m16.l03_lens reads its checkpoint). This module adds what generation needs:

    m = model()                       # the trained model, loaded once
    dec = Decoder(m)                  # one position at a time, keys and values cached per layer
    logits = dec.feed(token_id)       # the next-token logits after everything fed so far
    next_logits(m, ids)               # the same logits by rerunning the whole window (no cache)
    generate(m, prompt, n, choose)    # the engine's loop (mlmath.gpt.sample.generate), choose(logits) -> id
    beam_search(m, prompt, n, width)  # the beam_width best continuations by total log-probability

Every call counts its work in `m.positions` (position-forwards: one position through every layer),
so the lesson can show what the cache saves.
"""

import math
from operator import mul

from ..m16.l03_lens import gelu, layer_norm, load, matvec

_STATE = {"positions": 0}


def model():
    return load()


def positions():
    """Position-forwards run since the last reset_count(): each is one position through all layers."""
    return _STATE["positions"]


def reset_count():
    _STATE["positions"] = 0


class Decoder:
    """The forward pass one position at a time. Each layer keeps the keys and values of every
    position fed so far, so position t costs one position's projections and MLP plus t dot
    products per head, instead of rerunning positions 0..t."""

    def __init__(self, m):
        self.m = m
        self.keys = [[] for _ in range(m.cfg.n_layer)]
        self.values = [[] for _ in range(m.cfg.n_layer)]

    def __len__(self):
        return len(self.keys[0])

    def copy(self):
        d = Decoder(self.m)
        d.keys = [list(k) for k in self.keys]
        d.values = [list(v) for v in self.values]
        return d

    def feed(self, token):
        m = self.m
        cfg, P = m.cfg, m.P
        pos = len(self)
        if pos >= cfg.block_size:
            raise ValueError(f"the window holds {cfg.block_size} positions; start a new Decoder")
        C, H = cfg.n_embd, cfg.n_head
        hs = C // H
        scale = 1.0 / math.sqrt(hs)
        x = [a + b for a, b in zip(P["transformer.wte.weight"][token], P["transformer.wpe.weight"][pos])]
        for layer in range(cfg.n_layer):
            h = f"transformer.h.{layer}."
            ln = layer_norm(x, P[h + "ln_1.weight"], P[h + "ln_1.bias"])
            qkv = matvec(P[h + "attn.c_attn.weight"], P[h + "attn.c_attn.bias"], ln)
            q, k, v = qkv[:C], qkv[C:2 * C], qkv[2 * C:]
            keys, vals = self.keys[layer], self.values[layer]
            keys.append(k)
            vals.append(v)
            y = [0.0] * C
            for hd in range(H):
                lo, hi = hd * hs, hd * hs + hs
                qh = q[lo:hi]
                s = [sum(map(mul, qh, kk[lo:hi])) * scale for kk in keys]
                mx = max(s)
                e = [math.exp(a - mx) for a in s]
                z = sum(e)
                for i in range(lo, hi):
                    y[i] = sum(w * vv[i] for w, vv in zip(e, vals)) / z
            d = matvec(P[h + "attn.c_proj.weight"], P[h + "attn.c_proj.bias"], y)
            x = [a + b for a, b in zip(x, d)]
            ln = layer_norm(x, P[h + "ln_2.weight"], P[h + "ln_2.bias"])
            f = [gelu(u) for u in matvec(P[h + "mlp.c_fc.weight"], P[h + "mlp.c_fc.bias"], ln)]
            d = matvec(P[h + "mlp.c_proj.weight"], P[h + "mlp.c_proj.bias"], f)
            x = [a + b for a, b in zip(x, d)]
        _STATE["positions"] += 1
        x = layer_norm(x, P["transformer.ln_f.weight"], P["transformer.ln_f.bias"])
        return matvec(P["transformer.wte.weight"], None, x)


def next_logits(m, ids):
    """The next-token logits after ids, computed the uncached way: the whole window (the last
    block_size ids) rerun from scratch."""
    dec = Decoder(m)
    for t in ids[-m.cfg.block_size:]:
        logits = dec.feed(t)
    return logits


def generate(m, prompt, n, choose, cache=True):
    """Continue `prompt` by n characters; choose(logits) returns the next id. With the cache this
    is the engine's loop (mlmath.gpt.sample.generate): a full window keeps its last half and
    re-encodes it. Without the cache every step reruns the whole window."""
    window = m.encode(prompt)[-m.cfg.block_size:]
    T = m.cfg.block_size
    out = []
    if cache:
        dec = Decoder(m)
        for t in window:
            logits = dec.feed(t)
    for _ in range(n):
        if not cache:
            logits = next_logits(m, window)
        t = choose(logits)
        out.append(t)
        window.append(t)
        if len(window) > T:
            window = window[-(T // 2):]
            if cache:
                dec = Decoder(m)
                for w in window[:-1]:
                    dec.feed(w)
        if cache:
            logits = dec.feed(t)
    return "".join(m.chars[i] for i in out)


def argmax(logits):
    """The index of the largest logit; ties go to the lower index."""
    return max(range(len(logits)), key=lambda i: (logits[i], -i))


def log_softmax(logits):
    mx = max(logits)
    lz = mx + math.log(sum(math.exp(a - mx) for a in logits))
    return [a - lz for a in logits]


def nll_per_char(m, prompt, text):
    """Mean -ln p(char) the model gives each character of `text` after `prompt`, with the same
    window policy as generate()."""
    ids = m.encode(prompt)[-m.cfg.block_size:]
    total = 0.0
    for c in text:
        total -= log_softmax(next_logits(m, ids))[m.index[c]]
        ids = (ids + [m.index[c]])[-m.cfg.block_size:]
    return total / len(text)


def beam_steps(m, prompt, n, width):
    """Beam search, step by step: keep the `width` best partial continuations by total
    log-probability, extend each by every character, keep the best `width` again; n times.
    Returns one list per step of (parent beam index, char id, total log-prob), best first
    (ties: earlier parent, then lower id). The prompt and continuation must fit in one window."""
    ids = m.encode(prompt)
    if len(ids) + n > m.cfg.block_size + 1:
        raise ValueError("beam search here keeps to one window")
    dec = Decoder(m)
    for t in ids:
        logits = dec.feed(t)
    beams = [(0.0, dec, logits)]
    steps = []
    for step in range(n):
        cands = []
        for b, (score, _, lg) in enumerate(beams):
            for i, lp in enumerate(log_softmax(lg)):
                cands.append((score + lp, b, i))
        cands.sort(key=lambda c: (-c[0], c[1], c[2]))
        kept = cands[:width]
        steps.append([(b, i, score) for score, b, i in kept])
        new = []
        for score, b, i in kept:
            d, lg = beams[b][1], None
            if step < n - 1:
                d = d.copy()
                lg = d.feed(i)
            new.append((score, d, lg))
        beams = new
    return steps


def beam_texts(m, steps):
    """The full text and total log-prob of each beam after the last step, best first."""
    texts = [""]
    for row in steps:
        texts = [texts[b] + m.chars[i] for b, i, _ in row]
    return [(t, row[2]) for t, row in zip(texts, steps[-1])] if steps else [("", 0.0)]


def beam_search(m, prompt, n, width):
    """[(continuation, total log-prob)] of the `width` beams after n steps, best first."""
    return beam_texts(m, beam_steps(m, prompt, n, width))
