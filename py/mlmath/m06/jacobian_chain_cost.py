"""A chain of three layers, x -> J1 -> J2 -> J3 -> output, and the cost of multiplying their
Jacobians in either order.

Layer sizes: n inputs, hidden widths h1 and h2, m outputs; J1 is h1 x n, J2 is h2 x h1,
J3 is m x h2. Multiplying an a x b matrix by a b x c one takes a*b*c multiply-adds.
Forward order starts at the input, J3 (J2 J1): h2*h1*n + m*h2*n. Reverse order starts at the
output, (J3 J2) J1: m*h2*h1 + m*h1*n; with m = 1 each step is a row vector times a matrix,
a vector-Jacobian product. Each size is chosen from 1, 10, 100, 1000, 10000.

    ```widget jacobian_chain_cost
    id = "cost"
    n = 10
    h1 = 10
    h2 = 10
    m = 1
    goal = { text = "...", check = "m == 1 and fwd >= 100 * rev", solution = { n = 10000, h1 = 1000, h2 = 1000 } }
    ```

values(): n, h1, h2, m, fwd, rev (the multiply-adds of each order), ratio (fwd / rev).
"""

import math

from ..show import commas, num, power, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice

SIZES = [1, 10, 100, 1000, 10000]
SCALE = 300   # pixels for 13 decades: the largest cost, 2×10¹², leaves room for its label


def costs(n, h1, h2, m):
    """(forward order, reverse order) multiply-adds for J3 J2 J1."""
    return h2 * h1 * n + m * h2 * n, m * h2 * h1 + m * h1 * n


def big(v):
    return commas(v) if v < 10 ** 7 else sci(v)


@register
class JacobianChainCost(Widget):
    name = "jacobian_chain_cost"
    width, height = 600, 282

    def configure(self, config):
        labels = {"n": "inputs n", "h1": "hidden h₁", "h2": "hidden h₂", "m": "outputs m"}
        defaults = {"n": 10, "h1": 10, "h2": 10, "m": 1}
        self.knobs = {}
        for key, label in labels.items():
            value = one_of(self.name, key, config.pop(key, defaults[key]), SIZES)
            self.knobs[key] = Choice(key, label, SIZES, value, fmt=commas)
        super().configure(config)

    def values(self):
        n, h1, h2, m = (self.knobs[k].value for k in ("n", "h1", "h2", "m"))
        fwd, rev = costs(n, h1, h2, m)
        return {"n": n, "h1": h1, "h2": h2, "m": m, "fwd": fwd, "rev": rev, "ratio": fwd / rev}

    def shapes(self):
        v = self.values()
        out = []
        # the three Jacobians as boxes, height by rows and width by columns (log scale)
        side = lambda k: 14 + 16 * math.log10(k)
        mats = [("J₃", v["m"], v["h2"]), ("J₂", v["h2"], v["h1"]), ("J₁", v["h1"], v["n"])]
        x = 30
        for name, rows, cols in mats:
            w, h = side(cols), side(rows)
            out.append(S.rect(x, 20, w, h, "accent nofill"))
            out.append(S.text(x + w / 2, 20 + h + 14, f"{name}: {commas(rows)}×{commas(cols)}", "small"))
            x += w + 60
        # the two costs as bars on a log scale from 1 to 10^13
        top = 13
        for i, (label, cost, cls) in enumerate((("input first: J₃(J₂J₁)", v["fwd"], "accent3"),
                                                ("output first: (J₃J₂)J₁", v["rev"], "accent2"))):
            y = 180 + 34 * i
            length = SCALE * math.log10(max(cost, 1)) / top
            out.append(S.text(150, y + 14, label, "small", "end"))
            out.append(S.rect(160, y, max(length, 1), 20, f"{cls} nostroke"))
            out.append(S.text(166 + length, y + 14, f"{big(cost)} multiply-adds", "small", "start"))
        out.append(S.line(160, 176, 160, 244, "axis"))
        # the log scale's ticks, one per factor of 10, labelled every 1,000×
        out.append(S.line(160, 244, 160 + SCALE, 244, "axis"))
        for k in range(top + 1):
            tx = 160 + SCALE * k / top
            out.append(S.line(tx, 244, tx, 240 if k % 3 else 237, "axis"))
            if k % 3 == 0:
                out.append(S.text(tx, 256, power(10 ** k), "small muted"))
        out.append(S.text(160, 274, "a log scale: each tick is 10 times as many multiply-adds", "small muted", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "input first", "value": big(v["fwd"])},
                {"label": "output first", "value": big(v["rev"])},
                {"label": "input first ÷ output first", "value": num(v["ratio"], 2)}]

    def controls(self):
        return [self.knobs[k].control() for k in ("n", "h1", "h2", "m")]
