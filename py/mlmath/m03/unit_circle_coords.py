"""Cosine and sine as the coordinates of a point on the unit circle.

Drag the point round the unit circle (or use the arrow keys): its shadow on the
x-axis is cos θ and its shadow on the y-axis is sin θ. The drops to the two axes
and the right triangle under the radius show both at once, and the readouts show
cos²θ + sin²θ staying at 1 (Pythagoras on that triangle, whose hypotenuse is the radius 1).

    ```widget unit_circle_coords
    id = "coords"
    theta = 0.6          # radians, 0 to 2π
    show_atan = false    # true: also atan(y/x) and atan2(y, x), with the direction atan alone would pick
    goal = { text = "...", check = "abs(cos + 0.5) < 0.01 and sin > 0", solution = { theta = 2.09 } }
    ```

values(): theta, degrees, cos, sin, x and y (the same two numbers), pythagoras (cos² + sin²),
atan (atan(y/x), nan on the y-axis) and atan2 (atan2(y, x), in (−π, π]).

With show_atan, a hollow ring marks the direction atan(y/x) names: it agrees with the point
on the right half of the circle and points exactly the opposite way on the left half, since
y/x cannot tell (x, y) from (−x, −y).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, flag, number
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from .angle_tools import TAU, arc_points, reduce, unwrap


@register
class UnitCircleCoords(Widget):
    name = "unit_circle_coords"
    width, height = 600, 340

    def configure(self, config):
        theta = number(self.name, "theta", config.pop("theta", 0.6), 0, 6.28)
        self.knobs = {"theta": Slider("theta", "θ (radians)", 0, 6.28, 0.01, theta, coarse=0.25)}
        self.show_atan = flag(self.name, "show_atan", config.pop("show_atan", False))
        self.plane = Plane(1.3, (130, 8, 470, 332))
        super().configure(config)

    @property
    def theta(self):
        return self.knobs["theta"].value

    def values(self):
        t = self.theta
        c, s = math.cos(t), math.sin(t)
        naive = math.atan(s / c) if abs(c) > 1e-12 else math.nan
        return {"theta": t, "degrees": t * 180 / math.pi, "cos": c, "sin": s, "x": c, "y": s,
                "pythagoras": c * c + s * s, "atan": naive, "atan2": math.atan2(s, c)}

    def drag(self, handle, x, y):
        if handle == "theta":
            px, py = self.plane.value(x, y)
            if math.hypot(px, py) > 1e-9:
                t = reduce(unwrap(self.theta, px, py))
                # stay at the end of the slider rather than jumping across 0 / 2π
                if t > 6.28 and self.theta < 1:
                    t = 0.0
                self.knobs["theta"].set(min(t, 6.28))

    def shapes(self):
        p, t = self.plane, self.theta
        c, s = math.cos(t), math.sin(t)
        out = [p.handle("theta", c, s, "point on the unit circle; arrow keys turn it",
                        f"θ = {num(t)}: x = cos θ = {num(c, 3)}, y = sin θ = {num(s, 3)}")]
        out += p.frame("x", "y", xticks=[-1, -0.5, 0.5, 1], yticks=[-1, -0.5, 0.5, 1])
        out.append(p.polyline(arc_points(1, 0, TAU, samples=120), "muted"))
        out.append(p.polyline(arc_points(0.18, 0, t), "muted"))
        out.append(p.segment(0, 0, c, s, "accent"))
        # the triangle: along x by cos θ, then up (or down) by sin θ
        out.append(p.segment(0, 0, c, 0, "accent3"))
        out.append(p.segment(c, 0, c, s, "accent2"))
        out.append(p.segment(0, s, c, s, "muted"))
        out.append(p.point(c, 0, "accent3", r=5))
        out.append(p.point(0, s, "accent2", r=5))
        out.append(p.text(c / 2, 0, "cos θ", "small accent3", dy=(-6 if s < 0 else 16)))
        out.append(p.text(c, s / 2, "sin θ", "small accent2", anchor=("start" if c >= 0 else "end"),
                          dx=(6 if c >= 0 else -6)))
        out.append(p.text(0.3 * math.cos(t / 2), 0.3 * math.sin(t / 2), "θ", "small", dy=4))
        # the radius's length, out along it (at half way it sat on the 0.5 tick labels near θ = 2π/3)
        out.append(p.text(0.78 * c, 0.78 * s, "1", "small accent", dx=(-8 if c * s >= 0 else 8), dy=-4))
        if self.show_atan:
            a = self.values()["atan"]
            if not math.isnan(a):
                out.append(p.segment(0, 0, 0.9 * math.cos(a), 0.9 * math.sin(a), "bad"))
                out.append(dict(p.point(math.cos(a), math.sin(a), "bad nofill", r=9)))
                out.append(p.text(1.12 * math.cos(a), 1.12 * math.sin(a), "atan(y/x)", "small bad", dy=4))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "θ", "value": f"{num(v['theta'])} rad = {num(v['degrees'], 1)}°"},
                {"label": "x = cos θ", "value": num(v["cos"], 3)},
                {"label": "y = sin θ", "value": num(v["sin"], 3)},
                {"label": "cos²θ + sin²θ", "value": num(v["pythagoras"], 6)}] + ([
                {"label": "atan(y/x)", "value": "no value (x = 0)" if math.isnan(v["atan"]) else num(v["atan"], 3)},
                {"label": "atan2(y, x)", "value": num(v["atan2"], 3)}] if self.show_atan else [])

    def controls(self):
        return [self.knobs["theta"].control()]
