"""A one-layer bigram network next to the count table it is learning to become.

The network is the simplest one there is: the previous character as a one-hot
vector x, a V x V weight matrix W, logits x W (which is just row W[a]), and a
softmax. The widget shows the chosen context's one-hot vector, that row's logits
(draggable), and the row's probabilities beside the counted ones. With `train`
on, Step and Train buttons run full-batch gradient descent on the average
negative log-likelihood of a slice of tiny-shakespeare and draw the loss as it
falls toward the count table's loss.

    ```widget bigram_descent
    id = "train"
    context = "t"
    lr = 10
    ```

Full-batch gradient over every pair (a, b) of the text: each pair adds p - onehot(b)
to row a. Pairs with the same a share the same p, so the sum groups into counts,
    dL/dW[a][j] = (N[a] * p[a][j] - N[a][j]) / n,
which is what `gradient()` computes; it is the same number as the loop, only faster.
"""

import math

from ..widgets import register
from ..numeric import softmax
from ..show import char as shown
from ..widgets import shapes as S, views
from ..widgets.base import Widget, flag, number, whole
from ..widgets.controls import Button, Slider
from ..widgets.plot import Plot
from .bigrams import (avg_nll, check_alphabet, context_buttons, context_event, context_index, count_probs,
                      count_table, encode, fmt, key_name, load_text, symbols)


