"""The capstone's training curve in bits per character, against the lines it is measured by.

The recorded quick-demo run of the module 18 trainer: each iteration's training loss
(faint), converted from nats to bits, and its evaluated validation loss (dots). Across
the chart run four references for tiny-shakespeare: a uniform guess over its 65
characters, the entropy of its character frequencies (a unigram model), a bigram count
model's cross-entropy on the validation text, and Shannon's 1951 band for printed English.
Drag the marker along the run (or use the arrow keys) to read any iteration.

    ```widget bpc_floor_chart
    id = "floor"
    step = 300
    goal = { text = "...", check = "step == first_below_unigram", solution = { step = 84 } }
    ```

values(): step, bits (the training loss at that iteration, in bits), first_below_unigram
(the first iteration whose training loss is under the unigram entropy), val_bits (the
last validation loss in bits).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .l04_capstone_curve import BIGRAM_VAL_BITS, EVALS, LOSSES, SHANNON_BAND, UNIFORM_BITS, UNIGRAM_BITS

LN2 = math.log(2)
BITS = [v / LN2 for v in LOSSES]
FIRST_BELOW_UNIGRAM = next(i + 1 for i, b in enumerate(BITS) if b < UNIGRAM_BITS)


@register
class BpcFloorChart(Widget):
    name = "bpc_floor_chart"
    width, height = 600, 320

    def configure(self, config):
        step = whole(self.name, "step", config.pop("step", len(LOSSES)), 1, len(LOSSES))
        super().configure(config)
        self.knobs = {"step": Slider("step", "iteration", 1, len(LOSSES), 1, step, coarse=10)}
        self.plot = Plot((0, len(LOSSES)), (0, 7), (48, 16, 584, 282))

    def values(self):
        s = self.knobs["step"].value
        return {"step": s, "bits": BITS[s - 1], "first_below_unigram": FIRST_BELOW_UNIGRAM,
                "val_bits": EVALS[-1][2] / LN2}

    def drag(self, handle, x, y):
        if handle == "step":
            self.knobs["step"].set(self.plot.x.value(x))

    def shapes(self):
        pl, v = self.plot, self.values()
        n = len(LOSSES)
        out = [pl.handle("step", v["step"], v["bits"], "iteration of the run, on its training curve",
                         f"iteration {v['step']}: {num(v['bits'], 2)} bits"),
               *pl.frame("iteration", "bits per character")]
        out.append(pl.shade(lambda x: SHANNON_BAND[1], 0, n, lambda x: SHANNON_BAND[0], "good", 0.25))
        out.append(pl.text(n, SHANNON_BAND[1], "Shannon 1951: 0.6 to 1.3", "small", "end", dy=-4))
        for level, cls, words, dy in ((UNIFORM_BITS, "muted", "uniform over 65", -4),
                                      (UNIGRAM_BITS, "accent3", "unigram entropy", -4),
                                      (BIGRAM_VAL_BITS, "accent3", "bigram model, validation", 14)):
            out.append(pl.segment(0, level, n, level, cls))
            out.append(pl.text(n, level, f"{words} {num(level, 2)}", "small", "end", dy=dy))
        out.append(pl.polyline([(i + 1, b) for i, b in enumerate(BITS)], "muted"))
        out += [pl.point(s, val / LN2, "accent2", r=5) for s, _, val in EVALS]
        out.append(pl.segment(v["step"], 0, v["step"], v["bits"], "accent2"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "iteration", "value": str(v["step"])},
                {"label": "training loss", "value": f"{num(v['bits'] * LN2, 3)} nats = {num(v['bits'], 3)} bits"},
                {"label": "last validation loss", "value": f"{num(v['val_bits'], 3)} bits"}]

    def controls(self):
        return [self.knobs["step"].control()]
