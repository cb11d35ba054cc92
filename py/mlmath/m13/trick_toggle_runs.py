"""A 12-layer network's recorded training runs, with residuals, warmup and clipping toggled.

The runs are mlmath.m13.l05_tricks.train_run (12 tanh blocks of width 8, Adam at lr 0.1,
minibatches of 8, 200 steps, one mislabelled example in the batch of step 120), recorded for
all eight settings in l05_runs.py. The plot shows the loss on all 64 training points before
each step, on a log axis; the grey bar marks the bad batch, and the shaded strip the warmup.

    ```widget trick_toggle_runs
    id = "runs"
    residual = false
    warmup = false
    clip = false
    goal = { text = "...", check = "peak <= start and final < 0.05", solution = { residual = true, warmup = true, clip = true } }
    ```

values(): residual, warmup, clip, start (the loss before step 0), peak (the highest loss after
it), early (the highest over steps 1 to 50), jump (the highest loss over steps 121 to 140
divided by the loss at step 120's start), final (the loss before the last step).
"""

from ..show import num, power, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag
from ..widgets.controls import Toggle
from ..widgets.plot import Plot
from .l05_runs import RUNS
from .l05_tricks import SPIKE_STEP, STEPS, WARMUP


def summary(run):
    loss = run["loss"]
    return {"start": loss[0], "peak": max(loss[1:]), "early": max(loss[1:WARMUP + 1]),
            "jump": max(loss[SPIKE_STEP + 1:SPIKE_STEP + 21]) / loss[SPIKE_STEP], "final": loss[-1]}


@register
class TrickToggleRuns(Widget):
    name = "trick_toggle_runs"
    width, height = 600, 300

    def configure(self, config):
        self.knobs = {
            "residual": Toggle("residual", "Add residual connections", "Remove residual connections",
                               flag(self.name, "residual", config.pop("residual", False))),
            "warmup": Toggle("warmup", "Add warmup", "Remove warmup", flag(self.name, "warmup", config.pop("warmup", False))),
            "clip": Toggle("clip", "Add clipping", "Remove clipping", flag(self.name, "clip", config.pop("clip", False)))}
        self.plot = Plot((0, STEPS), (1e-3, 10), box=(64, 14, 585, 250), ylog=True, yfmt=power)
        super().configure(config)

    def _run(self):
        return RUNS[(self.knobs["residual"].value, self.knobs["warmup"].value, self.knobs["clip"].value)]

    def values(self):
        v = {k: self.knobs[k].value for k in ("residual", "warmup", "clip")}
        v.update(summary(self._run()))
        return v

    def shapes(self):
        p, loss = self.plot, self._run()["loss"]
        left, top, right, bottom = p.box
        out = []
        if self.knobs["warmup"].value:
            out.append(S.rect(p.x(0), top, p.x(WARMUP) - p.x(0), bottom - top, "accent solid nostroke", opacity=0.08))
            out.append(S.text(p.x(WARMUP / 2), bottom - 8, "warmup", "small"))  # clear of the axis title and of every run's curve
        out += p.frame("step", "training loss", xticks=[0, 50, 100, 150, 200], yticks=[1e-3, 1e-2, 0.1, 1, 10])
        out.append(p.segment(SPIKE_STEP, 1e-3, SPIKE_STEP, 10, "muted"))
        out.append(p.text(SPIKE_STEP, 10, "bad batch", "small", anchor="start", dx=4, dy=14))
        out.append(p.segment(0, loss[0], STEPS, loss[0], "muted"))
        out.append(p.polyline(list(enumerate(loss)), "accent"))
        out.append(p.text(STEPS, loss[0], "start", "small", anchor="end", dy=-4))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "start", "value": num(v["start"], 3)},
                {"label": "highest after step 0", "value": sci(v["peak"], 3)},
                {"label": "the bad batch's jolt", "value": f"×{num(v['jump'], 1)}"},
                {"label": "final", "value": sci(v["final"], 3)}]

    def controls(self):
        return [self.knobs[k].control() for k in ("residual", "warmup", "clip")]