@register
class BigramDescent(Widget):
    name = "bigram_descent"
    LO, HI = -8.0, 8.0          # the logit axis

    def configure(self, config):
        self.alphabet = config.pop("alphabet", " etoah")
        check_alphabet(self.alphabet, "bigram_descent")
        self.chars = whole(self.name, "chars", config.pop("chars", 2000), 100, 50_000)
        self.lr = number(self.name, "lr", config.pop("lr", 10), 1e-9, 100)
        self.train = flag(self.name, "train", config.pop("train", True))
        self.per_click = whole(self.name, "per_click", config.pop("per_click", 25), 1, 100)
        self.syms = symbols(self.alphabet)
        context = config.pop("context", self.syms[0])
        if context not in self.syms:
            raise ValueError(f"bigram_descent: context {context!r} is not in the alphabet {self.syms}")
        ratio = config.pop("ratio", None)
        if ratio is not None and (not isinstance(ratio, list) or len(ratio) != 2 or any(r not in self.syms for r in ratio)):
            raise ValueError("bigram_descent: ratio must name two symbols of the alphabet, e.g. [\"h\", \"e\"]")
        self.ratio = ratio
        super().configure(config)

        self.V = len(self.syms)
        self.N = count_table(load_text(self.chars), self.alphabet)
        if any(sum(row) == 0 for row in self.N):
            raise ValueError("bigram_descent: every symbol must occur as a context in the text; use more chars")
        self.n = sum(map(sum, self.N))
        self.counted = count_probs(self.N)
        self.best = avg_nll(self.counted, self.N)
        self.start_context = self.syms.index(context)
        self.width = 640 if self.train else 420
        self.height = 330
        self.reset()
        self.knobs = {"reset": Button("reset", "Reset W to 0", self.reset)}
        if self.train:
            self.knobs.update(step=Button("step", "Step", self.step),
                              train=Button("train", f"Train {self.per_click} steps", lambda: self.step(self.per_click)))

    # State -------------------------------------------------------------------------
    def reset(self):
        self.W = [[0.0] * self.V for _ in range(self.V)]
        self.steps = 0
        self.context = self.start_context
        self.history = [self.loss()]

    def probs(self):
        return [softmax(row) for row in self.W]

    def loss(self, W=None):
        return avg_nll([softmax(row) for row in (W or self.W)], self.N)

    def gradient(self, W=None):
        """dL/dW for the average NLL over every pair of the text, grouped by first symbol."""
        W = self.W if W is None else W
        G = []
        for a, row in enumerate(W):
            p = softmax(row)
            Na = sum(self.N[a])
            G.append([(Na * p[j] - self.N[a][j]) / self.n for j in range(self.V)])
        return G

    def pairs(self):
        """Every (a, b) pair of the training slice as symbol indices, for a learner's own loop."""
        ids = encode(load_text(self.chars), self.alphabet)
        return list(zip(ids, ids[1:]))

    def step(self, count=1):
        for _ in range(count):
            G = self.gradient()
            for a in range(self.V):
                for j in range(self.V):
                    self.W[a][j] -= self.lr * G[a][j]
            self.steps += 1
            self.history.append(self.loss())
            if len(self.history) > 2000:
                self.history = self.history[-2000:]

    def maxdiff(self):
        P = self.probs()
        return max(abs(P[a][j] - self.counted[a][j]) for a in range(self.V) for j in range(self.V))

    def values(self):
        row = softmax(self.W[self.context])
        out = {"steps": self.steps, "gap": self.loss() - self.best, "maxdiff": self.maxdiff(),
               "context": key_name(self.syms[self.context])}
        for j, s in enumerate(self.syms):
            out[f"w_{key_name(s)}"] = self.W[self.context][j]
            out[f"p_{key_name(s)}"] = row[j]
        return out

    def set_values(self, values):
        """steps trains from W = 0; context picks a row; w_<symbol> sets that row's logits;
        the rest (p_, gap, maxdiff) follow from W and must agree."""
        values = dict(values)
        if "steps" in values:
            self.reset()
            self.step(whole(self.name, "steps", values.pop("steps"), 0, 5000))
        if "context" in values:
            self.context = context_index(self.name, self.syms, values.pop("context"))
        for j, s in enumerate(self.syms):
            key = f"w_{key_name(s)}"
            if key in values:
                self.W[self.context][j] = number(self.name, key, values.pop(key), self.LO, self.HI)
        self.history[-1] = self.loss()
        super().set_values(values)

    def handle(self, event):
        handle = str(event.get("handle", ""))
        if event.get("type") == "input":
            super().handle(event)
        elif handle.startswith("ctx:"):
            self.context = context_event(event, self.V, self.context)
        elif handle.startswith("w:") and handle[2:].isdigit() and int(handle[2:]) < self.V:
            j, row = int(handle[2:]), self.W[self.context]
            # a logit moves like a slider: clamped to the axis, 0.05 a key, 0.5 a page
            knob = Slider(handle, "", self.LO, self.HI, 0.01, row[j], fine=0.05, coarse=0.5)
            if event.get("type") == "drag":
                knob.set(self.logits().y.value(float(event["y"])))
            else:
                knob.key(event.get("key"))
            row[j] = knob.value
            self.history[-1] = self.loss()

    # Geometry ----------------------------------------------------------------------
    col0, col_w = 112, 40            # first column centre and column spacing
    bar_base, bar_h = 290, 120       # probability panel

    def logits(self):
        """The logit panel: column j centred at x = j, logits -8..8."""
        return Plot(x=(-0.6, self.V - 0.4), y=(self.LO, self.HI),
                    box=(self.col0 - 24, 36, self.col0 + self.col_w * (self.V - 1) + 24, 148))

    def shapes(self):
        V = self.V
        row = softmax(self.W[self.context])
        ctx = self.syms[self.context]
        out = context_buttons(self.syms, self.context, "x (one-hot)", "context")
        plot = self.logits()
        left, _, right, _ = plot.box
        out.append(S.text((left + right) / 2, 18, f"logits: row {shown(ctx)} of W (drag)", "small muted"))
        out += plot.frame(xticks=[], yticks=[-8, -4, 0, 4, 8], edges=True)
        out.append(plot.segment(-0.6, 0, V - 0.4, 0, "axis"))
        for j, s in enumerate(self.syms):
            w = self.W[self.context][j]
            out.append(plot.segment(j, 0, j, w))
            out.append(plot.handle(f"w:{j}", j, w, f"logit for {shown(s)} after {shown(ctx)}", fmt(w, 2), r=7))
        # probabilities: counted beside learned
        box = (self.col0 - self.col_w / 2, self.bar_base - self.bar_h, self.col0 + self.col_w * (V - 0.5), self.bar_base)
        out.append(S.text((left + right) / 2, box[1] - 8, f"P(next | {shown(ctx)}): counted vs network", "small muted"))
        out += views.bars(self.counted[self.context], box, top=1, cls="accent2", width=0.35, shift=-0.2)
        out += views.bars(row, box, top=1, width=0.35, shift=0.2, fmt=lambda p: fmt(p, 2)[1:] if p < 1 else "1")
        out += [S.text(self.col_x(j), self.bar_base + 18, shown(s), "label") for j, s in enumerate(self.syms)]
        out += [S.rect(left, self.bar_base + 26, 10, 10, "accent2"),
                S.text(left + 14, self.bar_base + 35, "counted", "small", "start"),
                S.rect(left + 80, self.bar_base + 26, 10, 10, "accent"),
                S.text(left + 94, self.bar_base + 35, "network", "small", "start")]
        if self.train:
            out += self._curve()
        return out

    def col_x(self, j):
        return self.col0 + j * self.col_w

    def _curve(self):
        lo, hi = self.best - 0.03, math.log(self.V) + 0.05
        span = max(100, self.steps)
        plot = Plot(x=(0, span), y=(lo, hi), box=(440, 40, 628, 290))
        left, top, right, bottom = plot.box
        out = [S.text((left + right) / 2, 18, "average NLL on the text", "small muted")]
        out += plot.frame(xticks=[0], yticks=[], grid=False)
        out.append(S.text(right, bottom + 16, f"{span} steps", "small", "end"))
        out.append(plot.segment(0, self.best, span, self.best, "accent2"))
        out.append(plot.text(span, self.best, f"counting: {fmt(self.best)}", "small accent2", "end", dy=-6))
        out.append(plot.text(span, math.log(self.V), f"uniform: ln {self.V} = {fmt(math.log(self.V))}",
                             "small muted", "end", dy=-6))
        start = self.steps - (len(self.history) - 1)
        stride = max(1, len(self.history) // 200)
        pts = [(start + i, v) for i, v in enumerate(self.history)][::stride]
        if pts[-1][0] != self.steps:
            pts.append((self.steps, self.history[-1]))
        return out + [plot.polyline(pts), plot.point(self.steps, self.history[-1])]

    def readouts(self):
        out = []
        if self.ratio:
            a, b = (self.syms.index(r) for r in self.ratio)
            row = softmax(self.W[self.context])
            ctx = shown(self.syms[self.context])
            out.append({"label": f"p({shown(self.syms[a])}|{ctx}) \u00f7 p({shown(self.syms[b])}|{ctx})",
                        "value": fmt(row[a] / row[b], 3)})
        if self.train:
            loss = self.loss()
            out += [{"label": "step", "value": str(self.steps)},
                    {"label": "network NLL", "value": fmt(loss, 4)},
                    {"label": "counting NLL", "value": fmt(self.best, 4)},
                    {"label": "largest |p_net \u2212 p_count|", "value": fmt(self.maxdiff(), 4)}]
        return out

    def controls(self):
        return [self.knobs[k].control() for k in (("step", "train", "reset") if self.train else ("reset",))]
