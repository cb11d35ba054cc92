"""Both sides of an equation as functions of x, and a slider for x: they meet at the solutions.

    ```widget balance_sides
    id = "meet"
    equation = "3 * (x + 4) - 5 = 16"   # x may appear on either side, any number of times
    x = 0                               # where the slider starts
    range = [-10, 10]                   # the x the slider covers; step: its step (default 0.5)
    editable = false                    # true: a text box lets the learner change the equation
    ```

The plot draws the left side's value (one line) and the right side's (another) for every
x in range; the handle on the x axis, or the slider, picks one x, and a bracket shows the gap
between the two sides there. The equation is a constraint: it holds exactly where the two
curves meet. Two lines that never meet mean no solution; one line drawn twice means every x.

values(): x, equation, ok, left, right (the two sides' values at x), gap (left − right),
balanced (1 when the sides are equal at x), every (1 when they are equal at every x tried
across the range), never (1 when their difference is the same nonzero number everywhere).
"""

from ..expr import ExprError
from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number
from ..widgets.controls import Slider, Text
from ..widgets.plot import Plot
from .l05_equations import equation, infix, value

SAMPLES = 41


@register
class BalanceSides(Widget):
    name = "balance_sides"
    width, height = 600, 300

    def configure(self, config):
        text = config.pop("equation", "3 * (x + 4) - 5 = 16")
        self.editable = flag(self.name, "editable", config.pop("editable", False))
        lo, hi = config.pop("range", [-10, 10])
        lo, hi = number(self.name, "range", lo), number(self.name, "range", hi)
        if not lo < hi:
            raise ValueError("balance_sides: range must be [low, high] with low < high")
        step = number(self.name, "step", config.pop("step", 0.5), 1e-3, hi - lo)
        x = number(self.name, "x", config.pop("x", 0), lo, hi)
        try:
            equation(text, x_once=False)
        except (ExprError, TypeError) as exc:
            raise ValueError(f"balance_sides: {exc}") from None
        self.lo, self.hi = lo, hi
        self.knobs = {"x": Slider("x", "x", lo, hi, step, x, fmt=lambda v: num(v, 4)),
                      "equation": Text("equation", "equation", text, parse=self._parse, limit=60)}
        super().configure(config)

    @staticmethod
    def _parse(text):
        try:
            return equation(text, x_once=False)
        except ExprError as exc:
            raise ValueError(str(exc)) from None

    @property
    def sides(self):
        knob = self.knobs["equation"]
        return None if knob.error else knob.value

    def values(self):
        x = self.knobs["x"].value
        out = {"x": x, "equation": self.knobs["equation"].text, "ok": int(self.sides is not None)}
        if not self.sides:
            return {**out, "left": None, "right": None, "gap": None, "balanced": 0, "every": 0, "never": 0}
        left, right = self.sides
        lv, rv = value(left, x), value(right, x)
        gap = None if lv is None or rv is None else lv - rv
        gaps = [self._gap(self.lo + (self.hi - self.lo) * i / (SAMPLES - 1)) for i in range(SAMPLES)]
        known = [g for g in gaps if g is not None]
        every = bool(known) and all(abs(g) < 1e-9 for g in known)
        never = bool(known) and not every and max(known) - min(known) < 1e-9 and abs(known[0]) >= 1e-9
        return {**out, "left": lv, "right": rv, "gap": gap, "balanced": int(gap is not None and abs(gap) < 1e-9),
                "every": int(every), "never": int(never)}

    def _gap(self, x):
        left, right = self.sides
        lv, rv = value(left, x), value(right, x)
        return None if lv is None or rv is None else lv - rv

    def drag(self, handle, x, y):
        if handle == "x":
            self.knobs["x"].set(self.plot().x.value(x))

    def plot(self):
        ys = []
        if self.sides:
            for side in self.sides:
                for i in range(SAMPLES):
                    v = value(side, self.lo + (self.hi - self.lo) * i / (SAMPLES - 1))
                    if v is not None:
                        ys.append(v)
        lo, hi = (min(ys), max(ys)) if ys else (-1, 1)
        if hi - lo < 1e-9:
            lo, hi = lo - 1, hi + 1
        pad = (hi - lo) * 0.08
        lo, hi = lo - pad, hi + pad
        return Plot((self.lo, self.hi), (lo, hi), box=(56, 16, 584, 262))

    def shapes(self):
        p = self.plot()
        v = self.values()
        x = v["x"]
        out = [p.handle("x", x, p.y.lo, "x on the axis", num(x, 4), cls="accent3")]
        out += p.frame("x", "")
        if not self.sides:
            out.append(S.text(self.width / 2, 120, self.knobs["equation"].error, "small bad"))
            return out
        left, right = self.sides
        out.append(p.curve(lambda t: value(right, t), "accent2"))
        out.append(p.curve(lambda t: value(left, t), "accent"))
        out.append(p.segment(x, p.y.lo, x, p.y.hi, "muted"))
        if v["left"] is not None and v["right"] is not None:
            out.append(p.segment(x, v["left"], x, v["right"], "accent3"))
            out.append(p.point(x, v["right"], "accent2", r=5))
            out.append(p.point(x, v["left"], "accent", r=5))
        out += p.legend([(f"left: {infix(left)}", "accent"), (f"right: {infix(right)}", "accent2")])
        return out

    def readouts(self):
        v = self.values()
        if not v["ok"]:
            return [{"label": "", "value": self.knobs["equation"].error}]

        def show(n):
            return "no value" if n is None else num(n, 4)
        out = [{"label": "x", "value": show(v["x"])},
               {"label": "left side", "value": show(v["left"])},
               {"label": "right side", "value": show(v["right"])},
               {"label": "left − right", "value": show(v["gap"])}]
        if v["every"]:
            out.append({"label": "", "value": "the two sides are equal at every x: one line drawn twice"})
        elif v["never"]:
            out.append({"label": "", "value": "the sides differ by the same amount at every x: they never meet"})
        elif v["balanced"]:
            out.append({"label": "", "value": "balanced: this x makes the equation true"})
        return out

    def controls(self):
        out = [self.knobs["x"].control()]
        if self.editable:
            out.append(self.knobs["equation"].control())
        return out
