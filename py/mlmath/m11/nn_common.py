"""What module 11's widgets share (no widget of its own): the small data sets the
lessons use, a perceptron's decision, the perceptron learning rule replayed update by
update, the half of a box on one side of a line (for shading a decision region), and
lesson 04's four activations with their derivatives."""

import math

from ..widgets import shapes as S

# Two separable classes in the plane: label 1 ("yes") and label 0 ("no").
BLOBS = [((1, 2), 1), ((2, 1), 1), ((2, 2.5), 1), ((0.5, 2.5), 1), ((2.5, 0.5), 1),
         ((-1, -1), 0), ((-2, 0.5), 0), ((0, -2), 0), ((-0.5, 0.5), 0), ((1, -1.5), 0)]
# Lesson 01's learning-rule data: separable, so the rule stops after finitely many updates.
RULE = [((-3, 0), 0), ((-3, 2), 1), ((-1, -1), 0), ((-1, 0), 1),
        ((0, 3), 1), ((1, -3), 0), ((2, 0), 1), ((2, 3), 1)]
CORNERS = [(0, 0), (0, 1), (1, 0), (1, 1)]
GATES = {"and": [(c, int(c[0] and c[1])) for c in CORNERS],
         "or": [(c, int(c[0] or c[1])) for c in CORNERS],
         "xor": [(c, c[0] ^ c[1]) for c in CORNERS]}
DATASETS = {"blobs": BLOBS, "rule": RULE, **GATES}


def decide(w, b, x):
    """The perceptron's answer: 1 if w·x + b > 0, else 0."""
    return 1 if sum(wi * xi for wi, xi in zip(w, x)) + b > 0 else 0


def mistakes(w, b, data):
    return [i for i, (x, y) in enumerate(data) if decide(w, b, x) != y]


def rule_history(data, lr=1, limit=200):
    """The perceptron rule from w = 0, b = 0: sweep the points in order; at each mistake
    add lr·(y − ŷ)·x to w and lr·(y − ŷ) to b. Returns [(w, b, index of the point that
    caused the update, or None for the start)], one entry per state, until an error-free sweep."""
    n = len(data[0][0])
    w, b = [0] * n, 0
    states = [(tuple(w), b, None)]
    while len(states) <= limit:
        changed = False
        for i, (x, y) in enumerate(data):
            err = y - decide(w, b, x)
            if err:
                w = [wi + lr * err * xi for wi, xi in zip(w, x)]
                b = b + lr * err
                states.append((tuple(w), b, i))
                changed = True
        if not changed:
            return states
    return states


def halfplane(w1, w2, b, box):
    """The polygon of box (x0, y0, x1, y1) in data units where w1·x + w2·y + b > 0
    (Sutherland-Hodgman against one edge); [] when that side misses the box."""
    x0, y0, x1, y1 = box
    poly = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
    f = lambda p: w1 * p[0] + w2 * p[1] + b
    out = []
    for i, p in enumerate(poly):
        q = poly[(i + 1) % len(poly)]
        fp, fq = f(p), f(q)
        if fp > 0:
            out.append(p)
        if (fp > 0) != (fq > 0) and fp != fq:
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def origin_frame(plot, xlabel, ylabel, ticks=5):
    """The plot's frame with its tick labels on the edges, where no data point can sit on
    them, and two thin lines through the origin, where the weight arrows start."""
    left, top, right, bottom = plot.box
    return plot.frame(xlabel, ylabel, xticks=ticks, yticks=ticks, edges=True) + [
        S.line(plot.x(0), top, plot.x(0), bottom, "muted"), S.line(left, plot.y(0), right, plot.y(0), "muted")]


def in_view(plot, x, y):
    """(x, y) pulled toward the origin along its own direction until it lies in the plot's
    view, so an arrow from the origin keeps its direction even when its tip is off the box."""
    t = 1.0
    for v, axis in ((x, plot.x), (y, plot.y)):
        if v > axis.hi:
            t = min(t, axis.hi / v)
        elif v < axis.lo:
            t = min(t, axis.lo / v)
    return x * t, y * t


# The four activations of lesson 04, each with its derivative (ReLU's at 0 taken as 0).
def sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def gelu(x):
    """x·Φ(x), Φ the standard normal's cumulative distribution, written with erf."""
    return x * 0.5 * (1 + math.erf(x / math.sqrt(2)))


def d_gelu(x):
    return 0.5 * (1 + math.erf(x / math.sqrt(2))) + x * math.exp(-x * x / 2) / math.sqrt(2 * math.pi)


ACTIVATIONS = {  # name: (f, f', how a picture names it)
    "sigmoid": (sigmoid, lambda x: sigmoid(x) * (1 - sigmoid(x)), "sigmoid σ"),
    "tanh": (math.tanh, lambda x: 1 - math.tanh(x) ** 2, "tanh"),
    "relu": (lambda x: max(0.0, x), lambda x: 1.0 if x > 0 else 0.0, "ReLU"),
    "gelu": (gelu, d_gelu, "GELU"),
}
