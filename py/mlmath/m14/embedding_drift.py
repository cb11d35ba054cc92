"""A tiny Bengio-style model training in front of you: watch its 2-D character embeddings drift.

The model reads the last `context` characters, looks each one up in an embedding table
C (one 2-D point per symbol), concatenates the points into one vector x, and runs a
small MLP on it:

    x = [C[c1], C[c2], C[c3]]      h = tanh(x W1 + b1)      p = softmax(h W2 + b2)

The alphabet is small, so every point fits on the plot: space (␣), the vowels a e i o u,
the consonants t n s r h, and · for every other letter. Text is lowercased, every
non-letter becomes a space and runs of spaces collapse to one. Training is minibatch
SGD on the average negative log-likelihood of the next symbol, from a fixed seed, so
the same clicks give the same picture every time.

    ```widget embedding_drift
    id = "drift"
    chars = 20000          # training text: the first `chars` characters of tiny-shakespeare
    heldout = 10000        # held-out text: the next `heldout` characters
    per_click = 30         # SGD steps per press of Train
    ```

The held-out positions are split by whether their context ever occurs in the training
text. A counted table has no row for the unseen ones; the network still predicts them,
and the widget scores it there separately.

A cell can reach the trained weights: `widget("drift").weights()` returns
(C, W1, b1, W2, b2) as plain lists, with W1 of shape (context*2) x hidden and W2 of
shape hidden x 12, and `encode("the")` turns text into symbol indices.
"""

import math
import random
from operator import mul

from ..widgets import register
from ..numeric import softmax
from ..show import char as shown, commas, fixed
from ..widgets import shapes as S
from ..widgets.base import Widget, number, whole
from ..widgets.controls import Button, Choice
from ..widgets.plot import Plot
from .l04_bengio import OTHER, SYMBOLS, encode, squash, windows

VOWELS = "aeiou"
CONSONANTS = "tnshr"
D = 2


def group(pairs):
    """{context: {next: count}}, so a loss needs one forward pass per distinct context."""
    out = {}
    for ctx, nxt in pairs:
        row = out.setdefault(ctx, {})
        row[nxt] = row.get(nxt, 0) + 1
    return out


