"""Adam's cold start: the first steps with and without bias correction, for a gradient that
never changes (any g > 0; ε aside, the step sizes do not depend on it).

m and v start at 0, so after t steps of a steady g they hold m_t = (1 − β₁ᵗ)·g and
v_t = (1 − β₂ᵗ)·g². The uncorrected step m_t/√v_t is then η·(1 − β₁ᵗ)/√(1 − β₂ᵗ): the m part
starts too small, the v part (one over its root) too large, and with β₂ close to 1 the
second wins for many steps. Dividing by (1 − β₁ᵗ) and (1 − β₂ᵗ) makes every step exactly η.

    ```widget adam_cold_start
    id = "cold"
    beta1 = 0.9       # one of BETA1S
    beta2 = 0.99      # one of BETA2S
    t = 1             # the marker, 1..100 (drag it, or arrow keys)
    ```

values(): beta1, beta2, t, uncorrected (step ÷ η at the marker, no correction), m_part (1 − β₁ᵗ),
v_part (1/√(1 − β₂ᵗ)), peak (the t ≤ 100 with the largest uncorrected step), peak_size.
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, one_of, whole
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot

BETA1S = (0.0, 0.5, 0.8, 0.9, 0.95, 0.99)
BETA2S = (0.9, 0.99, 0.999, 0.9999)
T = 100


def uncorrected(beta1, beta2, t):
    """Step ÷ η at step t of Adam without bias correction, under a steady gradient."""
    return (1 - beta1 ** t) / math.sqrt(1 - beta2 ** t)


def peak(beta1, beta2, steps=T):
    sizes = [uncorrected(beta1, beta2, t) for t in range(1, steps + 1)]
    best = max(sizes)
    return sizes.index(best) + 1, best


@register
class AdamColdStart(Widget):
    name = "adam_cold_start"
    width, height = 600, 330

    def configure(self, config):
        b1 = one_of(self.name, "beta1", config.pop("beta1", 0.9), BETA1S)
        b2 = one_of(self.name, "beta2", config.pop("beta2", 0.99), BETA2S)
        t = whole(self.name, "t", config.pop("t", 1), 1, T)
        self.plot = Plot((0, T), (0.01, 200), box=(52, 14, 584, 282), ylog=True)   # from 0: the marker at t = 1 clears the y labels
        self.knobs = {"beta1": Choice("beta1", "β₁ (momentum)", BETA1S, b1, fmt=lambda b: num(b, 2)),
                      "beta2": Choice("beta2", "β₂ (squared gradients)", BETA2S, b2, fmt=lambda b: num(b, 4)),
                      "t": Slider("t", "step t", 1, T, 1, t, coarse=10)}
        super().configure(config)

    def values(self):
        b1, b2, t = (self.knobs[k].value for k in ("beta1", "beta2", "t"))
        at, size = peak(b1, b2)
        return {"beta1": b1, "beta2": b2, "t": t, "uncorrected": uncorrected(b1, b2, t),
                "m_part": 1 - b1 ** t, "v_part": 1 / math.sqrt(1 - b2 ** t), "peak": at, "peak_size": size}

    def drag(self, handle, x, y):
        if handle == "t":
            self.knobs["t"].set(self.plot.x.value(x))

    def shapes(self):
        p, v = self.plot, self.values()
        b1, b2 = v["beta1"], v["beta2"]
        ts = list(range(1, T + 1))
        out = [p.handle("t", v["t"], v["uncorrected"], "step marker on the uncorrected curve",
                        f"t = {v['t']}: {num(v['uncorrected'], 3)} η"),
               *p.frame("step t", "step ÷ η, steady gradient (log scale)")]
        out.append(p.polyline([(t, 1 - b1 ** t) for t in ts], "muted"))
        out.append(p.polyline([(t, 1 / math.sqrt(1 - b2 ** t)) for t in ts], "accent2"))
        out.append(p.polyline([(t, uncorrected(b1, b2, t)) for t in ts], "accent"))
        out.append(p.polyline([(1, 1.0), (T, 1.0)], "good"))
        out.append(p.segment(v["t"], 0.01, v["t"], 200, "grid"))
        out += p.legend([("no correction", "accent"), ("1/√(1 − β₂ᵗ)", "accent2"),
                         ("1 − β₁ᵗ", "muted"), ("corrected", "good")], corner="top-right")
        return out

    def readouts(self):
        v = self.values()
        return [{"label": f"step {v['t']} without correction", "value": f"{num(v['uncorrected'], 3)} η"},
                {"label": "m part (1 − β₁ᵗ)", "value": num(v["m_part"], 3)},
                {"label": "v part 1/√(1 − β₂ᵗ)", "value": num(v["v_part"], 3)},
                {"label": "with bias correction", "value": "1 η"},
                # the size only: where it peaks is the goal's question, found with the marker
                {"label": "largest uncorrected step (t ≤ 100)", "value": f"{num(v['peak_size'], 2)} η"}]

    def controls(self):
        return [self.knobs[k].control() for k in ("beta1", "beta2", "t")]
