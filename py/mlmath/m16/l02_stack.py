"""The model of lesson m16-l02 (Why pre-LN), with its backward pass written out by hand.

A stack of L tiny blocks, every one an MLP sub-layer F(u) = W2 relu(W1 u) with d = 8 and a
hidden width of 16, then a linear head scoring 4 classes with a cross-entropy loss. The same
seeded weights are wired two ways:

    pre-LN:   x_{l+1} = x_l + F_l(LN(x_l)),   output LN(x_L)
    post-LN:  x_{l+1} = LN(x_l + F_l(x_l)),   output x_L

(LN has no gain or bias here: at initialisation they are 1 and 0 anyway.) The lesson's cells
use it as `m`; ln_depth_gradients plots layer_grad_norms, and ln_warmup_runs plays back
runs of `train` recorded in l02_runs.py; branch_shares measures how much of each
block's output its sub-layer writes.
"""

import math
import random

from ..numeric import matvec, softmax

D, H, V = 8, 16, 4          # model width, MLP hidden width, classes
BATCH = 8                   # inputs in the widget's batch
MAX_DEPTH = 24


def layer_norm(x, eps=1e-5):
    """(y, s): y = (x - mean) / s with s the standard deviation (plus eps under the root)."""
    n = len(x)
    mu = sum(x) / n
    c = [v - mu for v in x]
    s = math.sqrt(sum(v * v for v in c) / n + eps)
    return [v / s for v in c], s


def ln_backward(y, s, gy):
    """The gradient with respect to LN's input, given its output y, its s and dLoss/dy."""
    n = len(y)
    m1 = sum(gy) / n
    m2 = sum(a * b for a, b in zip(gy, y)) / n
    return [(g - m1 - yi * m2) / s for g, yi in zip(gy, y)]


def matTvec(W, g):
    out = [0.0] * len(W[0])
    for row, gi in zip(W, g):
        if gi:
            for j, w in enumerate(row):
                out[j] += w * gi
    return out


def norm(v):
    return math.sqrt(sum(x * x for x in v))


def init_weights(L, seed=0):
    """Seeded init: W1 ~ N(0, 2/d), W2 ~ N(0, 1/h) (so F keeps unit scale), head ~ N(0, 1/d)."""
    rng = random.Random(seed)

    def mat(r, c, std):
        return [[rng.gauss(0.0, std) for _ in range(c)] for _ in range(r)]

    blocks = [(mat(H, D, math.sqrt(2 / D)), mat(D, H, math.sqrt(1 / H))) for _ in range(L)]
    return blocks, mat(V, D, math.sqrt(1 / D))


def make_data(n=16, seed=1):
    """n inputs from N(0, 1)^8, each labelled by which of 4 fixed random directions it points along most."""
    rng = random.Random(seed)
    teacher = [[rng.gauss(0.0, 1.0) for _ in range(D)] for _ in range(V)]
    xs = [[rng.gauss(0.0, 1.0) for _ in range(D)] for _ in range(n)]
    ys = [max(range(V), key=lambda k: sum(a * b for a, b in zip(teacher[k], x))) for x in xs]
    return xs, ys


def sublayer(W1, W2, u):
    a = matvec(W1, u)
    r = [v if v > 0 else 0.0 for v in a]
    return matvec(W2, r), a, r


def sublayer_back(W1, W2, a, g):
    """(dLoss/du, dLoss/d(W1 u)) for F(u) = W2 relu(W1 u), given dLoss/dF = g and a = W1 u."""
    gr = matTvec(W2, g)
    ga = [gv if av > 0 else 0.0 for gv, av in zip(gr, a)]
    return matTvec(W1, ga), ga


def forward(blocks, head, x, wiring):
    """Run the stack; return (logits, caches, final) where caches hold what backward needs."""
    caches = []
    for W1, W2 in blocks:
        if wiring == "pre":
            u, s = layer_norm(x)
            f, a, r = sublayer(W1, W2, u)
            caches.append((x, u, s, a, r))
            x = [p + q for p, q in zip(x, f)]
        else:
            f, a, r = sublayer(W1, W2, x)
            y, s = layer_norm([p + q for p, q in zip(x, f)])
            caches.append((x, y, s, a, r))
            x = y
    final = layer_norm(x) if wiring == "pre" else (x, None)
    return matvec(head, final[0]), caches, final


def loss_and_grad(logits, y):
    p = softmax(logits)
    g = p[:]
    g[y] -= 1.0
    return -math.log(max(p[y], 1e-300)), g


def pieces(blocks, caches, l, wiring):
    """Block l's two backward pieces, as functions of a gradient: (sub_back, ln_back).

    sub_back sends a gradient at the sub-layer's output back to its input; ln_back sends a
    gradient at the block's LN output back to the LN's input.
    """
    W1, W2 = blocks[l]
    xin, y_or_u, s, a, r = caches[l]
    return (lambda g: sublayer_back(W1, W2, a, g)[0]), (lambda g: ln_backward(y_or_u, s, g))


