"""f, f′ and f″ stacked, with one x shared by all three. The middle plot says which way
f is heading (f′ > 0: climbing); the bottom one says whether that heading is speeding up
or slowing down (f″ > 0: the slope is increasing, the curve bends up).

    ```widget derivative_stack
    id = "stack"
    fn = "cubic"         # any curve of l02_curves: "sin", "cubic", "square", "quartic", "flat"
    x = 0.5
    goal = { text = "...", check = "slope > 0 and bend < 0", solution = { x = -1.5 } }
    ```

values(): x, height (f(x)), slope (f′(x)), bend (f″(x)).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .l02_curves import CURVES, y_range


def heading(slope):
    return "climbing" if slope > 1e-9 else "falling" if slope < -1e-9 else "flat"


def bending(bend):
    return "bends up: the slope is increasing" if bend > 1e-9 else (
        "bends down: the slope is decreasing" if bend < -1e-9 else "no bend: f″ = 0")


@register
class DerivativeStack(Widget):
    name = "derivative_stack"
    width, height = 600, 420

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "cubic"), CURVES)
        self.f, self.df, self.d2f, self.label, (lo, hi) = CURVES[fn]
        rows = [(self.f, self.label), (self.df, "f′(x)"), (self.d2f, "f″(x)")]
        self.plots = [Plot((lo, hi), y_range([fn_], lo, hi), box=(60, 14 + 134 * i, 584, 126 + 134 * i))
                      for i, (fn_, _) in enumerate(rows)]
        self.names = [name for _, name in rows]
        x = number(self.name, "x", config.pop("x", (lo + hi) / 2), lo, hi)
        self.knobs = {"x": Slider("x", "x", lo, hi, 0.05, x)}
        super().configure(config)

    def values(self):
        x = self.knobs["x"].value
        return {"x": x, "height": self.f(x), "slope": self.df(x), "bend": self.d2f(x)}

    def drag(self, handle, x, y):
        if handle == "x":
            self.knobs["x"].set(self.plots[0].x.value(x))

    def shapes(self):
        v = self.values()
        x = v["x"]
        top, mid, low = self.plots
        out = [top.handle("x", x, v["height"], "point x on the curve", f"x = {num(x)}")]
        for p, fn_, name in zip(self.plots, (self.f, self.df, self.d2f), self.names):
            out += [*p.frame("", name, yticks=3), p.curve(fn_)]
        s = v["slope"]
        out += [top.segment(x - 0.4, v["height"] - 0.4 * s, x + 0.4, v["height"] + 0.4 * s, "accent2"),
                mid.point(x, s, "accent2", r=6), low.point(x, v["bend"], "accent3", r=6),
                S.line(top.x(x), 14, top.x(x), 394, "muted")]
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "f′(x)", "value": f"{num(v['slope'], 3)} ({heading(v['slope'])})"},
                {"label": "f″(x)", "value": f"{num(v['bend'], 3)} ({bending(v['bend'])})"}]

    def controls(self):
        return [self.knobs["x"].control()]
