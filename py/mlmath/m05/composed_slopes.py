"""A composed function y = f(g(x)), stage by stage. Left: the inner function u = g(x)
with its tangent at x (slope g′(x)). Middle: the outer function y = f(u) with its tangent
at u = g(x) (slope f′(u), read where the inner function lands). Right: the composition,
whose measured slope is the product of the two.

    ```widget composed_slopes
    id = "stages"
    chain = "sin(x²)"      # or "exp(sin x)", "tanh(2x − 1)"
    x = 0.5
    goal = { text = "...", check = "abs(total) < 0.05 and abs(inner) > 1", solution = { x = 1.25 } }
    ```

values(): chain, x, u (g(x)), inner (g′(x)), outer (f′(u)), product (outer·inner),
total (the composition's slope by a central difference).
"""

import math

from ..numeric import derivative
from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot

CHAINS = {  # name: (g, g′, g's label, f, f′, f's label, x range, u range)
    "sin(x²)": (lambda x: x * x, lambda x: 2 * x, "u = x²", math.sin, math.cos, "y = sin u", (-2, 2), (0, 4)),
    "exp(sin x)": (math.sin, math.cos, "u = sin x", math.exp, math.exp, "y = eᵘ", (-1, 6.5), (-1, 1)),
    "tanh(2x − 1)": (lambda x: 2 * x - 1, lambda x: 2.0, "u = 2x − 1", math.tanh,
                     lambda u: 1 - math.tanh(u) ** 2, "y = tanh u", (-2, 2.5), (-5, 4)),
}


def _yrange(f, lo, hi):
    ys = [f(lo + (hi - lo) * i / 100) for i in range(101)]
    a, b = min(ys), max(ys)
    pad = (b - a) * 0.12 or 1
    return a - pad, b + pad


@register
class ComposedSlopes(Widget):
    name = "composed_slopes"
    width, height = 600, 270

    def configure(self, config):
        chain = one_of(self.name, "chain", config.pop("chain", "sin(x²)"), CHAINS)
        x = number(self.name, "x", config.pop("x", 0.5), -2, 6.5)
        self.knobs = {"chain": Choice("chain", "y =", list(CHAINS), chain),
                      "x": Slider("x", "x", -2, 6.5, 0.01, x, coarse=0.25, fine=0.05)}
        super().configure(config)

    def parts(self):
        return CHAINS[self.knobs["chain"].value]

    def x(self):
        *_, (lo, hi), _ = self.parts()
        return min(max(self.knobs["x"].value, lo), hi)

    def plots(self):
        g, _, _, f, _, _, (xlo, xhi), (ulo, uhi) = self.parts()
        return (Plot((xlo, xhi), _yrange(g, xlo, xhi), box=(36, 30, 202, 230)),
                Plot((ulo, uhi), _yrange(f, ulo, uhi), box=(232, 30, 398, 230)),
                Plot((xlo, xhi), _yrange(lambda t: f(g(t)), xlo, xhi), box=(428, 30, 594, 230)))

    def values(self):
        g, dg, _, f, df, _, _, _ = self.parts()
        x = self.x()
        u = g(x)
        return {"chain": self.knobs["chain"].value, "x": self.knobs["x"].value, "u": u, "inner": dg(x),
                "outer": df(u), "product": df(u) * dg(x), "total": derivative(lambda t: f(g(t)), x)}

    def drag(self, handle, x, y):
        if handle == "x":
            self.knobs["x"].set(self.plots()[0].x.value(x))

    def shapes(self):
        g, _, glabel, f, _, flabel, _, _ = self.parts()
        pg, pf, pc = self.plots()
        v, x = self.values(), self.x()
        u, y = v["u"], f(v["u"])

        def tangent(p, at, height, slope, cls):
            w = (p.x.hi - p.x.lo) * 0.15
            return p.segment(at - w, height - w * slope, at + w, height + w * slope, cls)

        return [pg.handle("x", x, u, "input x", f"x = {num(x)}"),
                *pg.frame("x", "", xticks=4, yticks=4), pg.curve(g), tangent(pg, x, u, v["inner"], "accent2"),
                S.text(119, 16, f"{glabel}: slope {num(v['inner'], 2)}", "small accent2"),
                *pf.frame("u", "", xticks=4, yticks=4), pf.curve(f), pf.point(u, y, "accent", r=6),
                tangent(pf, u, y, v["outer"], "accent2"),
                S.text(315, 16, f"{flabel}: slope {num(v['outer'], 2)}", "small accent2"),
                *pc.frame("x", "", xticks=4, yticks=4), pc.curve(lambda t: f(g(t))), pc.point(x, y, "accent", r=6),
                tangent(pc, x, y, v["total"], "accent3"),
                S.text(511, 16, f"y = {self.knobs['chain'].value}: slope {num(v['total'], 2)}", "small accent3")]

    def readouts(self):
        v = self.values()
        return [{"label": "u = g(x)", "value": num(v["u"], 3)},
                {"label": "g′(x)", "value": num(v["inner"], 3)},
                {"label": "f′(u)", "value": num(v["outer"], 3)},
                {"label": "f′(u)·g′(x)", "value": num(v["product"], 3)},
                {"label": "measured slope of f(g(x))", "value": num(v["total"], 3)}]

    def controls(self):
        return [self.knobs["chain"].control(), self.knobs["x"].control()]
