"""A race between a running product of probabilities and a running sum of their logs.
Multiply n probabilities, each p, and the product shrinks until floats cannot hold it:
it underflows to exactly 0.0 (for p = 0.5 at n = 1075). The sum of the logs,
n × log p, just keeps walking down a straight line.

    ```widget underflow_race
    id = "race"
    p = 0.5
    n = 100
    ```

Both are computed the way a program would, one step at a time. The plot shows
log₁₀ of the running product (it stops where the product hits 0.0) beside the running
sum of log₁₀ p. values(): p, n, product, prev (the product one step before), logsum
(the sum of the natural logs, n·ln p, added one at a time).
"""

import math

from ..show import MINUS, SUPER, num
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

NMAX = 1200
TINY = 5e-324            # the smallest positive float
NORMAL = 2.2250738585072014e-308


def tiny(v):
    """Scientific notation that also holds the smallest floats (show.sci divides by 10^e,
    which is 0.0 below 10^-323): 4.94e-324 -> '4.94×10⁻³²⁴'."""
    if v == 0:
        return "0.0"
    if v >= 0.01:
        return num(v, 4)
    mant, exp = f"{v:.2e}".split("e")
    return f"{mant}×10{str(int(exp)).translate(SUPER)}".replace("-", MINUS, 1)


def race(p, n):
    """[(product, sum of log10 p)] after 1, 2, ..., n steps, computed step by step."""
    out, prod, logs, step = [], 1.0, 0.0, math.log10(p)
    for _ in range(n):
        prod *= p
        logs += step
        out.append((prod, logs))
    return out


@register
class UnderflowRace(Widget):
    name = "underflow_race"
    width, height = 600, 320

    def configure(self, config):
        p = number(self.name, "p", config.pop("p", 0.5), 0.05, 0.95)
        n = number(self.name, "n", config.pop("n", 100), 1, NMAX)
        super().configure(config)
        self.knobs["p"] = Slider("p", "each probability p", 0.05, 0.95, 0.05, p)
        self.knobs["n"] = Slider("n", "how many multiplied, n", 1, NMAX, 1, n, coarse=50)
        self.plot = Plot((0, NMAX), (-420, 40), box=(56, 14, 584, 280))   # headroom: the axis name sits above the lines' start

    def values(self):
        p, n = self.knobs["p"].value, self.knobs["n"].value
        prod, prev, logsum, step = 1.0, 1.0, 0.0, math.log(p)
        for _ in range(n):
            prev, prod = prod, prod * p
            logsum += step
        return {"p": p, "n": n, "product": prod, "prev": prev, "logsum": logsum}

    def drag(self, handle, x, y):
        if handle == "n":
            self.knobs["n"].set(round(self.plot.x.value(x)))

    def shapes(self):
        pl, v = self.plot, self.values()
        steps = race(v["p"], v["n"])
        n = v["n"]
        product = [(i + 1, math.log10(q) if q > 0 else None) for i, (q, _) in enumerate(steps)]
        logs = [(i + 1, s) for i, (_, s) in enumerate(steps)]
        here = logs[-1][1]
        out = [pl.handle("n", n, max(here, pl.y.lo), "n, the number of probabilities multiplied", f"n = {n}", "accent2")]
        out += pl.frame("n", "log₁₀ of the value", yticks=[-400, -300, -200, -100, 0], edges=True)
        # the floor in grey, so that it reads as a limit, not as the red-orange sum line of the key
        out.append(pl.segment(0, math.log10(TINY), NMAX, math.log10(TINY), "muted"))
        out.append(pl.text(NMAX, math.log10(TINY), "smallest float above 0: 5×10⁻³²⁴", "small muted", "end", dy=-6))
        out.append(pl.polyline(logs, "accent2"))
        out.append(pl.polyline([(i, y) for i, y in product], "accent"))
        zero = next((i + 1 for i, (q, _) in enumerate(steps) if q == 0), None)
        if zero:
            out.append(pl.point(zero, math.log10(TINY), "bad", 6))
            out.append(pl.text(zero, math.log10(TINY), f"product is 0.0 from n = {zero}", "small bad", "end", dx=-10, dy=18))
        out += pl.legend([("log₁₀ of the running product", "accent"), ("running sum of log₁₀ p", "accent2")],
                         "bottom-left")
        return out

    def readouts(self):
        v = self.values()
        prod = v["product"]
        shown = "0.0 (underflow: the information is gone)" if prod == 0 else tiny(prod)
        return [{"label": f"running product of {v['n']} × {num(v['p'])}", "value": shown},
                {"label": "running sum of ln p", "value": num(v["logsum"], 3)},
                {"label": "product one step earlier", "value": tiny(v["prev"])}]

    def controls(self):
        return [self.knobs["p"].control(), self.knobs["n"].control()]
