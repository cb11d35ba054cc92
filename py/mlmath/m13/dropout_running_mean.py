"""Dropout masks, one after another, and the running mean of what comes out.

Eight units carry fixed inputs x. Mask k drops each unit with probability p (unit i of mask
k is dropped when the k-th draw for it, from one seeded stream, is below p). A kept unit
passes x_i, or x_i / (1 - p) with inverted scaling on. The picture shows the inputs
(outlined), the output of the latest mask (faint) and the mean output over the first n
masks (solid); the readouts compare the mean total with the input total. Without scaling
the mean settles at (1 - p) times the input; with it, at the input itself.

    ```widget dropout_running_mean
    id = "dropout"
    p = 0.5            # 0 to 0.9
    masks = 1          # how many masks so far, 1 to 1000
    scaled = false
    goal = { text = "...", check = "scaled and p >= 0.3 and masks >= 500 and abs(ratio - 1) < 0.05", ... }
    ```

values(): p, masks, scaled, kept (units kept by the latest mask), ratio (mean output total
over input total), expected (what ratio settles at: 1 scaled, 1 - p not).
"""

import random

from ..show import fixed, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number, whole
from ..widgets.controls import Slider, Toggle
from ..widgets.plot import Plot

X = [0.9, 0.4, 1.6, 0.7, 1.2, 0.3, 1.0, 0.5]
MAX_MASKS = 1000
_rng = random.Random(1302)
DRAWS = [[_rng.random() for _ in X] for _ in range(MAX_MASKS)]


def outputs(p, masks, scaled):
    """(the latest mask's output, the mean output over the first `masks` masks), unit by unit."""
    scale = 1 / (1 - p) if scaled else 1.0
    totals = [0.0] * len(X)
    last = None
    for k in range(masks):
        last = [x * scale if u >= p else 0.0 for x, u in zip(X, DRAWS[k])]
        totals = [t + o for t, o in zip(totals, last)]
    return last, [t / masks for t in totals]


@register
class DropoutRunningMean(Widget):
    name = "dropout_running_mean"
    width, height = 600, 300

    def configure(self, config):
        p = number(self.name, "p", config.pop("p", 0.5), 0, 0.9)
        masks = whole(self.name, "masks", config.pop("masks", 1), 1, MAX_MASKS)
        scaled = flag(self.name, "scaled", config.pop("scaled", False))
        self.knobs = {"p": Slider("p", "drop probability p", 0, 0.9, 0.05, p),
                      "masks": Slider("masks", "masks drawn", 1, MAX_MASKS, 1, masks, coarse=100),
                      "scaled": Toggle("scaled", "Scale kept units by 1/(1 − p)", "Stop scaling", scaled)}
        self.plot = Plot((-0.5, len(X) - 0.5), (0, 4), box=(60, 20, 585, 250))
        super().configure(config)

    def values(self):
        p, masks, scaled = self.knobs["p"].value, self.knobs["masks"].value, self.knobs["scaled"].value
        last, mean = outputs(p, masks, scaled)
        return {"p": p, "masks": masks, "scaled": scaled, "kept": sum(o != 0 for o in last),
                "ratio": sum(mean) / sum(X), "expected": 1.0 if scaled else 1 - p}

    def shapes(self):
        p, v = self.plot, self.values()
        last, mean = outputs(v["p"], v["masks"], v["scaled"])
        out = p.frame("unit", "value", xticks=list(range(len(X))), yticks=[0, 1, 2, 3, 4], grid=False, edges=True)
        for i, (x, o, m) in enumerate(zip(X, last, mean)):
            x0, x1 = p.x(i - 0.36), p.x(i + 0.36)
            out.append(S.rect(x0, p.y(min(o, 4)), x1 - x0, p.y(0) - p.y(min(o, 4)), "accent2 nostroke", opacity=0.3))
            out.append(S.rect(x0 + 8, p.y(min(m, 4)), x1 - x0 - 16, p.y(0) - p.y(min(m, 4)), "accent nostroke"))
            out.append(S.rect(x0, p.y(x), x1 - x0, p.y(0) - p.y(x), "muted nofill"))
            if o == 0:
                out.append(S.text((x0 + x1) / 2, p.y(0) - 6, "×", "small accent2"))
        masks = v["masks"]   # swatches drawn as the bars are: outline, pale fill, solid fill
        out += p.legend([("input x", "muted nofill"), ("latest mask, × dropped", "accent2 nostroke", 0.3),
                         (f"mean over {masks} mask{'s' if masks != 1 else ''}", "accent nostroke")],
                        corner="top-right", boxes=True)
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "units kept by the latest mask", "value": f"{v['kept']} of {len(X)}"},
                {"label": "mean output total ÷ input total", "value": fixed(v["ratio"], 3)},
                {"label": "it settles at", "value": num(v["expected"], 2)}]

    def controls(self):
        return [self.knobs["p"].control(), self.knobs["masks"].control(), self.knobs["scaled"].control()]
