"""Parameters of a fixed-window MLP against an RNN, as the window grows.

The MLP of lesson m14-l04 embeds each of its n context characters (a V x d table),
concatenates them into one n*d vector, and feeds a hidden layer of H tanh units and
an output layer of V logits:  V*d + n*d*H + H + H*V + V  parameters.
The RNN reads one character at a time with one cell and the same output layer:
W_x (H x V), W_h (H x H), b (H), W_y (V x H), b_y (V):  H*V + H*H + H + V*H + V,
with no n in it at all. The learner drags the window length n along the MLP's line
(or focuses the handle and uses the arrow keys) and reads both counts.

Options: vocab (V, default 65), embed (d, default 10), hidden (H, default 100),
n (the window at the start, default 3), max_n (the widest window drawn, default 32).
"""

from ..widgets import register
from ..show import commas
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot, nice_step


def mlp_params(V, d, H, n):
    return V * d + n * d * H + H + H * V + V


def rnn_params(V, H):
    return H * V + H * H + H + V * H + V


@register
class WindowVsRnnParams(Widget):
    name = "window_vs_rnn_params"
    width, height = 640, 300

    def configure(self, config):
        self.V = whole(self.name, "vocab", config.pop("vocab", 65), 2, 1000)
        self.d = whole(self.name, "embed", config.pop("embed", 10), 1, 1000)
        self.H = whole(self.name, "hidden", config.pop("hidden", 100), 1, 1000)
        self.max_n = whole(self.name, "max_n", config.pop("max_n", 32), 4, 64)
        n = whole(self.name, "n", config.pop("n", 3), 1, self.max_n)
        super().configure(config)
        self.knobs = {"n": Slider("n", "n", 1, self.max_n, 1, n, coarse=5)}
        top = max(self.mlp(self.max_n), self.rnn())
        step = nice_step(top, 5)
        self.plot = Plot(x=(1, self.max_n), y=(0, -(-top // step) * step), box=(70, 20, 600, 240),
                         yfmt=lambda v: commas(round(v)))

    @property
    def n(self):
        return self.knobs["n"].value

    def mlp(self, n=None):
        return mlp_params(self.V, self.d, self.H, self.n if n is None else n)

    def rnn(self):
        return rnn_params(self.V, self.H)

    def values(self):
        return {"n": self.n, "mlp": self.mlp(), "rnn": self.rnn(), "mlp_before": self.mlp(self.n - 1)}

    def drag(self, handle, x, y):
        if handle == "n":
            self.knobs["n"].set(self.plot.x.value(x))

    def shapes(self):
        plot = self.plot
        left, top, right, bottom = plot.box
        out = plot.frame(xticks=[1] + list(range(5, self.max_n + 1, 5)))
        out.append(S.text((left + right) / 2, bottom + 36, "window length n: how many characters back the model can "
                                                           "see", "small muted"))
        out.append(S.text(6, top - 8, "parameters", "small muted", "start"))
        out.append(plot.segment(1, self.rnn(), self.max_n, self.rnn(), "accent3"))
        out.append(plot.text(self.max_n, self.rnn(), f"RNN: {commas(self.rnn())} at any length", "small accent3",
                             "end", dy=-6))
        out.append(plot.polyline([(n, self.mlp(n)) for n in range(1, self.max_n + 1)], "accent"))
        out.append(plot.text(self.max_n, self.mlp(self.max_n), "fixed-window MLP", "small accent", "end", dy=-8))
        out.append(plot.segment(self.n, 0, self.n, self.mlp(), "grid"))
        out.append(plot.point(self.n, self.rnn(), "accent3"))
        out.append(plot.handle("n", self.n, self.mlp(), "window length n: drag along the line, or use the arrow keys",
                               f"n = {self.n}: MLP {self.mlp()} parameters, RNN {self.rnn()}"))
        return out

    def readouts(self):
        V, d, H, n = self.V, self.d, self.H, self.n
        more = self.mlp() - self.rnn()
        return [
            {"label": f"MLP, window {n}", "value": f"V\u00b7d + n\u00b7d\u00b7H + H + H\u00b7V + V = {commas(V * d)} + "
             f"{commas(n * d * H)} + {H} + {commas(H * V)} + {V} = {commas(self.mlp())}"},
            {"label": "RNN, any length", "value": f"H\u00b7V + H\u00b7H + H + V\u00b7H + V = {commas(H * V)} + "
             f"{commas(H * H)} + {H} + {commas(V * H)} + {V} = {commas(self.rnn())}"},
            {"label": "difference", "value": (f"the MLP has {commas(more)} more" if more > 0 else
                                              f"the MLP has {commas(-more)} fewer" if more < 0 else "equal")},
        ]
