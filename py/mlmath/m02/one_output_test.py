"""Is this curve a function? Slide a vertical line (one input x) across it and count
where it meets the curve (the outputs for that x). A function gives exactly one output
for every input it accepts; a curve that meets some vertical line twice is not a
function of x.

    ```widget one_output_test
    id = "vtest"
    curve = "parabola"     # or "line", "cubic", "circle", "sideways"
    x = 1
    ```

values(): curve, x, outputs (how many points of the curve sit above or below x).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot

LO, HI = -4, 4


def _root(v):
    return math.sqrt(v) if v >= 0 else None


CURVES = {  # name: (label, outputs(x) -> sorted list of y, points to draw the whole curve)
    "line": ("y = 1 − x/2", lambda x: [1 - x / 2]),
    "parabola": ("y = x²/2 − 2", lambda x: [x * x / 2 - 2]),
    "cubic": ("y = x³/4 − x", lambda x: [x ** 3 / 4 - x]),
    "circle": ("x² + y² = 9", lambda x: sorted({-r, r}) if (r := _root(9 - x * x)) is not None else []),
    "sideways": ("x = y²/2 − 2", lambda x: sorted({-r, r}) if (r := _root(2 * (x + 2))) is not None else []),
}


def _trace(name):
    """The whole curve as one list of data points (None breaks it), for Plot.polyline."""
    if name == "circle":
        return [(3 * math.cos(t / 60 * math.pi), 3 * math.sin(t / 60 * math.pi)) for t in range(121)]
    if name == "sideways":
        return [((y * y) / 2 - 2, y) for y in (i / 20 for i in range(-80, 81))]
    f = CURVES[name][1]
    return [(x, f(x)[0]) for x in (LO + (HI - LO) * i / 200 for i in range(201))]


@register
class OneOutputTest(Widget):
    name = "one_output_test"
    width, height = 600, 330

    def configure(self, config):
        curve = one_of(self.name, "curve", config.pop("curve", "parabola"), CURVES)
        x = number(self.name, "x", config.pop("x", 1), LO, HI)
        super().configure(config)
        self.knobs["curve"] = Choice("curve", "curve", list(CURVES), curve, fmt=lambda c: CURVES[c][0])
        self.knobs["x"] = Slider("x", "input x", LO, HI, 0.5, x)
        self.plot = Plot((LO, HI), (-4, 4), box=(150, 14, 450, 314))     # square: a circle looks round

    def outputs(self):
        return CURVES[self.knobs["curve"].value][1](self.knobs["x"].value)

    def values(self):
        return {"curve": self.knobs["curve"].value, "x": self.knobs["x"].value, "outputs": len(self.outputs())}

    def drag(self, handle, x, y):
        if handle == "x":
            self.knobs["x"].set(self.plot.x.value(x))

    def shapes(self):
        p, x = self.plot, self.knobs["x"].value
        ys = self.outputs()
        count = len(ys)
        cls = {1: "good", 0: "muted"}.get(count, "bad")
        out = [p.handle("x", x, p.y.lo, "the input x (slide the vertical line)", f"x = {num(x)}, {count} output(s)", "accent2")]
        out += p.frame("x", "y")
        out.append(p.polyline(_trace(self.knobs["curve"].value), "accent"))
        out.append(p.segment(x, p.y.lo, x, p.y.hi, "accent2"))
        out += [p.point(x, y, cls, 6) for y in ys]
        out += [p.text(x, y, f"y = {num(y, 2)}", f"small {cls}", "start", dx=9, dy=-6) for y in ys]
        return out

    def readouts(self):
        ys = self.outputs()
        said = {0: "no output: this x is not an input the curve accepts", 1: "one output"}.get(len(ys), f"{len(ys)} outputs")
        return [{"label": "", "value": CURVES[self.knobs["curve"].value][0]},
                {"label": f"outputs at x = {num(self.knobs['x'].value)}", "value": said},
                {"label": "y", "value": ", ".join(num(y, 3) for y in ys) or "none"}]

    def controls(self):
        return [self.knobs["curve"].control(), self.knobs["x"].control()]
