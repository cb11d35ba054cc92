"""Minibatch SGD on a small regression, drawn in the (w, b) plane with the loss's contours.

The model is y = w·x + b on m10-l02's noisy line (100 points, l02_noisy_line.DATA), the
loss the mean squared error. Each step draws B examples with replacement and steps
against their mean gradient; B = 100 means the full gradient, no sampling. After 300
steps the last 100 points form the noise ball: the widget draws them and reports their
root-mean-square distance from the least-squares answer (the ball's radius).

    ```widget sgd_noise_ball
    id = "ball"
    batch = 1          # one of 1, 2, 4, 8, 16, 32, 64, 100
    lr = 0.4           # 0.01..0.6 on a grid of 0.01
    seed = 0           # which minibatches are drawn, 0..9
    ```

values(): batch, lr, seed, radius (of the noise ball), final_loss (full loss at the end).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number, one_of, whole
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot
from .l02_noisy_line import DATA, N, ball_radius, loss, optimum, sgd

BATCHES = (1, 2, 4, 8, 16, 32, 64, 100)
STEPS, TAIL, START = 300, 100, (-1.0, 2.5)


@register
class SgdNoiseBall(Widget):
    name = "sgd_noise_ball"
    width, height = 600, 340

    def configure(self, config):
        batch = one_of(self.name, "batch", config.pop("batch", 1), BATCHES)
        lr = number(self.name, "lr", config.pop("lr", 0.4), 0.01, 0.6)
        seed = whole(self.name, "seed", config.pop("seed", 0), 0, 9)
        self.plot = Plot((-1.5, 3.5), (-1, 3), box=(44, 14, 584, 296))
        self.best = optimum()
        self.knobs = {"batch": Choice("batch", "batch size B", BATCHES, batch,
                                      fmt=lambda b: f"{b} (all)" if b == N else str(b)),
                      "lr": Slider("lr", "step size η", 0.01, 0.6, 0.01, lr, coarse=0.05),
                      "seed": Slider("seed", "which batches are drawn (seed)", 0, 9, 1, seed)}
        super().configure(config)

    def path(self):
        k = self.knobs
        return sgd(k["batch"].value, k["lr"].value, STEPS, k["seed"].value, START)

    def values(self):
        path = self.path()
        out = {k: knob.value for k, knob in self.knobs.items()}
        done = len(path) == STEPS + 1
        out["radius"] = ball_radius(path, TAIL) if done else math.inf
        out["final_loss"] = loss(*path[-1]) if done else math.inf
        return out

    def shapes(self):
        p, (ws, bs) = self.plot, self.best
        out = p.frame("w", "b", edges=True)   # tick labels on the edges, clear of the ball near w = 2
        mx2 = math.fsum(x * x for x, _ in DATA) / N
        for k in range(6):      # contours of the full loss: excess over the minimum 2, 1, 0.5, ...
            c = 2.0 * 2.0 ** (-k)
            # the loss is its minimum + mean(x²)(w − w*)² + (b − b*)², since the x's have mean 0
            rw, rb = math.sqrt(c / mx2), math.sqrt(c)
            out.append(p.polyline([(ws + rw * math.cos(t / 60 * math.pi), bs + rb * math.sin(t / 60 * math.pi))
                                   for t in range(121)], "grid"))
        path = self.path()
        out.append(p.polyline(path[:STEPS - TAIL + 2], "muted"))
        out += [p.point(w, b, "accent2", r=2) for w, b in path[-TAIL:] if p.inside(w, b)]
        v = self.values()
        if math.isfinite(v["radius"]):
            r = v["radius"]
            out.append(p.polyline([(ws + r * math.cos(t / 30 * math.pi), bs + r * math.sin(t / 30 * math.pi))
                                   for t in range(61)], "accent"))
        out.append(p.point(*START, "muted", r=5))
        out.append(p.point(ws, bs, "good", r=4))
        out += p.legend([("first 200 steps", "muted"), ("last 100: the noise ball", "accent2"),
                         ("its radius", "accent")], corner="top-right")
        return out

    def readouts(self):
        v = self.values()
        ws, bs = self.best
        if not math.isfinite(v["radius"]):
            return [{"label": "noise-ball radius", "value": "it diverged"}]
        return [{"label": "least-squares answer (w*, b*)", "value": f"({num(ws, 3)}, {num(bs, 3)})"},
                {"label": "noise-ball radius", "value": num(v["radius"], 3)},
                {"label": "loss at the end", "value": num(v["final_loss"], 4)},
                {"label": "lowest possible loss", "value": num(loss(ws, bs), 4)}]

    def controls(self):
        return [k.control() for k in self.knobs.values()]