def _backprop(blocks, head, x, y, wiring):
    """One example's backward pass, as vectors: (loss, dLoss/dlogits, the features the head read,
    [dLoss/dx_l for l = 0..L], [(ga, u, gf, r) per layer]). A layer's weight gradients are outer
    products of its pair of vectors: dW1 = ga u^T, dW2 = gf r^T."""
    logits, caches, (out, sf) = forward(blocks, head, x, wiring)
    loss, gl = loss_and_grad(logits, y)
    g = matTvec(head, gl)
    if wiring == "pre":
        g = ln_backward(out, sf, g)
    stream, layers = [g], [None] * len(blocks)
    for l in range(len(blocks) - 1, -1, -1):
        W1, W2 = blocks[l]
        xin, y_or_u, s, a, r = caches[l]
        if wiring == "pre":                 # x + F(LN(x)): the identity path skips everything
            gf, u = g, y_or_u
        else:                               # LN(x + F(x)): everything passes through LN first
            gf, u = ln_backward(y_or_u, s, g), xin
        gu, ga = sublayer_back(W1, W2, a, gf)
        layers[l] = (ga, u, gf, r)
        if wiring == "pre":
            g = [p + q for p, q in zip(g, ln_backward(u, s, gu))]
        else:
            g = [p + q for p, q in zip(gf, gu)]
        stream.append(g)
    return loss, gl, out, stream[::-1], layers


def outer(a, b):
    return [[ai * bj for bj in b] for ai in a]


def backward(blocks, head, x, y, wiring):
    """(loss, [(dW1, dW2) per layer], dHead, [||dLoss/dx_l|| for l = 0..L])."""
    loss, gl, out, stream, layers = _backprop(blocks, head, x, y, wiring)
    grads = [(outer(ga, u), outer(gf, r)) for ga, u, gf, r in layers]
    return loss, grads, outer(gl, out), [norm(g) for g in stream]


def _add_into(acc, G, scale):
    for ra, rg in zip(acc, G):
        for j, v in enumerate(rg):
            ra[j] += v * scale


def batch_gradients(blocks, head, xs, ys, wiring):
    """(mean loss, [mean dW1, mean dW2 per layer...] + [mean dHead]) over the batch."""
    n = len(xs)
    acc = [[[0.0] * len(row) for row in M] for b in blocks for M in b] + [[[0.0] * D for _ in range(V)]]
    total = 0.0
    for x, y in zip(xs, ys):
        loss, grads, ghead, _ = backward(blocks, head, x, y, wiring)
        total += loss
        for A, G in zip(acc, [M for gw in grads for M in gw] + [ghead]):
            _add_into(A, G, 1.0 / n)
    return total / n, acc


def example_grad_norms(blocks, head, x, y, wiring):
    """For one example, each layer's ||dLoss/dW1, dLoss/dW2|| (Frobenius), layer 1 first.

    An outer product's Frobenius norm is the product of its vectors' lengths, so no matrix is built.
    """
    layers = _backprop(blocks, head, x, y, wiring)[4]
    return [math.sqrt((norm(ga) * norm(u)) ** 2 + (norm(gf) * norm(r)) ** 2) for ga, u, gf, r in layers]


def layer_grad_norms(L, wiring, seed=0, batch=BATCH):
    """Each layer's gradient size at initialisation, layer 1 first: the root mean square over
    the batch of the per-example norm ||dLoss/dW1, dLoss/dW2||."""
    blocks, head = init_weights(L, seed)
    xs, ys = make_data(batch)
    tot = [0.0] * L
    for x, y in zip(xs, ys):
        for l, v in enumerate(example_grad_norms(blocks, head, x, y, wiring)):
            tot[l] += v * v / batch
    return [math.sqrt(v) for v in tot]


def branch_shares(blocks, wiring, n=16):
    """Per block, the size of what its sub-layer adds over the size of the stream it is added
    to, ||F|| / ||x||, averaged over make_data(n): how much of each block's output is new."""
    xs, _ = make_data(n)
    shares = [0.0] * len(blocks)
    for x in xs:
        for l, (W1, W2) in enumerate(blocks):
            f = sublayer(W1, W2, layer_norm(x)[0] if wiring == "pre" else x)[0]
            shares[l] += norm(f) / norm(x) / n
            x = [p + q for p, q in zip(x, f)]
            if wiring == "post":
                x = layer_norm(x)[0]
    return shares


def train(L, wiring, lr, warmup, steps, seed=0, n=16, probe=None):
    """Full-batch Adam (beta1 0.9, beta2 0.999) on make_data(n); the learning rate ramps
    linearly from lr/warmup to lr over the first `warmup` steps (0: no warmup).
    Returns the loss before each step; probe(t, blocks), if given, is called before step t."""
    blocks, head = init_weights(L, seed)
    xs, ys = make_data(n)
    params = [M for b in blocks for M in b] + [head]
    m1 = [[[0.0] * len(r) for r in M] for M in params]
    m2 = [[[0.0] * len(r) for r in M] for M in params]
    losses = []
    for t in range(1, steps + 1):
        if probe:
            probe(t, blocks)
        loss, grads = batch_gradients(blocks, head, xs, ys, wiring)
        losses.append(loss)
        rate = lr * min(1.0, t / warmup) if warmup else lr
        c1, c2 = 1 - 0.9 ** t, 1 - 0.999 ** t
        for P, G, A, B in zip(params, grads, m1, m2):
            for rp, rg, ra, rb in zip(P, G, A, B):
                for j, gj in enumerate(rg):
                    ra[j] = 0.9 * ra[j] + 0.1 * gj
                    rb[j] = 0.999 * rb[j] + 0.001 * gj * gj
                    rp[j] -= rate * (ra[j] / c1) / (math.sqrt(rb[j] / c2) + 1e-8)
    return losses
