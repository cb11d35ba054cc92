"""How the gradient's size changes as it travels back in time through an RNN, on a log axis.

The two-unit RNN of two_unit_rnn.py runs forward over K inputs, with phi = tanh or, at the
press of a button, no squashing at all. The loss at the last step sends back
dL/dh_K = (1, 0), and the widget walks it back honestly, one step at a time:

    dL/dh_{t-1} = W_h^T (phi'(a_t) * dL/dh_t)      (phi' = 1 - h_t^2 for tanh, 1 for linear)

and plots ||dL/dh_{K-k}|| against k, the number of steps back, with the line rho^k for
comparison. rho is set by the slider or by dragging the line's far end up and down.

    ```widget gradient_decay
    id = "decay"
    rho = 0.8          # starting spectral radius, 0.5 to 1.5 in steps of 0.01
    steps = 40         # K, how far back the plot goes (10 to 60)
    tanh = false       # start with the linear RNN (the button switches)
    goal = { text = "...", check = "far >= 0.1 and far <= 10", solution = { rho = 1.0 } }
    ```

values() for goals: rho, tanh (0 or 1), far (||dL/dh|| at K steps back), g10, g20
(at 10 and 20 steps back).
"""

import math

from ..widgets import register
from ..show import SUPER, fixed, sci
from ..widgets.base import Widget, flag, whole
from ..widgets.controls import Toggle
from ..widgets.plot import Plot
from .two_unit_rnn import decade, inputs, rho_knob, run


def grad_norms(rho, steps, tanh):
    """[||dL/dh_K||, ||dL/dh_{K-1}||, ..., ||dL/dh_0||], walked back for real."""
    W, hs = run(rho, inputs(steps), tanh)
    d = [1.0, 0.0]
    norms = [1.0]
    for t in range(steps, 0, -1):
        g = [d[i] * (1 - hs[t][i] ** 2) for i in range(2)] if tanh else d
        d = [W[0][j] * g[0] + W[1][j] * g[1] for j in range(2)]      # W^T g
        norms.append(math.hypot(d[0], d[1]))
    return norms


@register
class GradientDecay(Widget):
    name = "gradient_decay"
    width, height = 600, 330

    def configure(self, config):
        self.steps = whole(self.name, "steps", config.pop("steps", 40), 10, 60)
        self.knobs = {"rho": rho_knob(self.name, config.pop("rho", 0.8)),
                      "tanh": Toggle("tanh", "Add tanh", "Remove tanh",
                                     flag(self.name, "tanh", config.pop("tanh", False)))}
        super().configure(config)
        self.plot = Plot(x=(0, self.steps), y=(1e-8, 1e8), box=(64, 18, 580, 282), ylog=True, yfmt=decade)

    @property
    def rho(self):
        return self.knobs["rho"].value

    def norms(self):
        return grad_norms(self.rho, self.steps, self.knobs["tanh"].value)

    def values(self):
        n = self.norms()
        return {"rho": self.rho, "tanh": int(self.knobs["tanh"].value), "far": n[-1],
                "g10": n[min(10, self.steps)], "g20": n[min(20, self.steps)]}

    def drag(self, handle, x, y):
        # the far end of rho^K sits at height y: rho = (value at y)^(1/K)
        if handle == "rho":
            self.knobs["rho"].set(self.plot.y.value(y) ** (1 / self.steps))

    def shapes(self):
        plot, K = self.plot, self.steps
        out = plot.frame("steps back in time, k (the loss is at k = 0)", "\u2016\u2202L/\u2202h\u2016, log scale",
                         xticks=list(range(0, K + 1, 10)), yticks=[10.0 ** e for e in range(-8, 9, 2)])
        end = self.rho ** K
        out.append(plot.segment(0, 1, K, end, "muted"))        # rho^k: straight on a log axis
        out.append(plot.text(K, end, f"\u03c1\u1d4f = {fixed(self.rho, 2)}\u1d4f", "small muted", "end",
                             dx=-4, dy=16 if end >= 1 else -8))
        for k, n in enumerate(self.norms()):
            inside = 1e-8 <= n <= 1e8
            out.append(plot.point(k, n if n > 0 else 1e-8, "accent" if inside else "accent2", 3.5 if inside else 2.5))
        out.append(plot.handle("rho", K, end, "spectral radius rho: drag the line's far end up or down",
                               f"rho = {fixed(self.rho, 2)}", "", r=7))
        return out

    def readouts(self):
        n = self.norms()
        K = self.steps
        ks = sorted({k for k in (10, 20) if k < K} | {K})
        out = [{"label": "\u03c1 (spectral radius of W\u2095)", "value": fixed(self.rho, 2)},
               {"label": "squashing", "value": "tanh" if self.knobs["tanh"].value else "none (linear)"}]
        for i, k in enumerate(ks):
            out.append({"label": f"\u2016\u2202L/\u2202h\u2016 at k = {k}" if i == 0 else f"k = {k}", "value": sci(n[k])})
        out.append({"label": f"\u03c1{str(K).translate(SUPER)}", "value": sci(self.rho ** K)})
        return out

    def controls(self):
        return [self.knobs["rho"].control(), self.knobs["tanh"].control()]