@register
class EmbeddingDrift(Widget):
    name = "embedding_drift"
    width, height = 640, 330

    def configure(self, config):
        opts = {"chars": (20000, 2000, 100000), "heldout": (10000, 1000, 50000), "context": (3, 1, 4),
                "hidden": (8, 2, 16), "batch": (16, 1, 64), "per_click": (30, 1, 100), "seed": (0, 0, 99)}
        for key, (default, lo, hi) in opts.items():
            setattr(self, key, whole(self.name, key, config.pop(key, default), lo, hi))
        self.lr = number(self.name, "lr", config.pop("lr", 0.5), 0.001, 5)
        super().configure(config)
        from mlmath.data import shakespeare
        corpus = shakespeare()
        self.V = len(SYMBOLS)
        train = encode(squash(corpus[:self.chars]))
        held = encode(squash(corpus[self.chars:self.chars + self.heldout]))
        self.train_pairs = windows(train, self.context)
        seen = {ctx for ctx, _ in self.train_pairs}
        self.held_seen = group([p for p in windows(held, self.context) if p[0] in seen])
        self.held_unseen = group([p for p in windows(held, self.context) if p[0] not in seen])
        self.n_seen = sum(map(sum, (r.values() for r in self.held_seen.values())))
        self.n_unseen = sum(map(sum, (r.values() for r in self.held_unseen.values())))
        self.contexts_seen = len(seen)
        self.knobs = {"selected": Choice("selected", "symbol", SYMBOLS, "a", fmt=shown),
                      "step": Button("step", "Step", lambda: self.train(1)),
                      "train": Button("train", f"Train {self.per_click} steps", lambda: self.train(self.per_click)),
                      "reset": Button("reset", "Reset", self.reset)}
        self.reset()

    @property
    def selected(self):
        return self.knobs["selected"].index

    # The model ------------------------------------------------------------------------
    def reset(self):
        rng = random.Random(self.seed)
        n_in, H, V = self.context * D, self.hidden, self.V
        self.C = [[rng.gauss(0, 1) for _ in range(D)] for _ in range(V)]
        self.W1c = [[rng.gauss(0, 1) / math.sqrt(n_in) for _ in range(n_in)] for _ in range(H)]   # column j of W1
        self.b1 = [0.0] * H
        self.W2c = [[rng.gauss(0, 1) / math.sqrt(H) for _ in range(H)] for _ in range(V)]         # column k of W2
        self.b2 = [0.0] * V
        self.rng = random.Random(self.seed + 1000)
        self.steps = 0
        self.trail = [[tuple(p) for p in self.C]]
        self._scores = None
        self.history = [self.scores()]

    def forward(self, ctx):
        """(x, h, p) for a context given as symbol indices."""
        x = [v for t in ctx for v in self.C[t]]
        h = [math.tanh(b + sum(map(mul, x, col))) for b, col in zip(self.b1, self.W1c)]
        z = [b + sum(map(mul, h, col)) for b, col in zip(self.b2, self.W2c)]
        return x, h, softmax(z)

    def predict(self, text):
        """The model's next-symbol distribution after the last `context` symbols of text, by symbol."""
        ids = encode(squash(text))[-self.context:]
        if len(ids) < self.context:
            raise ValueError(f"predict needs at least {self.context} characters of context")
        return {s: p for s, p in zip(SYMBOLS, self.forward(ids)[2])}

    def step(self, count=1):
        n_in, H, V, B = self.context * D, self.hidden, self.V, self.batch
        for _ in range(count):
            gW1 = [[0.0] * n_in for _ in range(H)]
            gb1 = [0.0] * H
            gW2 = [[0.0] * H for _ in range(V)]
            gb2 = [0.0] * V
            gC = {}
            for _ in range(B):
                ctx, target = self.train_pairs[self.rng.randrange(len(self.train_pairs))]
                x, h, p = self.forward(ctx)
                dz = p
                dz[target] -= 1.0
                dh = [0.0] * H
                for k in range(V):
                    d = dz[k]
                    gb2[k] += d
                    gW2[k] = [g + d * hj for g, hj in zip(gW2[k], h)]
                    dh = [a + d * w for a, w in zip(dh, self.W2c[k])]
                dx = [0.0] * n_in
                for j in range(H):
                    d = dh[j] * (1.0 - h[j] * h[j])
                    gb1[j] += d
                    gW1[j] = [g + d * xi for g, xi in zip(gW1[j], x)]
                    dx = [a + d * w for a, w in zip(dx, self.W1c[j])]
                for t, tok in enumerate(ctx):
                    g = gC.setdefault(tok, [0.0] * D)
                    for i in range(D):
                        g[i] += dx[t * D + i]
            f = self.lr / B
            for j in range(H):
                self.b1[j] -= f * gb1[j]
                self.W1c[j] = [w - f * g for w, g in zip(self.W1c[j], gW1[j])]
            for k in range(V):
                self.b2[k] -= f * gb2[k]
                self.W2c[k] = [w - f * g for w, g in zip(self.W2c[k], gW2[k])]
            for tok, g in gC.items():
                self.C[tok] = [w - f * gi for w, gi in zip(self.C[tok], g)]
            self.steps += 1
        self._scores = None

    def train(self, count):
        self.step(count)
        self.trail.append([tuple(p) for p in self.C])
        self.trail = self.trail[-12:]
        self.history.append(self.scores())
        self.history = self.history[-200:]

    def weights(self):
        """(C, W1, b1, W2, b2) as plain lists in the usual layout: x W1 with W1 (context*2) x hidden."""
        W1 = [[self.W1c[j][i] for j in range(self.hidden)] for i in range(self.context * D)]
        W2 = [[self.W2c[k][j] for k in range(self.V)] for j in range(self.hidden)]
        return [row[:] for row in self.C], W1, self.b1[:], W2, self.b2[:]

    def nll(self, grouped):
        total, n = 0.0, 0
        for ctx, row in grouped.items():
            p = self.forward(ctx)[2]
            for nxt, c in row.items():
                total -= c * math.log(p[nxt])
                n += c
        return total / n if n else float("nan")

    def scores(self):
        """(steps, held-out NLL on contexts seen in training, on contexts never seen)."""
        if self._scores is None:
            self._scores = (self.steps, self.nll(self.held_seen), self.nll(self.held_unseen))
        return self._scores

    # Geometry of the embeddings --------------------------------------------------------
    def centroid(self, letters):
        pts = [self.C[SYMBOLS.index(c)] for c in letters]
        return [sum(p[i] for p in pts) / len(pts) for i in range(D)]

    def separated(self):
        """Every vowel nearer the vowels' centre than the consonants', and every consonant the reverse."""
        cv, cc = self.centroid(VOWELS), self.centroid(CONSONANTS)
        vow = all(math.dist(self.C[SYMBOLS.index(c)], cv) < math.dist(self.C[SYMBOLS.index(c)], cc) for c in VOWELS)
        con = all(math.dist(self.C[SYMBOLS.index(c)], cc) < math.dist(self.C[SYMBOLS.index(c)], cv)
                  for c in CONSONANTS)
        return vow and con

    def nearest(self, i, k=3):
        others = sorted((math.dist(self.C[i], self.C[j]), j) for j in range(self.V) if j != i)
        return [(SYMBOLS[j], d) for d, j in others[:k]]

    # Goal values ----------------------------------------------------------------------
    def values(self):
        _, seen, unseen = self.scores()
        return {"steps": self.steps, "separated": self.separated(), "held_seen": seen, "held_unseen": unseen,
                "selected": SYMBOLS[self.selected], "nearest": self.nearest(self.selected, 1)[0][0]}

    def set_values(self, values):
        """steps trains from the start; selected picks a symbol ("sp" names the space, "other"
        the bucket); the rest follow and must agree."""
        values = dict(values)
        if "steps" in values:
            steps = whole(self.name, "steps", values.pop("steps"), 0, 5000)
            self.reset()
            while self.steps < steps:
                self.train(min(self.per_click, steps - self.steps))
        if "selected" in values:
            name = values.pop("selected")
            if not self.knobs["selected"].assign({"sp": " ", "other": OTHER}.get(name, name)):
                raise KeyError(f"embedding_drift has no symbol {name!r}")
        super().set_values(values)

    def handle(self, event):
        """A symbol's dot: a click or Enter selects it, arrows step through the symbols."""
        h = str(event.get("handle", ""))
        if h.startswith("sym:") and h[4:].isdigit() and int(h[4:]) < self.V:
            if event.get("type") == "drag" or event.get("key") in ("Enter", " "):
                self.knobs["selected"].index = int(h[4:])
            else:
                self.knobs["selected"].key(event.get("key"))
        elif event.get("type") == "input":
            super().handle(event)

    # Drawing -------------------------------------------------------------------------
    box = (16, 30, 306, 320)          # the embedding plot: a square

    def _scale(self):
        big = max(max(abs(v) for p in pts for v in p) for pts in self.trail[-4:] + [self.C])
        for r in (1, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50):
            if big * 1.08 <= r:
                return r
        return big * 1.1

    @staticmethod
    def _cls(sym):
        return "accent" if sym in VOWELS else "accent2" if sym in CONSONANTS else "muted"

    def shapes(self):
        r = self._scale()
        plot = Plot(x=(-r, r), y=(-r, r), box=self.box)
        left, top, right, bottom = self.box
        cx, cy = plot.at(0, 0)
        out = [S.text(cx, 16, f"embeddings C[c], one point per symbol (axes \u00b1{r:g})", "small muted"),
               S.rect(left, top, right - left, bottom - top, "grid nofill"),
               S.line(left, cy, right, cy, "grid"), S.line(cx, top, cx, bottom, "grid")]
        for i, sym in enumerate(SYMBOLS):
            out.append(plot.polyline([frame[i] for frame in self.trail] + [self.C[i]], self._cls(sym)))
            out[-1]["opacity"] = 0.5
        for letters, cls in ((VOWELS, "accent"), (CONSONANTS, "accent2")):      # the centres, as +
            x, y = plot.at(*self.centroid(letters))
            out += [S.line(x - 6, y, x + 6, y, cls), S.line(x, y - 6, x, y + 6, cls)]
        for i, sym in enumerate(SYMBOLS):
            x, y = plot.at(*self.C[i])
            sel = i == self.selected
            near = ", ".join(shown(c) for c, _ in self.nearest(i, 2))
            dot = S.circle(x, y, 12 if sel else 10, f"{self._cls(sym)} selected" if sel else self._cls(sym),
                           opacity=0.35)
            out.append(S.handle(dot, f"sym:{i}", f"embedding of {shown(sym)}",
                                f"at ({fixed(self.C[i][0], 2)}, {fixed(self.C[i][1], 2)}), nearest {near}"))
            out.append(S.text(x, y + 5, shown(sym), "label"))
        return out + self._curve()

    def _curve(self):
        lo, hi = 1.6, math.log(self.V)
        span = max(300, self.steps)
        plot = Plot(x=(0, span), y=(lo, hi), box=(356, 44, 624, 244), yfmt=lambda v: fixed(v, 1))
        left, top, right, bottom = plot.box
        out = [S.text((left + right) / 2, 16, "held-out loss (NLL per symbol)", "small muted")]
        out += plot.frame(xticks=[0], yticks=[2.0, 2.4])
        out.append(S.text(right, bottom + 16, f"{span} steps", "small", "end"))
        out.append(plot.text(span, hi, f"uniform guess: ln {self.V} = {fixed(hi, 3)}", "small muted", "end", dy=14))
        for idx, cls in ((1, "accent3"), (2, "accent")):      # losses above ln V drawn at its line
            points = [(h[0], min(max(h[idx], lo), hi)) for h in self.history]
            out += [plot.polyline(points, cls), plot.point(*points[-1], cls, r=3.5)]
        ly = bottom + 40
        return out + [
            S.rect(left, ly - 9, 10, 10, "accent3"),
            S.text(left + 14, ly, f"context seen in training ({commas(self.n_seen)} positions)", "small", "start"),
            S.rect(left, ly + 9, 10, 10, "accent"),
            S.text(left + 14, ly + 18, f"context never seen ({commas(self.n_unseen)} positions)", "small", "start"),
            S.text(left, ly + 40, "\u25cf vowels a e i o u", "small accent", "start"),
            S.text(left + 130, ly + 40, "\u25cf consonants t n s r h", "small accent2", "start")]

    def readouts(self):
        _, seen, unseen = self.scores()
        sym = SYMBOLS[self.selected]
        near = ", ".join(f"{shown(c)} ({d:.2f})" for c, d in self.nearest(self.selected, 3))
        return [
            {"label": "SGD steps", "value": str(self.steps)},
            {"label": "held-out NLL, context seen in training", "value": fixed(seen, 3)},
            {"label": "held-out NLL, context never seen", "value": fixed(unseen, 3)},
            {"label": "vowels and consonants", "value": "separated: each letter is nearer its own group's centre"
             if self.separated() else "mixed: some letter is nearer the other group's centre"},
            {"label": f"nearest to {shown(sym)}", "value": near},
        ]

    def controls(self):
        return [self.knobs[key].control() for key in ("step", "train", "reset")]

    def __repr__(self):
        return f"<embedding_drift step {self.steps}>"
