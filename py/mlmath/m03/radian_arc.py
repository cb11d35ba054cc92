"""An angle as a turn, and the arc it carves: drag a point round a circle of radius r.

The point starts on the positive x-axis and turns by θ (counterclockwise positive).
The arc it sweeps has length s = r·θ, so on the unit circle the arc length *is* the
angle in radians. On the unit circle, dots mark every whole radian of arc: six fit
in a turn and a bit is left over, because a full turn is 2π ≈ 6.28. The arc is labelled
with its length s. Drag past a full turn
and the angle keeps growing (the extra laps are drawn just outside the circle); drag
clockwise past zero and it goes negative.

    ```widget radian_arc
    id = "turn"
    theta = 0.5          # radians, from −4π to 4π
    r = 1                # the circle's radius, 0.5 to 3
    vary_r = false       # true: a slider for r as well
    goal = { text = "...", check = "abs(arc - 1) < 0.006", solution = { theta = 1 } }
    ```

values(): theta, r, degrees, arc (s = r·θ, signed), turns (θ / 2π), reduced (the same
direction in [0, 2π)).
"""

import math

from ..show import MINUS, num
from ..widgets import register
from ..widgets.base import Widget, flag, number
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from .angle_tools import TAU, arc_points, reduce, unwrap

LIMIT = 12.6   # the slider runs a little past ±4π


def degrees_text(d):
    return f"{num(d, 1)}°"


@register
class RadianArc(Widget):
    name = "radian_arc"
    width, height = 600, 340

    def configure(self, config):
        theta = number(self.name, "theta", config.pop("theta", 0.5), -LIMIT, LIMIT)
        r = number(self.name, "r", config.pop("r", 1), 0.5, 3)
        self.vary_r = flag(self.name, "vary_r", config.pop("vary_r", False))
        self.knobs = {"theta": Slider("theta", "θ (radians)", -LIMIT, LIMIT, 0.01, theta, coarse=0.25)}
        if self.vary_r:
            self.knobs["r"] = Slider("r", "radius r", 0.5, 3, 0.1, r)
        self.fixed_r = r
        span = 3.6 if self.vary_r else 1.45
        self.plane = Plane(span, (130, 8, 470, 332))
        super().configure(config)

    @property
    def theta(self):
        return self.knobs["theta"].value

    @property
    def r(self):
        return self.knobs["r"].value if self.vary_r else self.fixed_r

    def values(self):
        t, r = self.theta, self.r
        v = {"theta": t, "degrees": t * 180 / math.pi, "arc": r * t, "turns": t / TAU,
             "reduced": reduce(t)}
        v["r"] = r
        return v

    def set_values(self, values):
        values = dict(values)
        if not self.vary_r and "r" in values:      # r is fixed: accept it only if it agrees
            if values.pop("r") != self.fixed_r:
                raise ValueError(f"{self.name}: r is fixed at {self.fixed_r} here")
        super().set_values(values)

    def drag(self, handle, x, y):
        if handle == "theta":
            px, py = self.plane.value(x, y)
            if math.hypot(px, py) > 1e-9:
                self.knobs["theta"].set(unwrap(self.theta, px, py))

    def shapes(self):
        p, t, r = self.plane, self.theta, self.r
        tip = (r * math.cos(t), r * math.sin(t))
        out = [p.handle("theta", *tip, "the turning point; arrow keys turn it",
                        f"θ = {num(t)} radians, arc length {num(r * t)}")]
        out += p.frame(xticks=[-3, -2, -1, 1, 2, 3] if self.vary_r else [-1, 1],
                       yticks=[-3, -2, -1, 1, 2, 3] if self.vary_r else [-1, 1])
        out.append(p.polyline(arc_points(r, 0, TAU, samples=120), "muted"))
        # on the unit circle, a dot at every whole unit of arc (every whole radian), numbered
        if not self.vary_r:
            for k in range(1, 7):
                out.append(p.point(math.cos(k), math.sin(k), "accent3", r=3))
                out.append(p.text(1.13 * math.cos(k), 1.13 * math.sin(k), str(k), "small accent3", dy=4))
        out.append(p.segment(0, 0, r, 0, "muted"))
        out.append(p.segment(0, 0, *tip, "accent"))
        if abs(t) > 1e-9:
            out.append(p.polyline(arc_points(r, 0, t, grow=0.08), "accent2"))
            out.append(p.polyline(arc_points(0.22 * r, 0, t, grow=0.25), "accent"))
        half = t / 2 if abs(t) <= TAU else math.copysign(math.pi / 4, t)
        out.append(p.text(0.38 * r * math.cos(half), 0.38 * r * math.sin(half), "θ", "label accent", dy=5))
        out.append(p.text(r * 0.5, 0, "r", "small muted", dy=14))
        if abs(t) > 0.05:
            mid = t / 2 if abs(t) <= TAU else t - math.copysign(math.pi, t)
            reach = 1.22 if abs(t) <= TAU else 1.3
            out.append(p.text(reach * r * math.cos(mid), reach * r * math.sin(mid), f"s = {num(r * t)}",
                              "small accent2", dy=4))
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "θ in radians", "value": num(v["theta"])},
               {"label": "θ in degrees", "value": degrees_text(v["degrees"])}]
        if self.vary_r:
            out.append({"label": "radius r", "value": num(v["r"], 1)})
        # r and 2π are named in the lesson's later steps: the unit-circle widgets come first
        out += [{"label": "arc length s = r·θ" if self.vary_r else "arc length s", "value": num(v["arc"])},
                {"label": "turns", "value": num(v["turns"], 3)},
                {"label": "same direction as", "value": f"{num(v['reduced'])} rad in [0, 2π)"}]
        if v["arc"] < 0:
            out[-3]["value"] += f" ({MINUS}: clockwise)"
        return out

    def controls(self):
        return [k.control() for k in self.knobs.values()]
