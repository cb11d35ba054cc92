"""Four knobs on a sine wave: y = A·sin(ω·x + φ) + c, matched against a target wave.

A stretches the wave up and down (the amplitude; negative A flips it), ω squeezes it
along x (the period is 2π/ω), φ slides it sideways (a shift of −φ/ω), and c lifts it.
With a target, a thick grey wave shows what to match, and `gap` is the largest vertical
distance between the two over the view: a goal `gap < 0.05` accepts every way of
writing the same wave (A = −2 with φ + π is the same wave as A = 2).

    ```widget wave_match
    id = "match"
    A = 1
    omega = 1
    phi = 0
    c = 0
    knobs = ["A", "omega", "phi", "c"]      # which sliders the learner gets (others stay put)
    target = { A = 2, omega = 0.5, phi = 1, c = -1 }    # optional
    goal = { text = "...", check = "gap < 0.05", solution = { A = 2, omega = 0.5, phi = 1, c = -1 } }
    ```

values(): A, omega, phi, c, period (2π/ω), top and bottom (c ± |A|), gap (with a target only).
"""

import math

from ..show import MINUS, num
from ..widgets import register
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Slider
from ..widgets.plot import Plot

KNOBS = {  # id: (label, lo, hi, step)
    "A": ("amplitude A", -3, 3, 0.1),
    "omega": ("frequency ω", 0.25, 4, 0.05),
    "phi": ("phase φ", -3.15, 3.15, 0.05),
    "c": ("midline c", -2, 2, 0.1),
}
DEFAULTS = {"A": 1, "omega": 1, "phi": 0, "c": 0}
X = (-1, 13)


def wave(A, omega, phi, c):
    return lambda x: A * math.sin(omega * x + phi) + c


def formula(A, omega, phi, c):
    def signed(v, digits=2):
        return f"{'+' if v >= 0 else MINUS} {num(abs(v), digits)}"
    x = "x" if omega == 1 else f"{num(omega)}x"          # sin(x), not sin(1x)
    inner = f"{x} {signed(phi)}" if phi else x
    out = f"{num(A, 1)}·sin({inner})"
    return out + (f" {signed(c, 1)}" if c else "")


@register
class WaveMatch(Widget):
    name = "wave_match"
    width, height = 640, 300

    def configure(self, config):
        start = {}
        for k, (label, lo, hi, step) in KNOBS.items():
            start[k] = number(self.name, k, config.pop(k, DEFAULTS[k]), lo, hi)
        shown = config.pop("knobs", list(KNOBS))
        if not isinstance(shown, list) or not shown:
            raise ValueError(f"{self.name}: knobs must be a non-empty list drawn from {list(KNOBS)}, not {shown!r}")
        self.shown = [one_of(self.name, "knobs", k, KNOBS) for k in shown]
        target = config.pop("target", None)
        if target is not None:
            if not isinstance(target, dict) or set(target) - set(KNOBS):
                raise ValueError(f"{self.name}: target must be a table of A, omega, phi, c, not {target!r}")
            target = {k: number(self.name, f"target.{k}", target.get(k, DEFAULTS[k]), KNOBS[k][1], KNOBS[k][2])
                      for k in KNOBS}
        self.target = target
        self.knobs = {k: Slider(k, label, lo, hi, step, start[k]) for k, (label, lo, hi, step) in KNOBS.items()}
        self.fixed = {k: self.knobs[k].value for k in KNOBS if k not in self.shown}
        self.plot = Plot(X, (-5.5, 5.5), (44, 12, 624, 270))
        super().configure(config)

    def params(self):
        return {k: self.knobs[k].value for k in KNOBS}

    def set_values(self, values):
        for k, v in values.items():     # a hidden knob stays where the lesson put it
            if k in self.fixed and v != self.fixed[k]:
                raise ValueError(f"{self.name}: {k} is fixed at {self.fixed[k]} here")
        super().set_values(values)

    def values(self):
        p = self.params()
        v = dict(p)
        v["period"] = 2 * math.pi / p["omega"]
        v["top"], v["bottom"] = p["c"] + abs(p["A"]), p["c"] - abs(p["A"])
        if self.target:
            f, g = wave(**p), wave(**self.target)
            n = 560
            xs = [X[0] + (X[1] - X[0]) * i / n for i in range(n + 1)]
            v["gap"] = max(abs(f(x) - g(x)) for x in xs)
        return v

    def shapes(self):
        p, v = self.plot, self.values()
        out = [*p.frame("x", "y", xticks=[0, 2, 4, 6, 8, 10, 12], yticks=[-4, -2, 2, 4])]
        pi_marks = [k * math.pi for k in range(1, 5)]
        for m, label in zip(pi_marks, ["π", "2π", "3π", "4π"]):
            out.append(p.text(m, -5.5, label, "small muted", dy=-4))
        if self.target:
            out.append(p.curve(wave(**self.target), "muted bracket"))
        out.append(p.segment(X[0], v["c"], X[1], v["c"], "accent3"))
        out.append(p.curve(wave(**self.params()), "accent"))
        # one period, marked from the first upward crossing of the midline at or after x = 0
        A, w, phi = v["A"], v["omega"], v["phi"]
        start = ((-phi if A >= 0 else math.pi - phi) / w) % v["period"]
        if start + v["period"] <= X[1]:
            y = 4.8
            out.append(p.segment(start, y, start + v["period"], y, "accent2"))
            out.append(p.segment(start, y - 0.25, start, y + 0.25, "accent2"))
            out.append(p.segment(start + v["period"], y - 0.25, start + v["period"], y + 0.25, "accent2"))
            out.append(p.text(start + v["period"] / 2, y, f"period {num(v['period'])}", "small accent2", dy=-6))
        legend = [("your wave", "accent"), ("midline c", "accent3")]
        if self.target:
            legend.insert(1, ("target", "muted bracket"))
        out += p.legend(legend, corner="bottom-right")
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "y", "value": formula(v["A"], v["omega"], v["phi"], v["c"])},
               # ω is named only where its slider is (the A and c step comes before it)
               {"label": "period 2π/ω" if "omega" in self.shown else "period", "value": num(v["period"])},
               {"label": "highest, lowest", "value": f"{num(v['top'], 1)}, {num(v['bottom'], 1)}"}]
        if self.target:
            out.append({"label": "largest gap to target", "value": num(v["gap"], 2)})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in self.shown]
