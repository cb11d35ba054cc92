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

from ..show import fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .l04_curves import RUNS

LABELS = {"healthy": "healthy", "lr_high": "lr too high", "lr_low": "lr too low", "overfit": "small data",
          "no_warmup": "no warmup", "leak": "mask off"}
LEFT, RIGHT, TOP, BOTTOM = 60, 585, 34, 244
Y_HI = 5.0
V = 65  # tiny-shakespeare's characters


def best_step(run):
    vals = run["val"]
    i = min(range(len(vals)), key=lambda k: vals[k] if math.isfinite(vals[k]) else math.inf)
    return run["step"][i]


def pinned(v):
    """A loss as the plot draws it: past the top, or diverged (inf, nan), it runs along the top."""
    return min(max(v, 0.0), Y_HI) if math.isfinite(v) else Y_HI


def loss(v):
    return fixed(v, 3) if math.isfinite(v) else "nan"


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
        self.runs = runs
        steps = RUNS[runs[0]]["step"]
        step = steps[0] if step is None else step
        if step not in steps:
            raise ValueError(f"loss_curve_reader: step must be a recorded step ({steps[0]}, {steps[1]}, ...), not {step!r}")
        # the cursor moves by recorded step: its knob holds an index into run["step"]
        self.knobs = {"cursor": Slider("cursor", "step cursor", 0, len(steps) - 1, 1, steps.index(step), coarse=5),
                      "run": Slider("run", "run", 0, len(runs) - 1, 1, 0)}

    @property
    def pick(self):
        return self.knobs["run"].value

    @property
    def i(self):
        return self.knobs["cursor"].value

    def run(self):
        return RUNS[self.runs[self.pick]]

    def values(self):
        r = self.run()
        tr, va = r["train"][self.i], r["val"][self.i]
        return {"run": self.pick, "step": r["step"][self.i], "train": tr, "val": va, "gap": round(va - tr, 4),
                "best": best_step(r), "min_val": min(v for v in r["val"] if math.isfinite(v)), "first": r["train"][0]}

    def set_values(self, values):
        """run, then step (a recorded step); the rest is computed and must agree."""
        values = dict(values)
        step = values.pop("step", None)
        if "run" in values:
            super().set_values({"run": values.pop("run")})
        if step is not None:
            if step not in self.run()["step"]:
                raise ValueError(f"{self.name}: step must be a recorded step, not {step!r}")
            self.knobs["cursor"].set(self.run()["step"].index(step))
        super().set_values(values)

    # A run's chip: a click or Enter shows that run; arrows step to the next or previous run.
    def handle(self, event):
        chip = str(event.get("handle", ""))
        if chip.startswith("run:") and event.get("type") == "key":
            if event.get("key") in ("Enter", " "):
                self.knobs["run"].set(chip[4:])
            else:
                self.knobs["run"].key(event.get("key"))
        else:
            super().handle(event)

    def drag(self, handle, x, y):
        if handle == "cursor":
            steps = self.run()["step"]
            s = self.plot().x.value(x)
            self.knobs["cursor"].set(min(range(len(steps)), key=lambda k: abs(steps[k] - s)))
        elif handle.startswith("run:"):
            self.knobs["run"].set(handle[4:])

    def __repr__(self):
        v = self.values()
        return f"<loss_curve_reader {self.runs[self.pick]} at step {v['step']}: train {v['train']}, val {v['val']}>"

    def plot(self):
        steps = self.run()["step"]
        return Plot(x=(steps[0], steps[-1]), y=(0, Y_HI), box=(LEFT, TOP, RIGHT, BOTTOM))

    def shapes(self):
        r, v, plot = self.run(), self.values(), self.plot()
        cx = plot.x(v["step"])
        # the handles first, so they keep their index (and keyboard focus) across redraws
        cursor = S.rect(cx - 7, TOP, 14, BOTTOM - TOP, "", rx=4, opacity=0.25)
        out = [S.handle(cursor, "cursor", "step cursor", f"step {v['step']}: train {loss(v['train'])}, val {loss(v['val'])}")]
        for i, lab in enumerate(self.runs):
            on = i == self.pick
            chip = S.rect(60 + i * 132, 292, 124, 26, "node selected" if on else "node", rx=5)
            out.append(S.handle(chip, f"run:{i}", f"run {LABELS[lab.split('/')[0]]}" + (" (shown)" if on else ""),
                                "shown" if on else "not shown"))
        steps = r["step"]
        out += plot.frame("training step", "loss (nats per character)", xticks=[steps[0], steps[len(steps) // 2 - 1],
                                                                                 steps[-1]], yticks=[0, 1, 2, 3, 4, 5])
        if self.floor:
            out.append(plot.segment(steps[0], math.log(V), steps[-1], math.log(V), "bad"))
            out.append(plot.text(steps[-1], math.log(V), f"uniform guess, ln {V}", "small bad", "end", dx=-4, dy=-5))
        for key, cls in (("train", "accent nofill"), ("val", "accent2 nofill")):
            out.append(plot.polyline([(s, pinned(x)) for s, x in zip(steps, r[key])], cls))
        out.append(S.line(cx, TOP, cx, BOTTOM, "muted"))
        out.append(plot.point(v["step"], pinned(v["train"])))
        out.append(plot.point(v["step"], pinned(v["val"]), "accent2"))
        out += [S.line(400, 16, 420, 16, "accent"), S.text(424, 20, "train", "small accent", "start"),
                S.line(480, 16, 500, 16, "accent2"), S.text(504, 20, "validation", "small accent2", "start")]
        for i, lab in enumerate(self.runs):
            out.append(S.text(60 + i * 132 + 62, 309, LABELS[lab.split("/")[0]], "small accent" if i == self.pick else "small"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "step", "value": str(v["step"])},
                {"label": "train loss", "value": loss(v["train"])},
                {"label": "validation loss", "value": loss(v["val"])},
                {"label": "gap (val \u2212 train)", "value": loss(v["gap"])}]
