"""Two windows on one curve, each one unit wide, each reporting its slope: rise over run.

The learner picks a curve and slides the two windows along it. On a line both windows
always report the same slope, wherever they sit; on every other curve here the slope of
a window depends on where it is (each of them bends one way only, so two windows at
different places never agree).

    ```widget steepness_probe
    id = "probe"
    curve = "parabola"     # or "line", "growth", "root"
    a = -2
    b = 2
    ```

values(): curve, a and b (where each window starts), slope_a and slope_b (rise over run
in each), same (1 when the two slopes agree).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot

CURVES = {  # name: (f, how the readout writes it)
    "line": (lambda x: 0.5 * x + 1, "y = 0.5x + 1"),
    "parabola": (lambda x: x * x / 4, "y = x²/4"),
    "growth": (lambda x: 2 ** (x / 2), "y = 2^(x/2)"),
    "root": (lambda x: 2 * math.sqrt(x + 5), "y = 2√(x + 5)"),
}
XLO, XHI, RUN = -5, 4, 1


@register
class SteepnessProbe(Widget):
    name = "steepness_probe"
    width, height = 600, 320

    def configure(self, config):
        curve = one_of(self.name, "curve", config.pop("curve", "parabola"), CURVES)
        self.knobs["curve"] = Choice("curve", "curve", list(CURVES), curve, fmt=lambda c: CURVES[c][1])
        for k, default in (("a", -2), ("b", 2)):
            v = number(self.name, k, config.pop(k, default), XLO, XHI)
            self.knobs[k] = Slider(k, f"window {k} starts at x", XLO, XHI, 0.5, v)
        super().configure(config)
        self.plot = Plot((XLO, XHI + RUN), (-2, 7), box=(48, 14, 584, 282))

    @property
    def f(self):
        return CURVES[self.knobs["curve"].value][0]

    def slope(self, start):
        return (self.f(start + RUN) - self.f(start)) / RUN

    def values(self):
        a, b = self.knobs["a"].value, self.knobs["b"].value
        sa, sb = self.slope(a), self.slope(b)
        return {"curve": self.knobs["curve"].value, "a": a, "b": b, "slope_a": sa, "slope_b": sb,
                "same": int(math.isclose(sa, sb, rel_tol=1e-12, abs_tol=1e-12))}

    def drag(self, handle, x, y):
        if handle in ("a", "b"):
            self.knobs[handle].set(self.plot.x.value(x))

    def shapes(self):
        p, f = self.plot, self.f
        out = []
        for k, cls in (("a", "accent2"), ("b", "accent3")):
            s = self.knobs[k].value
            out.append(p.handle(k, s, f(s), f"start of window {k}", f"x = {num(s)}, slope {num(self.slope(s), 3)}", cls))
        out += p.frame("x", "y")
        out.append(p.curve(f))
        for k, cls in (("a", "accent2"), ("b", "accent3")):
            s = self.knobs[k].value
            y0, y1 = f(s), f(s + RUN)
            out.append(p.segment(s, y0, s + RUN, y0, cls))           # the run
            out.append(p.segment(s + RUN, y0, s + RUN, y1, cls))     # the rise
            out.append(p.segment(s, y0, s + RUN, y1, cls))           # the chord
            out.append(p.text(s + RUN, (y0 + y1) / 2, f"rise {num(y1 - y0, 3)}", f"small {cls}", "start", dx=6))
            out.append(p.point(s + RUN, y1, cls))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "", "value": CURVES[v["curve"]][1]},
                {"label": f"slope of window a (x from {num(v['a'])} to {num(v['a'] + RUN)})", "value": num(v["slope_a"], 3)},
                {"label": f"slope of window b (x from {num(v['b'])} to {num(v['b'] + RUN)})", "value": num(v["slope_b"], 3)},
                {"label": "", "value": "the same slope" if v["same"] else "different slopes"}]

    def controls(self):
        return [self.knobs[k].control() for k in ("curve", "a", "b")]
