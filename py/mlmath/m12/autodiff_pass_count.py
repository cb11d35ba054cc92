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

from ..widgets import register
from ..widgets.base import Widget

N_VALUES = [k * 10 ** e for e in range(10) for k in (1, 2, 5) if k * 10 ** e <= 10 ** 9]
M_VALUES = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000]
SUPER = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")


def count(n):
    """1234567 -> '1,234,567'."""
    return f"{n:,}"


def duration(seconds):
    """A time the way a person says it: '2 ms', '16.7 minutes', '11.6 days', '31.7 years'."""
    for unit, size in (("years", 365.25 * 86400), ("days", 86400), ("hours", 3600), ("minutes", 60), ("s", 1)):
        if seconds >= size:
            v = seconds / size
            return f"{v:.3g} {unit}" if unit != "s" else f"{v:.3g} s"
    return f"{seconds * 1000:.3g} ms"


def _nearest(options, v, what):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) or v < 1:
        raise ValueError(f"autodiff_pass_count: {what} must be a number of at least 1, not {v!r}")
    return min(range(len(options)), key=lambda i: abs(math.log10(options[i]) - math.log10(v)))


@register
class AutodiffPassCount(Widget):
    name = "autodiff_pass_count"
    width, height = 600, 262
    x0, x1 = 150, 584          # the shared log axis: 10^-0.3 .. 10^9.6
    lo, hi = -0.3, 9.6
    axis_y = 52
    bars = (("forward mode", "fwd", "accent2", 112), ("reverse mode", "rev", "accent", 160),
            ("central differences", "fd", "accent3", 208))

    def configure(self, config):
        self.i = _nearest(N_VALUES, config.pop("n", 1000), "n")
        self.j = _nearest(M_VALUES, config.pop("m", 1), "m")
        ms = config.pop("ms_per_pass", 1)
        if isinstance(ms, bool) or not isinstance(ms, (int, float)) or not ms > 0:
            raise ValueError("autodiff_pass_count: ms_per_pass must be a positive number")
        self.ms = float(ms)
        marks = config.pop("marks", [])
        if not isinstance(marks, list) or len(marks) > 4:
            raise ValueError("autodiff_pass_count: marks must be a list of at most 4 { n = ..., label = ... }")
        self.marks = []
        for mk in marks:
            if not isinstance(mk, dict) or set(mk) != {"n", "label"} or not isinstance(mk["label"], str):
                raise ValueError("autodiff_pass_count: each mark is { n = <inputs>, label = \"...\" }")
            n = mk["n"]
            if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= N_VALUES[-1]:
                raise ValueError(f"autodiff_pass_count: mark n must be a whole number from 1 to 10^9, not {n!r}")
            self.marks.append((n, mk["label"]))
        super().configure(config)

    # Counting ---------------------------------------------------------------------------
    @property
    def n(self):
        return N_VALUES[self.i]

    @property
    def m(self):
        return M_VALUES[self.j]

    def passes(self):
        n, m = self.n, self.m
        return {"fwd": n, "rev": 1 + m, "fd": 2 * n}

    def values(self):
        return {"n": self.n, "m": self.m, **self.passes()}

    def set_values(self, values):
        for key, v in values.items():
            if key == "n":
                self.i = _nearest(N_VALUES, v, "n")
            elif key == "m":
                self.j = _nearest(M_VALUES, v, "m")
            else:
                raise KeyError(f"autodiff_pass_count cannot set {key!r}; it sets n and m")

    # Geometry ---------------------------------------------------------------------------
    def x_of(self, count):
        return self.x0 + (math.log10(count) - self.lo) / (self.hi - self.lo) * (self.x1 - self.x0)

    def index_at(self, x):
        lg = self.lo + (x - self.x0) / (self.x1 - self.x0) * (self.hi - self.lo)
        return min(range(len(N_VALUES)), key=lambda i: abs(math.log10(N_VALUES[i]) - lg))

    def handle(self, event):
        kind = event.get("type")
        if kind == "drag" and event.get("handle") == "n":
            self.i = self.index_at(float(event["x"]))
        elif kind == "key" and event.get("handle") == "n":
            key = event.get("key")
            step = {"ArrowRight": 1, "ArrowUp": 1, "ArrowLeft": -1, "ArrowDown": -1, "PageUp": 3, "PageDown": -3,
                    "Home": -len(N_VALUES), "End": len(N_VALUES)}.get(key, 0)
            self.i = min(max(self.i + step, 0), len(N_VALUES) - 1)
        elif kind == "input":
            try:
                k = int(round(float(event.get("value"))))
            except (TypeError, ValueError):
                return
            if event.get("id") == "n":
                self.i = min(max(k, 0), len(N_VALUES) - 1)
            elif event.get("id") == "m":
                self.j = min(max(k, 0), len(M_VALUES) - 1)

    # The scene --------------------------------------------------------------------------
    def shapes(self):
        y, out = self.axis_y, []
        bottom = self.bars[-1][3] + 14
        for e in range(0, 10):
            x = round(self.x_of(10 ** e), 1)
            out.append({"t": "line", "x1": x, "y1": y - 5, "x2": x, "y2": bottom, "cls": "grid"})
            out.append({"t": "text", "x": x, "y": y + 20, "s": "1" if e == 0 else "10" if e == 1 else
                        "10" + str(e).translate(SUPER), "cls": "small"})
        out.append({"t": "line", "x1": self.x0 - 6, "y1": y, "x2": self.x1, "y2": y, "cls": "axis"})
        out.append({"t": "text", "x": self.x0 - 12, "y": y + 5, "s": "inputs n", "cls": "label", "anchor": "end"})
        for n, label in self.marks:
            x = round(self.x_of(n), 1)
            out.append({"t": "line", "x1": x, "y1": y - 12, "x2": x, "y2": y, "cls": "muted"})
            out.append({"t": "text", "x": x, "y": y - 16, "s": label, "cls": "small muted"})
        counts = self.passes()
        for label, key, cls, by in self.bars:
            p = counts[key]
            x = self.x_of(p)
            out.append({"t": "text", "x": self.x0 - 12, "y": by + 5, "s": label, "cls": "label", "anchor": "end"})
            out.append({"t": "rect", "x": self.x0, "y": by - 11, "w": round(max(x - self.x0, 2), 1), "h": 22,
                        "rx": 3, "cls": cls})
            text = f"{count(p)} pass" + ("" if p == 1 else "es")
            inside = x - self.x0 > 7.2 * len(text) + 16
            out.append({"t": "text", "x": round(x - 8 if inside else x + 8, 1), "y": by + 5, "s": text,
                        "cls": "label" if not inside else "label", "anchor": "end" if inside else "start"})
        out.append({"t": "text", "x": (self.x0 + self.x1) / 2, "y": bottom + 16,
                    "s": "passes over the graph (log scale, same as the n axis)", "cls": "small muted"})
        hx = round(self.x_of(self.n), 1)
        out.append({"t": "line", "x1": hx, "y1": y, "x2": hx, "y2": self.bars[0][3] - 11, "cls": "accent2"})
        out.append({"t": "circle", "cx": hx, "cy": y, "r": 9, "cls": "accent2 handle", "handle": "n",
                    "label": "number of inputs n", "value": f"{count(self.n)} inputs"})
        return out

    def readouts(self):
        c = self.passes()
        sec = self.ms / 1000
        out = [
            {"label": "forward mode", "value": f"n = {count(c['fwd'])} passes"},
            {"label": "reverse mode", "value": f"1 forward + m = {count(self.m)} backward = {count(c['rev'])} passes"},
            {"label": "central differences", "value": f"2n = {count(c['fd'])} passes"},
            {"label": f"at {self.ms:g} ms a pass", "value": f"forward mode {duration(c['fwd'] * sec)}, "
                                                           f"reverse mode {duration(c['rev'] * sec)}"},
        ]
        if c["fwd"] < c["rev"]:
            verdict = f"forward mode wins: {count(c['rev'] - c['fwd'])} fewer passes"
        elif c["fwd"] == c["rev"]:
            verdict = "a tie"
        else:
            ratio = c["fwd"] / c["rev"]
            shown = count(round(ratio)) if ratio >= 100 else f"{ratio:.3g}"
            verdict = f"reverse mode needs {shown}\u00d7 fewer passes"
        out.append({"label": "", "value": verdict})
        return out

    def controls(self):
        return [
            {"kind": "range", "id": "n", "label": "inputs n", "min": 0, "max": len(N_VALUES) - 1, "step": 1,
             "value": self.i, "display": count(self.n)},
            {"kind": "range", "id": "m", "label": "outputs m", "min": 0, "max": len(M_VALUES) - 1, "step": 1,
             "value": self.j, "display": count(self.m)},
        ]

    def __repr__(self):
        return f"<autodiff_pass_count n = {count(self.n)}, m = {count(self.m)}>"
