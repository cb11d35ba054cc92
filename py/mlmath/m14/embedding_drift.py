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
from ..show import char as shown, fixed
from ..widgets.base import Widget, whole
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
        self.lr = config.pop("lr", 0.5)
        if isinstance(self.lr, bool) or not isinstance(self.lr, (int, float)) or not 0 < self.lr <= 5:
            raise ValueError("embedding_drift: lr must be a number in (0, 5]")
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
        self.selected = SYMBOLS.index("a")
        self.reset()

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
        """steps trains from the start; selected picks a symbol; the rest follow and must agree."""
        values = dict(values)
        if "steps" in values:
            steps = whole(self.name, "steps", values.pop("steps"), 0, 5000)
            self.reset()
            while self.steps < steps:
                self.train(min(self.per_click, steps - self.steps))
        if "selected" in values:
            name = values.pop("selected")
            s = " " if name in ("sp", "\u2423") else OTHER if name == "other" else name
            if s not in SYMBOLS:
                raise KeyError(f"embedding_drift has no symbol {name!r}")
            self.selected = SYMBOLS.index(s)
        super().set_values(values)

    # Events --------------------------------------------------------------------------
    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            cid = event.get("id")
            if cid == "step":
                self.train(1)
            elif cid == "train":
                self.train(self.per_click)
            elif cid == "reset":
                self.reset()
            return
        h = str(event.get("handle", ""))
        if not h.startswith("sym:") or not h[4:].isdigit() or int(h[4:]) >= self.V:
            return
        if kind == "drag" or event.get("key") in ("Enter", " "):
            self.selected = int(h[4:])
        elif kind == "key" and event.get("key") in ("ArrowRight", "ArrowDown"):
            self.selected = (self.selected + 1) % self.V
        elif kind == "key" and event.get("key") in ("ArrowLeft", "ArrowUp"):
            self.selected = (self.selected - 1) % self.V

    # Drawing -------------------------------------------------------------------------
    px0, py0, side = 16, 30, 290          # the embedding plot: a square

    def _scale(self):
        big = max(max(abs(v) for p in pts for v in p) for pts in self.trail[-4:] + [self.C])
        for r in (1, 1.5, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50):
            if big * 1.08 <= r:
                return r
        return big * 1.1

    def _xy(self, p, r):
        half = self.side / 2
        return (round(self.px0 + half + half * p[0] / r, 1), round(self.py0 + half - half * p[1] / r, 1))

    @staticmethod
    def _cls(sym):
        return "accent" if sym in VOWELS else "accent2" if sym in CONSONANTS else "muted"

    def shapes(self):
        r = self._scale()
        x0, y0, s = self.px0, self.py0, self.side
        cx, cy = x0 + s / 2, y0 + s / 2
        out = [{"t": "text", "x": cx, "y": 16, "cls": "small muted",
                "s": f"embeddings C[c], one point per symbol (axes \u00b1{r:g})"},
               {"t": "rect", "x": x0, "y": y0, "w": s, "h": s, "cls": "grid nofill"},
               {"t": "line", "x1": x0, "y1": cy, "x2": x0 + s, "y2": cy, "cls": "grid"},
               {"t": "line", "x1": cx, "y1": y0, "x2": cx, "y2": y0 + s, "cls": "grid"}]
        for i, sym in enumerate(SYMBOLS):
            pts = [self._xy(frame[i], r) for frame in self.trail] + [self._xy(self.C[i], r)]
            if len(pts) > 1:
                d = " ".join(f"{'M' if k == 0 else 'L'} {x} {y}" for k, (x, y) in enumerate(pts))
                out.append({"t": "path", "d": d, "cls": self._cls(sym), "opacity": 0.5})
        for letters, cls in ((VOWELS, "accent"), (CONSONANTS, "accent2")):
            x, y = self._xy(self.centroid(letters), r)
            out.append({"t": "path", "d": f"M {x - 6} {y} H {x + 6} M {x} {y - 6} V {y + 6}", "cls": cls})
        for i, sym in enumerate(SYMBOLS):
            x, y = self._xy(self.C[i], r)
            sel = i == self.selected
            near = ", ".join(f"{shown(c)}" for c, _ in self.nearest(i, 2))
            out.append({"t": "circle", "cx": x, "cy": y, "r": 12 if sel else 10,
                        "cls": f"{self._cls(sym)} selected" if sel else self._cls(sym), "opacity": 0.35,
                        "handle": f"sym:{i}", "label": f"embedding of {shown(sym)}",
                        "value": f"at ({fixed(self.C[i][0], 2)}, {fixed(self.C[i][1], 2)}), nearest {near}"})
            out.append({"t": "text", "x": x, "y": y + 5, "s": shown(sym), "cls": "label"})
        out += self._curve()
        return out

    def _curve(self):
        x0, x1, y0, y1 = 356, 624, 44, 244
        hi, lo = math.log(self.V), 1.6
        span = max(300, self.steps)

        def px(t):
            return round(x0 + (x1 - x0) * t / span, 1)

        def py(v):
            return round(y1 - (y1 - y0) * (min(max(v, lo), hi) - lo) / (hi - lo), 1)

        out = [{"t": "text", "x": (x0 + x1) / 2, "y": 16, "cls": "small muted", "s": "held-out loss (NLL per symbol)"},
               {"t": "line", "x1": x0, "y1": y1, "x2": x1, "y2": y1, "cls": "axis"},
               {"t": "line", "x1": x0, "y1": y0, "x2": x0, "y2": y1, "cls": "axis"},
               {"t": "text", "x": x0, "y": y1 + 16, "s": "0", "cls": "small muted"},
               {"t": "text", "x": x1, "y": y1 + 16, "s": f"{span} steps", "anchor": "end", "cls": "small muted"}]
        for v in (2.0, 2.4):
            out.append({"t": "text", "x": x0 - 4, "y": py(v) + 4, "s": f"{v:.1f}", "anchor": "end",
                        "cls": "small muted"})
            out.append({"t": "line", "x1": x0, "y1": py(v), "x2": x1, "y2": py(v), "cls": "grid"})
        yu = py(math.log(self.V))
        out.append({"t": "text", "x": x1, "y": yu + 14, "s": f"uniform guess: ln {self.V} = {math.log(self.V):.3f}",
                    "anchor": "end", "cls": "small muted"})
        for idx, cls, name in ((1, "accent3", "contexts seen in training"),
                               (2, "accent", "contexts never seen in training")):
            d = " ".join(f"{'M' if k == 0 else 'L'} {px(h[0])} {py(h[idx])}" for k, h in enumerate(self.history))
            out.append({"t": "path", "d": d if len(self.history) > 1 else d + f" L {px(0) + 1} {py(self.history[0][idx])}",
                        "cls": cls})
            last = self.history[-1]
            out.append({"t": "circle", "cx": px(last[0]), "cy": py(last[idx]), "r": 3.5, "cls": cls})
        ly = y1 + 40
        out.append({"t": "rect", "x": x0, "y": ly - 9, "w": 10, "h": 10, "cls": "accent3"})
        out.append({"t": "text", "x": x0 + 14, "y": ly, "anchor": "start", "cls": "small",
                    "s": f"context seen in training ({self.n_seen:,} positions)"})
        out.append({"t": "rect", "x": x0, "y": ly + 9, "w": 10, "h": 10, "cls": "accent"})
        out.append({"t": "text", "x": x0 + 14, "y": ly + 18, "anchor": "start", "cls": "small",
                    "s": f"context never seen ({self.n_unseen:,} positions)"})
        out.append({"t": "text", "x": x0, "y": ly + 40, "anchor": "start", "cls": "small accent",
                    "s": "\u25cf vowels a e i o u"})
        out.append({"t": "text", "x": x0 + 130, "y": ly + 40, "anchor": "start", "cls": "small accent2",
                    "s": "\u25cf consonants t n s r h"})
        return out

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
        return [{"kind": "button", "id": "step", "label": "Step"},
                {"kind": "button", "id": "train", "label": f"Train {self.per_click} steps"},
                {"kind": "button", "id": "reset", "label": "Reset"}]

    def __repr__(self):
        return f"<embedding_drift step {self.steps}>"
