"""The derivative as a function: drag a along f, and its slope f'(a) is plotted as a
height in a second plot below, leaving a trail of dots. Sweep a across and the dots
draw the graph of f'. A toggle lays the whole f' over the trail to compare.

    ```widget slope_trace
    id = "trace"
    fn = "sin"           # or "cubic", "square", "quartic", "flat" (see l02_curves)
    a = 1
    goal = { text = "...", check = "abs(a - 3.14) < 0.08", solution = { a = 3.15 } }
    ```

values(): a, slope (f'(a)), height (f(a)), whole (the toggle).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number, one_of
from ..widgets.controls import Slider, Toggle
from ..widgets.plot import Plot
from .l02_curves import CURVES, y_range


@register
class SlopeTrace(Widget):
    name = "slope_trace"
    width, height = 600, 360

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "sin"), CURVES)
        self.f, self.df, _, self.label, (lo, hi) = CURVES[fn]
        self.top = Plot((lo, hi), y_range([self.f], lo, hi), box=(48, 14, 584, 160))
        self.bottom = Plot((lo, hi), y_range([self.df], lo, hi), box=(48, 196, 584, 336))
        a = number(self.name, "a", config.pop("a", lo + 0.25 * (hi - lo)), lo, hi)
        whole = flag(self.name, "whole", config.pop("whole", False))
        self.knobs = {"a": Slider("a", "a", lo, hi, 0.05, a),
                      "whole": Toggle("whole", "Show all of f′", "Hide f′", whole)}
        self.visited = set()
        super().configure(config)

    @property
    def a(self):
        return self.knobs["a"].value

    def values(self):
        a = self.a
        return {"a": a, "whole": self.knobs["whole"].value, "slope": self.df(a), "height": self.f(a)}

    def drag(self, handle, x, y):
        if handle == "a":
            self.knobs["a"].set(self.top.x.value(x))

    def shapes(self):
        top, bottom, a = self.top, self.bottom, self.a
        self.visited.add(a)                      # every a the learner has looked at leaves a dot
        fa, slope = self.f(a), self.df(a)
        px = top.x(a)
        out = [top.handle("a", a, fa, "point a on the curve", f"a = {num(a)}, slope {num(slope)}"),
               *top.frame("", self.label, yticks=4),
               top.curve(self.f),
               top.segment(a - 0.6, fa - 0.6 * slope, a + 0.6, fa + 0.6 * slope, "accent2"),
               S.line(px, top.y(max(min(fa, top.y.hi), top.y.lo)), px,
                      bottom.y(max(min(slope, bottom.y.hi), bottom.y.lo)), "muted"),
               *bottom.frame("x", "f′(x): the slope, as a height", yticks=4)]
        if self.knobs["whole"].value:
            out.append(bottom.curve(self.df, "muted"))
        out += [bottom.point(x, self.df(x), "accent", r=2.5) for x in sorted(self.visited)]
        out.append(bottom.point(a, slope, "accent2", r=6))
        return out

    def readouts(self):
        a = self.a
        return [{"label": "a", "value": num(a)}, {"label": "f(a)", "value": num(self.f(a), 3)},
                {"label": "slope f′(a)", "value": num(self.df(a), 3)},
                {"label": "dots drawn", "value": str(len(self.visited))}]

    def controls(self):
        return [self.knobs["a"].control(), self.knobs["whole"].control()]
