"""A geometric sequence and its running total: terms a·r^(k−1) as thin bars, partial sums
S_k as dots climbing (or zigzagging) toward a/(1 − r) when |r| < 1, the limit drawn as a
line. The learner slides r and drags the marked sum to choose n.

    ```widget partial_sum_staircase
    id = "geo"
    a = 1
    r = 0.5
    n = 5
    goal = { text = "...", check = "abs(limit - 4) < 1e-9 and abs(gap) < 0.01", solution = { r = 0.75, n = 25 } }
    ```

values(): r, n, term (the n-th term), sum (S_n), limit (a/(1 − r), nan when |r| ≥ 1),
gap (limit − S_n, nan when there is no limit).
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

N_MAX = 40


def _fmt(x):
    return num(x, 6) if abs(x) < 1e4 else sci(x, 4)


def partial_sums(a, r, n):
    """S_1 .. S_n of a + a·r + a·r² + ..., added one term at a time."""
    out, total, term = [], 0.0, a
    for _ in range(n):
        total += term
        out.append(total)
        term *= r
    return out


@register
class PartialSumStaircase(Widget):
    name = "partial_sum_staircase"
    width, height = 600, 320

    def configure(self, config):
        self.a = number(self.name, "a", config.pop("a", 1), -5, 5)
        r = number(self.name, "r", config.pop("r", 0.5), -1.2, 1.2)
        n = number(self.name, "n", config.pop("n", 5), 1, N_MAX)
        lo, hi = config.pop("y", [-1, 5])
        self.plot = Plot((0, N_MAX + 1), (number(self.name, "y low", lo), number(self.name, "y high", hi, lo + 1)),
                         box=(44, 14, 584, 290))
        self.knobs = {"r": Slider("r", "ratio r", -1.2, 1.2, 0.05, r),
                      "n": Slider("n", "terms n", 1, N_MAX, 1, int(n))}
        super().configure(config)

    def values(self):
        r, n = self.knobs["r"].value, self.knobs["n"].value
        sums = partial_sums(self.a, r, n)
        limit = self.a / (1 - r) if abs(r) < 1 else math.nan
        return {"r": r, "n": n, "term": self.a * r ** (n - 1), "sum": sums[-1], "limit": limit,
                "gap": limit - sums[-1]}

    def drag(self, handle, x, y):
        if handle == "n":
            self.knobs["n"].set(self.plot.x.value(x))

    def shapes(self):
        p, v = self.plot, self.values()
        r = v["r"]
        sums = partial_sums(self.a, r, N_MAX)
        n = v["n"]
        out = [p.handle("n", n, sums[n - 1], "the running total S_n; drag sideways to change n", f"n = {n}")]
        out += p.frame("n", "")
        if not math.isnan(v["limit"]):
            out.append(p.line(0, v["limit"], "accent2"))
        term = self.a
        for k in range(1, N_MAX + 1):
            out.append(p.segment(k, 0, k, term, "accent3" if k == n else "muted"))
            term *= r
        out += [p.point(k, s, "accent" if k <= n else "muted", r=3) for k, s in enumerate(sums, 1)]
        out += self.legend(v["limit"])
        return out

    def legend(self, limit):
        """The key on the right, where the dots have settled and the bars have shrunk: at the top
        when the totals settle low (or not at all), else in the band between the axis and the level
        line, so it covers neither the dots, the line, nor the axis's tick labels."""
        key = self.plot.legend([("terms a·rᵏ⁻¹", "muted"), ("running total Sₙ", "accent"),
                                ("a / (1 − r)", "accent2")], corner="top-right")
        lo = max(self.plot.y.lo, 0)
        if math.isnan(limit) or limit < lo + 1.6 or limit > self.plot.y.hi:
            return key
        top = self.plot.y(min(limit, self.plot.y.hi)) + 14
        shift = top - key[0]["y1"]
        if top + 44 > self.plot.y(lo) - 4:
            return key
        for shape in key:
            for k in ("y", "y1", "y2"):
                if k in shape:
                    shape[k] = round(shape[k] + shift, 1)
        return key

    def readouts(self):
        v = self.values()
        limit = "none: |r| ≥ 1" if math.isnan(v["limit"]) else _fmt(v["limit"])
        out = [{"label": f"term {v['n']}", "value": _fmt(v["term"])},
               {"label": f"S{v['n']}".translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")), "value": _fmt(v["sum"])},
               {"label": "a / (1 − r)", "value": limit}]
        if not math.isnan(v["gap"]):
            out.append({"label": "still to go", "value": _fmt(v["gap"])})
        return out

    def controls(self):
        return [self.knobs["r"].control(), self.knobs["n"].control()]
