"""Read a recorded loss curve: training and validation loss of a real capstone run, with a cursor.

The curves are real runs of the capstone engine at the reduced size (2 layers, 32 dims, block
32, batch 8), recorded in mlmath/m17/l04_curves.py. Chips pick the run among `runs`; the cursor
(drag it, or arrow keys on it: one record left or right, PageUp/PageDown five) reads train, val
and their gap at one step. `floor = true` draws ln V, the loss of a model that guesses uniformly.

    ```widget loss_curve_reader
    id = "reader"
    runs = ["healthy/a", "overfit/a"]   # keys of RUNS
    step = 10                           # where the cursor starts (a recorded step)
    floor = true
    ```

values(): run (index into runs), step, train, val, gap (val - train), best (the step of the
lowest recorded val in this run), min_val, first (the first recorded training loss).
"""

import math

from ..widgets import register
from ..widgets.base import Widget, arrow_step, flag
from .l04_curves import RUNS

LABELS = {"healthy": "healthy", "lr_high": "lr too high", "lr_low": "lr too low", "overfit": "small data",
          "no_warmup": "no warmup", "leak": "mask off"}
LEFT, RIGHT, TOP, BOTTOM = 60, 585, 34, 244
Y_LO, Y_HI = 0.0, 5.0
V = 65  # tiny-shakespeare's characters


def best_step(run):
    vals = run["val"]
    i = min(range(len(vals)), key=lambda k: vals[k] if math.isfinite(vals[k]) else math.inf)
    return run["step"][i]


