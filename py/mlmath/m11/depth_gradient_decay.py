"""How much of a gradient reaches layer 1 through n layers of one activation each. With
every weight 1 and every pre-activation at z, each layer multiplies the gradient by the
activation's slope f′(z), so n layers multiply it by f′(z)ⁿ. The plot draws that factor
against depth on a log axis for all four activations (its size: where GELU's slope is
negative the factor's sign flips every layer, and the readouts keep the sign); sliders set n and z.

    ```widget depth_gradient_decay
    id = "depth"
    n = 3
    z = 1
    goal = { text = "...", check = "abs(z) < 1e-9 and sigmoid < 1e-6 and sigmoid / 0.25 >= 1e-6", solution = { z = 0, n = 10 } }
    ```

values(): n, z, and for each activation (sigmoid, tanh, relu, gelu) the factor f′(z)ⁿ.
"""

from ..show import num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .nn_common import ACTIVATIONS

CLASSES = {"sigmoid": "accent", "tanh": "accent3", "relu": "accent2", "gelu": "muted"}
DEPTH = 20


@register
class DepthGradientDecay(Widget):
    name = "depth_gradient_decay"
    width, height = 600, 320

    def configure(self, config):
        n = whole(self.name, "n", config.pop("n", 3), 1, DEPTH)
        z = number(self.name, "z", config.pop("z", 1), -3, 3)
        super().configure(config)
        self.plot = Plot((0, DEPTH), (1e-12, 100), box=(60, 12, 420, 280), ylog=True)
        self.knobs = {"n": Slider("n", "layers n", 1, DEPTH, 1, n),
                      "z": Slider("z", "pre-activation z at every layer", -3, 3, 0.1, z)}

    def factor(self, act, n):
        return ACTIVATIONS[act][1](self.knobs["z"].value) ** n

    def values(self):
        n = self.knobs["n"].value
        return {"n": n, "z": self.knobs["z"].value, **{a: self.factor(a, n) for a in ACTIVATIONS}}

    def drag(self, handle, x, y):
        if handle == "n":
            self.knobs["n"].set(self.plot.x.value(x))

    def shapes(self):
        p, n = self.plot, self.knobs["n"].value
        out = [p.handle("n", n, 1e-12, "depth n", f"{n} layers", "accent3", r=7)]
        out += p.frame("layers n", "size of the factor", xticks=[0, 5, 10, 15, 20], yticks=6)
        out.append(p.segment(0, 1e-6, DEPTH, 1e-6, ""))
        out.append(p.text(0, 1e-6, "one millionth", "small", "start", dx=6, dy=-5))
        out.append(p.segment(n, 1e-12, n, 100, "grid"))
        for act, cls in CLASSES.items():
            # the size |f′(z)|ⁿ: a negative slope (GELU below z ≈ −0.75) flips the sign every layer
            pts = [(k, abs(self.factor(act, k))) for k in range(0, DEPTH + 1)]
            out.append(p.polyline(pts, cls))
            f = abs(self.factor(act, n))
            if f > 0:
                out.append(p.point(n, f, f"{cls} solid", r=4))
        left = 440
        out.append(S.text(left, 30, f"after {n} layer{'s' if n > 1 else ''}, z = {num(self.knobs['z'].value, 1)}:", "label", "start"))
        for i, (act, cls) in enumerate(CLASSES.items()):
            f = self.factor(act, n)
            y = 60 + 26 * i
            out.append(S.line(left, y - 4, left + 18, y - 4, cls))
            out.append(S.text(left + 24, y, f"{ACTIVATIONS[act][2].split()[0]}: {sci(f) if f else '0 (dead)'}", "small", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": f"{a} factor", "value": sci(v[a]) if v[a] else "0"} for a in ACTIVATIONS]

    def controls(self):
        return [self.knobs["n"].control(), self.knobs["z"].control()]
