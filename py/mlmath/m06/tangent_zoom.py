"""A smooth surface near a point is its tangent plane: zoom in and the two agree.

Left, the whole surface as a contour map with a draggable point p and the window around it.
Right, that window blown up: f's contours (grey) beside the contours of its linear model
L(p + d) = f(p) + grad f(p) . d (straight, evenly spaced, in blue), at the same levels.
Shrink the window (its half-width r, on a log scale) and f's contours straighten onto L's:
the largest gap |f - L| in the window shrinks like r². At a critical point grad f = 0 and
L is flat: it has no contours, and only the second-order terms are left.

    ```widget tangent_zoom
    id = "zoom"
    fn = "twowells"
    x = 0.5
    y = 0.5
    r = 1
    goal = { text = "...", check = "gap < 0.001", solution = { r = 0.01 } }
    ```

values(): x, y, lg (log10 r), r, gx, gy, norm, gap (the largest |f - L| on a grid over the
window), ratio (gap / r²).
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import number, one_of
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from ..widgets.plot import Plot
from .surface_common import SURFACES, PointWidget, contour_map, contour_runs, grid_values, levels_between


@register
class TangentZoom(PointWidget):
    name = "tangent_zoom"
    width, height = 600, 330

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "twowells"), SURFACES)
        self.f, self.grad, self.hess, self.label, span = SURFACES[fn]
        self.span = span
        self.plane = Plane(span, (8, 48, 238, 278))
        x = number(self.name, "x", config.pop("x", 0.5), -span, span)
        y = number(self.name, "y", config.pop("y", 0.5), -span, span)
        r = number(self.name, "r", config.pop("r", 1), 0.01, 1)
        self.add_point(x, y, -span, span)
        self.knobs["lg"] = Slider("lg", "window half-width r", -2, 0, 0.1, math.log10(r),
                                  fmt=lambda lg: sci(10 ** lg))
        super().configure(config)

    @property
    def r(self):
        return 10 ** self.knobs["lg"].value

    def linear(self):
        x, y = self.p
        f0, gx, gy = self.f(x, y), self.grad[0](x, y), self.grad[1](x, y)
        return lambda a, b: f0 + gx * (a - x) + gy * (b - y)

    def values(self):
        x, y = self.p
        r = self.r
        L = self.linear()
        gap = max(abs(self.f(x + r * i / 8, y + r * j / 8) - L(x + r * i / 8, y + r * j / 8))
                  for i in range(-8, 9) for j in range(-8, 9))
        gx, gy = self.grad[0](x, y), self.grad[1](x, y)
        return {"px": x, "py": y, "x": x, "y": y, "lg": self.knobs["lg"].value, "r": r, "gx": gx, "gy": gy,
                "norm": math.hypot(gx, gy), "gap": gap, "ratio": gap / (r * r)}

    def set_values(self, values):
        values = dict(values)
        for short, knob in (("x", "px"), ("y", "py")):
            if short in values:
                values.setdefault(knob, values.pop(short))
        if "r" in values:
            values.setdefault("lg", math.log10(values.pop("r")))
        super().set_values(values)

    def shapes(self):
        x, y = self.p
        r, s, pl = self.r, self.span, self.plane
        xr, yr = (x - r, x + r), (y - r, y + r)
        zoom = Plot(xr, yr, (330, 14, 590, 274), xfmt=lambda v: num(v, 3), yfmt=lambda v: num(v, 3))
        values = grid_values(self.f, xr, yr, 24)
        flat = [v for row in values for v in row]
        levels = levels_between(min(flat), max(flat), 8)
        L = self.linear()
        lin_values = grid_values(L, xr, yr, 24)
        out = [self.point_handle(),
               *contour_map(pl, self.f, (-s, s), (-s, s), n=20),
               *pl.frame("", "", grid=False),
               S.rect(*pl.at(max(x - r, -s), min(y + r, s)),
                      pl.x(min(x + r, s)) - pl.x(max(x - r, -s)), pl.y(max(y - r, -s)) - pl.y(min(y + r, s)),
                      "accent2 nofill"),
               *zoom.frame("", "", xticks=3, yticks=3, edges=True),
               *contour_map(zoom, self.f, xr, yr, n=24, levels=levels, shade=False)]
        for level in levels:
            segs = contour_runs(lin_values, xr, yr, level)
            out.append(S.path(S.clip_runs([q for sg in segs for q in (zoom.at(*sg[0]), zoom.at(*sg[1]), None)],
                                          zoom.box), "accent"))
        out.append(zoom.point(x, y, "accent2", r=4))
        if math.hypot(self.grad[0](x, y), self.grad[1](x, y)) < 0.05:
            out.append(S.text(460, 30, "the tangent plane is flat here", "small accent"))
        out += zoom.legend([("contours of f", "muted"), ("contours of the tangent plane", "accent")],
                           corner="bottom-left")
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "window half-width r", "value": sci(v["r"])},
                {"label": f"∇f at ({num(v['x'])}, {num(v['y'])})", "value": f"({num(v['gx'], 3)}, {num(v['gy'], 3)})"},
                {"label": "largest |f − tangent plane| in the window", "value": sci(v["gap"])},
                {"label": "that gap ÷ r²", "value": num(v["ratio"], 3)}]

    def controls(self):
        return [self.knobs[k].control() for k in ("px", "py", "lg")]
