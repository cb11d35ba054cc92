"""Zoom into eˣ until it looks straight. The window is a ± 2h wide on x and scaled the
same on y around the point (a, eᵃ), so a bend that shrinks faster than the window
disappears. A chord joins (a, eᵃ) to (a + h, eᵃ⁺ʰ); as h shrinks its slope settles
on one number, which for eˣ is the height eᵃ itself.

    ```widget exp_chord_zoom
    id = "zoom"
    a = 0
    h = 1
    goal = { text = "...", check = "a == 0 and abs(slope - 1) < 0.001", solution = { h = 0.001 } }
    ```

values(): a, lg (log10 h), h, slope (the chord's), height (eᵃ), bend (the largest gap
between the curve and the chord between its ends, shrinking like h²).
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot


def chord_slope(a, h):
    return (math.exp(a + h) - math.exp(a)) / h


def bend(a, h, samples=50):
    """The largest gap between eˣ and the chord over [a, a + h]."""
    s, ea = chord_slope(a, h), math.exp(a)
    return max(abs(ea + s * (h * i / samples) - math.exp(a + h * i / samples)) for i in range(samples + 1))


@register
class ExpChordZoom(Widget):
    name = "exp_chord_zoom"
    width, height = 600, 330

    def configure(self, config):
        a = number(self.name, "a", config.pop("a", 0), -1, 1.5)
        h = number(self.name, "h", config.pop("h", 1), 1e-4, 1)
        self.knobs = {"a": Slider("a", "point a", -1, 1.5, 0.1, a),
                      "lg": Slider("lg", "chord width h (and zoom)", -4, 0, 0.05, math.log10(h),
                                   fmt=lambda lg: sci(10 ** lg))}
        super().configure(config)

    @property
    def a(self):
        return self.knobs["a"].value

    @property
    def h(self):
        return 10 ** self.knobs["lg"].value

    def plot(self):
        a, w = self.a, 2 * self.h
        ea = math.exp(a)
        digits = max(1, math.ceil(-math.log10(self.h)) + 1)
        fmt = lambda v: num(v, digits)
        return Plot((a - w, a + w), (ea - 1.5 * w * ea, ea + 1.5 * w * ea), box=(64, 14, 584, 296), xfmt=fmt, yfmt=fmt)

    def values(self):
        a, h = self.a, self.h
        return {"a": a, "lg": self.knobs["lg"].value, "h": h, "slope": chord_slope(a, h),
                "height": math.exp(a), "bend": bend(a, h)}

    def set_values(self, values):
        values = dict(values)
        if "h" in values:
            values.setdefault("lg", math.log10(values.pop("h")))
        super().set_values(values)

    def drag(self, handle, x, y):
        if handle == "lg":
            d = self.plot().x.value(x) - self.a
            if d > 0:
                self.knobs["lg"].set(math.log10(d))

    def shapes(self):
        p, v = self.plot(), self.values()
        a, h = v["a"], v["h"]
        b = a + h
        return [
            p.handle("lg", b, math.exp(b), "the chord's far end, a + h; drag toward a to shrink h", f"h = {sci(h)}",
                     cls="accent2", r=7),
            *p.frame("x", "eˣ", xticks=[a - h, a, a + h], yticks=[v["height"] - h * v["height"], v["height"],
                                                                  v["height"] + h * v["height"]], edges=True),
            p.line(v["slope"], math.exp(a) - v["slope"] * a, "accent2"),
            p.curve(math.exp, samples=400),
            p.point(a, math.exp(a), "accent", r=5),
            *p.legend([("eˣ", "accent"), ("chord from a to a + h", "accent2")], corner="bottom-right"),
        ]

    def readouts(self):
        v = self.values()
        return [{"label": "h", "value": sci(v["h"])},
                {"label": "chord slope", "value": num(v["slope"], 6)},
                {"label": f"height eᵃ at a = {num(v['a'])}", "value": num(v["height"], 6)},
                {"label": "largest gap, curve to chord", "value": sci(v["bend"], 2)},
                {"label": "that gap as a share of the window's height", "value": sci(v["bend"] / (6 * v["h"] * v["height"]), 2)}]

    def controls(self):
        return [self.knobs["a"].control(), self.knobs["lg"].control()]