@register
class LossCurveReader(Widget):
    name = "loss_curve_reader"
    width, height = 600, 330

    def configure(self, config):
        runs = config.pop("runs", ["healthy/a"])
        if not isinstance(runs, list) or not runs or any(r not in RUNS for r in runs) or len(runs) > 4:
            raise ValueError(f"loss_curve_reader: runs must be 1 to 4 of {sorted(RUNS)}, not {runs!r}")
        step = config.pop("step", None)
        self.floor = flag(self.name, "floor", config.pop("floor", False))
        super().configure(config)
        self.runs, self.pick = runs, 0
        steps = self.run()["step"]
        if step is None:
            step = steps[0]
        if step not in steps:
            raise ValueError(f"loss_curve_reader: step must be a recorded step ({steps[0]}, {steps[1]}, ...), not {step!r}")
        self.i = steps.index(step)

    def run(self):
        return RUNS[self.runs[self.pick]]

    def values(self):
        r = self.run()
        tr, va = r["train"][self.i], r["val"][self.i]
        return {"run": self.pick, "step": r["step"][self.i], "train": tr, "val": va, "gap": round(va - tr, 4),
                "best": best_step(r), "min_val": min(v for v in r["val"] if math.isfinite(v)), "first": r["train"][0]}

    def set_values(self, values):
        for key, value in dict(values).items():
            if key == "run" and value in range(len(self.runs)):
                self.pick = value
            elif key == "step" and value in self.run()["step"]:
                self.i = self.run()["step"].index(value)
            else:
                raise KeyError(f"loss_curve_reader sets run (0..{len(self.runs) - 1}) and step (a recorded step); not {key}={value!r}")

    def handle(self, event):
        kind, handle, key = event.get("type"), str(event.get("handle", "")), event.get("key")
        steps = self.run()["step"]
        if handle == "cursor":
            if kind == "drag":
                x = float(event.get("x", LEFT))
                s = steps[0] + (x - LEFT) / (RIGHT - LEFT) * (steps[-1] - steps[0])
                self.i = min(range(len(steps)), key=lambda k: abs(steps[k] - s))
            elif kind == "key":
                d = int(arrow_step(key, 1, 5))
                self.i = min(max(self.i + d, 0), len(steps) - 1)
                if key == "Home":
                    self.i = 0
                elif key == "End":
                    self.i = len(steps) - 1
        elif handle.startswith("run:") and handle[4:].isdigit() and int(handle[4:]) < len(self.runs):
            if kind == "drag" or (kind == "key" and key in ("Enter", " ")):
                self.pick = int(handle[4:])
            elif kind == "key" and key in ("ArrowRight", "ArrowLeft"):
                self.pick = min(max(self.pick + (1 if key == "ArrowRight" else -1), 0), len(self.runs) - 1)

    def __repr__(self):
        v = self.values()
        return f"<loss_curve_reader {self.runs[self.pick]} at step {v['step']}: train {v['train']}, val {v['val']}>"

    def _x(self, step):
        steps = self.run()["step"]
        return round(LEFT + (step - steps[0]) / (steps[-1] - steps[0]) * (RIGHT - LEFT), 1)

    def _y(self, v):
        v = min(max(v, Y_LO), Y_HI) if math.isfinite(v) else Y_HI
        return round(TOP + (Y_HI - v) / (Y_HI - Y_LO) * (BOTTOM - TOP), 1)

    def _path(self, xs, ys):
        return "M" + " L".join(f"{self._x(s)} {self._y(v)}" for s, v in zip(xs, ys))

    def shapes(self):
        r, v = self.run(), self.values()
        cx = self._x(v["step"])
        # the handle first, so it keeps its index (and keyboard focus) across redraws
        out = [{"t": "rect", "x": cx - 7, "y": TOP, "w": 14, "h": BOTTOM - TOP, "rx": 4, "cls": "handle",
                "opacity": 0.25, "handle": "cursor", "label": "step cursor",
                "value": f"step {v['step']}: train {v['train']:.3f}, val {v['val']:.3f}"}]
        for i, lab in enumerate(self.runs):
            on = i == self.pick
            x = 60 + i * 132
            out.append({"t": "rect", "x": x, "y": 292, "w": 124, "h": 26, "rx": 5, "cls": "node selected" if on else "node",
                        "handle": f"run:{i}", "label": f"run {LABELS[lab.split('/')[0]]}" + (" (shown)" if on else ""),
                        "value": "shown" if on else "not shown"})
        for k in range(int(Y_LO), int(Y_HI) + 1):
            y = self._y(k)
            out.append({"t": "line", "x1": LEFT, "y1": y, "x2": RIGHT, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": LEFT - 6, "y": y + 4, "s": str(k), "anchor": "end", "cls": "small muted"})
        out.append({"t": "line", "x1": LEFT, "y1": BOTTOM, "x2": RIGHT, "y2": BOTTOM, "cls": "axis"})
        out.append({"t": "line", "x1": LEFT, "y1": TOP, "x2": LEFT, "y2": BOTTOM, "cls": "axis"})
        for s in (r["step"][0], r["step"][len(r["step"]) // 2 - 1], r["step"][-1]):
            out.append({"t": "text", "x": self._x(s), "y": BOTTOM + 16, "s": str(s), "cls": "small muted"})
        out.append({"t": "text", "x": (LEFT + RIGHT) / 2, "y": BOTTOM + 32, "s": "training step", "cls": "small"})
        out.append({"t": "text", "x": LEFT + 4, "y": TOP - 12, "s": "loss (nats per character)", "anchor": "start", "cls": "small"})
        if self.floor:
            y = self._y(math.log(V))
            out.append({"t": "line", "x1": LEFT, "y1": y, "x2": RIGHT, "y2": y, "cls": "bad"})
            out.append({"t": "text", "x": RIGHT - 4, "y": y - 5, "s": f"uniform guess, ln {V}", "anchor": "end", "cls": "small bad"})
        out.append({"t": "path", "d": self._path(r["step"], r["train"]), "cls": "accent nofill"})
        out.append({"t": "path", "d": self._path(r["step"], r["val"]), "cls": "accent2 nofill"})
        out.append({"t": "line", "x1": cx, "y1": TOP, "x2": cx, "y2": BOTTOM, "cls": "muted"})
        out.append({"t": "circle", "cx": cx, "cy": self._y(v["train"]), "r": 4, "cls": "accent"})
        out.append({"t": "circle", "cx": cx, "cy": self._y(v["val"]), "r": 4, "cls": "accent2"})
        out.append({"t": "line", "x1": 400, "y1": 16, "x2": 420, "y2": 16, "cls": "accent"})
        out.append({"t": "text", "x": 424, "y": 20, "s": "train", "anchor": "start", "cls": "small accent"})
        out.append({"t": "line", "x1": 480, "y1": 16, "x2": 500, "y2": 16, "cls": "accent2"})
        out.append({"t": "text", "x": 504, "y": 20, "s": "validation", "anchor": "start", "cls": "small accent2"})
        for i, lab in enumerate(self.runs):
            on = i == self.pick
            out.append({"t": "text", "x": 60 + i * 132 + 62, "y": 309, "s": LABELS[lab.split("/")[0]],
                        "cls": "small accent" if on else "small"})
        return out

    def readouts(self):
        v = self.values()
        f = lambda x: f"{x:.3f}" if math.isfinite(x) else "nan"
        return [{"label": "step", "value": str(v["step"])},
                {"label": "train loss", "value": f(v["train"])},
                {"label": "validation loss", "value": f(v["val"])},
                {"label": "gap (val − train)", "value": f(v["gap"])}]
