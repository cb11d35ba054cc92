"""One query, six keys, a dimension slider: watch softmax saturate and the gradients die.

A seeded generator draws a query q and keys k_A, k_B, ... with 512 components each,
every component from a normal distribution with mean 0 and variance 1. The slider
picks d_k and the widget uses the first d_k components, so raising d_k adds terms to
the same dot products. Four rows, one column per key:

* scores s_j = q·k_j / c, with c = 1, √d_k or d_k (chips under the picture);
* weights w = softmax(s);
* the values v_j and the output y = Σ w_j v_j (the soft lookup of lesson 1);
* the gradient of the output with respect to each score, ∂y/∂s_j = w_j (v_j − y),
  on a fixed scale, so you can watch it shrink to nothing.

Click a key's name (or focus it and press Enter; arrows move along) to see its
gradient worked out with the numbers in it.

    ```widget attention_saturation
    id = "sat"
    dk = 1                       # one of 1, 2, 4, ..., 512
    divisor = "none"             # "none", "sqrt" or "dk"
    divisors = false             # show the divisor chips
    values = [2, 9, 4, 7, 1, 5]  # 2 to 6 numbers, one per key
    seed = 3
    ```

values() for goals: dk, div, c, wmax (the top weight), top (its index), y, gsum
(Σ|∂y/∂s_j|), gmax (the largest |∂y/∂s_j|), spread (the standard deviation of the
scores across the keys), and per key s<name>, w<name>, g<name> (e.g. sA, wA, gA).
"""

import math
import random

from ..widgets import register
from ..numeric import softmax
from ..show import MINUS, fixed
from ..widgets.base import Widget, whole
# The same slider, divisors, chips and wording as the lesson's first widget.
from .dot_score_spread import DivisorChoice

DKS = (1, 2, 4, 8, 16, 32, 64, 128, 256, 512)
NAMES = "ABCDEF"
FULL = 512
LEFT, RIGHT = 150, 588
TOP_N = 22                    # key names
TOP_S, H_S = 40, 96           # scores, zero in the middle
TOP_W, H_W = 168, 64          # weights, 0 to 1
TOP_V = 262                   # values
TOP_G, H_G = 290, 80          # gradients, ±G_SCALE spans H_G
G_SCALE = 2.0


def tiny(v):
    """A number that may be very small: 3 decimals, or like 4e−9 below 0.001."""
    if v == 0 or abs(v) >= 0.0005:
        return fixed(v, 3)
    mant, exp = f"{v:.0e}".split("e")
    return f"{mant}e{int(exp)}".replace("-", MINUS)


def nice_ceiling(x):
    """The smallest of 1, 2, 5, 10, 20, 50, ... at or above x."""
    m = 1.0
    while True:
        for f in (1, 2, 5):
            if f * m >= x:
                return f * m
        m *= 10


