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
from ..widgets.base import Widget, arrow_step, whole


def mlp_params(V, d, H, n):
    return V * d + n * d * H + H + H * V + V


def rnn_params(V, H):
    return H * V + H * H + H + V * H + V


@register
class WindowVsRnnParams(Widget):
    name = "window_vs_rnn_params"
    width, height = 640, 300
    PL, PR, PT, PB = 70, 40, 20, 240

    def configure(self, config):
        self.V = whole(self.name, "vocab", config.pop("vocab", 65), 2, 1000)
        self.d = whole(self.name, "embed", config.pop("embed", 10), 1, 1000)
        self.H = whole(self.name, "hidden", config.pop("hidden", 100), 1, 1000)
        self.max_n = whole(self.name, "max_n", config.pop("max_n", 32), 4, 64)
        self.n = whole(self.name, "n", config.pop("n", 3), 1, self.max_n)
        super().configure(config)
        top = max(mlp_params(self.V, self.d, self.H, self.max_n), rnn_params(self.V, self.H))
        step = 10 ** (len(str(top)) - 1)
        self.ymax = -(-top // step) * step
        self.ystep = step if self.ymax // step <= 5 else 2 * step
        if self.ymax // self.ystep > 8:
            self.ystep = 5 * step

    def mlp(self, n=None):
        return mlp_params(self.V, self.d, self.H, self.n if n is None else n)

    def rnn(self):
        return rnn_params(self.V, self.H)

    def values(self):
        return {"n": self.n, "mlp": self.mlp(), "rnn": self.rnn(), "mlp_before": self.mlp(self.n - 1)}

    def set_values(self, values):
        unknown = set(values) - {"n"}
        if unknown:
            raise KeyError(f"window_vs_rnn_params cannot set {sorted(unknown)}")
        self.n = whole(self.name, "n", values.get("n", self.n), 1, self.max_n)

    # Events ----------------------------------------------------------------------------
    def x_of(self, n):
        return self.PL + (n - 1) / (self.max_n - 1) * (self.width - self.PL - self.PR)

    def y_of(self, p):
        return self.PB - p / self.ymax * (self.PB - self.PT)

    def handle(self, event):
        if event.get("handle") != "n":
            return
        if event.get("type") == "drag":
            span = self.width - self.PL - self.PR
            n = 1 + round((event.get("x", self.PL) - self.PL) / span * (self.max_n - 1))
            self.n = min(max(n, 1), self.max_n)
        elif event.get("type") == "key":
            key = event.get("key")
            if key == "Home":
                self.n = 1
            elif key == "End":
                self.n = self.max_n
            else:
                self.n = min(max(self.n + int(arrow_step(key, 1, 5)), 1), self.max_n)

    # Scene -------------------------------------------------------------------------------
    def shapes(self):
        out = []
        L, R = self.PL, self.width - self.PR
        for p in range(0, self.ymax + 1, self.ystep):
            y = self.y_of(p)
            out.append({"t": "line", "x1": L, "y1": y, "x2": R, "y2": y, "cls": "axis" if p == 0 else "grid"})
            out.append({"t": "text", "x": L - 8, "y": round(y + 4, 1), "anchor": "end", "s": commas(p), "cls": "small"})
        for n in range(1, self.max_n + 1):
            if n == 1 or n % 5 == 0:
                x = self.x_of(n)
                out.append({"t": "line", "x1": x, "y1": self.PB, "x2": x, "y2": self.PB + 5, "cls": "tick"})
                out.append({"t": "text", "x": x, "y": self.PB + 18, "s": str(n), "cls": "small"})
        out.append({"t": "text", "x": (L + R) / 2, "y": self.PB + 36, "s": "window length n: how many characters back the model can see",
                    "cls": "small muted"})
        out.append({"t": "text", "x": 6, "y": self.PT - 8, "anchor": "start", "s": "parameters", "cls": "small muted"})
        yr = round(self.y_of(self.rnn()), 1)
        out.append({"t": "line", "x1": L, "y1": yr, "x2": R, "y2": yr, "cls": "accent3"})
        out.append({"t": "text", "x": R, "y": yr - 6, "anchor": "end", "s": f"RNN: {commas(self.rnn())} at any length",
                    "cls": "small accent3"})
        pts = [[round(self.x_of(n), 1), round(self.y_of(self.mlp(n)), 1)] for n in range(1, self.max_n + 1)]
        out.append({"t": "poly", "pts": pts, "cls": "accent"})
        out.append({"t": "text", "x": pts[-1][0], "y": pts[-1][1] - 8, "anchor": "end", "s": "fixed-window MLP",
                    "cls": "small accent"})
        x, y = round(self.x_of(self.n), 1), round(self.y_of(self.mlp()), 1)
        out.append({"t": "line", "x1": x, "y1": self.PB, "x2": x, "y2": y, "cls": "grid"})
        out.append({"t": "circle", "cx": x, "cy": yr, "r": 4, "cls": "accent3"})
        out.append({"t": "circle", "cx": x, "cy": y, "r": 8, "cls": "accent", "handle": "n",
                    "label": "window length n: drag along the line, or use the arrow keys",
                    "value": f"n = {self.n}: MLP {self.mlp()} parameters, RNN {self.rnn()}"})
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

    def __repr__(self):
        return f"<window_vs_rnn_params n = {self.n}>"
