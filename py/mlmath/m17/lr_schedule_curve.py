"""The learning-rate schedule of a training run: linear warmup, then cosine decay to a floor.

For step it = 0, 1, ..., steps - 1 (nanoGPT's, and the capstone's `mlmath.gpt.train.lr_at`):

    it < warmup:   lr = max_lr * (it + 1) / (warmup + 1)
    otherwise:     r = min(1, (it - warmup) / (steps - warmup))
                   lr = min_lr + (1 + cos(pi * r)) / 2 * (max_lr - min_lr)

Sliders pick warmup, the peak max_lr, the floor min_lr and the run's length; the curve
redraws. Drag the marker along the run (or focus it: arrow keys move one step, PageUp and
PageDown a twentieth of the run, Home and End the ends) to read the rate at that step.

    ```widget lr_schedule_curve
    id = "schedule"
    warmup = 0            # one of WARMUPS
    max_lr = 0.003        # one of PEAKS
    min_lr = 0.0          # one of FLOORS
    steps = 1000          # one of LENGTHS
    step = 0              # where the marker starts
    reference = true      # also draw the capstone's own schedule (lr_at) for this many steps, dashed
    ```

values() for goals: warmup, max_lr, min_lr, steps, step, lr (at the marker), phase
(0 warmup, 1 cosine decay).

A cell can hand the widget its own schedule, `widget("id").use(get_lr)`: the widget calls
get_lr(it, steps, max_lr, min_lr, warmup) at every step of the run, draws it over the
formula's curve, and reports the largest gap between the two.
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets.base import Widget, flag, one_of, whole
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot

WARMUPS = (0, 10, 20, 50, 100, 200, 500)
PEAKS = (0.0001, 0.0003, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.01)
FLOORS = (0.0, 0.00001, 0.00003, 0.0001, 0.0003, 0.001)
LENGTHS = (200, 500, 1000, 2000, 3000, 5000)
BOX = (64, 20, 580, 210)
SAMPLES = 160


def schedule(it, steps, max_lr, min_lr, warmup):
    """The formula the widget draws (the capstone's lr_at with its floor made a parameter)."""
    if it < warmup:
        return max_lr * (it + 1) / (warmup + 1)
    ratio = min(1.0, (it - warmup) / max(1, steps - warmup))
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (max_lr - min_lr)


def fmt_lr(v):
    """A learning rate as people write it: 0.001, 0.00055, and the tiny ones 9.9×10⁻⁶."""
    return num(v, 6) if v == 0 or v >= 1e-4 else sci(v)


@register
class LrScheduleCurve(Widget):
    name = "lr_schedule_curve"
    width, height = 600, 250

    def configure(self, config):
        chosen = {key: one_of(self.name, key, config.pop(key, default), options) for key, options, default in
                  (("warmup", WARMUPS, 0), ("max_lr", PEAKS, 0.003), ("min_lr", FLOORS, 0.0), ("steps", LENGTHS, 1000))}
        step = whole(self.name, "step", config.pop("step", 0), 0, chosen["steps"] - 1)
        self.reference = flag(self.name, "reference", config.pop("reference", False))
        super().configure(config)
        if chosen["min_lr"] > chosen["max_lr"]:
            raise ValueError("lr_schedule_curve: min_lr must not exceed max_lr")
        self.knobs = {"warmup": Choice("warmup", "warmup steps", WARMUPS, chosen["warmup"]),
                      "max_lr": Choice("max_lr", "peak max_lr", PEAKS, chosen["max_lr"], fmt=fmt_lr),
                      "min_lr": Choice("min_lr", "floor min_lr", FLOORS, chosen["min_lr"], fmt=fmt_lr),
                      "steps": Choice("steps", "steps in the run", LENGTHS, chosen["steps"]),
                      "step": Slider("step", "step", 0, chosen["steps"] - 1, 1, step)}
        self._fit_step(self.steps)
        self.fn, self.problem = None, ""

    # State ------------------------------------------------------------------------------
    @property
    def warmup(self):
        return self.knobs["warmup"].value

    @property
    def max_lr(self):
        return self.knobs["max_lr"].value

    @property
    def min_lr(self):
        return min(self.knobs["min_lr"].value, self.max_lr)

    @property
    def steps(self):
        return self.knobs["steps"].value

    @property
    def step(self):
        return self.knobs["step"].value

    def _fit_step(self, old_steps):
        """A new run length: the marker keeps its fraction of the run; PageUp moves a twentieth."""
        marker = self.knobs["step"]
        marker.hi, marker.coarse = self.steps - 1, max(1, self.steps // 20)
        marker.set(round(marker.value * self.steps / old_steps))

    def lr(self, it):
        return schedule(it, self.steps, self.max_lr, self.min_lr, self.warmup)

    def phase(self, it):
        return 0 if it < self.warmup else 1

    def use(self, get_lr=None):
        """Draw the learner's get_lr(it, steps, max_lr, min_lr, warmup) over the formula; use() drops it."""
        if get_lr is not None and not callable(get_lr):
            raise TypeError("use() takes your get_lr function")
        self.fn = get_lr
        return self

    def learner_curve(self):
        """The learner's rate at every step, or None (and a reason in self.problem) if it fails."""
        self.problem = ""
        try:
            out = [float(self.fn(it, self.steps, self.max_lr, self.min_lr, self.warmup)) for it in range(self.steps)]
        except Exception as e:                       # the learner's code: report it, keep the page alive
            self.problem = f"get_lr raised {type(e).__name__}: {e}"
            return None
        if not all(math.isfinite(v) for v in out):
            self.problem = "get_lr returned a value that is not a finite number"
            return None
        return out

    def values(self):
        return {**super().values(), "min_lr": self.min_lr, "lr": self.lr(self.step), "phase": self.phase(self.step)}

    def set_values(self, values):
        if "steps" in values:                        # the run's length first: it bounds the marker
            old = self.steps
            super().set_values({"steps": values["steps"]})
            self._fit_step(old)
        super().set_values(values)

    def handle(self, event):
        old = self.steps
        super().handle(event)
        if self.steps != old:
            self._fit_step(old)

    def drag(self, handle, x, y):
        if handle == "step":
            self.knobs["step"].set(self.plot().x.value(x))

    # Scene ----------------------------------------------------------------------------------
    def plot(self):
        return Plot(x=(0, self.steps - 1), y=(0, 1.1 * max(self.max_lr, 0.001 if self.reference else 0)), box=BOX)

    def curve(self, plot, values_at, cls):
        """The rate at every step sampled, plus both sides of warmup's corner."""
        its = sorted({round(k * (self.steps - 1) / SAMPLES) for k in range(SAMPLES + 1)}
                     | {max(0, self.warmup - 1), min(self.warmup, self.steps - 1)})
        return plot.polyline([(it, values_at(it)) for it in its], cls)

    def shapes(self):
        plot, it = self.plot(), self.step
        out = plot.frame("step it")
        if self.warmup and self.warmup < self.steps:
            out.append(plot.segment(self.warmup, 0, self.warmup, plot.y.hi, "tick"))
            out.append(plot.text(self.warmup, plot.y.hi, "warmup ends", "small muted", "start", dx=3, dy=10))
        if self.reference:
            from mlmath.gpt.train import lr_at
            out.append(self.curve(plot, lambda k: lr_at(k, self.steps), "muted dashed"))
            at = int(self.steps * 0.8)
            out.append(plot.text(self.steps * 0.8, lr_at(at, self.steps), "capstone (lr_at)", "small muted", dy=-8))
        out.append(self.curve(plot, self.lr, "accent"))
        if self.fn is not None:
            mine = self.learner_curve()
            if mine is not None:
                out.append(self.curve(plot, lambda k: mine[k], "accent2"))
        out.append(plot.segment(it, 0, it, self.lr(it), "tick"))
        # the marker last, on top of the curves and its stem, so a press at its centre grabs it;
        # moving the marker changes no other shape, so its index holds while it is dragged or keyed
        out.append(plot.handle("step", it, self.lr(it), "step marker", f"step {it}, learning rate {fmt_lr(self.lr(it))}", r=7))
        return out

    def readouts(self):
        it = self.step
        out = [{"label": "step", "value": f"{it} of 0 \u2026 {self.steps - 1}"},
               {"label": "learning rate", "value": fmt_lr(self.lr(it))},
               {"label": "phase", "value": ("warmup", "cosine decay")[self.phase(it)]}]
        if self.reference:
            from mlmath.gpt.train import lr_at
            out.append({"label": "capstone's lr_at here", "value": fmt_lr(lr_at(it, self.steps))})
        if self.fn is not None:
            mine = self.learner_curve()
            if mine is None:
                out.append({"label": "your get_lr", "value": self.problem})
            else:
                gap = max(abs(a - self.lr(k)) for k, a in enumerate(mine))
                out.append({"label": "your get_lr here", "value": fmt_lr(mine[it])})
                out.append({"label": "largest gap over the run", "value": sci(gap) + (" (the same curve)" if gap < 1e-12 else "")})
        return out

    def controls(self):
        return [self.knobs[key].control() for key in ("warmup", "max_lr", "min_lr", "steps")]
