"""Two turns stacked: turn by a, then by b, and land where a single turn by a + b lands.

The first handle sets a (the blue point at angle a on the unit circle); the second sets
b, the further turn from there (the orange point, at angle a + b). A faint point shows b
on its own. After the first turn, two arrows mark the turned frame: u = (cos a, sin a)
and v = (−sin a, cos a), a quarter turn ahead of u. The second turn lands at
cos b·u + sin b·v, and writing that out gives the angle-addition formulas, shown in the
readouts beside cos(a + b) and sin(a + b).

    ```widget turn_stack
    id = "stack"
    a = 0.8
    b = 1.2
    goal = { text = "...", check = "abs(x) < 0.01 and abs(y + 1) < 0.01 and a > 1.58 and b > 1.58", solution = { a = 2, b = 2.71 } }
    ```

values(): a, b, total (a + b), x and y (where the stacked turns land), formula_x
(cos a cos b − sin a sin b) and formula_y (sin a cos b + cos a sin b).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from .angle_tools import TAU, arc_points, reduce, unwrap

HI = 6.28


@register
class TurnStack(Widget):
    name = "turn_stack"
    width, height = 600, 340

    def configure(self, config):
        a = number(self.name, "a", config.pop("a", 0.8), 0, HI)
        b = number(self.name, "b", config.pop("b", 1.2), 0, HI)
        self.knobs = {"a": Slider("a", "first turn a", 0, HI, 0.01, a, coarse=0.25),
                      "b": Slider("b", "second turn b", 0, HI, 0.01, b, coarse=0.25)}
        self.plane = Plane(1.35, (130, 8, 470, 332))
        super().configure(config)

    def values(self):
        a, b = self.knobs["a"].value, self.knobs["b"].value
        ca, sa, cb, sb = math.cos(a), math.sin(a), math.cos(b), math.sin(b)
        return {"a": a, "b": b, "total": a + b, "x": math.cos(a + b), "y": math.sin(a + b),
                "formula_x": ca * cb - sa * sb, "formula_y": sa * cb + ca * sb}

    def drag(self, handle, x, y):
        px, py = self.plane.value(x, y)
        if math.hypot(px, py) < 1e-9 or handle not in ("a", "b"):
            return
        knob = self.knobs[handle]
        start = self.knobs["a"].value if handle == "b" else 0.0
        t = reduce(unwrap(knob.value + start, px, py) - start)
        if t > HI:                      # 6.28 < t < 2π: the slider's end, not a jump to 0
            t = HI if knob.value > 3 else 0.0
        knob.set(t)

    def shapes(self):
        p, v = self.plane, self.values()
        a, b = v["a"], v["b"]
        u = (math.cos(a), math.sin(a))
        w = (-math.sin(a), math.cos(a))
        out = [p.handle("a", *u, "first turn: the point at angle a", f"a = {num(a)}"),
               p.handle("b", v["x"], v["y"], "second turn: the point at angle a + b",
                        f"b = {num(b)}, a + b = {num(a + b)}", cls="accent2")]
        out += p.frame(xticks=[-1, 1], yticks=[-1, 1])
        out.append(p.polyline(arc_points(1, 0, TAU, samples=120), "muted"))
        out.append(p.polyline(arc_points(0.22, 0, a), "accent"))
        out.append(p.polyline(arc_points(0.32, a, a + b), "accent2"))
        out.append(p.point(math.cos(b), math.sin(b), "muted", r=5))
        out.append(p.text(1.13 * math.cos(b), 1.13 * math.sin(b), "b alone", "small muted", dy=4))
        # the turned frame and the two legs of the second turn
        out += p.vector(u, "accent")
        out += p.vector(w, "accent3")
        leg = (math.cos(b) * u[0], math.cos(b) * u[1])
        out.append(p.segment(0, 0, *leg, "accent2"))
        out.append(p.segment(*leg, v["x"], v["y"], "accent2"))
        out.append(p.text(1.18 * u[0], 1.18 * u[1], "u", "label accent", dy=5))
        out.append(p.text(1.18 * w[0], 1.18 * w[1], "v", "label accent3", dy=5))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "a + b", "value": num(v["total"])},
                {"label": "cos(a + b)", "value": num(v["x"], 4)},
                {"label": "cos a·cos b − sin a·sin b", "value": num(v["formula_x"], 4)},
                {"label": "sin(a + b)", "value": num(v["y"], 4)},
                {"label": "sin a·cos b + cos a·sin b", "value": num(v["formula_y"], 4)}]

    def controls(self):
        return [self.knobs["a"].control(), self.knobs["b"].control()]
