"""A partial derivative measured: nudge one input of f(x, y) by h, leave the other alone.

The contour map shows the point p and the nudged point p + h along the chosen axis; the
plot on the right is the slice along that axis, with the secant through the two points
and the tangent, whose slope is the exact partial. Shrink h and the secant's slope,
(f(p + h e_i) - f(p)) / h, closes on the partial derivative.

    ```widget partial_nudge
    id = "nudge"
    fn = "cubic"
    x = 1
    y = 0.5
    axis = "x"
    h = 0.5
    goal = { text = "...", check = "axis == 'y' and abs(gap) < 0.001", solution = { axis = "y", h = 0.0001 } }
    ```

values(): x, y, axis, lg (log10 h), h, quotient (the secant's slope), partial, gap.
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets.base import number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plane import Plane
from ..widgets.plot import Plot
from .surface_common import SURFACES, PointWidget, contour_map, grid_values


@register
class PartialNudge(PointWidget):
    name = "partial_nudge"
    width, height = 600, 330

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "cubic"), SURFACES)
        self.f, self.grad, _, self.label, span = SURFACES[fn]
        self.span = span
        self.plane = Plane(span, (8, 8, 318, 318))
        x = number(self.name, "x", config.pop("x", 1), -span, span)
        y = number(self.name, "y", config.pop("y", 0.5), -span, span)
        axis = one_of(self.name, "axis", config.pop("axis", "x"), ("x", "y"))
        h = number(self.name, "h", config.pop("h", 0.5), 1e-4, 1)
        self.add_point(x, y, -span, span)
        self.knobs["axis"] = Choice("axis", "nudge along", ["x", "y"], axis)
        self.knobs["lg"] = Slider("lg", "h", -4, 0, 0.1, math.log10(h), fmt=lambda lg: sci(10 ** lg))
        flat = [v for row in grid_values(self.f, (-span, span), (-span, span), 24) for v in row]
        lo, hi = min(flat), max(flat)
        pad = (hi - lo) * 0.08
        self.plot = Plot((-span, span), (lo - pad, hi + pad), (370, 14, 590, 300))
        super().configure(config)

    @property
    def h(self):
        return 10 ** self.knobs["lg"].value

    def values(self):
        x, y = self.p
        i = self.knobs["axis"].value
        h = self.h
        f0 = self.f(x, y)
        f1 = self.f(x + h, y) if i == "x" else self.f(x, y + h)
        partial = self.grad[0 if i == "x" else 1](x, y)
        quotient = (f1 - f0) / h
        return {"px": x, "py": y, "x": x, "y": y, "axis": i, "lg": self.knobs["lg"].value, "h": h,
                "quotient": quotient, "partial": partial, "gap": quotient - partial}

    def set_values(self, values):
        values = dict(values)
        for short, knob in (("x", "px"), ("y", "py")):
            if short in values:
                values.setdefault(knob, values.pop(short))
        if "h" in values:
            values.setdefault("lg", math.log10(values.pop("h")))
        super().set_values(values)

    def drag(self, handle, x, y):
        super().drag(handle, x, y)

    def shapes(self):
        x, y = self.p
        v, pl, pt, s, f = self.values(), self.plane, self.plot, self.span, self.f
        along_x = v["axis"] == "x"
        h = v["h"]
        qx, qy = (x + h, y) if along_x else (x, y + h)
        c = x if along_x else y                        # where the point sits on the slice
        g = (lambda t: f(t, y)) if along_x else (lambda t: f(x, t))
        f0 = f(x, y)
        ylabel = f"f(x, {num(y)})" if along_x else f"f({num(x)}, y)"
        return [
            self.point_handle(),
            *contour_map(pl, f, (-s, s), (-s, s)),
            *pl.frame("x", "y", grid=False),
            (pl.segment(-s, y, s, y, "accent") if along_x else pl.segment(x, -s, x, s, "accent")),
            *pl.arrow(x, y, qx, qy, "accent2"),
            pl.point(qx, qy, "accent2", r=4),
            *pt.frame(v["axis"], ylabel, xticks=5, yticks=5),
            pt.curve(g, "accent"),
            pt.line(v["partial"], f0 - v["partial"] * c, "muted"),
            pt.line(v["quotient"], f0 - v["quotient"] * c, "accent2"),
            pt.point(c, f0, "accent"),
            pt.point(c + h, g(c + h), "accent2"),
            *pt.legend([("secant", "accent2"), ("tangent", "muted")], corner="bottom-right"),
        ]

    def readouts(self):
        v = self.values()
        i = v["axis"]
        return [{"label": "h", "value": sci(v["h"])},
                {"label": f"secant slope along {i}", "value": num(v["quotient"], 5)},
                {"label": f"∂f/∂{i} exact", "value": num(v["partial"], 5)},
                {"label": "gap", "value": sci(v["gap"])}]

    def controls(self):
        return [self.knobs[k].control() for k in ("px", "py", "axis", "lg")]
