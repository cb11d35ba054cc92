"""A density and its cdf side by side: the probability of an interval is an area.

Left, the normal density f(x) with mean 0 and standard deviation sigma; drag a and b (or
focus them and use the arrow keys) and the area under f between them is shaded. Right,
the cdf F(x) = P(X <= x), with F(a) and F(b) marked: the same probability is the rise
F(b) - F(a). The readouts compute it both ways (thin strips added, and the cdf through
math.erf), and give the density's peak, 1 / (sigma sqrt(2 pi)), which passes 1 when sigma
is small: a density is not a probability.

    ```widget density_interval_area
    id = "area"
    a = 0
    b = 1
    sigma = 1
    goal = { text = "...", check = "abs(area - 0.9) < 0.005", solution = { a = -1.64, b = 1.64 } }
    ```

values(): a, b, sigma (knobs), area (by strips), rise (F(b) - F(a)), peak (f(0)), total (the
area under the whole curve, by strips over -8 sigma..8 sigma, where all but 10^-15 of it lies).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

LO, HI = -4, 4


def pdf(x, sigma=1.0):
    return math.exp(-0.5 * (x / sigma) ** 2) / (sigma * math.sqrt(2 * math.pi))


def cdf(x, sigma=1.0):
    return 0.5 * (1 + math.erf(x / (sigma * math.sqrt(2))))


def strips(f, a, b, n=2000):
    """The area under f from a to b as n thin midpoint strips (negative when b < a)."""
    w = (b - a) / n
    return sum(f(a + (k + 0.5) * w) for k in range(n)) * w


@register
class DensityIntervalArea(Widget):
    name = "density_interval_area"
    width, height = 600, 300

    def configure(self, config):
        a = number(self.name, "a", config.pop("a", 0), LO, HI)
        b = number(self.name, "b", config.pop("b", 1), LO, HI)
        sigma = number(self.name, "sigma", config.pop("sigma", 1), 0.2, 2)
        self.knobs = {"a": Slider("a", "a", LO, HI, 0.01, a, coarse=0.5, fine=0.05),
                      "b": Slider("b", "b", LO, HI, 0.01, b, coarse=0.5, fine=0.05),
                      "sigma": Slider("sigma", "σ (spread)", 0.2, 2, 0.05, sigma)}
        self.left = Plot((LO, HI), (0, 1), box=(40, 20, 300, 250))
        self.right = Plot((LO, HI), (0, 1.2), box=(340, 20, 590, 250))
        super().configure(config)

    def values(self):
        a, b, s = (self.knobs[k].value for k in ("a", "b", "sigma"))
        lo, hi = min(a, b), max(a, b)
        return {"a": a, "b": b, "sigma": s, "area": strips(lambda x: pdf(x, s), lo, hi),
                "rise": cdf(hi, s) - cdf(lo, s), "peak": pdf(0, s),
                "total": strips(lambda x: pdf(x, s), -8 * s, 8 * s)}

    def drag(self, handle, x, y):
        if handle in ("a", "b"):
            self.knobs[handle].set(self.left.x.value(x))

    def shapes(self):
        v = self.values()
        a, b, s = v["a"], v["b"], v["sigma"]
        lo, hi = min(a, b), max(a, b)
        top = max(0.5, math.ceil(v["peak"] * 1.15 * 10) / 10)
        p = Plot((LO, HI), (0, top), box=self.left.box)
        q = self.right
        f = lambda x: pdf(x, s)
        F = lambda x: cdf(x, s)
        return [
            p.handle("a", a, 0, "left end a of the interval", f"a = {num(a)}"),
            p.handle("b", b, 0, "right end b of the interval", f"b = {num(b)}", cls="accent2"),
            *p.frame("x", "density f(x)", xticks=4, yticks=4, edges=True),
            p.shade(f, lo, hi, opacity=0.35),
            p.curve(f),
            p.text(0, v["peak"], f"peak {num(v['peak'], 3)}", "small", dy=-6),
            *q.frame("x", "cdf F(x) = P(X ≤ x)", xticks=4, yticks=[0, 0.2, 0.4, 0.6, 0.8, 1], edges=True),
            q.curve(F),
            q.segment(LO, F(lo), lo, F(lo), "muted"),
            q.segment(LO, F(hi), hi, F(hi), "muted"),
            q.segment(LO + 0.3, F(lo), LO + 0.3, F(hi), "accent2"),
            q.point(lo, F(lo)),
            q.point(hi, F(hi), "accent2"),
            q.text(LO + 0.45, (F(lo) + F(hi)) / 2, f"rise {num(v['rise'], 3)}", "small accent2", "start"),
        ]

    def readouts(self):
        v = self.values()
        return [{"label": "shaded area (2000 strips)", "value": num(v["area"], 4)},
                {"label": "F(b) − F(a)" if v["a"] <= v["b"] else "F(a) − F(b)", "value": num(v["rise"], 4)},
                {"label": "peak density f(0)", "value": num(v["peak"], 3)},
                {"label": "area under the whole curve", "value": num(v["total"], 4)}]

    def controls(self):
        return [self.knobs[k].control() for k in ("a", "b", "sigma")]
