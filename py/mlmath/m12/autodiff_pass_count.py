"""How many passes over the graph a full gradient costs: forward mode vs reverse mode.

A function with n inputs and m outputs. Forward mode pushes one input's nudge through
the whole graph per pass, so it needs n passes. Reverse mode runs the graph forward
once, then one backward pass per output: m + 1 passes. Central differences, the
gradient check, need two evaluations per input: 2n passes. The learner drags n along
a log axis (or uses the sliders) and the three bars, drawn on the same log scale,
follow; a readout turns passes into time at a stated cost per pass.

    ```widget autodiff_pass_count
    id = "modes"
    n = 1000                    # inputs at the start (snapped to 1, 2, 5, 10, 20, ...)
    m = 1                       # outputs at the start
    ms_per_pass = 1             # the cost of one pass, for the time readout
    marks = [{ n = 5, label = "a neuron" }]
    goal = { text = "...", check = "fwd < rev", solution = { n = 2, m = 5 } }
    ```

values() for goals: n, m, fwd (forward-mode passes), rev (reverse-mode passes), fd
(central-difference passes).
"""

import math

from ..show import commas, power
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, whole
from ..widgets.controls import Choice
from ..widgets.plot import Plot

N_VALUES = [k * 10 ** e for e in range(10) for k in (1, 2, 5) if k * 10 ** e <= 10 ** 9]
M_VALUES = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
AXIS_Y = 52                     # the n axis, above the bars that share its scale
BARS = (("forward mode", "fwd", "accent2", 112), ("reverse mode", "rev", "accent", 160),
        ("central differences", "fd", "accent3", 208))


def duration(seconds):
    """A time the way a person says it: '2 ms', '16.7 minutes', '11.6 days', '31.7 years'."""
    for unit, size in (("years", 365.25 * 86400), ("days", 86400), ("hours", 3600), ("minutes", 60), ("s", 1)):
        if seconds >= size:
            return f"{seconds / size:.3g} {unit}"
    return f"{seconds * 1000:.3g} ms"


def nearest(options, v):
    """The option closest to v on a log scale: the 1-2-5 steps are even there."""
    return min(options, key=lambda o: abs(math.log10(o) - math.log10(v)))


@register
class AutodiffPassCount(Widget):
    name = "autodiff_pass_count"
    width, height = 600, 262

    def configure(self, config):
        n = number(self.name, "n", config.pop("n", 1000), 1)
        m = number(self.name, "m", config.pop("m", 1), 1)
        self.ms = number(self.name, "ms_per_pass", config.pop("ms_per_pass", 1), 1e-9)
        marks = config.pop("marks", [])
        if not isinstance(marks, list) or len(marks) > 4:
            raise ValueError("autodiff_pass_count: marks must be a list of at most 4 { n = ..., label = ... }")
        self.marks = []
        for mark in marks:
            if not isinstance(mark, dict) or set(mark) != {"n", "label"} or not isinstance(mark["label"], str):
                raise ValueError("autodiff_pass_count: each mark is { n = <inputs>, label = \"...\" }")
            self.marks.append((whole(self.name, "a mark's n", mark["n"], 1, N_VALUES[-1]), mark["label"]))
        super().configure(config)
        self.knobs = {"n": Choice("n", "inputs n", N_VALUES, nearest(N_VALUES, n), fmt=commas),
                      "m": Choice("m", "outputs m", M_VALUES, nearest(M_VALUES, m), fmt=commas)}
        # 10^-0.3 .. 10^9.6: a little room left of 1 and right of a billion
        self.plot = Plot((10 ** -0.3, 10 ** 9.6), (0, 1), (150, AXIS_Y, 584, BARS[-1][3] + 14), xlog=True, xfmt=power)

    def passes(self):
        n, m = self.knobs["n"].value, self.knobs["m"].value
        return {"fwd": n, "rev": 1 + m, "fd": 2 * n}

    def values(self):
        return {**super().values(), **self.passes()}

    def drag(self, handle, x, y):
        if handle == "n":
            self.knobs["n"].assign(nearest(N_VALUES, self.plot.x.value(x)))

    # The picture: the n axis on top, the three pass counts as bars on its scale below -----
    def shapes(self):
        plot, y = self.plot, AXIS_Y
        left = plot.box[0]
        out = plot.frame("passes over the graph (log scale, same as the n axis)", xticks=[10.0 ** e for e in range(10)],
                         yticks=[])
        out.append(S.line(left - 6, y, plot.box[2], y, "axis"))
        out.append(S.text(left - 12, y + 5, "inputs n", "label", "end"))
        for n, label in self.marks:
            out += [S.line(plot.x(n), y - 12, plot.x(n), y, "muted"), S.text(plot.x(n), y - 16, label, "small muted")]
        for (label, key, cls, by), p in zip(BARS, self.passes().values()):
            x = plot.x(p)
            text = f"{commas(p)} pass" + ("" if p == 1 else "es")
            inside = x - left > 7.2 * len(text) + 16       # the count goes inside the bar when it fits
            out += [S.text(left - 12, by + 5, label, "label", "end"),
                    S.rect(left, by - 11, max(x - left, 2), 22, cls, rx=3),
                    S.text(x - 8 if inside else x + 8, by + 5, text, "label", "end" if inside else "start")]
        n = self.knobs["n"].value
        out.append(S.line(plot.x(n), y, plot.x(n), BARS[0][3] - 11, "accent2"))
        out.append(S.handle(S.circle(plot.x(n), y, 9, "accent2"), "n", "number of inputs n", f"{commas(n)} inputs"))
        return out

    def readouts(self):
        c, m = self.passes(), self.knobs["m"].value
        sec = self.ms / 1000
        if c["fwd"] < c["rev"]:
            verdict = f"forward mode wins: {commas(c['rev'] - c['fwd'])} fewer passes"
        elif c["fwd"] == c["rev"]:
            verdict = "a tie"
        else:
            ratio = c["fwd"] / c["rev"]
            verdict = f"reverse mode needs {commas(round(ratio)) if ratio >= 100 else f'{ratio:.3g}'}\u00d7 fewer passes"
        return [
            {"label": "forward mode", "value": f"n = {commas(c['fwd'])} passes"},
            {"label": "reverse mode", "value": f"1 forward + m = {commas(m)} backward = {commas(c['rev'])} passes"},
            {"label": "central differences", "value": f"2n = {commas(c['fd'])} passes"},
            {"label": f"at {self.ms:g} ms a pass",
             "value": f"forward mode {duration(c['fwd'] * sec)}, reverse mode {duration(c['rev'] * sec)}"},
            {"label": "", "value": verdict},
        ]

    def controls(self):
        return [self.knobs["n"].control(), self.knobs["m"].control()]

    def __repr__(self):
        return f"<autodiff_pass_count n = {commas(self.knobs['n'].value)}, m = {commas(self.knobs['m'].value)}>"
