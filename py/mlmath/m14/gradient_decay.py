"""How the gradient's size changes as it travels back in time through an RNN, on a log axis.

A two-unit RNN, h_t = phi(W_h h_{t-1} + w_x x_t), runs forward over K inputs (a fixed
wavy sequence), with phi = tanh or, at the press of a button, no squashing at all.
The loss at the last step sends back dL/dh_K = (1, 0), and the widget walks it back
honestly, one step at a time:

    dL/dh_{t-1} = W_h^T (phi'(a_t) * dL/dh_t)      (phi' = 1 - h_t^2 for tanh, 1 for linear)

and plots ||dL/dh_{K-k}|| against k, the number of steps back, with the line rho^k for
comparison. W_h = rho * M, where M is a fixed symmetric 2x2 matrix with eigenvalues 1 and
0.5, so rho is exactly W_h's spectral radius (its largest |eigenvalue|), set by the slider
or by dragging the line's far end up and down.

    ```widget gradient_decay
    id = "decay"
    rho = 0.8          # starting spectral radius, 0.5 to 1.5 in steps of 0.01
    steps = 40         # K, how far back the plot goes (10 to 60)
    tanh = false       # start with the linear RNN (the button switches)
    goal = { text = "...", check = "far >= 0.1 and far <= 10", solution = { rho = 1.0 } }
    ```

values() for goals: rho, tanh (0 or 1), far (||dL/dh|| at K steps back), g10, g20
(at 10 and 20 steps back).
"""

import math

from ..widgets import register
from ..show import SUPER, sci
from ..widgets.base import Widget, flag, number, whole

RHO_MIN, RHO_MAX, RHO_STEP = 0.5, 1.5, 0.01
LOG_MIN, LOG_MAX = -8, 8               # the y axis, in decades

# M = Q diag(1, 0.5) Q^T with Q a rotation by 30 degrees: symmetric, eigenvalues 1 and 0.5.
_C, _S = math.cos(math.pi / 6), math.sin(math.pi / 6)
M = [[_C * _C + 0.5 * _S * _S, 0.5 * _C * _S], [0.5 * _C * _S, _S * _S + 0.5 * _C * _C]]
W_X = [0.6, -0.4]


def inputs(n):
    """The fixed input sequence x_1..x_n: a wave that never repeats exactly."""
    return [math.sin(1.7 * t + 0.3) for t in range(1, n + 1)]


def snap_rho(rho):
    """rho clamped to the slider's range and rounded to its step."""
    rho = min(max(float(rho), RHO_MIN), RHO_MAX)
    return round(round(rho / RHO_STEP) * RHO_STEP, 2)


def run(rho, xs, tanh=True):
    """(W_h, [h_0, h_1, ..., h_n]): the RNN with W_h = rho * M read over xs from h_0 = 0."""
    W = [[rho * M[i][j] for j in range(2)] for i in range(2)]
    hs = [[0.0, 0.0]]
    for x in xs:
        h = hs[-1]
        a = [W[i][0] * h[0] + W[i][1] * h[1] + W_X[i] * x for i in range(2)]
        hs.append([math.tanh(v) for v in a] if tanh else a)
    return W, hs


def grad_norms(rho, steps, tanh):
    """[||dL/dh_K||, ||dL/dh_{K-1}||, ..., ||dL/dh_0||], walked back for real."""
    W, hs = run(rho, inputs(steps), tanh)
    d = [1.0, 0.0]
    norms = [1.0]
    for t in range(steps, 0, -1):
        g = [d[i] * (1 - hs[t][i] ** 2) for i in range(2)] if tanh else d
        d = [W[0][j] * g[0] + W[1][j] * g[1] for j in range(2)]      # W^T g
        norms.append(math.hypot(d[0], d[1]))
    return norms


