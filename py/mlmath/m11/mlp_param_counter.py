"""Count an MLP's parameters layer by layer. Sliders set the inputs, the width and number
of hidden layers, and the outputs; each linear layer from m to n numbers holds an n × m
weight matrix and n biases, so m·n + n parameters. The picture draws each layer as a
column (height on a log scale of its size) with its count under the link that owns it.

    ```widget mlp_param_counter
    id = "count"
    inputs = 784
    width = 32
    depth = 1
    outputs = 10
    goal = { text = "...", check = "total > 100000 and width == 126", solution = { width = 126 } }
    ```

values(): inputs, width, depth, outputs, weights, biases, total.
"""

import math

from ..show import commas
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider


def layer_counts(sizes):
    """[(weights, biases)] for each linear layer between consecutive sizes."""
    return [(m * n, n) for m, n in zip(sizes, sizes[1:])]


@register
class MlpParamCounter(Widget):
    name = "mlp_param_counter"
    width, height = 640, 256

    def configure(self, config):
        n = self.name
        start = {"inputs": whole(n, "inputs", config.pop("inputs", 784), 1, 4096),
                 "width": whole(n, "width", config.pop("width", 32), 1, 4096),
                 "depth": whole(n, "depth", config.pop("depth", 1), 1, 4),
                 "outputs": whole(n, "outputs", config.pop("outputs", 10), 1, 4096)}
        super().configure(config)
        labels = {"inputs": "inputs", "width": "hidden width", "depth": "hidden layers", "outputs": "outputs"}
        self.knobs = {k: Slider(k, labels[k], 1, 4 if k == "depth" else 4096, 1, v, coarse=1 if k == "depth" else 64)
                      for k, v in start.items()}

    def sizes(self):
        k = {name: knob.value for name, knob in self.knobs.items()}
        return [k["inputs"]] + [k["width"]] * k["depth"] + [k["outputs"]]

    def values(self):
        counts = layer_counts(self.sizes())
        w, b = sum(c[0] for c in counts), sum(c[1] for c in counts)
        v = {name: knob.value for name, knob in self.knobs.items()}
        v.update(weights=w, biases=b, total=w + b)
        return v

    def shapes(self):
        sizes = self.sizes()
        counts = layer_counts(sizes)
        n = len(sizes)
        xs = [40 + (560 * i / (n - 1)) for i in range(n)]
        mid, top = 100, 80
        h = [max(8, top * math.log10(s + 1) / math.log10(4097)) for s in sizes]
        out = []
        for i, (x, s) in enumerate(zip(xs, sizes)):
            if i + 1 < n:
                nx = xs[i + 1]
                out.append(S.poly([(x + 10, mid - h[i]), (nx - 10, mid - h[i + 1]), (nx - 10, mid + h[i + 1]),
                                   (x + 10, mid + h[i])], "accent solid nostroke", opacity=0.12))
                wts, bs = counts[i]
                cx = (x + nx) / 2
                out.append(S.text(cx, 190, f"{commas(sizes[i + 1])}×{commas(s)}", "small"))
                out.append(S.text(cx, 206, f"+ {commas(bs)}", "small"))
                out.append(S.text(cx, 222, f"= {commas(wts + bs)}", "small"))
            cls = "accent2" if i in (0, n - 1) else "accent"
            out.append(S.rect(x - 10, mid - h[i], 20, 2 * h[i], f"{cls} nostroke", opacity=0.8))
            out.append(S.text(x, mid + h[i] + 16, commas(s), "small"))
        out.append(S.text(xs[0], 14, "input", "small"))
        out.append(S.text(xs[-1], 14, "output", "small"))
        out.append(S.text(320, 250, f"total: {commas(self.values()['total'])} parameters", "label"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "weights", "value": commas(v["weights"])}, {"label": "biases", "value": commas(v["biases"])},
                {"label": "parameters", "value": commas(v["total"])}]

    def controls(self):
        return [self.knobs[k].control() for k in ("inputs", "width", "depth", "outputs")]
