"""The wrong product rule against the right one, live. A product h = f·g is drawn with
three tangents at a draggable point a: the wrong rule's slope f′·g′, the product rule's
f′·g + f·g′, and the curve's own slope from a central difference. The right rule's line
always lies on the true tangent; the wrong one drifts off, sometimes pointing the
wrong way entirely.

    ```widget product_rule_compare
    id = "compare"
    pair = "x · sin x"     # or "x² · x³", "eˣ · cos x"
    a = 1
    goal = { text = "...", check = "wrong < 0 and true > 0", solution = { a = 1.8 } }
    ```

values(): pair, a, true (central difference of f·g), right (f′g + fg′), wrong (f′g′).
"""

import math

from ..numeric import derivative
from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot

PAIRS = {  # name: (f, f', g, g', x range, y range)
    "x · sin x": (lambda x: x, lambda x: 1.0, math.sin, math.cos, (0, 6.5), (-5.5, 3)),
    "x² · x³": (lambda x: x * x, lambda x: 2 * x, lambda x: x ** 3, lambda x: 3 * x * x, (-1.6, 1.6), (-6, 6)),
    "eˣ · cos x": (math.exp, math.exp, math.cos, lambda x: -math.sin(x), (-2, 3.2), (-22, 6)),
}


@register
class ProductRuleCompare(Widget):
    name = "product_rule_compare"
    width, height = 600, 330

    def configure(self, config):
        pair = one_of(self.name, "pair", config.pop("pair", "x · sin x"), PAIRS)
        a = number(self.name, "a", config.pop("a", 1), -2, 6.5)
        self.knobs = {"pair": Choice("pair", "f · g", list(PAIRS), pair),
                      "a": Slider("a", "a", -2, 6.5, 0.05, a)}
        super().configure(config)

    def parts(self):
        return PAIRS[self.knobs["pair"].value]

    def plot(self):
        *_, xr, yr = self.parts()
        return Plot(xr, yr, box=(48, 14, 584, 292))

    def a(self):
        *_, (lo, hi), _ = self.parts()
        return min(max(self.knobs["a"].value, lo), hi)

    def values(self):
        f, df, g, dg, *_ = self.parts()
        a = self.a()
        return {"pair": self.knobs["pair"].value, "a": self.knobs["a"].value,
                "true": derivative(lambda x: f(x) * g(x), a), "right": df(a) * g(a) + f(a) * dg(a),
                "wrong": df(a) * dg(a)}

    def drag(self, handle, x, y):
        if handle == "a":
            self.knobs["a"].set(self.plot().x.value(x))

    def shapes(self):
        f, _, g, _, *_ = self.parts()
        p, a, v = self.plot(), self.a(), self.values()
        h = f(a) * g(a)
        return [p.handle("a", a, h, "point a on the curve f·g", f"a = {num(a)}"),
                *p.frame("x", "f·g = " + self.knobs["pair"].value.replace(" · ", "·"), yticks=4),
                p.curve(lambda x: f(x) * g(x), "accent"),
                p.line(v["true"], h - v["true"] * a, "muted"),
                p.line(v["right"], h - v["right"] * a, "accent3"),
                p.line(v["wrong"], h - v["wrong"] * a, "bad"),
                *p.legend([("true tangent", "muted"), ("product rule f′g + fg′ (covers it)", "accent3"),
                           ("wrong rule f′·g′", "bad")], corner="bottom-left")]

    def readouts(self):
        v = self.values()
        return [{"label": "true slope", "value": num(v["true"], 4)},
                {"label": "f′g + fg′", "value": num(v["right"], 4)},
                {"label": "f′·g′", "value": num(v["wrong"], 4)}]

    def controls(self):
        return [self.knobs["pair"].control(), self.knobs["a"].control()]
