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

from ..widgets import register
from ..widgets.base import Widget, arrow_step, flag, one_of, whole

WARMUPS = (0, 10, 20, 50, 100, 200, 500)
PEAKS = (0.0001, 0.0003, 0.0005, 0.001, 0.002, 0.003, 0.005, 0.01)
FLOORS = (0.0, 0.00001, 0.00003, 0.0001, 0.0003, 0.001)
LENGTHS = (200, 500, 1000, 2000, 3000, 5000)
CHOICES = {"warmup": WARMUPS, "max_lr": PEAKS, "min_lr": FLOORS, "steps": LENGTHS}
DEFAULTS = {"warmup": 0, "max_lr": 0.003, "min_lr": 0.0, "steps": 1000}
LEFT, RIGHT, TOP, BASE = 64, 580, 20, 210
SAMPLES = 160


def schedule(it, steps, max_lr, min_lr, warmup):
    """The formula the widget draws (the capstone's lr_at with its floor made a parameter)."""
    if it < warmup:
        return max_lr * (it + 1) / (warmup + 1)
    ratio = min(1.0, (it - warmup) / max(1, steps - warmup))
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (max_lr - min_lr)


def fmt_lr(v):
    """A learning rate as people write it: 0.001, 0.00055, 3e-05."""
    if v == 0:
        return "0"
    if v >= 1e-4:
        return f"{v:.6f}".rstrip("0").rstrip(".") if v >= 1e-3 else f"{v:.7f}".rstrip("0")
    return f"{v:.3g}"


