"""Pre-LN or post-LN: the gradient each layer gets at initialisation, as you add depth.

The stack of l02_stack.py (L MLP blocks, d = 8) with the same seeded weights wired both
ways. For every layer the widget plots the Frobenius norm of the gradient of the loss with
respect to that layer's weights (W1 and W2 together), for each example, root-mean-squared
over the batch, on a log axis. Drag the depth knob along the axis, use the arrow keys on
it, or the slider.

    ```widget ln_depth_gradients
    id = "grads"
    depth = 2          # starting L, 1 to 24
    ```

values() for goals: L, pre_first, pre_last, post_first, post_last (layer 1's and layer
L's gradient norms), pre_ratio, post_ratio (first / last), pre_spread, post_spread
(largest / smallest over the layers).
"""

from ..show import num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .l02_stack import MAX_DEPTH, layer_grad_norms

PLOT = Plot(x=(1, MAX_DEPTH), y=(0.01, 10), box=(70, 30, 580, 270), ylog=True, yfmt=lambda v: num(v, 3))
CURVES = (("pre-LN", "accent"), ("post-LN", "accent2"))


@register
class LnDepthGradients(Widget):
    name = "ln_depth_gradients"
    width, height = 600, 330

    def configure(self, config):
        depth = whole(self.name, "depth", config.pop("depth", 2), 1, MAX_DEPTH)
        super().configure(config)
        self.knobs = {"L": Slider("L", "depth L", 1, MAX_DEPTH, 1, depth, coarse=5)}
        self._cache = {}

    @property
    def L(self):
        return self.knobs["L"].value

    def norms(self, L=None):
        L = self.L if L is None else L
        if L not in self._cache:
            self._cache[L] = (layer_grad_norms(L, "pre"), layer_grad_norms(L, "post"))
        return self._cache[L]

    def values(self):
        pre, post = self.norms()
        return {"L": self.L,
                "pre_first": pre[0], "pre_last": pre[-1], "post_first": post[0], "post_last": post[-1],
                "pre_ratio": pre[0] / pre[-1], "post_ratio": post[0] / post[-1],
                "pre_spread": max(pre) / min(pre), "post_spread": max(post) / min(post)}

    def drag(self, handle, x, y):
        if handle == "L":
            self.knobs["L"].set(PLOT.x.value(x))

    def __repr__(self):
        v = self.values()
        return f"<ln_depth_gradients L = {self.L}, first/last: pre-LN {v['pre_ratio']:.3g}, post-LN {v['post_ratio']:.3g}>"

    def shapes(self):
        left, top, right, bottom = PLOT.box
        out = PLOT.frame("layer (1 = next to the input, L = next to the output)", xticks=[1, 4, 8, 12, 16, 20, 24])
        # the axis's name above the box: inside it, layer 1's dot would run into it
        out.append(S.text(left + 4, top - 10, "\u2016\u2202loss/\u2202W\u2016 per layer, log scale", "label", "start"))
        layers = [list(enumerate(norms, 1)) for norms in self.norms()]
        out += [PLOT.polyline(points, cls) for points, (_, cls) in zip(layers, CURVES)]
        out += PLOT.legend(CURVES, "top-right")
        # the depth knob, on the x axis at layer L; the dots come after it, as many as layers
        x = PLOT.x(self.L)
        out.append(S.line(x, top, x, bottom, "muted"))
        knob = S.handle(S.circle(x, bottom, 8, ""), "L", "depth L: drag along the axis or use the arrow keys",
                        f"{self.L} layers")
        knob["focus"] = True        # it keeps keyboard focus while its keys redraw the picture
        out.append(knob)
        out += [PLOT.point(i, v, cls, r=3.5) for points, (_, cls) in zip(layers, CURVES) for i, v in points]
        return out

    def readouts(self):
        v = self.values()
        return [
            {"label": "depth L", "value": str(self.L)},
            {"label": "pre-LN: layer 1 / layer L", "value": f"{sci(v['pre_first'])} / {sci(v['pre_last'])} = {sci(v['pre_ratio'])}"},
            {"label": "post-LN: layer 1 / layer L", "value": f"{sci(v['post_first'])} / {sci(v['post_last'])} = {sci(v['post_ratio'])}"},
        ]

    def controls(self):
        return [self.knobs["L"].control()]
