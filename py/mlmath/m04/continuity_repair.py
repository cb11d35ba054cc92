"""Continuity at one point, repaired by hand: f(x) = x² left of 1, √x + c right of 1, and
f(1) = v, a dot the learner drags up and down. The left limit is 1, the right limit is
1 + c; f is continuous at 1 only when both limits agree and equal the value there.

    ```widget continuity_repair
    id = "repair"
    c = 1
    v = 2.5
    goal = { text = "...", check = "continuous", solution = { c = 0, v = 1 } }
    ```

values(): c, v, left (limit from the left), right (limit from the right), continuous (a bool).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

A = 1.0


@register
class ContinuityRepair(Widget):
    name = "continuity_repair"
    width, height = 600, 320

    def configure(self, config):
        c = number(self.name, "c", config.pop("c", 1), -2, 2)
        v = number(self.name, "v", config.pop("v", 2.5), -1, 3.5)
        self.plot = Plot((-0.5, 2.5), (-1, 3.5), box=(44, 14, 584, 290))
        self.knobs = {"v": Slider("v", "value f(1)", -1, 3.5, 0.25, v),
                      "c": Slider("c", "lift c of the right piece", -2, 2, 0.25, c)}
        super().configure(config)

    def values(self):
        c, v = self.knobs["c"].value, self.knobs["v"].value
        left, right = A * A, math.sqrt(A) + c
        return {"v": v, "c": c, "left": left, "right": right,
                "continuous": left == right == v}

    def drag(self, handle, x, y):
        if handle == "v":
            self.knobs["v"].set(self.plot.y.value(y))
        elif handle == "c":
            self.knobs["c"].set(self.plot.y.value(y) - math.sqrt(A))

    def shapes(self):
        p, s = self.plot, self.values()
        c = s["c"]
        return [
            p.handle("v", A, s["v"], "the value f(1); drag up or down", f"f(1) = {num(s['v'])}", cls="accent3", r=7),
            p.handle("c", A + 0.35, math.sqrt(A + 0.35) + c, "the right piece; drag up or down to lift it",
                     f"c = {num(c)}", cls="accent2", r=7),
            *p.frame("x", "f(x)"),
            p.curve(lambda x: x * x, "accent", hi=A),
            p.curve(lambda x: math.sqrt(x) + c, "accent2", lo=A),
            p.point(A, s["left"], "accent nofill", r=5),
            p.point(A, s["right"], "accent2 nofill", r=5),
            *p.legend([("x², left of 1", "accent"), ("√x + c, right of 1", "accent2")], corner="bottom-right"),
        ]

    def readouts(self):
        s = self.values()
        if s["left"] != s["right"]:
            verdict = "not continuous: the two sides jump apart, so there is no limit"
        elif s["v"] != s["left"]:
            verdict = f"not continuous: the limit is {num(s['left'])}, but f(1) = {num(s['v'])}"
        else:
            verdict = "continuous at 1: the limit equals the value"
        return [{"label": "limit from the left", "value": num(s["left"])},
                {"label": "limit from the right", "value": num(s["right"])},
                {"label": "f(1)", "value": num(s["v"])},
                {"label": "", "value": verdict}]

    def controls(self):
        return [self.knobs["v"].control(), self.knobs["c"].control()]
