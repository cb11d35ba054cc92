"""The unit circle unrolled into the sine wave.

On the left, a point turns round the unit circle by x radians. On the right, its height
sin x is plotted against x, the distance it has turned: the arc laid out flat along the
axis. A faint line carries the point's height across, so the wave is drawn by the circle
as you drag. Past 2π the point goes round again and the wave repeats.

    ```widget circle_unroll
    id = "unroll"
    x = 1                # radians turned, 0 to 4π
    goal = { text = "...", check = "abs(x - 4.71) < 0.02", solution = { x = 4.71 } }
    ```

values(): x, sin (the height), cos, laps (x / 2π).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from ..widgets.plot import Plot
from .angle_tools import TAU, arc_points, unwrap

XMAX = 12.56
HALF_PIS = ["0", "π/2", "π", "3π/2", "2π", "5π/2", "3π", "7π/2", "4π"]


def half_pis(v):
    """A tick at a multiple of π/2, named as one."""
    return HALF_PIS[round(v / (math.pi / 2))]


@register
class CircleUnroll(Widget):
    name = "circle_unroll"
    width, height = 640, 250

    def configure(self, config):
        x = number(self.name, "x", config.pop("x", 1), 0, XMAX)
        self.knobs = {"x": Slider("x", "x (radians turned)", 0, XMAX, 0.01, x, coarse=0.25)}
        self.plane = Plane(1.25, (8, 20, 198, 210))
        self.plot = Plot((0, XMAX + 0.1), (-1.25, 1.25), (220, 20, 628, 210), xfmt=half_pis)
        super().configure(config)

    @property
    def x(self):
        return self.knobs["x"].value

    def values(self):
        x = self.x
        return {"x": x, "sin": math.sin(x), "cos": math.cos(x), "laps": x / TAU}

    def drag(self, handle, px, py):
        if handle == "x":
            cx, cy = self.plane.value(px, py)
            if math.hypot(cx, cy) > 1e-9:
                self.knobs["x"].set(min(max(unwrap(self.x, cx, cy), 0), XMAX))
        elif handle == "wave":
            self.knobs["x"].set(self.plot.x.value(px))

    def shapes(self):
        c, p, x = self.plane, self.plot, self.x
        s = math.sin(x)
        out = [c.handle("x", math.cos(x), s, "point on the unit circle; arrow keys turn it",
                        f"x = {num(x)}, sin x = {num(s, 3)}")]
        out += c.frame(xticks=[-1, 1], yticks=[-1, 1], grid=False)
        out.append(c.polyline(arc_points(1, 0, TAU, samples=120), "muted"))
        out.append(c.polyline(arc_points(1, 0, x, grow=0.1), "accent2"))
        out.append(c.segment(0, 0, math.cos(x), s, "accent"))
        out.append(c.segment(math.cos(x), 0, math.cos(x), s, "accent2"))
        out += p.frame("x", "sin x", xticks=[k * math.pi / 2 for k in range(1, 9)], yticks=[-1, 1],
                       grid=True)
        out.append(p.curve(math.sin, "muted", lo=0, hi=XMAX))
        out.append(p.curve(math.sin, "accent", lo=0, hi=max(x, 1e-6)))
        # the height carried across from the circle to the wave
        left = c.at(math.cos(x), s)
        right = p.at(x, s)
        out.append(S.line(*left, *right, "grid"))
        out.append(p.segment(x, 0, x, s, "accent2"))
        out.append(p.point(x, s, "accent", r=5))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "x (radians turned)", "value": num(v["x"])},
                {"label": "laps x ÷ 2π", "value": num(v["laps"], 3)},
                {"label": "sin x (the height)", "value": num(v["sin"], 3)}]

    def controls(self):
        return [self.knobs["x"].control()]
