"""Rotating the plane: every point (x, y) goes to (x cos θ − y sin θ, x sin θ + y cos θ).

A small flag shape and a point P are drawn faintly where they start and boldly after a
rotation by θ about the origin. Drag P to pick the point (its arrow keys move it left
and right; the y slider moves it up and down), and drag the rotated point P′ round the
origin to set θ (or use its arrow keys). The readouts show P′ from the formula and
both lengths: they never differ.

    ```widget rotate_shape
    id = "rot"
    theta = 0.5          # radians, −π to π
    px = 2
    py = 1
    goal = { text = "...", check = "px == 2 and py == 1 and abs(x2) < 0.03 and y2 > 0", solution = { theta = 1.11 } }
    ```

values(): theta, px, py, x2 and y2 (P′), length and length2 (|P| and |P′|).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plane import Plane

FLAG = [(0, 0), (0, 2), (1.2, 1.6), (0, 1.2)]     # a flag on a pole, its foot at the origin


def rotate(point, theta):
    x, y = point
    c, s = math.cos(theta), math.sin(theta)
    return (x * c - y * s, x * s + y * c)


@register
class RotateShape(Widget):
    name = "rotate_shape"
    width, height = 600, 340

    def configure(self, config):
        theta = number(self.name, "theta", config.pop("theta", 0.5), -3.14, 3.14)
        px = number(self.name, "px", config.pop("px", 2), -3, 3)
        py = number(self.name, "py", config.pop("py", 1), -3, 3)
        self.knobs = {"theta": Slider("theta", "rotation θ (radians)", -3.14, 3.14, 0.01, theta, coarse=0.25),
                      "px": Slider("px", "P: x", -3, 3, 0.1, px),
                      "py": Slider("py", "P: y", -3, 3, 0.1, py)}
        self.plane = Plane(3.6, (130, 8, 470, 332))
        super().configure(config)

    def values(self):
        t, px, py = self.knobs["theta"].value, self.knobs["px"].value, self.knobs["py"].value
        x2, y2 = rotate((px, py), t)
        return {"theta": t, "px": px, "py": py, "x2": x2, "y2": y2,
                "length": math.hypot(px, py), "length2": math.hypot(x2, y2)}

    def drag(self, handle, x, y):
        qx, qy = self.plane.value(x, y)
        if handle == "px":
            self.knobs["px"].set(qx)
            self.knobs["py"].set(qy)
        elif handle == "theta":
            px, py = self.knobs["px"].value, self.knobs["py"].value
            if math.hypot(px, py) > 1e-9 and math.hypot(qx, qy) > 1e-9:
                t = math.atan2(qy, qx) - math.atan2(py, px)
                t = (t + math.pi) % (2 * math.pi) - math.pi
                self.knobs["theta"].set(min(max(t, -3.14), 3.14))

    def shapes(self):
        p, v = self.plane, self.values()
        t = v["theta"]
        out = [p.handle("px", v["px"], v["py"], "point P: drag it; arrow keys move it along x",
                        f"P = ({num(v['px'], 1)}, {num(v['py'], 1)})", cls="muted"),
               p.handle("theta", v["x2"], v["y2"], "rotated point P′: drag it round the origin to rotate",
                        f"θ = {num(t)}, P′ = ({num(v['x2'])}, {num(v['y2'])})")]
        out += p.frame("x", "y", xticks=[-3, -2, -1, 1, 2, 3], yticks=[-3, -2, -1, 1, 2, 3])
        out.append(p.polyline(FLAG + [FLAG[1]], "muted"))
        out.append(p.polyline([rotate(q, t) for q in FLAG] + [rotate(FLAG[1], t)], "accent"))
        r = v["length"]
        if r > 1e-9:
            start = math.atan2(v["py"], v["px"])
            n = 40
            out.append(p.polyline([(r * math.cos(start + t * i / n), r * math.sin(start + t * i / n))
                                   for i in range(n + 1)], "accent2"))
        out.append(p.segment(0, 0, v["px"], v["py"], "muted"))
        out.append(p.segment(0, 0, v["x2"], v["y2"], "accent"))
        out.append(p.text(v["px"], v["py"], "P", "label muted", dx=10, dy=-8))
        out.append(p.text(v["x2"], v["y2"], "P′", "label accent", dx=10, dy=-8))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "θ", "value": num(v["theta"])},
                {"label": "P′ = (x cos θ − y sin θ, x sin θ + y cos θ)", "value": f"({num(v['x2'], 3)}, {num(v['y2'], 3)})"},
                {"label": "|P|", "value": num(v["length"], 4)},
                {"label": "|P′|", "value": num(v["length2"], 4)}]

    def controls(self):
        return [self.knobs[k].control() for k in ("theta", "px", "py")]
