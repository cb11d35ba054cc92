"""The gradient that reaches each layer of a deep tanh network, with and without residual paths.

The stack of mlmath.m13.l05_tricks (width 16, Xavier weights, seeded): a block maps the stream
h to tanh(W h) (plain) or to h + alpha tanh(W h) (residual). With L = u . h_top for a fixed
random u, the plot shows |dL/dh_l| at every depth l on a log axis, from the input of layer 1
(l = 0) to the top: the chosen wiring bold, the other one faint. A residual block passes its
incoming gradient straight through (the identity in I + alpha J) and adds the branch's share.

    ```widget residual_grad_depth
    id = "grads"
    depth = 10          # 1 to 50
    residual = false
    alpha = 1.0         # the residual branch's scale, 0.1 to 1
    goal = { text = "...", check = "depth >= 30 and 0.5 <= ratio <= 2", solution = { depth = 30, residual = true, alpha = 0.3 } }
    ```

values(): depth, residual, alpha, bottom (|dL/dh_0|), top (|dL/dh_depth|), ratio (bottom / top),
other_ratio (the same ratio for the other wiring).
"""

from ..show import num, power, sci
from ..widgets import register
from ..widgets.base import Widget, flag, number, whole
from ..widgets.controls import Slider, Toggle
from ..widgets.plot import Plot
from .l05_tricks import GRAD_MAX_DEPTH, layer_grad_norms


@register
class ResidualGradDepth(Widget):
    name = "residual_grad_depth"
    width, height = 600, 300

    def configure(self, config):
        depth = whole(self.name, "depth", config.pop("depth", 10), 1, GRAD_MAX_DEPTH)
        residual = flag(self.name, "residual", config.pop("residual", False))
        alpha = number(self.name, "alpha", config.pop("alpha", 1.0), 0.1, 1)
        self.knobs = {"depth": Slider("depth", "depth (layers)", 1, GRAD_MAX_DEPTH, 1, depth),
                      "residual": Toggle("residual", "Add residual connections", "Remove residual connections", residual),
                      "alpha": Slider("alpha", "residual branch scale α", 0.1, 1, 0.05, alpha)}
        self.plot = Plot((0, GRAD_MAX_DEPTH), (1e-3, 1e3), box=(64, 14, 585, 250), ylog=True, yfmt=power)
        self._cache = {}
        super().configure(config)

    def _norms(self, residual):
        key = (self.knobs["depth"].value, residual, self.knobs["alpha"].value)
        if key not in self._cache:
            self._cache[key] = layer_grad_norms(key[0], residual, key[2])
        return self._cache[key]

    def values(self):
        residual = self.knobs["residual"].value
        norms, other = self._norms(residual), self._norms(not residual)
        return {"depth": self.knobs["depth"].value, "residual": residual, "alpha": self.knobs["alpha"].value,
                "bottom": norms[0], "top": norms[-1], "ratio": norms[0] / norms[-1],
                "other_ratio": other[0] / other[-1]}

    def drag(self, handle, x, y):
        if handle == "depth":
            self.knobs["depth"].set(self.plot.x.value(x))

    def shapes(self):
        p, residual = self.plot, self.knobs["residual"].value
        norms, other = self._norms(residual), self._norms(not residual)
        depth = self.knobs["depth"].value
        out = [p.handle("depth", depth, norms[-1], "the top of the network: drag to change its depth",
                        f"{depth} layers", cls="accent2", r=7)]
        out += p.frame("layer l (0 = input of layer 1)", "|dL/dhₗ|", xticks=[0, 10, 20, 30, 40, 50],
                       yticks=[1e-3, 1e-2, 0.1, 1, 10, 100, 1e3])
        out.append(p.polyline(list(enumerate(other)), "muted"))
        out.append(p.polyline(list(enumerate(norms)), "accent"))
        names = ("residual", "plain") if residual else ("plain", "residual")
        out += p.legend([(names[0], "accent"), (names[1], "muted")], corner="bottom-left")
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "gradient at the top", "value": num(v["top"], 3)},
                {"label": "reaching layer 1", "value": sci(v["bottom"], 3)},
                {"label": "layer 1 ÷ top", "value": sci(v["ratio"], 3)},
                {"label": "α", "value": num(v["alpha"], 2) + ("" if v["residual"] else " (unused without residuals)")}]

    def controls(self):
        return [self.knobs["residual"].control(), self.knobs["depth"].control(), self.knobs["alpha"].control()]