@register
class GradientDecay(Widget):
    name = "gradient_decay"
    width, height = 600, 330
    left, right, top, bottom = 64, 580, 18, 282

    def configure(self, config):
        self.rho = snap_rho(number(self.name, "rho", config.pop("rho", 0.8), RHO_MIN, RHO_MAX))
        self.steps = whole(self.name, "steps", config.pop("steps", 40), 10, 60)
        self.tanh = flag(self.name, "tanh", config.pop("tanh", False))
        super().configure(config)

    # Geometry -------------------------------------------------------------------------
    def px(self, k):
        return self.left + k / self.steps * (self.right - self.left)

    def py(self, lg):
        lg = min(max(lg, LOG_MIN - 0.3), LOG_MAX + 0.3)
        return self.bottom - (lg - LOG_MIN) / (LOG_MAX - LOG_MIN) * (self.bottom - self.top)

    def rho_at(self, y):
        """The rho whose line rho^K ends at height y (the far end's drag)."""
        lg = LOG_MIN + (self.bottom - y) / (self.bottom - self.top) * (LOG_MAX - LOG_MIN)
        return snap_rho(10 ** (lg / self.steps))

    # State ----------------------------------------------------------------------------
    def norms(self):
        return grad_norms(self.rho, self.steps, self.tanh)

    def values(self):
        n = self.norms()
        return {"rho": self.rho, "tanh": int(self.tanh), "far": n[-1], "g10": n[min(10, self.steps)],
                "g20": n[min(20, self.steps)]}

    def set_values(self, values):
        for key, v in values.items():
            if key == "rho":
                self.rho = snap_rho(v)
            elif key == "tanh":
                self.tanh = bool(v)
            else:
                raise KeyError(f"gradient_decay cannot set {key!r}; it sets rho and tanh")

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            if event.get("id") == "rho":
                try:
                    self.rho = snap_rho(float(event.get("value")))
                except (TypeError, ValueError):
                    pass
            elif event.get("id") == "tanh":
                self.tanh = not self.tanh
        elif kind == "drag" and event.get("handle") == "end":
            self.rho = self.rho_at(float(event.get("y", self.py(0))))
        elif kind == "key" and event.get("handle") == "end":
            step = {"ArrowUp": RHO_STEP, "ArrowRight": RHO_STEP, "ArrowDown": -RHO_STEP, "ArrowLeft": -RHO_STEP,
                    "PageUp": 0.1, "PageDown": -0.1}.get(event.get("key"))
            if step is not None:
                self.rho = snap_rho(self.rho + step)

    # The scene --------------------------------------------------------------------------
    def shapes(self):
        L, R, T, B = self.left, self.right, self.top, self.bottom
        K = self.steps
        out = []
        for e in range(LOG_MIN, LOG_MAX + 1, 2):
            y = round(self.py(e), 1)
            out.append({"t": "line", "x1": L, "y1": y, "x2": R, "y2": y, "cls": "axis" if e == 0 else "grid"})
            out.append({"t": "text", "x": L - 6, "y": y + 4, "s": "1" if e == 0 else "10" + str(e).translate(SUPER),
                        "cls": "small", "anchor": "end"})
        for k in range(0, K + 1, 10):
            x = round(self.px(k), 1)
            out.append({"t": "line", "x1": x, "y1": B, "x2": x, "y2": B + 5, "cls": "tick"})
            out.append({"t": "text", "x": x, "y": B + 18, "s": str(k), "cls": "small"})
        out.append({"t": "line", "x1": L, "y1": T, "x2": L, "y2": B, "cls": "axis"})
        out.append({"t": "text", "x": (L + R) / 2, "y": B + 38, "s": "steps back in time, k (the loss is at k = 0)",
                    "cls": "label"})
        out.append({"t": "text", "x": L + 6, "y": T + 12, "s": "\u2016\u2202L/\u2202h\u2016, log scale",
                    "cls": "small muted", "anchor": "start"})
        # The reference line rho^k, straight on a log axis.
        lg_end = K * math.log10(self.rho)
        out.append({"t": "line", "x1": L, "y1": round(self.py(0), 1), "x2": R, "y2": round(self.py(lg_end), 1),
                    "cls": "muted"})
        out.append({"t": "text", "x": R - 4, "y": round(self.py(lg_end) + (16 if lg_end >= 0 else -8), 1),
                    "s": f"\u03c1\u1d4f = {self.rho:.2f}\u1d4f", "cls": "small muted", "anchor": "end"})
        # The real gradient norms, one dot per step back.
        for k, n in enumerate(self.norms()):
            lg = math.log10(n) if n > 0 else LOG_MIN - 1
            clipped = lg < LOG_MIN or lg > LOG_MAX
            out.append({"t": "circle", "cx": round(self.px(k), 1), "cy": round(self.py(lg), 1),
                        "r": 2.5 if clipped else 3.5, "cls": "accent2" if clipped else "accent"})
        out.append({"t": "circle", "cx": R, "cy": round(self.py(lg_end), 1), "r": 7, "cls": "handle",
                    "handle": "end", "label": "spectral radius rho: drag the line's far end up or down",
                    "value": f"rho = {self.rho:.2f}"})
        return out

    def readouts(self):
        n = self.norms()
        K = self.steps
        ks = sorted({k for k in (10, 20) if k < K} | {K})
        out = [
            {"label": "\u03c1 (spectral radius of W\u2095)", "value": f"{self.rho:.2f}"},
            {"label": "squashing", "value": "tanh" if self.tanh else "none (linear)"},
        ]
        for i, k in enumerate(ks):
            label = f"\u2016\u2202L/\u2202h\u2016 at k = {k}" if i == 0 else f"k = {k}"
            out.append({"label": label, "value": sci(n[k])})
        out.append({"label": f"\u03c1{str(K).translate(SUPER)}", "value": sci(self.rho ** K)})
        return out

    def controls(self):
        return [
            {"kind": "range", "id": "rho", "label": "\u03c1", "min": RHO_MIN, "max": RHO_MAX, "step": RHO_STEP,
             "value": self.rho, "display": f"{self.rho:.2f}"},
            {"kind": "button", "id": "tanh", "label": "Remove tanh" if self.tanh else "Add tanh"},
        ]

    def __repr__(self):
        return f"<gradient_decay rho={self.rho:.2f}, {'tanh' if self.tanh else 'linear'}>"
