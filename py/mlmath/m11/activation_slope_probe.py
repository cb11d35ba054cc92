"""One activation function and its derivative on one plot, with a draggable input z. The
curve, the tangent at z and the slope curve move together; the readouts give f(z) and
f′(z). Choose sigmoid, tanh, ReLU or GELU.

    ```widget activation_slope_probe
    id = "probe"
    act = "sigmoid"      # or "tanh", "relu", "gelu"
    z = 2
    lock = false         # true: no activation slider, the lesson's choice stays
    goal = { text = "...", check = "slope > 0.2499", solution = { z = 0 } }
    ```

values(): act, z, out (f(z)), slope (f′(z)).
"""

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, flag, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot
from .nn_common import ACTIVATIONS

NAMES = list(ACTIVATIONS)


@register
class ActivationSlopeProbe(Widget):
    name = "activation_slope_probe"
    width, height = 600, 310

    def configure(self, config):
        n = self.name
        act = one_of(n, "act", config.pop("act", "sigmoid"), ACTIVATIONS)
        z = number(n, "z", config.pop("z", 2), -5, 5)
        self.lock = flag(n, "lock", config.pop("lock", False))
        super().configure(config)
        self.plot = Plot((-5, 5), (-1.25, 2.5), box=(44, 12, 584, 286))
        self.knobs = {"z": Slider("z", "input z", -5, 5, 0.05, z),
                      "act": Choice("act", "activation", NAMES, act, fmt=lambda a: ACTIVATIONS[a][2])}

    def values(self):
        f, df, _ = ACTIVATIONS[self.knobs["act"].value]
        z = self.knobs["z"].value
        return {"act": self.knobs["act"].value, "z": z, "out": f(z), "slope": df(z)}

    def drag(self, handle, x, y):
        if handle == "z":
            self.knobs["z"].set(self.plot.x.value(x))

    def shapes(self):
        p = self.plot
        f, df, label = ACTIVATIONS[self.knobs["act"].value]
        v = self.values()
        z, fz, s = v["z"], v["out"], v["slope"]
        return [
            p.handle("z", z, fz, "input z on the curve", f"z = {num(z)}, slope {num(s, 3)}"),
            *p.frame("z", "", xticks=10, yticks=[-1, 0, 1, 2]),
            p.line(s, fz - s * z, "muted"),      # under the curves, so a ReLU's ramp stays blue
            p.curve(f, "accent"),
            p.curve(df, "accent2"),
            p.point(z, s, "accent2 solid", r=5),
            p.segment(z, min(0, s), z, max(fz, s, 0), "grid"),
            *p.legend([(label, "accent"), ("its slope", "accent2"), ("tangent at z", "muted")]),
        ]

    def readouts(self):
        v = self.values()
        return [{"label": "z", "value": num(v["z"])}, {"label": "f(z)", "value": num(v["out"], 4)},
                {"label": "slope f′(z)", "value": num(v["slope"], 4)}]

    def controls(self):
        return [self.knobs["z"].control()] + ([] if self.lock else [self.knobs["act"].control()])