@register
class LrScheduleCurve(Widget):
    name = "lr_schedule_curve"
    width, height = 600, 250

    def configure(self, config):
        self.i = {key: choices.index(one_of(self.name, key, config.pop(key, DEFAULTS[key]), choices))
                  for key, choices in CHOICES.items()}
        step = config.pop("step", 0)
        reference = config.pop("reference", False)
        super().configure(config)
        self.reference = flag(self.name, "reference", reference)
        self.step = whole(self.name, "step", step, 0, self.steps - 1)
        if FLOORS[self.i["min_lr"]] > self.max_lr:
            raise ValueError("lr_schedule_curve: min_lr must not exceed max_lr")
        self.fn, self.problem = None, ""

    # State ------------------------------------------------------------------------------
    @property
    def warmup(self):
        return WARMUPS[self.i["warmup"]]

    @property
    def max_lr(self):
        return PEAKS[self.i["max_lr"]]

    @property
    def min_lr(self):
        return min(FLOORS[self.i["min_lr"]], self.max_lr)

    @property
    def steps(self):
        return LENGTHS[self.i["steps"]]

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
        return {"warmup": self.warmup, "max_lr": self.max_lr, "min_lr": self.min_lr, "steps": self.steps,
                "step": self.step, "lr": self.lr(self.step), "phase": self.phase(self.step)}

    def set_values(self, values):
        for key, choices in CHOICES.items():
            if key in values:
                self.i[key] = min(range(len(choices)), key=lambda k: abs(choices[k] - values[key]))
        if "step" in values:
            self.step = int(values["step"])
        self.step = min(max(self.step, 0), self.steps - 1)

    # Events -------------------------------------------------------------------------------
    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            cid = event.get("id")
            choices = CHOICES.get(cid)
            if choices is None:
                return
            try:
                k = int(float(event.get("value")))
            except (TypeError, ValueError):
                return
            old_steps = self.steps
            self.i[cid] = min(max(k, 0), len(choices) - 1)
            if cid == "steps":                       # keep the marker at the same fraction of the run
                self.step = round(self.step * self.steps / old_steps)
            self.step = min(self.step, self.steps - 1)
            return
        if event.get("handle") != "marker":
            return
        if kind == "drag":
            try:
                x = float(event["x"])
            except (KeyError, TypeError, ValueError):
                return
            self.step = round((x - LEFT) / (RIGHT - LEFT) * (self.steps - 1))
        elif kind == "key":
            key = event.get("key")
            if key == "Home":
                self.step = 0
            elif key == "End":
                self.step = self.steps - 1
            else:
                self.step += int(arrow_step(key, 1, max(1, self.steps // 20)))
        self.step = min(max(self.step, 0), self.steps - 1)

    # Scene ----------------------------------------------------------------------------------
    def top_lr(self):
        return 1.1 * max(self.max_lr, 0.001 if self.reference else 0)

    def xy(self, it, v):
        x = LEFT + it / max(1, self.steps - 1) * (RIGHT - LEFT)
        y = BASE - v / self.top_lr() * (BASE - TOP)
        return x, y

    def path(self, values_at):
        its = sorted({round(k * (self.steps - 1) / SAMPLES) for k in range(SAMPLES + 1)}
                     | {max(0, self.warmup - 1), min(self.warmup, self.steps - 1)})
        pts = [self.xy(it, values_at(it)) for it in its]
        return "M" + " L".join(f"{x:.1f},{y:.1f}" for x, y in pts)

    def shapes(self):
        mx, my = self.xy(self.step, self.lr(self.step))
        out = [{"t": "circle", "cx": mx, "cy": my, "r": 7, "cls": "accent", "handle": "marker",
                "label": "step marker", "value": f"step {self.step}, learning rate {fmt_lr(self.lr(self.step))}"}]
        out.append({"t": "line", "x1": LEFT, "y1": BASE, "x2": RIGHT, "y2": BASE, "cls": "axis"})
        out.append({"t": "line", "x1": LEFT, "y1": BASE, "x2": LEFT, "y2": TOP, "cls": "axis"})
        top = self.top_lr()
        for frac in (0, 0.25, 0.5, 0.75, 1.0):
            v = frac * top / 1.1
            y = BASE - v / top * (BASE - TOP)
            out.append({"t": "line", "x1": LEFT, "y1": y, "x2": RIGHT, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": LEFT - 5, "y": y + 4, "s": fmt_lr(v), "anchor": "end", "cls": "small muted"})
        for frac in (0, 0.25, 0.5, 0.75, 1.0):
            it = round(frac * (self.steps - 1))
            x = LEFT + frac * (RIGHT - LEFT)
            out.append({"t": "text", "x": x, "y": BASE + 15, "s": str(it), "anchor": "middle", "cls": "small muted"})
        out.append({"t": "text", "x": (LEFT + RIGHT) / 2, "y": BASE + 29, "s": "step it", "anchor": "middle",
                    "cls": "small muted"})
        if self.warmup and self.warmup < self.steps:
            wx, _ = self.xy(self.warmup, 0)
            out.append({"t": "line", "x1": wx, "y1": BASE, "x2": wx, "y2": TOP, "cls": "tick"})
            out.append({"t": "text", "x": wx + 3, "y": TOP + 10, "s": "warmup ends", "anchor": "start", "cls": "small muted"})
        if self.reference:
            from mlmath.gpt.train import lr_at
            out.append({"t": "path", "d": self.path(lambda it: lr_at(it, self.steps)), "cls": "muted"})
            rx, ry = self.xy(self.steps * 0.8, lr_at(int(self.steps * 0.8), self.steps))
            out.append({"t": "text", "x": rx, "y": ry - 8, "s": "capstone (lr_at)", "anchor": "middle",
                        "cls": "small muted"})
        out.append({"t": "path", "d": self.path(self.lr), "cls": "accent"})
        if self.fn is not None:
            mine = self.learner_curve()
            if mine is not None:
                out.append({"t": "path", "d": self.path(lambda it: mine[it]), "cls": "accent2"})
        out.append({"t": "line", "x1": mx, "y1": BASE, "x2": mx, "y2": my, "cls": "tick"})
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
                out.append({"label": "largest gap over the run", "value": f"{gap:.1e}" + (" (the same curve)" if gap < 1e-12 else "")})
        return out

    def controls(self):
        return [
            {"kind": "range", "id": "warmup", "label": "warmup steps", "min": 0, "max": len(WARMUPS) - 1, "step": 1,
             "value": self.i["warmup"], "display": str(self.warmup)},
            {"kind": "range", "id": "max_lr", "label": "peak max_lr", "min": 0, "max": len(PEAKS) - 1, "step": 1,
             "value": self.i["max_lr"], "display": fmt_lr(self.max_lr)},
            {"kind": "range", "id": "min_lr", "label": "floor min_lr", "min": 0, "max": len(FLOORS) - 1, "step": 1,
             "value": self.i["min_lr"], "display": fmt_lr(self.min_lr)},
            {"kind": "range", "id": "steps", "label": "steps in the run", "min": 0, "max": len(LENGTHS) - 1, "step": 1,
             "value": self.i["steps"], "display": str(self.steps)},
        ]
