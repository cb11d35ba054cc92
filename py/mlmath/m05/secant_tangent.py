"""A secant sliding into a tangent: the picture behind "what is a derivative?".

The learner drags a point a along the curve and a second point a + h toward it (or
slides h on a log scale). The secant through the two points has slope
(f(a + h) - f(a)) / h; as h shrinks it turns into the tangent, whose slope is f'(a).

    ```widget secant_tangent
    id = "squeeze"
    fn = "square"        # or "cube", "sin", "exp"
    a = 1
    h = 1
    goal = { text = "...", check = "abs(secant - tangent) < 0.01", solution = { h = 0.001 } }
    ```

secant = false draws the tangent alone (no second point, no h), for a step before secants.

A cell can plot its own function: `widget("squeeze").use(lambda x: x**3 - x, name="x³ − x")`
(the tangent's slope then comes from a central difference, mlmath.numeric.derivative).

values(): a, h, secant (its slope), tangent (f'(a)), gap (secant minus tangent).
"""

import math

from ..numeric import derivative
from ..show import num, sci
from ..widgets import register
from ..widgets.base import Widget, flag, number, one_of
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .smooth_functions import FUNCTIONS


@register
class SecantTangent(Widget):
    name = "secant_tangent"
    width, height = 600, 320

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "square"), FUNCTIONS)
        self.f, self.df, self.label, (xr, yr) = FUNCTIONS[fn]
        self.plot = Plot(xr, yr, box=(48, 14, 584, 282))
        a = number(self.name, "a", config.pop("a", 1), *xr)
        h = number(self.name, "h", config.pop("h", 1), 1e-4, 2)
        # secant = false: the tangent alone, for a step that comes before secants are named
        self.show_secant = flag(self.name, "secant", config.pop("secant", True))
        # h moves on a log scale: each step of the slider divides it by the same factor
        self.knobs = {"a": Slider("a", "a", xr[0], xr[1], 0.05, a),
                      "lg": Slider("lg", "h", -4, math.log10(2), 0.05, math.log10(h),
                                   fmt=lambda lg: sci(10 ** lg))}
        super().configure(config)

    def use(self, f, name="f(x)"):
        """Plot a learner's function; its tangent slope comes from a central difference."""
        if not callable(f):
            raise TypeError("use(f) needs a function of one number")
        self.f, self.df, self.label = f, lambda x: derivative(f, x), name

    @property
    def a(self):
        return self.knobs["a"].value

    @property
    def h(self):
        return 10 ** self.knobs["lg"].value

    def values(self):
        a, h = self.a, self.h
        secant = (self.f(a + h) - self.f(a)) / h
        tangent = self.df(a)
        return {"a": a, "lg": self.knobs["lg"].value, "h": h, "secant": secant, "tangent": tangent,
                "gap": secant - tangent}

    def set_values(self, values):
        values = dict(values)
        if "h" in values:   # a goal may name h itself; the knob holds its logarithm
            values.setdefault("lg", math.log10(values.pop("h")))
        super().set_values(values)

    def drag(self, handle, x, y):
        x = self.plot.x.value(x)
        if handle == "a":
            self.knobs["a"].set(x)
        elif handle == "lg" and x > self.a:
            self.knobs["lg"].set(math.log10(x - self.a))

    def shapes(self):
        p, f, a, h, v = self.plot, self.f, self.a, self.h, self.values()
        b = a + h
        if not self.show_secant:
            return [p.handle("a", a, f(a), "point a on the curve", f"a = {num(a)}"),
                    *p.frame("x", self.label),
                    p.curve(f),
                    p.line(v["tangent"], f(a) - v["tangent"] * a, "muted"),
                    *p.legend([("tangent", "muted")], corner=p.quiet_corner(
                        1, [f, lambda x: v["tangent"] * (x - a) + f(a)], [(a, f(a))], width=90))]
        return [
            p.handle("a", a, f(a), "point a on the curve", f"a = {num(a)}"),
            p.handle("lg", b, f(b), "second point, a + h", f"h = {sci(h)}", cls="accent2", r=7),
            *p.frame("x", self.label),
            p.curve(f),
            p.line(v["tangent"], f(a) - v["tangent"] * a, "muted"),
            p.line(v["secant"], f(a) - v["secant"] * a, "accent2"),
            p.segment(a, f(a), b, f(a), "accent2"),
            p.text((a + b) / 2, f(a), "h", "small accent2", dy=14),
            *p.legend([("secant", "accent2"), ("tangent", "muted")], corner=p.quiet_corner(
                2, [f, lambda x: v["tangent"] * (x - a) + f(a), lambda x: v["secant"] * (x - a) + f(a)],
                [(a, f(a)), (b, f(b))], width=90)),
        ]

    def readouts(self):
        v = self.values()
        if not self.show_secant:
            return [{"label": "a", "value": num(v["a"])},
                    {"label": f"tangent slope f′({num(self.a)})", "value": num(v["tangent"], 4)}]
        return [{"label": "h", "value": sci(v["h"])},
                {"label": "secant slope", "value": num(v["secant"], 4)},
                {"label": f"tangent slope f′({num(self.a)})", "value": num(v["tangent"], 4)},
                {"label": "gap", "value": sci(v["gap"])}]

    def controls(self):
        if not self.show_secant:
            return [self.knobs["a"].control()]
        return [self.knobs["a"].control(), self.knobs["lg"].control()]
