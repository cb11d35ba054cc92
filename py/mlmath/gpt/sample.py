"""Sampling: temperature, then top-k, then top-p on the next-token distribution, with the
model's keys and values cached on the GPU so each new token costs one position."""

import math

from .prng import Rng


def softmax(logits):
    m = max(logits)
    e = [math.exp(x - m) for x in logits]
    z = math.fsum(e)
    return [x / z for x in e]


def keep_only(probs, keep):
    z = math.fsum(p for i, p in enumerate(probs) if i in keep)
    return [p / z if i in keep else 0.0 for i, p in enumerate(probs)]


def transforms(logits, temperature=1.0, top_k=0, top_p=1.0):
    """The distribution after each transform, in order, for a widget to show.
    Ties are broken by token index, so the result is deterministic."""
    probs = softmax([x / temperature for x in logits])
    stages = [("temperature", probs)]
    ranked = sorted(range(len(probs)), key=lambda i: (-probs[i], i))
    if top_k:
        probs = keep_only(probs, set(ranked[:top_k]))
    stages.append(("top_k", probs))
    if top_p < 1.0:
        keep, total = set(), 0.0
        for i in ranked:  # the smallest set of likeliest tokens holding top_p of the mass
            if total >= top_p or probs[i] == 0.0:
                break
            keep.add(i)
            total += probs[i]
        probs = keep_only(probs, keep)
    stages.append(("top_p", probs))
    return stages


def pick(probs, u):
    """The token whose cumulative probability interval holds u in [0, 1)."""
    total = 0.0
    for i, p in enumerate(probs):
        total += p
        if u < total:
            return i
    return max(i for i, p in enumerate(probs) if p > 0)  # u beyond a rounding-short total


async def generate(engine, tokenizer, prompt, n, temperature=1.0, top_k=0, top_p=1.0,
                   seed="sample", on_token=None):
    """Continue `prompt` by n characters. on_token(char, stages) sees each distribution.
    Positions are learned, so a full window cannot slide under the cached keys: the
    last half is re-encoded and generation goes on from there."""
    if temperature <= 0:
        raise ValueError("temperature must be positive")
    rng, T = Rng(seed, "sample"), engine.cfg.block_size
    context = tokenizer.encode(prompt) or [0]
    window = context[-T:]
    for pos, t in enumerate(window):
        logits = await engine.decode(t, pos)
    out = []
    for _ in range(n):
        stages = transforms(logits, temperature, top_k, top_p)
        t = pick(stages[-1][1], rng.random())
        out.append(t)
        if on_token:
            on_token(tokenizer.decode([t]), stages)
        window.append(t)
        if len(window) > T:
            window = window[-(T // 2):]
            for pos, w in enumerate(window[:-1]):
                await engine.decode(w, pos)
        logits = await engine.decode(t, len(window) - 1)
    return tokenizer.decode(out)
