"""Label smoothing: the loss of a model as it grows more sure of the right class.

A K-class target puts 1 - eps + eps/K on the right class and eps/K on each of the others
(eps = 0 is the plain one-hot label). The model gives the right class probability c and
shares 1 - c equally among the rest. The curve is the cross-entropy (in nats) against c;
drag the point along it, or slide eps. With eps = 0 the curve falls all the way to c = 1,
so training pushes for certainty forever; with eps > 0 it has a bottom at c = 1 - eps + eps/K.
The readout "logit gap" is how far the right class's logit must sit above the others for
softmax to give c: it grows without bound as c goes to 1.

    ```widget label_smoothing_curve
    id = "smooth"
    classes = 4
    eps = 0
    c = 0.6
    goal = { text = "...", check = "abs(eps - 0.1) < 1e-9 and abs(c - best) < 0.002", solution = { eps = 0.1, c = 0.925 } }
    ```

values(): eps, c, target (the right class's target probability), loss (nats), best (the
c with the lowest loss, 0.999 at most on the slider), best_loss, gap (the logit gap).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot

C_MAX = 0.999


@register
class LabelSmoothingCurve(Widget):
    name = "label_smoothing_curve"
    width, height = 600, 300

    def configure(self, config):
        self.K = whole(self.name, "classes", config.pop("classes", 4), 2, 10)
        eps = number(self.name, "eps", config.pop("eps", 0), 0, 0.5)
        c = number(self.name, "c", config.pop("c", 0.6), 0.01, C_MAX)
        super().configure(config)
        self.knobs = {"eps": Slider("eps", "smoothing ε", 0, 0.5, 0.01, eps),
                      "c": Slider("c", "model's probability on the right class", 0.01, C_MAX, 0.001, c,
                                  fmt=lambda v: num(v, 3), coarse=0.05)}
        self.plot = Plot((0, 1), (0, 2), (52, 16, 584, 262))

    def target(self):
        return 1 - self.knobs["eps"].value + self.knobs["eps"].value / self.K

    def loss(self, c, t=None):
        """Cross-entropy in nats of the smoothed target against the model's (c, rest shared)."""
        t = self.target() if t is None else t
        rest = (1 - c) / (self.K - 1)
        return -(t * math.log(c) + ((1 - t) * math.log(rest) if t < 1 else 0.0))

    def values(self):
        c, t = self.knobs["c"].value, self.target()
        best = min(t, C_MAX)
        return {"eps": self.knobs["eps"].value, "c": c, "target": t, "loss": self.loss(c),
                "best": best, "best_loss": self.loss(best), "gap": math.log(c * (self.K - 1) / (1 - c))}

    def drag(self, handle, x, y):
        if handle == "c":
            self.knobs["c"].set(self.plot.x.value(x))

    def shapes(self):
        pl, v = self.plot, self.values()
        return [
            pl.handle("c", v["c"], v["loss"], "model's probability on the right class, on the loss curve",
                      f"c = {num(v['c'], 3)}, loss = {num(v['loss'], 3)}"),
            *pl.frame("c, the model's probability on the right class", "loss (nats)"),
            pl.curve(lambda c: self.loss(c, 1.0), "muted", lo=0.01, hi=C_MAX),
            pl.curve(self.loss, "accent", lo=0.01, hi=C_MAX),
            pl.segment(v["best"], 0, v["best"], v["best_loss"], "accent2"),
            pl.text(v["best"], 0, "lowest" if v["target"] < C_MAX else "still falling at the edge",
                    "small accent2", dy=-6, anchor="end", dx=-4),
            *pl.legend([(f"target with ε = {num(v['eps'], 2)}", "accent"), ("one-hot target (ε = 0)", "muted")],
                       "top-right"),
        ]

    def readouts(self):
        v = self.values()
        return [{"label": "target on the right class", "value": num(v["target"], 3)},
                {"label": "loss at c", "value": num(v["loss"], 3)},
                {"label": "lowest loss at c", "value": num(v["best"], 3) if v["target"] < C_MAX else "none: it keeps falling toward 1"},
                {"label": "logit gap needed", "value": num(v["gap"], 2)}]

    def controls(self):
        return [self.knobs["eps"].control(), self.knobs["c"].control()]
