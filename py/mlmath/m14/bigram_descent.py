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
from ..widgets.base import Widget, arrow_step, flag, number, whole
from ..widgets.controls import Button
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
            if event.get("type") == "drag":
                row[j] = (self.zero_y - float(event["y"])) / self.scale
            else:
                row[j] = {"Home": 0.0, "End": row[j]}.get(event.get("key"),
                                                          row[j] + arrow_step(event.get("key"), 0.05, 0.5))
            row[j] = round(min(max(row[j], self.LO), self.HI), 2)
            self.history[-1] = self.loss()

    # Geometry ----------------------------------------------------------------------
    zero_y, scale = 92, 7.0          # logit panel: y = zero_y - w * scale, for w in [-8, 8]
    bar_base, bar_h = 290, 120       # probability panel
    col0, col_w = 112, 40            # first column centre and column spacing

    def col_x(self, j):
        return self.col0 + j * self.col_w

    def shapes(self):
        V = self.V
        row = softmax(self.W[self.context])
        ctx = self.syms[self.context]
        out = context_buttons(self.syms, self.context, "x (one-hot)", "context")
        # logits of the chosen row
        left, right = self.col0 - 24, self.col_x(V - 1) + 24
        out.append({"t": "text", "x": (left + right) / 2, "y": 18,
                    "s": f"logits: row {shown(ctx)} of W (drag)", "cls": "small muted"})
        for v in (-8, -4, 4, 8):
            y = self.zero_y - v * self.scale
            out.append({"t": "line", "x1": left, "y1": y, "x2": right, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": left - 4, "y": y + 4, "s": fmt(v, 0), "anchor": "end", "cls": "small muted"})
        out.append({"t": "line", "x1": left, "y1": self.zero_y, "x2": right, "y2": self.zero_y, "cls": "axis"})
        out.append({"t": "text", "x": left - 4, "y": self.zero_y + 4, "s": "0", "anchor": "end", "cls": "small muted"})
        for j, s in enumerate(self.syms):
            w = self.W[self.context][j]
            x, y = self.col_x(j), self.zero_y - max(self.LO, min(self.HI, w)) * self.scale
            out.append({"t": "line", "x1": x, "y1": self.zero_y, "x2": x, "y2": y, "cls": "accent"})
            out.append({"t": "circle", "cx": x, "cy": round(y, 1), "r": 7, "cls": "accent",
                        "handle": f"w:{j}", "label": f"logit for {shown(s)} after {shown(ctx)}", "value": fmt(w, 2)})
        # probabilities: counted beside learned
        top = self.bar_base - self.bar_h
        out.append({"t": "text", "x": (left + right) / 2, "y": top - 8,
                    "s": f"P(next | {shown(ctx)}): counted vs network", "cls": "small muted"})
        out.append({"t": "line", "x1": left, "y1": self.bar_base, "x2": right, "y2": self.bar_base, "cls": "axis"})
        for j, s in enumerate(self.syms):
            x = self.col_x(j)
            pc, pn = self.counted[self.context][j], row[j]
            hc, hn = pc * self.bar_h, pn * self.bar_h
            out.append({"t": "rect", "x": x - 15, "y": round(self.bar_base - hc, 1), "w": 14, "h": round(hc, 1),
                        "cls": "accent2"})
            out.append({"t": "rect", "x": x + 1, "y": round(self.bar_base - hn, 1), "w": 14, "h": round(hn, 1),
                        "cls": "accent"})
            out.append({"t": "text", "x": x + 8, "y": round(self.bar_base - hn - 4, 1), "s": fmt(pn, 2)[1:] if pn < 1 else "1",
                        "cls": "small accent"})
            out.append({"t": "text", "x": x, "y": self.bar_base + 18, "s": shown(s), "cls": "label"})
        out.append({"t": "rect", "x": left, "y": self.bar_base + 26, "w": 10, "h": 10, "cls": "accent2"})
        out.append({"t": "text", "x": left + 14, "y": self.bar_base + 35, "s": "counted", "anchor": "start", "cls": "small"})
        out.append({"t": "rect", "x": left + 80, "y": self.bar_base + 26, "w": 10, "h": 10, "cls": "accent"})
        out.append({"t": "text", "x": left + 94, "y": self.bar_base + 35, "s": "network", "anchor": "start", "cls": "small"})
        if self.train:
            out += self._curve()
        return out

    def _curve(self):
        x0, x1, y0, y1 = 440, 628, 40, 290
        hi, lo = math.log(self.V) + 0.05, self.best - 0.03
        span = max(100, self.steps)

        def px(i):
            return x0 + (x1 - x0) * i / span

        def py(v):
            return y1 - (y1 - y0) * (min(max(v, lo), hi) - lo) / (hi - lo)

        out = [{"t": "text", "x": (x0 + x1) / 2, "y": 18, "s": "average NLL on the text", "cls": "small muted"},
               {"t": "line", "x1": x0, "y1": y1, "x2": x1, "y2": y1, "cls": "axis"},
               {"t": "line", "x1": x0, "y1": y0, "x2": x0, "y2": y1, "cls": "axis"},
               {"t": "text", "x": x0, "y": y1 + 16, "s": "0", "cls": "small muted"},
               {"t": "text", "x": x1, "y": y1 + 16, "s": f"{span} steps", "anchor": "end", "cls": "small muted"}]
        yb = py(self.best)
        out.append({"t": "path", "d": f"M {x0} {yb:.1f} H {x1}", "cls": "accent2"})
        out.append({"t": "text", "x": x1, "y": yb - 6, "s": f"counting: {fmt(self.best)}", "anchor": "end",
                    "cls": "small accent2"})
        yu = py(math.log(self.V))
        out.append({"t": "text", "x": x1, "y": yu - 6, "s": f"uniform: ln {self.V} = {fmt(math.log(self.V))}",
                    "anchor": "end", "cls": "small muted"})
        start = self.steps - (len(self.history) - 1)
        stride = max(1, len(self.history) // 200)
        pts = [(start + i, v) for i, v in enumerate(self.history)][::stride]
        if pts[-1][0] != self.steps:
            pts.append((self.steps, self.history[-1]))
        d = " ".join(f"{'M' if k == 0 else 'L'} {px(i):.1f} {py(v):.1f}" for k, (i, v) in enumerate(pts))
        out.append({"t": "path", "d": d, "cls": "accent"})
        out.append({"t": "circle", "cx": round(px(self.steps), 1), "cy": round(py(self.history[-1]), 1), "r": 4,
                    "cls": "accent"})
        return out

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
