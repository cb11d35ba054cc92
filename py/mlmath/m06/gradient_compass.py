"""The gradient at a point, and the slope of f in every direction around it.

The contour map shows the point p, the gradient (df/dx, df/dy) drawn as an arrow (scaled
by `scale`, said in the legend), the contour through p, and a unit direction u that the
learner turns (drag its tip around the circle, or the angle slider). The plot on the right
is the directional derivative D_u f = grad f . u against u's angle: a cosine wave whose
top is at the gradient's angle, with height |grad f|, and whose zeros lie along the contour.

    ```widget gradient_compass
    id = "compass"
    fn = "ellipse"
    x = 1
    y = 1
    angle = 180
    goal = { text = "...", check = "du > 0.999 * norm", solution = { angle = 72 } }
    ```

values(): x, y, gx, gy, norm (|grad f|), angle (u's angle, degrees), ux, uy, du (grad f . u),
slope (the finite-difference slope of f along u, for comparison).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import number, one_of
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from ..widgets.plot import Plot
from .surface_common import SURFACES, PointWidget, contour_map


@register
class GradientCompass(PointWidget):
    name = "gradient_compass"
    width, height = 600, 330

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "ellipse"), SURFACES)
        self.f, self.grad, _, self.label, span = SURFACES[fn]
        self.span = span
        self.plane = Plane(span, (8, 8, 318, 318))
        x = number(self.name, "x", config.pop("x", 1), -span, span)
        y = number(self.name, "y", config.pop("y", 1), -span, span)
        angle = number(self.name, "angle", config.pop("angle", 180), 0, 359)
        self.scale = number(self.name, "scale", config.pop("scale", 0.25), 0.01, 2)
        self.add_point(x, y, -span, span)
        self.knobs["angle"] = Slider("angle", "angle of u", 0, 359, 1, angle, fmt=lambda a: f"{a:.0f}°", fine=1)
        top = max(math.hypot(self.grad[0](a, b), self.grad[1](a, b))
                  for a in (-span, 0, span) for b in (-span, 0, span))
        self.plot = Plot((0, 360), (-top * 1.05, top * 1.05), (372, 14, 590, 300))
        super().configure(config)

    def values(self):
        x, y = self.p
        gx, gy = self.grad[0](x, y), self.grad[1](x, y)
        angle = self.knobs["angle"].value
        ux, uy = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        h = 1e-5
        slope = (self.f(x + h * ux, y + h * uy) - self.f(x - h * ux, y - h * uy)) / (2 * h)
        return {"px": x, "py": y, "x": x, "y": y, "gx": gx, "gy": gy, "norm": math.hypot(gx, gy),
                "angle": angle, "ux": ux, "uy": uy, "du": gx * ux + gy * uy, "slope": slope}

    def set_values(self, values):
        values = dict(values)
        for short, knob in (("x", "px"), ("y", "py")):
            if short in values:
                values.setdefault(knob, values.pop(short))
        super().set_values(values)

    def drag(self, handle, x, y):
        if handle == "angle":
            px, py = self.p
            dx, dy = self.plane.x.value(x) - px, self.plane.y.value(y) - py
            if math.hypot(dx, dy) > 1e-9:
                self.knobs["angle"].set(math.degrees(math.atan2(dy, dx)) % 360)
        else:
            super().drag(handle, x, y)

    def shapes(self):
        v, pl, pt, s = self.values(), self.plane, self.plot, self.span
        x, y = v["x"], v["y"]
        k = self.scale
        phi = math.degrees(math.atan2(v["gy"], v["gx"])) % 360
        return [
            self.point_handle(),
            pl.handle("angle", x + v["ux"], y + v["uy"], "tip of the unit direction u", f"{v['angle']:.0f}°",
                      "accent3", r=7),
            *contour_map(pl, self.f, (-s, s), (-s, s), highlight=self.f(x, y)),
            *pl.frame("x", "y", grid=False),
            pl.polyline([(x + math.cos(t / 30 * math.pi), y + math.sin(t / 30 * math.pi)) for t in range(61)],
                        "grid"),
            *pl.arrow(x, y, x + k * v["gx"], y + k * v["gy"], "accent"),
            *pl.arrow(x, y, x + v["ux"], y + v["uy"], "accent3"),
            *pl.legend([(f"∇f (×{num(k)})", "accent"), ("u", "accent3"), ("contour of p", "accent2")],
                       corner="bottom-left"),
            *pt.frame("", "∇f · u", xticks=[0, 90, 180, 270, 360], yticks=5),
            # the axis's name goes under the box: on the zero line it sat on the wave
            pt.text(180, pt.y.lo, "angle of u (°)", "label", dy=22),
            pt.curve(lambda t: v["gx"] * math.cos(math.radians(t)) + v["gy"] * math.sin(math.radians(t)),
                     "accent3"),
            pt.segment(phi, pt.y.lo, phi, pt.y.hi, "muted"),
            pt.text(phi, pt.y.hi, "∇f", "small muted", dy=12, dx=10),
            pt.point(v["angle"], v["du"], "accent3", r=5),
        ]

    def readouts(self):
        v = self.values()
        return [{"label": "∇f", "value": f"({num(v['gx'], 3)}, {num(v['gy'], 3)})"},
                {"label": "|∇f|", "value": num(v["norm"], 3)},
                {"label": "u", "value": f"({num(v['ux'], 3)}, {num(v['uy'], 3)})"},
                {"label": "∇f · u", "value": num(v["du"], 3)},
                {"label": "slope of f along u, measured", "value": num(v["slope"], 3)}]

    def controls(self):
        return [self.knobs[k].control() for k in ("px", "py", "angle")]
