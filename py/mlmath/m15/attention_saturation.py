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

from ..numeric import argmax, dot, softmax
from ..show import MINUS, fixed, num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.plot import Axis
from .score_scale import ScaledScores, c_text, chip_event, chips, scale_knobs

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
    """A number that may be very small: 3 decimals, or like 4×10⁻⁹ below 0.0005."""
    return fixed(v, 3) if v == 0 or abs(v) >= 0.0005 else sci(v, 1)


def nice_ceiling(x):
    """The smallest of 1, 2, 5, 10, 20, 50, ... at or above x."""
    m = 1.0
    while True:
        for f in (1, 2, 5):
            if f * m >= x:
                return f * m
        m *= 10


@register
class AttentionSaturation(ScaledScores, Widget):
    name = "attention_saturation"
    width, height = 600, 420

    def configure(self, config):
        self.knobs, self.chips = scale_knobs(self.name, config, DKS, 1)
        vals = config.pop("values", [2, 9, 4, 7, 1, 5])
        if (not isinstance(vals, list) or not 2 <= len(vals) <= len(NAMES) or not all(
                isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) and abs(v) <= 99
                for v in vals)):
            raise ValueError(f"{self.name}: values must be a list of 2 to 6 numbers between -99 and 99")
        self.seed = whole(self.name, "seed", config.pop("seed", 3), 0, 10**6)
        super().configure(config)
        self.vals = [float(v) for v in vals]
        self.names = NAMES[:len(vals)]
        rng = random.Random(self.seed)
        self.q = [rng.gauss(0.0, 1.0) for _ in range(FULL)]
        self.keys = [[rng.gauss(0.0, 1.0) for _ in range(FULL)] for _ in self.vals]
        self.sel = None          # the key whose gradient the readout works out; None: the top one

    # The numbers ------------------------------------------------------------------------------
    def scores(self):
        d = self.dk
        return [dot(self.q[:d], k[:d]) / self.c for k in self.keys]

    def compute(self):
        s = self.scores()
        w = softmax(s)
        y = dot(w, self.vals)
        return s, w, y, [wi * (v - y) for wi, v in zip(w, self.vals)]

    def values(self):
        s, w, y, g = self.compute()
        top, mean = argmax(w), sum(s) / len(s)
        out = {"dk": self.dk, "div": self.div, "c": self.c, "wmax": w[top], "top": top, "y": y,
               "gsum": sum(abs(x) for x in g), "gmax": max(abs(x) for x in g),
               "spread": math.sqrt(sum((x - mean) ** 2 for x in s) / len(s))}
        for n, si, wi, gi in zip(self.names, s, w, g):
            out["s" + n], out["w" + n], out["g" + n] = si, wi, gi
        return out

    def set_values(self, values):
        if "dk" in values:        # a number that is no dk would be read as a position on the slider
            one_of(self.name, "dk", values["dk"], DKS)
        super().set_values(values)

    def handle(self, event):
        if self.chips and chip_event(self.knobs["div"], event):
            return
        handle, key = str(event.get("handle", "")), event.get("key")
        if handle.startswith("key:") and handle[4:] in self.names:
            i = self.names.index(handle[4:])
            if event.get("type") == "drag" or key in ("Enter", " "):
                self.sel = i
            elif key in ("ArrowRight", "ArrowLeft"):
                now = i if self.sel is None else self.sel
                self.sel = min(max(now + (1 if key == "ArrowRight" else -1), 0), len(self.names) - 1)
        else:
            super().handle(event)

    def __repr__(self):
        return f"<attention_saturation d_k = {self.dk}, divisor {self.div}, top weight {self.values()['wmax']:.4f}>"

    # Drawing --------------------------------------------------------------------------------------
    def _row(self, y_top, height, limit, places):
        """A row of bars on a symmetric axis ±limit: grid lines and labels at ±limit and 0."""
        mid = y_top + height / 2
        out = []
        for v, yy in ((limit, y_top), (-limit, y_top + height)):
            out += [S.line(LEFT - 4, yy, RIGHT, yy, "grid"), S.text(LEFT - 8, yy + 4, fixed(v, places), "small muted", "end")]
        return out + [S.line(LEFT, mid, RIGHT, mid, "axis"), S.text(LEFT - 8, mid + 4, "0", "small muted", "end")]

    def shapes(self):
        s, w, y, g = self.compute()
        K = len(self.vals)
        pitch = (RIGHT - LEFT) / K
        bar = min(40.0, pitch * 0.5)
        top = argmax(w)
        sel = top if self.sel is None else self.sel
        rows = [(TOP_S + H_S / 2 - 8, "scores s"), (TOP_S + H_S / 2 + 8, "= q\u00b7k / c"),
                (TOP_W + H_W / 2, "w = softmax(s)"), (TOP_V, "values v"),
                (TOP_G + H_G / 2 - 8, "\u2202y/\u2202s"), (TOP_G + H_G / 2 + 8, "= w (v \u2212 y)")]
        out = [S.text(10, ty + 4, text, "label", "start") for ty, text in rows]
        limit = nice_ceiling(max(abs(x) for x in s))      # scores on a symmetric axis, a round number out
        score = Axis(-limit, limit, TOP_S + H_S, TOP_S)
        out += self._row(TOP_S, H_S, limit, 0)
        weight = Axis(0, 1, TOP_W + H_W, TOP_W)
        out += [S.line(LEFT, TOP_W + H_W, RIGHT, TOP_W + H_W, "axis"), S.line(LEFT - 4, TOP_W, RIGHT, TOP_W, "grid"),
                S.text(LEFT - 8, TOP_W + 4, "1", "small muted", "end"),
                S.text(LEFT - 8, TOP_W + H_W + 4, "0", "small muted", "end")]
        grad = Axis(-G_SCALE, G_SCALE, TOP_G + H_G, TOP_G)
        out += self._row(TOP_G, H_G, G_SCALE, 0)
        handles, on_top = [], []      # on_top: texts drawn over the handle rects they label
        for k in range(K):
            cx = LEFT + pitch * (k + 0.5)
            x, name = cx - bar / 2, self.names[k]
            handles.append(S.handle(S.rect(cx - 14, TOP_N - 14, 28, 20, "node selected" if k == sel else "node", rx=4),
                                    f"key:{name}", f"key {name}: show its gradient worked out",
                                    f"weight {tiny(w[k])}, gradient {tiny(g[k])}"))
            on_top.append(S.text(cx, TOP_N, name, "label accent" if k == top else "label"))
            ys, yw, yg = score(s[k]), weight(w[k]), grad(min(max(g[k], -G_SCALE), G_SCALE))
            mid, gmid = score(0), grad(0)
            out += [S.rect(x, min(ys, mid), bar, abs(ys - mid), "accent3"),
                    S.text(cx + bar / 2 + 3, mid - 4 if s[k] >= 0 else mid + 14, fixed(s[k], 2), "small", "start"),
                    S.rect(x, yw, bar, weight(0) - yw, "accent"),
                    S.text(cx, yw - 5, tiny(w[k]), "small accent"),
                    S.text(cx, TOP_V + 4, num(self.vals[k]), "label"),
                    S.rect(x, min(yg, gmid), bar, abs(yg - gmid), "accent2"),
                    S.text(cx, yg - 5 if g[k] >= 0 else yg + 13, tiny(g[k]), "small accent2")]
        if self.chips:
            for chip, text in chips(self.div, 384):
                handles.append(chip)
                on_top.append(text)
        return out + handles + on_top

    def readouts(self):
        s, w, y, g = self.compute()
        top = argmax(w)
        k = top if self.sel is None else self.sel
        n = self.names[k]
        return [
            {"label": "d\u2096", "value": str(self.dk)},
            {"label": "divisor c", "value": c_text(self.div, self.dk)},
            {"label": "top weight", "value": f"w{self.names[top]} = {fixed(w[top], 4)}"},
            {"label": "output y", "value": fixed(y, 3)},
            {"label": f"\u2202y/\u2202s{n}",
             "value": f"w{n} \u00d7 (v{n} {MINUS} y) = {tiny(w[k])} \u00d7 ({fixed(self.vals[k], 2)} {MINUS} {fixed(y, 3)}) = {tiny(g[k])}"},
            {"label": "\u03a3|\u2202y/\u2202s|", "value": tiny(sum(abs(x) for x in g))},
        ]

    def controls(self):
        return [self.knobs["dk"].control()]