@register
class AttentionSaturation(DivisorChoice, Widget):
    name = "attention_saturation"
    width, height = 600, 420
    dks = DKS

    def configure(self, config):
        self._read_choice(config, dk=1)
        vals = config.pop("values", [2, 9, 4, 7, 1, 5])
        if (not isinstance(vals, list) or not 2 <= len(vals) <= len(NAMES) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and abs(v) <= 99
                for v in vals)):
            raise ValueError("attention_saturation: values must be a list of 2 to 6 numbers between -99 and 99")
        self.seed = whole(self.name, "seed", config.pop("seed", 3), 0, 10**6)
        super().configure(config)
        self.vals = [float(v) for v in vals]
        self.names = NAMES[:len(vals)]
        rng = random.Random(self.seed)
        self.q = [rng.gauss(0.0, 1.0) for _ in range(FULL)]
        self.keys = [[rng.gauss(0.0, 1.0) for _ in range(FULL)] for _ in self.vals]
        self.sel = None

    # The numbers ------------------------------------------------------------------------------
    def dots(self):
        d = self.dk
        return [sum(a * b for a, b in zip(self.q[:d], k[:d])) for k in self.keys]

    def scores(self):
        c = self.c
        return [x / c for x in self.dots()]

    def compute(self):
        s = self.scores()
        w = softmax(s)
        y = sum(wi * v for wi, v in zip(w, self.vals))
        g = [wi * (v - y) for wi, v in zip(w, self.vals)]
        return s, w, y, g

    def values(self):
        s, w, y, g = self.compute()
        top = max(range(len(w)), key=lambda i: w[i])
        mean = sum(s) / len(s)
        out = {"dk": self.dk, "div": self.div, "c": self.c, "wmax": w[top], "top": top, "y": y,
               "gsum": sum(abs(x) for x in g), "gmax": max(abs(x) for x in g),
               "spread": math.sqrt(sum((x - mean) ** 2 for x in s) / len(s))}
        for n, si, wi, gi in zip(self.names, s, w, g):
            out["s" + n], out["w" + n], out["g" + n] = si, wi, gi
        return out

    def reset(self):
        (self.dk, self.div), self.sel = self.start, None

    def handle(self, event):
        if self._choose(event):
            return
        kind, handle, key = event.get("type"), str(event.get("handle", "")), event.get("key")
        if handle.startswith("key:") and handle[4:] in self.names:
            i = self.names.index(handle[4:])
            if kind == "drag" or (kind == "key" and key in ("Enter", " ")):
                self.sel = i
            elif kind == "key" and key in ("ArrowRight", "ArrowLeft"):
                now = i if self.sel is None else self.sel
                self.sel = min(max(now + (1 if key == "ArrowRight" else -1), 0), len(self.names) - 1)

    def __repr__(self):
        v = self.values()
        return f"<attention_saturation d_k = {self.dk}, divisor {self.div}, top weight {v['wmax']:.4f}>"

    # Drawing --------------------------------------------------------------------------------------
    def _cx(self, k):
        pitch = (RIGHT - LEFT) / len(self.vals)
        return LEFT + pitch * (k + 0.5)

    def shapes(self):
        s, w, y, g = self.compute()
        K = len(self.vals)
        pitch = (RIGHT - LEFT) / K
        bar = min(40.0, pitch * 0.5)
        top = max(range(K), key=lambda i: w[i])
        sel = top if self.sel is None else self.sel
        out = []
        rows = [(TOP_S + H_S / 2 - 8, "scores s"), (TOP_S + H_S / 2 + 8, "= q\u00b7k / c"),
                (TOP_W + H_W / 2, "w = softmax(s)"), (TOP_V, "values v"),
                (TOP_G + H_G / 2 - 8, "\u2202y/\u2202s"), (TOP_G + H_G / 2 + 8, "= w (v \u2212 y)")]
        for ty, text in rows:
            out.append({"t": "text", "x": 10, "y": round(ty + 4, 1), "s": text, "anchor": "start", "cls": "label"})
        # score axis: symmetric, scaled to a round number at or above the largest |score|
        M = nice_ceiling(max(max(abs(x) for x in s), 1e-9))
        mid = TOP_S + H_S / 2
        for v, yy in ((M, TOP_S), (-M, TOP_S + H_S)):
            out.append({"t": "line", "x1": LEFT - 4, "y1": yy, "x2": RIGHT, "y2": yy, "cls": "grid"})
            out.append({"t": "text", "x": LEFT - 8, "y": yy + 4, "s": fixed(v, 0 if M >= 1 else 2), "anchor": "end",
                        "cls": "small muted"})
        out.append({"t": "line", "x1": LEFT, "y1": mid, "x2": RIGHT, "y2": mid, "cls": "axis"})
        out.append({"t": "text", "x": LEFT - 8, "y": mid + 4, "s": "0", "anchor": "end", "cls": "small muted"})
        # weight axis
        out.append({"t": "line", "x1": LEFT, "y1": TOP_W + H_W, "x2": RIGHT, "y2": TOP_W + H_W, "cls": "axis"})
        out.append({"t": "line", "x1": LEFT - 4, "y1": TOP_W, "x2": RIGHT, "y2": TOP_W, "cls": "grid"})
        out.append({"t": "text", "x": LEFT - 8, "y": TOP_W + 4, "s": "1", "anchor": "end", "cls": "small muted"})
        out.append({"t": "text", "x": LEFT - 8, "y": TOP_W + H_W + 4, "s": "0", "anchor": "end", "cls": "small muted"})
        # gradient axis, fixed scale
        gmid = TOP_G + H_G / 2
        for v, yy in ((G_SCALE, TOP_G), (-G_SCALE, TOP_G + H_G)):
            out.append({"t": "line", "x1": LEFT - 4, "y1": yy, "x2": RIGHT, "y2": yy, "cls": "grid"})
            out.append({"t": "text", "x": LEFT - 8, "y": yy + 4, "s": fixed(v, 0), "anchor": "end", "cls": "small muted"})
        out.append({"t": "line", "x1": LEFT, "y1": gmid, "x2": RIGHT, "y2": gmid, "cls": "axis"})
        out.append({"t": "text", "x": LEFT - 8, "y": gmid + 4, "s": "0", "anchor": "end", "cls": "small muted"})
        handles, on_top = [], []      # on_top: texts drawn over the handle rects they label
        for k in range(K):
            cx = round(self._cx(k), 1)
            x = round(cx - bar / 2, 1)
            name = self.names[k]
            # the key's name: a button that selects it
            handles.append({"t": "rect", "x": round(cx - 14, 1), "y": TOP_N - 14, "w": 28, "h": 20, "rx": 4,
                            "cls": "node selected" if k == sel else "node", "handle": f"key:{name}",
                            "label": f"key {name}: show its gradient worked out",
                            "value": f"weight {tiny(w[k])}, gradient {tiny(g[k])}"})
            on_top.append({"t": "text", "x": cx, "y": TOP_N, "s": name,
                           "cls": "label accent" if k == top else "label"})
            # score bar
            h = round(abs(s[k]) / M * H_S / 2, 1)
            out.append({"t": "rect", "x": x, "y": round(mid - h if s[k] > 0 else mid, 1), "w": round(bar, 1), "h": h,
                        "cls": "accent3"})
            out.append({"t": "text", "x": round(cx + bar / 2 + 3, 1), "y": round(mid - 4 if s[k] >= 0 else mid + 14, 1),
                        "s": fixed(s[k], 2), "anchor": "start", "cls": "small"})
            # weight bar
            h = round(w[k] * H_W, 1)
            out.append({"t": "rect", "x": x, "y": round(TOP_W + H_W - h, 1), "w": round(bar, 1), "h": h,
                        "cls": "accent"})
            out.append({"t": "text", "x": cx, "y": round(TOP_W + H_W - h - 5, 1), "s": tiny(w[k]),
                        "cls": "small accent"})
            # value
            out.append({"t": "text", "x": cx, "y": TOP_V + 4, "s": fixed(self.vals[k], 0 if self.vals[k] == int(self.vals[k]) else 2),
                        "cls": "label"})
            # gradient bar
            gh = round(min(abs(g[k]), G_SCALE) / G_SCALE * H_G / 2, 1)
            out.append({"t": "rect", "x": x, "y": round(gmid - gh if g[k] > 0 else gmid, 1), "w": round(bar, 1), "h": gh,
                        "cls": "accent2"})
            out.append({"t": "text", "x": cx, "y": round(gmid - gh - 5 if g[k] >= 0 else gmid + gh + 13, 1),
                        "s": tiny(g[k]), "cls": "small accent2"})
        if self.chips:
            for rect, text in self._chips(384):
                handles.append(rect)
                on_top.append(text)
        return out + handles + on_top

    def readouts(self):
        s, w, y, g = self.compute()
        v = self.values()
        top = v["top"]
        k = top if self.sel is None else self.sel
        n = self.names[k]
        return [
            {"label": "d\u2096", "value": str(self.dk)},
            {"label": "divisor c", "value": self._c_text()},
            {"label": "top weight", "value": f"w{self.names[top]} = {fixed(v['wmax'], 4)}"},
            {"label": "output y", "value": fixed(y, 3)},
            {"label": f"\u2202y/\u2202s{n}",
             "value": f"w{n} \u00d7 (v{n} {MINUS} y) = {tiny(w[k])} \u00d7 ({fixed(self.vals[k], 2)} {MINUS} {fixed(y, 3)}) = {tiny(g[k])}"},
            {"label": "\u03a3|\u2202y/\u2202s|", "value": tiny(v["gsum"])},
        ]
