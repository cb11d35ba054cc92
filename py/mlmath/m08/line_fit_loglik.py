"""Fitting a line under Gaussian noise: the squared residuals and the log-likelihood move
together, because one is the other scaled and shifted.

Eight seeded points scatter around a line. Drag the line's two handles (its height at x = 0
and at x = 4; or the sliders). The residuals are drawn as segments; the readouts give the
sum of squared residuals (SSE) and the log-likelihood of the points if each y is the line's
value plus Gaussian noise of standard deviation 1:
    log L = -n log(sqrt(2 pi)) - SSE / 2,
so log L + SSE / 2 stays the same constant whatever the line.

    ```widget line_fit_loglik
    id = "fit"
    b = 0
    y4 = 2
    goal = { text = "...", check = "loglik > best - 0.1", solution = { b = 1.95, y4 = 6.05 } }
    ```

values(): b (height at x = 0, the intercept), y4 (height at x = 4), slope, sse, loglik,
best (the largest log-likelihood any line reaches: the least-squares line's).
"""

import math
import random

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

SEED, N = 4, 8
XS = [0.5 * i for i in range(N)]      # 0, 0.5, ..., 3.5


def noise(seed=SEED, n=N):
    """n standard normal draws by Box-Muller from random() alone."""
    rng, out = random.Random(seed), []
    while len(out) < n:
        u, v = rng.random(), rng.random()
        r = math.sqrt(-2 * math.log(1 - u))
        out += [r * math.cos(2 * math.pi * v), r * math.sin(2 * math.pi * v)]
    return out[:n]


YS = [round(1 + 1.5 * x + e, 2) for x, e in zip(XS, noise())]


def sse(slope, b):
    return math.fsum((y - (slope * x + b)) ** 2 for x, y in zip(XS, YS))


def loglik(slope, b):
    return -N * math.log(math.sqrt(2 * math.pi)) - sse(slope, b) / 2


def least_squares():
    mx, my = math.fsum(XS) / N, math.fsum(YS) / N
    slope = math.fsum((x - mx) * (y - my) for x, y in zip(XS, YS)) / math.fsum((x - mx) ** 2 for x in XS)
    return slope, my - slope * mx


@register
class LineFitLoglik(Widget):
    name = "line_fit_loglik"
    width, height = 600, 300

    def configure(self, config):
        b = number(self.name, "b", config.pop("b", 0), -2, 8)
        y4 = number(self.name, "y4", config.pop("y4", 2), -2, 10)
        self.knobs = {"b": Slider("b", "height at x = 0", -2, 8, 0.05, b, fine=0.05),
                      "y4": Slider("y4", "height at x = 4", -2, 10, 0.05, y4, fine=0.05)}
        self.plot = Plot((-0.3, 4.2), (-2, 10), box=(40, 14, 400, 286))
        super().configure(config)

    def values(self):
        b, y4 = self.knobs["b"].value, self.knobs["y4"].value
        slope = (y4 - b) / 4
        return {"b": b, "y4": y4, "slope": slope, "sse": sse(slope, b), "loglik": loglik(slope, b),
                "best": loglik(*least_squares())}

    def drag(self, handle, x, y):
        if handle in ("b", "y4"):
            self.knobs[handle].set(self.plot.y.value(y))

    def shapes(self):
        p, v = self.plot, self.values()
        b, s = v["b"], v["slope"]
        out = [p.handle("b", 0, b, "the line's height at x = 0", f"{num(b)}"),
               p.handle("y4", 4, v["y4"], "the line's height at x = 4", f"{num(v['y4'])}", cls="accent2"),
               *p.frame("x", "y", xticks=5, yticks=6),
               p.line(s, b, "accent")]
        for x, y in zip(XS, YS):
            out.append(p.segment(x, y, x, s * x + b, "accent2"))
            out.append(p.point(x, y, "muted", r=4))
        out.append(S.text(500, 40, "log L + SSE / 2", "small"))
        out.append(S.text(500, 58, f"= {num(v['loglik'] + v['sse'] / 2, 4)}", "small"))
        out.append(S.text(500, 76, "(the same for every line)", "small"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "line", "value": f"y = {num(v['slope'], 3)}x + {num(v['b'], 2)}"},
                {"label": "sum of squared residuals", "value": num(v["sse"], 3)},
                {"label": "Gaussian log-likelihood (σ = 1)", "value": num(v["loglik"], 3)},
                {"label": "best possible", "value": num(v["best"], 3)}]

    def controls(self):
        return [self.knobs["b"].control(), self.knobs["y4"].control()]
