"""How often a random critical point is a saddle, as the number of inputs grows.

At a critical point the Hessian decides: all eigenvalues positive is a bowl (a minimum),
all negative a cap (a maximum), mixed signs a saddle. Take the Hessian to be a random
symmetric matrix (l03_saddles.random_symmetric) and count, over `trials` draws, how many
are bowls, caps and saddles for each size n. The learner slides n; the bars fill in for
every size up to it.

    ```widget saddle_fraction
    id = "saddles"
    n = 1
    goal = { text = "...", check = "saddle > 0.99", solution = { n = 5 } }
    ```

values(): n, bowl, cap, saddle (the shares at size n), bowls (the count of bowls).
"""

from ..show import commas
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .l03_saddles import shape_counts

TRIALS = 1000
_counts = {}


def counts(n):
    """(bowls, caps, saddles) among TRIALS random n x n Hessians (seeded, so always the same)."""
    if n not in _counts:
        _counts[n] = shape_counts(n, TRIALS, seed=n)
    return _counts[n]


@register
class SaddleFraction(Widget):
    name = "saddle_fraction"
    width, height = 600, 300
    MAX = 10

    def configure(self, config):
        n = whole(self.name, "n", config.pop("n", 1), 1, self.MAX)
        self.knobs = {"n": Slider("n", "number of inputs n", 1, self.MAX, 1, n)}
        self.plot = Plot((0.5, self.MAX + 0.5), (0, 1), (60, 20, 590, 250), yfmt=lambda v: f"{v:.0%}")
        super().configure(config)

    def values(self):
        n = self.knobs["n"].value
        bowls, caps, saddles = counts(n)
        return {"n": n, "bowl": bowls / TRIALS, "cap": caps / TRIALS, "saddle": saddles / TRIALS, "bowls": bowls}

    def shapes(self):
        n, pt = self.knobs["n"].value, self.plot
        out = [*pt.frame("n, the number of inputs", "",
                         xticks=list(range(1, self.MAX + 1)), yticks=[0, 0.25, 0.5, 0.75, 1], edges=True)]
        for k in range(1, n + 1):
            bowls, caps, saddles = counts(k)
            bottom = 0.0
            for share, cls in ((saddles / TRIALS, "accent2"), (bowls / TRIALS, "accent"), (caps / TRIALS, "accent3")):
                if share > 0:
                    x0, y0 = pt.at(k - 0.35, bottom + share)
                    x1, y1 = pt.at(k + 0.35, bottom)
                    out.append(S.rect(x0, y0, x1 - x0, y1 - y0, f"{cls} nostroke", opacity=0.8))
                bottom += share
            out.append(pt.text(k, 1, f"{saddles / TRIALS:.1%}", "small", dy=-4))
        out += pt.legend([("saddles", "accent2"), ("bowls (minima)", "accent"), ("caps (maxima)", "accent3")],
                         corner="bottom-right")
        return out

    def readouts(self):
        v = self.values()
        return [{"label": f"n = {v['n']}: saddles", "value": f"{commas(round(v['saddle'] * TRIALS))} of {commas(TRIALS)}"},
                {"label": "bowls", "value": f"{commas(v['bowls'])} of {commas(TRIALS)}"},
                {"label": "caps", "value": f"{commas(round(v['cap'] * TRIALS))} of {commas(TRIALS)}"}]

    def controls(self):
        return [self.knobs["n"].control()]
