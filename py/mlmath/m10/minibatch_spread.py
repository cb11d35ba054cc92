"""How far a minibatch gradient strays from the full one, against the batch size B.

At (w, b) = (0, 0) on m10-l02's noisy line, each dot is the w-gradient of one minibatch
of B examples drawn with replacement; the line is the full gradient, and the two curves
are the full gradient ± σ/√B, where σ² is the variance of one example's gradient. B runs
on a log axis, so the funnel narrows by the same amount at every doubling. The slider
picks a B; the readouts measure 2,000 minibatches of that size.

    ```widget minibatch_spread
    id = "spread"
    batch = 1        # one of 1, 2, 4, 8, 16, 32, 64
    ```

values(): batch, mean (of the 2,000 gradients), variance (measured), predicted (σ² / B),
ratio (measured variance at this B over the one at B = 1).
"""

import math
import random

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice
from ..widgets.plot import Plot
from .l02_noisy_line import DATA, example_spread, minibatch_grad

BATCHES = (1, 2, 4, 8, 16, 32, 64)
DOTS, TRIALS = 30, 2000


def draws(batch, count, seed):
    """`count` minibatch w-gradients at (0, 0), batches of `batch` drawn with replacement."""
    rng = random.Random(f"spread/{batch}/{seed}")
    return [minibatch_grad(0.0, 0.0, [DATA[rng.randrange(len(DATA))] for _ in range(batch)])[0]
            for _ in range(count)]


def measured(batch):
    """(mean, variance) of TRIALS minibatch gradients of this size."""
    gs = draws(batch, TRIALS, "measure")
    mean = math.fsum(gs) / len(gs)
    return mean, math.fsum((g - mean) ** 2 for g in gs) / len(gs)


@register
class MinibatchSpread(Widget):
    name = "minibatch_spread"
    width, height = 600, 320

    def configure(self, config):
        batch = one_of(self.name, "batch", config.pop("batch", 1), BATCHES)
        self.full = minibatch_grad(0.0, 0.0, DATA)[0]
        self.sigma2 = example_spread()
        self.plot = Plot((0.7, 90), (-6, 3), box=(52, 14, 584, 276), xlog=True,
                         xfmt=lambda v: num(v, 0))
        self.dots = {b: draws(b, DOTS, "dots") for b in BATCHES}
        self.stats = {}
        self.knobs = {"batch": Choice("batch", "batch size B", BATCHES, batch)}
        super().configure(config)

    def stat(self, batch):
        if batch not in self.stats:
            self.stats[batch] = measured(batch)
        return self.stats[batch]

    def values(self):
        batch = self.knobs["batch"].value
        mean, var = self.stat(batch)
        return {"batch": batch, "mean": mean, "variance": var, "predicted": self.sigma2 / batch,
                "ratio": var / self.stat(1)[1]}

    def shapes(self):
        p, s = self.plot, math.sqrt(self.sigma2)
        chosen = self.knobs["batch"].value
        out = p.frame("batch size B (log scale)", "w-gradient of a minibatch",
                      xticks=[1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0], edges=True)   # labels clear of the dots
        out.append(p.line(0, self.full, "good"))
        out.append(p.curve(lambda B: self.full + s / math.sqrt(B), "accent"))
        out.append(p.curve(lambda B: self.full - s / math.sqrt(B), "accent"))
        for b in BATCHES:
            cls = "accent2" if b == chosen else "muted"
            for i, g in enumerate(self.dots[b]):
                out.append(p.point(b * (1 + 0.03 * ((i % 7) - 3)), g, cls, r=2.5 if b == chosen else 2))
        out += p.legend([("full gradient", "good"), ("full ± σ/√B", "accent")], corner="bottom-right")
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "full gradient", "value": num(self.full, 3)},
                {"label": f"mean of {TRIALS:,} minibatch gradients", "value": num(v["mean"], 3)},
                {"label": "their variance", "value": num(v["variance"], 4)},
                {"label": "σ² / B", "value": num(v["predicted"], 4)},
                {"label": "variance compared with B = 1", "value": num(v["ratio"], 3)}]

    def controls(self):
        return [self.knobs["batch"].control()]
