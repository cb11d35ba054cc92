"""How big the activations are at each of 50 layers, for a chosen initial scale and activation.

One seeded network (mlmath.m13.l03_init: 50 layers of width 64, weights standard normal times
gain / sqrt(64), so n Var(w) = gain^2) and one seeded input. The plot shows the spread (root
mean square) of the activations after every layer on a log axis; the grey line is what the
variance algebra predicts from layer 1 on, spread_1 (gain^2 c)^((l - 1) / 2), with c = 1/2 for
ReLU and c = 1 for a linear network, drawn grey (tanh has no such closed form, so it gets no line).

    ```widget init_depth_spread
    id = "depth"
    activation = "relu"    # or "tanh", "linear"
    gain = 1.0             # 0.5 to 2.5: Var(w) = gain^2 / n
    goal = { text = "...", check = "activation == 'relu' and 0.5 <= ratio <= 2", solution = { gain = 1.41 } }
    ```

values(): activation, gain, first (spread after layer 1), last (after layer 50), ratio
(last / first), saturated (share of tanh units at layer 50 with |h| > 0.99; 0 otherwise).
"""

import math

from ..show import num, power, sci
from ..widgets import register
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot
from .l03_init import ACTIVATIONS, make_inputs, make_layers, rms

DEPTH, WIDTH = 50, 64
LAYERS = make_layers(DEPTH, WIDTH, seed=13)
INPUT = make_inputs(1, WIDTH, seed=14)[0]
THEORY = {"relu": 0.5, "linear": 1.0}


def run(gain, activation):
    """(spread after each layer, the last layer's activations)."""
    act, h, out = ACTIVATIONS[activation], list(INPUT), []
    scale = gain / math.sqrt(WIDTH)
    for W in LAYERS:
        h = [act(scale * sum(w * v for w, v in zip(row, h))) for row in W]
        out.append(rms(h))
    return out, h


@register
class InitDepthSpread(Widget):
    name = "init_depth_spread"
    width, height = 600, 300

    def configure(self, config):
        activation = one_of(self.name, "activation", config.pop("activation", "relu"), list(ACTIVATIONS))
        gain = number(self.name, "gain", config.pop("gain", 1.0), 0.5, 2.5)
        self.knobs = {"activation": Choice("activation", "activation", list(ACTIVATIONS), activation),
                      "gain": Slider("gain", "gain (std of w = gain / √n)", 0.5, 2.5, 0.01, gain)}
        self.plot = Plot((1, DEPTH), (1e-8, 1e8), box=(64, 14, 585, 262), ylog=True, yfmt=power)
        self._cache = {}
        super().configure(config)

    def _run(self):
        key = (self.knobs["gain"].value, self.knobs["activation"].value)
        if key not in self._cache:
            self._cache = {key: run(*key)}
        return self._cache[key]

    def values(self):
        spreads, h = self._run()
        activation = self.knobs["activation"].value
        saturated = sum(abs(v) > 0.99 for v in h) / len(h) if activation == "tanh" else 0.0
        return {"activation": activation, "gain": self.knobs["gain"].value, "first": spreads[0],
                "last": spreads[-1], "ratio": spreads[-1] / spreads[0], "saturated": saturated}

    def shapes(self):
        p, (spreads, _) = self.plot, self._run()
        g, activation = self.knobs["gain"].value, self.knobs["activation"].value
        out = p.frame("layer", "spread (RMS)", xticks=[1, 10, 20, 30, 40, 50], yticks=[1e-8, 1e-4, 1, 1e4, 1e8])
        if activation in THEORY:
            c = THEORY[activation]
            out.append(p.curve(lambda l: spreads[0] * (g * g * c) ** ((l - 1) / 2), "muted"))
        out.append(p.polyline([(i + 1, s) for i, s in enumerate(spreads)], "accent"))
        out.append(p.point(DEPTH, spreads[-1], "accent2", r=5))
        legend = [("measured", "accent")] + ([("variance algebra", "muted")] if activation in THEORY else [])
        out += p.legend(legend, corner="bottom-left")
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "n·Var(w)", "value": num(v["gain"] ** 2, 3)},
               {"label": "spread after layer 1", "value": sci(v["first"], 3)},
               {"label": "after layer 50", "value": sci(v["last"], 3)},
               {"label": "ratio", "value": sci(v["ratio"], 3)}]
        if v["activation"] == "tanh":
            out.append({"label": "tanh units saturated at layer 50", "value": f"{round(100 * v['saturated'])}%"})
        return out

    def controls(self):
        return [self.knobs["activation"].control(), self.knobs["gain"].control()]
