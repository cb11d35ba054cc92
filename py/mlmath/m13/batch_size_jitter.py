"""One example's BatchNorm output depends on which batch it lands in; less so as batches grow.

One feature's values come from a population with mean 3 and standard deviation 2. The example
x = 5 sits one standard deviation above the mean, so with the population's statistics it
normalises to exactly 1. BatchNorm uses the batch's statistics instead: the widget puts the
example into 20 seeded batches of the chosen size (mlmath.m13.l04_norm.batch_outputs) and
plots its normalised value in each. At size 1 the batch is the example alone, its mean is the
example itself, and the output is 0 every time.

    ```widget batch_size_jitter
    id = "jitter"
    size = 4            # 1, 2, 4, ..., 256
    goal = { text = "...", check = "size == smallest", solution = { size = 64 } }
    ```

values(): size, mean (of the 20 outputs), jitter (their standard deviation), smallest (the
smallest size on the slider whose outputs average within 0.1 of 1, the population answer, and
jitter by less than 0.1; size 1 has no jitter at all, but its outputs are all 0).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice
from ..widgets.plot import Plot
from .l04_norm import EXAMPLE, POP_MEAN, POP_STD, batch_outputs, mean_std

SIZES = [1, 2, 4, 8, 16, 32, 64, 128, 256]
JITTER = {b: mean_std(batch_outputs(b))[1] for b in SIZES}
MEAN = {b: mean_std(batch_outputs(b))[0] for b in SIZES}
SMALLEST = min(b for b in SIZES if JITTER[b] < 0.1 and abs(MEAN[b] - 1) < 0.1)
TRUE = (EXAMPLE - POP_MEAN) / POP_STD


@register
class BatchSizeJitter(Widget):
    name = "batch_size_jitter"
    width, height = 600, 260

    def configure(self, config):
        size = one_of(self.name, "size", config.pop("size", 4), SIZES)
        self.knobs = {"size": Choice("size", "batch size", SIZES, size)}
        self.plot = Plot((0.5, 20.5), (-0.5, 2.5), box=(60, 14, 585, 210))
        super().configure(config)

    def values(self):
        b = self.knobs["size"].value
        mean, jitter = mean_std(batch_outputs(b))
        return {"size": b, "mean": mean, "jitter": jitter, "smallest": SMALLEST}

    def shapes(self):
        p, b = self.plot, self.knobs["size"].value
        outs = batch_outputs(b)
        out = p.frame("batch", "example's output", xticks=[1, 5, 10, 15, 20], yticks=[0, 1, 2], edges=True)
        out.append(p.segment(0.5, TRUE, 20.5, TRUE, "muted"))
        out += [p.point(k + 1, o, "accent", r=5) for k, o in enumerate(outs)]
        right = p.box[2]   # right-aligned, clear of the axis title at the top left
        out.append(S.text(right, 30, "grey line: the output with the population's statistics, 1", "small", "end"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "batch size", "value": str(v["size"])},
                {"label": "mean output over 20 batches", "value": num(v["mean"], 3)},
                {"label": "jitter (standard deviation)", "value": num(v["jitter"], 3)}]

    def controls(self):
        return [self.knobs["size"].control()]
