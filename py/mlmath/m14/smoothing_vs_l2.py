"""Add-k smoothing of a count table beside L2 regularisation of a bigram network.

Both pull every row toward the uniform distribution. Slide k and the counts get k
pretend sightings of every next symbol: P[a][j] = (N[a][j] + k) / (N[a] + k V).
Slide lambda and the network's loss gains lambda * sum(W**2); the widget solves
that loss exactly (Newton's method, row by row) and draws the row it lands on.
Held-out NLL is measured on the text that follows the training slice.

    ```widget smoothing_vs_l2
    id = "both"
    context = "t"
    show = "both"        # or "k": the add-k half only
    ```
"""

import math

from ..widgets import register
from ..numeric import softmax
from ..show import char as shown, fixed
from ..widgets import shapes as S, views
from ..widgets.base import Widget, number, one_of, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .bigrams import (avg_nll, check_alphabet, context_buttons, context_event, context_index, count_probs,
                      count_table, fmt, key_name, load_text, symbols)

K_LADDER = [0, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
LAM_LADDER = [0.0] + [10 ** (e / 10) for e in range(-60, 1)]     # 0, then 1e-6 ... 1 in tenths of a decade


def fmt_lam(lam):
    """Two significant digits, written out: 0.00025, 0.00005, 1."""
    if lam == 0:
        return "0 (off)"
    digits = max(0, 1 - math.floor(math.log10(lam)))
    return f"{lam:.{digits}f}".rstrip("0").rstrip(".")


def fmt_k(k):
    return "0 (off)" if k == 0 else f"{k:g}"


def add_k(N, k):
    V = len(N)
    return [[(c + k) / (sum(row) + k * V) for c in row] for row in N]


def l2_row(counts, n, lam, w=None, tol=1e-9):
    """Logits w minimising sum_j counts[j] * -log softmax(w)[j] / n + lam * sum(w**2) (lam > 0)."""
    V, Na = len(counts), sum(counts)
    w = list(w) if w else [0.0] * V

    def objective(w):
        m = max(w)
        lse = m + math.log(sum(math.exp(v - m) for v in w))
        return sum(c * (lse - v) for c, v in zip(counts, w)) / n + lam * sum(v * v for v in w)

    f = objective(w)
    for _ in range(200):
        p = softmax(w)
        g = [(Na * p[j] - counts[j]) / n + 2 * lam * w[j] for j in range(V)]
        if max(abs(v) for v in g) < tol:
            break
        # Hessian = diag(d) - u u^T; solve with Sherman-Morrison in O(V).
        d = [Na * p[j] / n + 2 * lam for j in range(V)]
        u = [math.sqrt(Na / n) * p[j] for j in range(V)]
        dg = [g[j] / d[j] for j in range(V)]
        du = [u[j] / d[j] for j in range(V)]
        s = sum(u[j] * dg[j] for j in range(V))
        q = sum(u[j] * du[j] for j in range(V))
        step = [dg[j] + du[j] * s / (1 - q) for j in range(V)]
        slope = sum(g[j] * step[j] for j in range(V))
        t = 1.0
        while True:
            trial = [w[j] - t * step[j] for j in range(V)]
            ft = objective(trial)
            if ft <= f - 1e-4 * t * slope + 1e-13 or t < 1e-8:   # + 1e-13: rounding near the optimum
                break
            t *= 0.5
        w, f = trial, ft
    return w


@register
class SmoothingVsL2(Widget):
    name = "smoothing_vs_l2"

    def configure(self, config):
        self.alphabet = config.pop("alphabet", " etoah")
        check_alphabet(self.alphabet, "smoothing_vs_l2")
        self.chars = whole(self.name, "chars", config.pop("chars", 2000), 100, 50_000)
        self.heldout = whole(self.name, "heldout", config.pop("heldout", 20000), 100, 50_000)
        self.show = one_of(self.name, "show", config.pop("show", "both"), ("both", "k"))
        self.syms = symbols(self.alphabet)
        context = config.pop("context", self.syms[0])
        if context not in self.syms:
            raise ValueError(f"smoothing_vs_l2: context {context!r} is not in the alphabet {self.syms}")
        super().configure(config)

        self.V = len(self.syms)
        self.N = count_table(load_text(self.chars), self.alphabet)
        self.H = count_table(load_text(self.heldout, start=self.chars), self.alphabet)
        if any(sum(row) == 0 for row in self.N):
            raise ValueError("smoothing_vs_l2: every symbol must occur as a context in the text; use more chars")
        self.n = sum(map(sum, self.N))
        self.counted = count_probs(self.N)
        self.context = self.syms.index(context)
        # the sliders move along the ladders: a knob's value is a rung, values() reads the rung's k or lambda
        self.knobs = {"k": Slider("k", "k (pretend counts)", 0, len(K_LADDER) - 1, 1, 0,
                                  fmt=lambda i: fmt_k(K_LADDER[i]))}
        if self.show == "both":
            self.knobs["lam"] = Slider("lam", "\u03bb (L2 strength)", 0, len(LAM_LADDER) - 1, 1, 0,
                                       fmt=lambda i: fmt_lam(LAM_LADDER[i]))
        self.W = [[0.0] * self.V for _ in range(self.V)]
        self.width, self.height = 640, 300
        self._solve()

    # State ----------------------------------------------------------------------------
    @property
    def k(self):
        return K_LADDER[self.knobs["k"].value]

    @property
    def lam(self):
        return LAM_LADDER[self.knobs["lam"].value] if "lam" in self.knobs else 0.0

    def _solve(self):
        self.P_k = add_k(self.N, self.k)
        if self.lam == 0:
            self.P_l2 = [list(r) for r in self.counted]   # no pull: the net's optimum is the counts
        else:
            self.W = [l2_row(self.N[a], self.n, self.lam, self.W[a]) for a in range(self.V)]
            self.P_l2 = [softmax(w) for w in self.W]

    def gap(self):
        return max(abs(self.P_k[a][j] - self.P_l2[a][j]) for a in range(self.V) for j in range(self.V))

    def values(self):
        return {"k": self.k, "lam": self.lam, "context": key_name(self.syms[self.context]),
                "train_k": avg_nll(self.P_k, self.N), "held_k": avg_nll(self.P_k, self.H),
                "train_l2": avg_nll(self.P_l2, self.N), "held_l2": avg_nll(self.P_l2, self.H),
                "gap": self.gap()}

    def set_values(self, values):
        """k must be a rung of K_LADDER; lam goes to the nearest rung of LAM_LADDER."""
        values = dict(values)
        if "k" in values:
            self.knobs["k"].value = K_LADDER.index(one_of(self.name, "k", values.pop("k"), K_LADDER))
        if "lam" in values and "lam" in self.knobs:
            lam = number(self.name, "lam", values.pop("lam"), 0, 1)
            self.knobs["lam"].value = 0 if lam == 0 else min(range(1, len(LAM_LADDER)),
                                                              key=lambda i: abs(math.log(LAM_LADDER[i] / lam)))
        if "context" in values:
            self.context = context_index(self.name, self.syms, values.pop("context"))
        self._solve()
        super().set_values(values)

    def handle(self, event):
        if str(event.get("handle", "")).startswith("ctx:"):
            self.context = context_event(event, self.V, self.context)
        else:
            super().handle(event)
            self._solve()

    # Scene ----------------------------------------------------------------------------
    def shapes(self):
        V = self.V
        ctx = shown(self.syms[self.context])
        out = context_buttons(self.syms, self.context, "row", "row")
        both = self.show == "both"
        left, col_w, base = 90, 74, 250
        box = (left, 40, left + col_w * V, base)
        plot = Plot(x=(0, V), y=(0, 0.8), box=box, yfmt=lambda v: fixed(v, 1))     # bars run from 0 to 0.8
        out.append(S.text((box[0] + box[2]) / 2, 18,
                          f"P(next | {ctx}): counts, add-k" + (", L2 network" if both else ""), "small muted"))
        out += plot.frame(xticks=[], yticks=[0.2, 0.4, 0.6, 0.8])
        out.append(plot.segment(0, 1 / V, V, 1 / V, "accent3"))
        out.append(plot.text(V, 1 / V, f"1/{V}", "small accent3", "start", dx=4, dy=4))
        series = [("counts", self.counted, "muted"), ("add-k", self.P_k, "accent2")]
        if both:
            series.append(("L2", self.P_l2, "accent"))
        for i, (_, P, cls) in enumerate(series):       # side by side, 16 units apart in a 74-unit column
            shift = (i - (len(series) - 1) / 2) * 16 / col_w
            if i == 0:          # the raw counts: grey outlines, so the smoothed bars read as changes to them
                out += [S.rect(plot.x(j + 0.5 + shift) - 7, plot.y(min(p, 0.8)), 14, base - plot.y(min(p, 0.8)), cls)
                        for j, p in enumerate(P[self.context])]
            else:
                out += views.bars(P[self.context], box, top=0.8, cls=cls, width=14 / col_w, shift=shift)
        for j, s in enumerate(self.syms):
            cx = left + col_w * (j + 0.5)
            out.append(S.text(cx, base + 18, shown(s), "label"))
            if self.N[self.context][j] == 0:
                out.append(S.text(cx, base + 32, "never seen", "small bad"))
        for i, (name, _, cls) in enumerate(series):
            out += [S.rect(left + 90 * i, base + 40, 10, 10, cls),
                    S.text(left + 90 * i + 14, base + 49, name, "small", "start")]
        return out

    def readouts(self):
        v = self.values()
        both = self.show == "both"
        out = [{"label": "add-k train NLL", "value": fmt(v["train_k"], 4)},
               {"label": "add-k held-out NLL", "value": fmt(v["held_k"], 4)}]
        if both:
            out += [{"label": "L2 train NLL", "value": fmt(v["train_l2"], 4)},
                    {"label": "L2 held-out NLL", "value": fmt(v["held_l2"], 4)}]
        a = self.context
        unseen = [j for j in range(self.V) if self.N[a][j] == 0]
        if unseen:
            j = unseen[0]
            text = f"add-k {fmt(self.P_k[a][j], 4)}" + (f", L2 {fmt(self.P_l2[a][j], 4)}" if both else "")
            out.append({"label": f"p({shown(self.syms[j])}|{shown(self.syms[a])}), never seen", "value": text})
        if both:
            out.append({"label": "largest |add-k \u2212 L2| in the table", "value": fmt(v["gap"], 4)})
        return out

    def controls(self):
        return [knob.control() for knob in self.knobs.values()]
