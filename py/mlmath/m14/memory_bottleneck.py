"""The fixed-size bottleneck: how much each input still moves the RNN's final hidden state.

The two-unit tanh RNN of two_unit_rnn.py (gradient_decay's) reads T inputs. For every
input x_t the widget computes the sensitivity v_t = dh_T/dx_t (a 2-vector) exactly, by the
chain rule backward from h_T:

    v_t = (J_T J_{T-1} ... J_{t+1}) D_t w_x,   J_s = D_s W_h,   D_s = diag(1 - h_s^2),

and draws ||v_t|| as one bar per input on a log axis (left), and every v_t as an arrow in
the plane of h_T (right): whatever T is, all the footprints share the same two numbers.
It also runs the RNN a second time with x_1 flipped in sign and reports how far h_T moves.

    ```widget memory_bottleneck
    id = "squeeze"
    length = 5          # T, 2 to 60 (slider, or drag the marker along the axis)
    rho = 0.9           # W_h's spectral radius, 0.5 to 1.5
    goal = { text = "...", check = "ratio < 0.001", solution = { length = 40 } }
    ```

values() for goals: length, rho, first (||dh_T/dx_1||), last (||dh_T/dx_T||),
ratio (first / last), flip (||h_T - h_T'|| when x_1 changes sign).
"""

import math

from ..widgets import register
from ..show import fixed, sci
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .two_unit_rnn import W_X, decade, inputs, rho_knob, run

T_MAX = 60


def footprints(rho, length):
    """(hs, [v_1, ..., v_T]) with v_t = dh_T/dx_t, by the chain rule backward from h_T."""
    W, hs = run(rho, inputs(length))
    P = [[1.0, 0.0], [0.0, 1.0]]          # dh_T/dh_t, starting at t = T
    vs = [None] * length
    for t in range(length, 0, -1):
        D = [1 - hs[t][0] ** 2, 1 - hs[t][1] ** 2]
        PD = [[P[i][j] * D[j] for j in range(2)] for i in range(2)]       # dh_T/da_t
        vs[t - 1] = [PD[i][0] * W_X[0] + PD[i][1] * W_X[1] for i in range(2)]
        P = [[PD[i][0] * W[0][j] + PD[i][1] * W[1][j] for j in range(2)] for i in range(2)]
    return hs, vs


def flip_gap(rho, length):
    """How far h_T moves when x_1 is replaced by -x_1 and everything else stays."""
    xs = inputs(length)
    _, a = run(rho, xs)
    _, b = run(rho, [-xs[0]] + xs[1:])
    return math.hypot(a[-1][0] - b[-1][0], a[-1][1] - b[-1][1])


@register
class MemoryBottleneck(Widget):
    name = "memory_bottleneck"
    width, height = 600, 310
    cx, cy, radius = 500, 128, 82          # the plane of h_T
    # input t's bar is centred at t - 0.5, so 60 bars fill 0..60
    plot = Plot(x=(0, T_MAX), y=(1e-8, 1), box=(58, 20, 390, 250), ylog=True, yfmt=decade)

    def configure(self, config):
        self.knobs = {
            "length": Slider("length", "T", 2, T_MAX, 1, whole(self.name, "length", config.pop("length", 5), 2, T_MAX),
                             coarse=10),
            "rho": rho_knob(self.name, config.pop("rho", 0.9))}
        super().configure(config)

    def values(self):
        T, rho = self.knobs["length"].value, self.knobs["rho"].value
        _, vs = footprints(rho, T)
        first, last = math.hypot(*vs[0]), math.hypot(*vs[-1])
        return {**super().values(), "first": first, "last": last,
                "ratio": first / last if last > 0 else math.inf, "flip": flip_gap(rho, T)}

    def drag(self, handle, x, y):
        if handle == "length":
            self.knobs["length"].set(self.plot.x.value(x) + 0.5)

    def shapes(self):
        plot, T = self.plot, self.knobs["length"].value
        left, top, right, bottom = plot.box
        hs, vs = footprints(self.knobs["rho"].value, T)
        out = plot.frame("", "\u2016\u2202h_T/\u2202x\u209c\u2016, log scale", xticks=[],
                         yticks=[10.0 ** e for e in range(-8, 1, 2)])
        out += [S.text(plot.x(t - 0.5), bottom + 15, t, "small") for t in (1, 10, 20, 30, 40, 50, 60)]
        out.append(S.text((left + right) / 2, bottom + 32, "input x\u209c, oldest on the left", "small"))
        hx = plot.x(T - 0.5)
        out.append(S.line(hx, top, hx, bottom, "muted"))
        out.append(S.text(hx + 6, top + 12, f"T = {T}", "small accent", "start"))
        out.append(plot.handle("length", T - 0.5, 1e-8, "sequence length T: drag along the axis, or use the arrow keys",
                               f"T = {T}", r=7))
        w = (right - left) / T_MAX * 0.72
        for t in range(1, T + 1):
            y = plot.y(max(math.hypot(*vs[t - 1]), 1e-8))
            out.append(S.rect(plot.x(t - 0.5) - w / 2, y, w, max(bottom - y, 0.5), "accent2" if t == 1 else "accent"))
        # The plane of h_T: every input's footprint v_t is an arrow in the same two dimensions.
        cx, cy, r = self.cx, self.cy, self.radius
        out += [S.circle(cx, cy, r, "grid nofill"), S.line(cx - r - 6, cy, cx + r + 6, cy, "grid"),
                S.line(cx, cy - r - 6, cx, cy + r + 6, "grid"),
                S.text(cx + r + 2, cy - 6, "h\u00b9", "small muted", "end"),
                S.text(cx + 6, cy - r + 8, "h\u00b2", "small muted", "start")]
        scale = r / 0.8                                # a footprint of length 0.8 reaches the rim
        for t in range(T, 0, -1):
            vx, vy = (max(min(v * scale, r), -r) for v in vs[t - 1])
            out.append(S.line(cx, cy, cx + vx, cy - vy, "accent2" if t == 1 else "accent"))
        hT = hs[-1]
        out += [S.circle(cx + hT[0] * r, cy - hT[1] * r, 4, "accent3"),
                S.text(cx, cy + r + 22, f"h_T: 2 numbers, after {T} inputs", "small"),
                S.text(cx, cy + r + 36, "arrows: \u2202h_T/\u2202x\u209c; dot: h_T", "small muted")]
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "T", "value": str(v["length"])},
                {"label": "\u03c1", "value": fixed(v["rho"], 2)},
                {"label": "\u2016\u2202h_T/\u2202x\u2081\u2016 (oldest)", "value": sci(v["first"])},
                {"label": "\u2016\u2202h_T/\u2202x_T\u2016 (newest)", "value": sci(v["last"])},
                {"label": "oldest / newest", "value": sci(v["ratio"])},
                {"label": "flip x\u2081's sign: h_T moves by", "value": sci(v["flip"])}]

    def controls(self):
        return [self.knobs["length"].control(), self.knobs["rho"].control()]
