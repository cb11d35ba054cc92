"""A point in two coordinate systems at once: Cartesian (x, y) and polar (r, θ).

Drag the point (its arrow keys move it along x; the sliders move x and y). The readouts
give x and y, the distance r = √(x² + y²), the angle θ = atan2(y, x), and what the
one-argument inverses say: asin(y / r) and atan(y / x) can only answer with angles in
[−π/2, π/2], the right half of the plane. A red ring marks the direction asin(y / r)
names; it sits on the point only when x ≥ 0.

    ```widget polar_point
    id = "polar"
    x = 1.5
    y = 1
    goal = { text = "...", check = "abs(r - 2) < 0.05 and abs(theta - 2.356) < 0.03", solution = { x = -1.4, y = 1.4 } }
    ```

values(): x, y, r, theta (atan2, in (−π, π]), asin (asin(y/r), nan at the origin).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from .angle_tools import arc_points

SPAN = 3


@register
class PolarPoint(Widget):
    name = "polar_point"
    width, height = 600, 340

    def configure(self, config):
        x = number(self.name, "x", config.pop("x", 1.5), -SPAN, SPAN)
        y = number(self.name, "y", config.pop("y", 1), -SPAN, SPAN)
        self.knobs = {"x": Slider("x", "x", -SPAN, SPAN, 0.05, x, coarse=0.5),
                      "y": Slider("y", "y", -SPAN, SPAN, 0.05, y, coarse=0.5)}
        self.plane = Plane(3.3, (130, 8, 470, 332))
        super().configure(config)

    def values(self):
        x, y = self.knobs["x"].value, self.knobs["y"].value
        r = math.hypot(x, y)
        return {"x": x, "y": y, "r": r, "theta": math.atan2(y, x),
                "asin": math.asin(max(-1.0, min(1.0, y / r))) if r > 0 else math.nan}

    def set_values(self, values):
        super().set_values({k: v for k, v in values.items()
                            if not (k == "asin" and isinstance(v, float) and math.isnan(v))})

    def drag(self, handle, x, y):
        if handle == "x":
            px, py = self.plane.value(x, y)
            self.knobs["x"].set(px)
            self.knobs["y"].set(py)

    def shapes(self):
        p, v = self.plane, self.values()
        x, y, r, t = v["x"], v["y"], v["r"], v["theta"]
        out = [p.handle("x", x, y, "the point: drag it; arrow keys move it along x",
                        f"(x, y) = ({num(x)}, {num(y)}), r = {num(r)}, θ = {num(t)}")]
        out += p.frame("x", "y", xticks=[-3, -2, -1, 1, 2, 3], yticks=[-3, -2, -1, 1, 2, 3])
        out.append(p.polyline(arc_points(1, 0, 2 * math.pi, samples=120), "muted"))
        if r > 1e-9:
            out.append(p.polyline(arc_points(r, 0, 2 * math.pi, samples=160), "grid"))
            out.append(p.polyline(arc_points(min(0.45, r), 0, t), "accent2"))
            out.append(p.segment(0, 0, x, y, "accent"))
            out.append(p.point(x / r, y / r, "accent3", r=5))
            out.append(p.segment(x, 0, x, y, "muted"))
            out.append(p.segment(0, y, x, y, "muted"))
            a = v["asin"]
            out.append(p.point(r * math.cos(a), r * math.sin(a), "bad nofill", r=10))
            out.append(p.text(r * math.cos(a), r * math.sin(a), "asin", "small bad", dy=-14))
            out.append(p.text(0.62 * math.cos(t / 2), 0.62 * math.sin(t / 2), "θ", "small accent2", dy=4))
            side = -1 if x > 0 else 1       # off the radius, on its upper side (a fixed nudge sat on the line in the left half)
            out.append(p.text(0.72 * x, 0.72 * y, "r", "small accent", dx=side * 11 * y / r, dy=side * 11 * x / r + 4))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "Cartesian (x, y)", "value": f"({num(v['x'])}, {num(v['y'])})"},
                {"label": "r = √(x² + y²)", "value": num(v["r"], 3)},
                {"label": "θ = atan2(y, x)", "value": num(v["theta"], 3)},
                {"label": "asin(y ÷ r)", "value": "no value at the origin" if math.isnan(v["asin"])
                 else num(v["asin"], 3)}]

    def controls(self):
        return [self.knobs["x"].control(), self.knobs["y"].control()]
