"""How small should h be? The error of a difference quotient against h, both on log axes.

Shrinking h first helps: the forward difference (f(a + h) - f(a)) / h misses f'(a) by
about h·|f''(a)|/2. Then floating point takes over: f(a + h) and f(a) are each rounded
to about sixteen digits, their difference loses the digits they share, and dividing by
a tiny h magnifies what is left. The error falls, bottoms out near h = 1e-8, and climbs
again. The central difference (f(a + h) - f(a - h)) / 2h misses by about h²·|f'''(a)|/6,
so it bottoms out lower, near h = 1e-5.

    ```widget difference_error
    id = "floor"
    fn = "sin"           # or "square", "cube", "exp" (as secant_tangent)
    a = 1
    h = 0.1
    goal = { text = "...", check = "forward_error < 1e-7", solution = { h = 1e-8 } }
    ```

values(): lg (log10 h), h, forward and central (the two estimates), forward_error and
central_error (their distance from the exact f'(a)), show_central.
"""

import math

from ..show import fixed, num, power, sci
from ..widgets import register
from ..widgets.base import Widget, flag, number, one_of
from ..widgets.controls import Slider, Toggle
from ..widgets.plot import Plot
from .smooth_functions import FUNCTIONS

TINY = 1e-17   # an error of exactly 0 has no place on a log axis: it is drawn at the floor


@register
class DifferenceError(Widget):
    name = "difference_error"
    width, height = 600, 320

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "sin"), FUNCTIONS)
        self.f, self.df, self.label, _ = FUNCTIONS[fn]
        self.a = number(self.name, "a", config.pop("a", 1), -2, 2)
        h = number(self.name, "h", config.pop("h", 0.1), 1e-15, 1)
        central = flag(self.name, "central", config.pop("central", False))
        self.plot = Plot((1e-15, 1), (TINY, 10), box=(52, 14, 584, 282), xlog=True, ylog=True,
                         xfmt=power, yfmt=power)
        self.knobs = {"lg": Slider("lg", "h", -15, 0, 0.1, math.log10(h), fmt=lambda lg: sci(10 ** lg)),
                      "show_central": Toggle("show_central", "Show the central difference", "Hide the central difference",
                                        central)}
        super().configure(config)

    def forward(self, h):
        return (self.f(self.a + h) - self.f(self.a)) / h

    def central(self, h):
        return (self.f(self.a + h) - self.f(self.a - h)) / (2 * h)

    @property
    def h(self):
        return 10 ** self.knobs["lg"].value

    def values(self):
        h, exact = self.h, self.df(self.a)
        fwd, cen = self.forward(h), self.central(h)
        return {"lg": self.knobs["lg"].value, "h": h, "forward": fwd, "central": cen,
                "forward_error": abs(fwd - exact), "central_error": abs(cen - exact),
                "show_central": self.knobs["show_central"].value}

    def set_values(self, values):
        values = dict(values)
        if "h" in values:   # a goal may name h itself; the knob holds its logarithm
            values.setdefault("lg", math.log10(values.pop("h")))
        super().set_values(values)

    def drag(self, handle, x, y):
        if handle == "lg":
            self.knobs["lg"].set(math.log10(self.plot.x.value(x)))

    def shapes(self):
        p, v, exact = self.plot, self.values(), self.df(self.a)

        def err(estimate):
            return lambda h: max(abs(estimate(h) - exact), TINY)

        shapes = [p.handle("lg", v["h"], max(v["forward_error"], TINY), "step size h on the forward error curve",
                           f"h = {sci(v['h'])}, error {sci(v['forward_error'])}"),
                  *p.frame("step h", "error"),
                  p.curve(err(self.forward), samples=450)]
        legend = [("forward difference", "accent")]
        if v["show_central"]:
            shapes.append(p.curve(err(self.central), "accent2", samples=450))
            shapes.append(p.point(v["h"], max(v["central_error"], TINY), "accent2"))
            legend.append(("central difference", "accent2"))
        return shapes + p.legend(legend, corner="top-right")

    def readouts(self):
        v = self.values()
        out = [{"label": "h", "value": sci(v["h"])},
               {"label": f"forward estimate of f′({num(self.a)})", "value": fixed(v['forward'], 10)},
               {"label": "its error", "value": sci(v["forward_error"])}]
        if v["show_central"]:
            out += [{"label": "central estimate", "value": fixed(v['central'], 10)},
                    {"label": "its error", "value": sci(v["central_error"])}]
        return out

    def controls(self):
        return [self.knobs["lg"].control(), self.knobs["show_central"].control()]
