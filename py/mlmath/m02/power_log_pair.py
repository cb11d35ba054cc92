"""The exponential function and its inverse, the logarithm, as mirror images. A point
on y = bˣ at input x has the mirror point (bˣ, x) across the line y = x, and that
mirror point lies on y = log_b(x): the logarithm undoes the power.

    ```widget power_log_pair
    id = "mirror"
    base = "2"      # "2", "e" or "10"
    x = 1
    ```

values(): base, x, power (bˣ), back (log_b of the power: x again).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot

BASES = {"2": 2.0, "e": math.e, "10": 10.0}
LOGS = {"2": "log₂", "e": "ln", "10": "log₁₀"}       # how each base's log is written
LO, HI = -4, 9


@register
class PowerLogPair(Widget):
    name = "power_log_pair"
    width, height = 600, 330

    def configure(self, config):
        base = one_of(self.name, "base", config.pop("base", "2"), BASES)
        x = number(self.name, "x", config.pop("x", 1), -3, 3.5)
        super().configure(config)
        self.knobs["base"] = Choice("base", "base b", list(BASES), base)
        self.knobs["x"] = Slider("x", "input x", -3, 3.5, 0.25, x)
        self.plot = Plot((LO, HI), (LO, HI), box=(40, 14, 340, 314))

    @property
    def b(self):
        return BASES[self.knobs["base"].value]

    def values(self):
        x = self.knobs["x"].value
        power = self.b ** x
        return {"base": self.knobs["base"].value, "x": x, "power": power, "back": math.log(power, self.b)}

    def drag(self, handle, x, y):
        if handle == "x":                     # the point rides the exponential curve: only x is read
            self.knobs["x"].set(self.plot.x.value(x))
        elif handle == "mirror":              # its mirror rides the log curve: its x is the power
            px = self.plot.x.value(x)
            if px > 0:
                self.knobs["x"].set(math.log(px, self.b))

    def shapes(self):
        p, v, b = self.plot, self.values(), self.b
        name = self.knobs["base"].value
        x, y = v["x"], v["power"]
        out = [p.handle("x", x, y, f"point on y = {name}^x", f"x = {num(x)}, {name}^x = {num(y, 3)}", "accent"),
               p.handle("mirror", y, x, f"mirror point on y = {LOGS[name]} x", f"{LOGS[name]}({num(y, 3)}) = {num(x)}", "accent3")]
        out += p.frame("x", "y", xticks=list(range(-4, 10, 2)), yticks=list(range(-4, 10, 2)))
        out.append(p.line(1, 0, "muted"))
        out.append(p.curve(lambda t: b ** t, "accent"))
        out.append(p.curve(lambda t: math.log(t, b), "accent3", lo=0.001))
        out.append(p.segment(x, y, y, x, "muted"))
        out += p.legend([(f"y = {name}ˣ", "accent"), (f"y = {LOGS[name]} x", "accent3"), ("y = x, the mirror", "muted")],
                        "bottom-right")
        return out

    def readouts(self):
        v = self.values()
        name = v["base"]
        return [{"label": f"{name}^{num(v['x'])}", "value": num(v["power"], 4)},
                {"label": f"{LOGS[name]}({num(v['power'], 4)})", "value": num(v["back"], 4)}]

    def controls(self):
        return [self.knobs["base"].control(), self.knobs["x"].control()]
