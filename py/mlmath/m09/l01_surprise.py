"""The arithmetic of module 9, written once for its widgets and tests: surprise, entropy,
cross-entropy and KL divergence of finite distributions, in bits (base 2) or nats (base e).

A zero probability follows the conventions of information theory: an outcome that never
happens adds nothing to an average (0 log 0 = 0), and an outcome that happens while the
model gave it probability 0 costs infinitely much.
"""

import math

BASES = {"bits": 2.0, "nats": math.e}
INF = float("inf")


def surprise(p, base=2.0):
    """-log p in the given base; infinite for p = 0."""
    return INF if p <= 0 else -math.log(p) / math.log(base) + 0.0   # + 0.0: never -0.0


def normalize(weights):
    """Weights (non-negative) scaled to add to 1; all zero gives the uniform distribution."""
    total = sum(weights)
    if total <= 0:
        return [1.0 / len(weights)] * len(weights)
    return [w / total for w in weights]


def cross_entropy(p, q, base=2.0):
    """H(P, Q) = sum of p_i * surprise(q_i), skipping outcomes with p_i = 0."""
    total = 0.0
    for pi, qi in zip(p, q):
        if pi > 0:
            if qi <= 0:
                return INF
            total += pi * surprise(qi, base)
    return total


def entropy(p, base=2.0):
    """H(P): the average surprise of P under itself."""
    return cross_entropy(p, p, base)


def kl(p, q, base=2.0):
    """KL(P || Q) = H(P, Q) - H(P), summed term by term so it never goes below 0 by rounding."""
    total = 0.0
    for pi, qi in zip(p, q):
        if pi > 0:
            if qi <= 0:
                return INF
            total += pi * math.log(pi / qi) / math.log(base)
    return max(total, 0.0)


def binary_entropy(p, base=2.0):
    """The entropy of a coin that lands heads with probability p."""
    return entropy([p, 1.0 - p], base)


def rebalance(sliders, i):
    """After slider i of a distribution moved, scale the others so that all add to 1 again
    (in proportion to what they held; equally if they held nothing). For widgets whose bars
    are a distribution."""
    v = sliders[i].value
    others = [j for j in range(len(sliders)) if j != i]
    rest = sum(sliders[j].value for j in others)
    for j in others:
        share = sliders[j].value / rest if rest > 0 else 1.0 / len(others)
        sliders[j].assign((1.0 - v) * share)
