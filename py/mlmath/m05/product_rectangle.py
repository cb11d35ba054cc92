"""Why the product rule has two terms: a rectangle of sides f(x) = x and g(x) = x²
(area f·g = x³). Nudge x by dx and the sides grow by df and dg; the area grows by a
strip f·dg, a strip g·df, and a corner df·dg. The identity is exact:

    Δ(f·g) = f·dg + g·df + df·dg

Divide by dx and shrink it: the strips give f·g′ + g·f′, and the corner, a product of
two small changes, vanishes faster than dx itself.

    ```widget product_rectangle
    id = "rect"
    x = 1.5
    dx = 0.5             # 0.001 to 0.5, on a log slider
    goal = { text = "...", check = "corner_share < 0.01", solution = { dx = 0.01 } }
    ```

values(): x, lg (log10 dx), dx, df, dg, growth (Δ of the area), strips (f·dg + g·df),
corner (df·dg), corner_share (corner / growth), rate (growth / dx), rule (f·g′ + g·f′).
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot


def f(x):
    return x


def g(x):
    return x * x


@register
class ProductRectangle(Widget):
    name = "product_rectangle"
    width, height = 600, 330

    def configure(self, config):
        x = number(self.name, "x", config.pop("x", 1.5), 0.5, 2)
        dx = number(self.name, "dx", config.pop("dx", 0.5), 1e-3, 0.5)
        self.knobs = {"x": Slider("x", "x", 0.5, 2, 0.05, x),
                      "lg": Slider("lg", "dx", -3, math.log10(0.5), 0.05, math.log10(dx),
                                   fmt=lambda lg: sci(10 ** lg))}
        # sides drawn to scale: f along the width (up to 2.5), g up the height (up to 6.25)
        self.plot = Plot((0, 2.6), (0, 6.6), box=(40, 14, 330, 284))
        super().configure(config)

    @property
    def dx(self):
        return 10 ** self.knobs["lg"].value

    def values(self):
        x, dx = self.knobs["x"].value, self.dx
        df, dg = f(x + dx) - f(x), g(x + dx) - g(x)
        growth = f(x + dx) * g(x + dx) - f(x) * g(x)
        corner = df * dg
        return {"x": x, "lg": self.knobs["lg"].value, "dx": dx, "df": df, "dg": dg, "growth": growth,
                "strips": f(x) * dg + g(x) * df, "corner": corner, "corner_share": corner / growth,
                "rate": growth / dx, "rule": f(x) * 2 * x + g(x) * 1}

    def set_values(self, values):
        values = dict(values)
        if "dx" in values:
            values.setdefault("lg", math.log10(values.pop("dx")))
        super().set_values(values)

    def drag(self, handle, x, y):
        if handle == "x":
            self.knobs["x"].set(self.plot.x.value(x))

    def shapes(self):
        p, v = self.plot, self.values()
        x = v["x"]
        fx, gx, fn, gn = f(x), g(x), f(x) + v["df"], g(x) + v["dg"]

        def box(x0, y0, x1, y1, cls, opacity=None):
            (px0, py1), (px1, py0) = p.at(x0, y1), p.at(x1, y0)
            extra = {} if opacity is None else {"opacity": opacity}
            return S.rect(px0, py1, px1 - px0, py0 - py1, cls, **extra)

        return [p.handle("x", fx, 0, "side f(x) = x: drag to change x", f"x = {num(x)}"),
                *p.frame("f = x", "g = x²", xticks=[0, 1, 2], yticks=[0, 2, 4, 6], grid=False, edges=True),
                box(0, 0, fx, gx, "accent", 0.25),
                box(0, gx, fx, gn, "accent2", 0.55),
                box(fx, 0, fn, gx, "accent3", 0.55),
                box(fx, gx, fn, gn, "bad nofill"),
                p.text(fx / 2, gx / 2, f"f·g = {num(fx * gx, 3)}", "label"),
                S.text(350, 60, "the area grows by:", "label", "start"),
                S.text(350, 90, f"f·dg = {sci(fx * v['dg'], 3)}", "label accent2", "start"),
                S.text(350, 114, f"g·df = {sci(gx * v['df'], 3)}", "label accent3", "start"),
                S.text(350, 138, f"df·dg = {sci(v['corner'], 3)}  (the corner)", "label bad", "start"),
                S.text(350, 170, f"total Δ(f·g) = {sci(v['growth'], 3)}", "label", "start"),
                S.text(350, 210, f"Δ(f·g)/dx = {num(v['rate'], 4)}", "label", "start"),
                S.text(350, 234, f"f·g′ + g·f′ = {num(v['rule'], 4)}", "label accent2", "start")]

    def readouts(self):
        v = self.values()
        return [{"label": "dx", "value": sci(v["dx"])},
                {"label": "corner's share of the growth", "value": f"{num(100 * v['corner_share'], 2)}%"}]

    def controls(self):
        return [self.knobs["x"].control(), self.knobs["lg"].control()]
