"""A surface f(x, y) as a contour map, with a draggable point and the two slices through it.

Freeze y at the point's y and f becomes an ordinary function of x alone: the top plot
draws it, with its tangent, whose slope is the partial derivative df/dx. Freeze x and
the bottom plot draws the slice along y, whose tangent's slope is df/dy.

    ```widget partial_slices
    id = "slices"
    fn = "cubic"        # a name from surface_common.SURFACES
    x = 1
    y = 1
    goal = { text = "...", check = "abs(fx) < 0.05", solution = { x = 0, y = 1 } }
    ```

values(): x, y, f (its value at the point), fx and fy (the slopes of the two slices there).
"""

from ..show import num
from ..widgets import register
from ..widgets.base import number, one_of
from ..widgets.plane import Plane
from ..widgets.plot import Plot
from .surface_common import SURFACES, PointWidget, contour_map, grid_values


@register
class PartialSlices(PointWidget):
    name = "partial_slices"
    width, height = 600, 330

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "cubic"), SURFACES)
        self.f, (self.fx, self.fy), _, self.label, span = SURFACES[fn]
        self.span = span
        self.plane = Plane(span, (8, 8, 318, 318))
        x = number(self.name, "x", config.pop("x", 1), -span, span)
        y = number(self.name, "y", config.pop("y", 1), -span, span)
        self.add_point(x, y, -span, span)
        flat = [v for row in grid_values(self.f, (-span, span), (-span, span), 24) for v in row]
        lo, hi = min(flat), max(flat)
        pad = (hi - lo) * 0.08
        self.top = Plot((-span, span), (lo - pad, hi + pad), (370, 14, 590, 140))
        self.bottom = Plot((-span, span), (lo - pad, hi + pad), (370, 186, 590, 312))
        super().configure(config)

    def values(self):
        x, y = self.p
        return {"px": x, "py": y, "x": x, "y": y, "f": self.f(x, y), "fx": self.fx(x, y), "fy": self.fy(x, y)}

    def set_values(self, values):
        values = dict(values)
        for short, knob in (("x", "px"), ("y", "py")):
            if short in values:
                values.setdefault(knob, values.pop(short))
        super().set_values(values)
        # x and y are the knobs under other names: they agree once the knobs are set

    def shapes(self):
        x, y = self.p
        f, pl, top, bot = self.f, self.plane, self.top, self.bottom
        s = self.span
        v = self.values()
        return [
            self.point_handle(),
            *contour_map(pl, f, (-s, s), (-s, s)),
            *pl.frame("x", "y", grid=False),
            pl.segment(-s, y, s, y, "accent"),
            pl.segment(x, -s, x, s, "accent3"),
            pl.text(-s, y, f"y = {num(y)} frozen", "small accent", "start", dx=4, dy=-6),
            *top.frame("x", f"f(x, {num(y)})", xticks=5, yticks=3),
            top.curve(lambda t: f(t, y), "accent"),
            top.line(v["fx"], v["f"] - v["fx"] * x, "muted"),
            top.point(x, v["f"], "accent"),
            *bot.frame("y", f"f({num(x)}, y)", xticks=5, yticks=3),
            bot.curve(lambda t: f(x, t), "accent3"),
            bot.line(v["fy"], v["f"] - v["fy"] * y, "muted"),
            bot.point(y, v["f"], "accent3"),
        ]

    def readouts(self):
        v = self.values()
        return [{"label": f"f = {self.label} at ({num(v['x'])}, {num(v['y'])})", "value": num(v["f"], 3)},
                {"label": "∂f/∂x (slope of the x-slice)", "value": num(v["fx"], 3)},
                {"label": "∂f/∂y (slope of the y-slice)", "value": num(v["fy"], 3)}]

    def controls(self):
        return [self.knobs["px"].control(), self.knobs["py"].control()]
