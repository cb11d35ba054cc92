"""A right triangle is the unit triangle scaled up: its side ratios are cos θ and sin θ.

The triangle has its angle θ at the origin and its hypotenuse h along the radius; its
legs are the adjacent side h·cos θ (along x) and the opposite side h·sin θ (up). Inside
it, shaded, sits the same triangle with hypotenuse 1, drawn from the unit circle. Drag
the far corner (or use the sliders): h only scales the triangle, so adjacent ÷ h and
opposite ÷ h never change; only θ changes them.

    ```widget triangle_ratios
    id = "scaled"
    theta = 0.5          # radians, 0.05 to 1.52
    h = 3                # hypotenuse, 0.5 to 5
    goal = { text = "...", check = "abs(opposite - 3) < 0.03 and abs(adjacent - 4) < 0.03", solution = { theta = 0.64, h = 5 } }
    ```

values(): theta, h, adjacent, opposite, cos_ratio (adjacent ÷ h), sin_ratio (opposite ÷ h),
pythagoras (adjacent² + opposite² − h², zero up to rounding).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .angle_tools import arc_points

THETA = (0.05, 1.52)
H = (0.5, 5)


@register
class TriangleRatios(Widget):
    name = "triangle_ratios"
    width, height = 600, 340

    def configure(self, config):
        theta = number(self.name, "theta", config.pop("theta", 0.5), *THETA)
        h = number(self.name, "h", config.pop("h", 3), *H)
        self.knobs = {"theta": Slider("theta", "angle θ (radians)", *THETA, 0.01, theta, coarse=0.1),
                      "h": Slider("h", "hypotenuse h", *H, 0.1, h)}
        # equal scales: 5.6 units across 320 pixels both ways
        self.plot = Plot((-0.3, 5.3), (-0.3, 5.3), (140, 10, 460, 330))
        super().configure(config)

    @property
    def theta(self):
        return self.knobs["theta"].value

    @property
    def h(self):
        return self.knobs["h"].value

    def values(self):
        t, h = self.theta, self.h
        adj, opp = h * math.cos(t), h * math.sin(t)
        return {"theta": t, "h": h, "adjacent": adj, "opposite": opp,
                "cos_ratio": adj / h, "sin_ratio": opp / h,
                "pythagoras": adj * adj + opp * opp - h * h}

    def drag(self, handle, x, y):
        if handle == "h":
            px, py = self.plot.x.value(x), self.plot.y.value(y)
            if px > 0 and py > 0:
                self.knobs["theta"].set(math.atan2(py, px))
                self.knobs["h"].set(math.hypot(px, py))

    def shapes(self):
        p, t, h = self.plot, self.theta, self.h
        c, s = math.cos(t), math.sin(t)
        v = self.values()
        out = [p.handle("h", h * c, h * s, "far corner of the triangle: drag to change θ and h; arrow keys scale h",
                        f"h = {num(h, 1)}, θ = {num(t)}")]
        out += p.frame(xticks=[1, 2, 3, 4, 5], yticks=[1, 2, 3, 4, 5])
        out.append(p.polyline(arc_points(1, 0, math.pi / 2, samples=40), "muted"))
        out.append(S.poly([p.at(0, 0), p.at(c, 0), p.at(c, s)], "accent3 solid nostroke", opacity=0.25))
        out.append(p.polyline([(0, 0), (h * c, 0), (h * c, h * s), (0, 0)], "accent"))
        box = min(0.2, h * c / 3, h * s / 3)
        out.append(p.polyline([(h * c - box, 0), (h * c - box, box), (h * c, box)], "muted"))
        out.append(p.polyline(arc_points(0.45, 0, t, samples=24), "muted"))
        out.append(p.text(0.62 * math.cos(t / 2), 0.62 * math.sin(t / 2), "θ", "small", dy=4))
        out.append(p.text(h * c / 2 + 0.25, 0, f"adjacent {num(v['adjacent'])}", "small", dy=-6))
        out.append(p.text(h * c, h * s / 2, f"opposite {num(v['opposite'])}", "small", anchor="start", dx=6))
        out.append(p.text(h * c / 2, h * s / 2, f"h = {num(h, 1)}", "small accent", anchor="end", dx=-8, dy=-4))
        out.append(p.text(c / 2, s / 2, "1", "small accent3", anchor="end", dx=-4, dy=-4))   # the unit triangle's hypotenuse (a word label crossed the blue line)
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "θ", "value": num(v["theta"])},
                {"label": "adjacent ÷ h", "value": num(v["cos_ratio"], 3)},
                {"label": "cos θ", "value": num(math.cos(v["theta"]), 3)},
                {"label": "opposite ÷ h", "value": num(v["sin_ratio"], 3)},
                {"label": "sin θ", "value": num(math.sin(v["theta"]), 3)},
                {"label": "adjacent² + opposite²", "value": num(v["adjacent"] ** 2 + v["opposite"] ** 2, 3)},
                {"label": "h²", "value": num(v["h"] ** 2, 3)}]

    def controls(self):
        return [self.knobs["theta"].control(), self.knobs["h"].control()]

