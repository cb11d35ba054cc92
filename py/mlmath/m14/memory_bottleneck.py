"""The fixed-size bottleneck: how much each input still moves the RNN's final hidden state.

The same two-unit tanh RNN as gradient_decay, h_t = tanh(W_h h_{t-1} + w_x x_t) with
W_h = rho * M, reads T inputs. For every input x_t the widget computes the sensitivity
v_t = dh_T/dx_t (a 2-vector) exactly, by the chain rule backward from h_T:

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
from ..show import SUPER, sci
from ..widgets.base import Widget, number, whole
from .gradient_decay import RHO_MAX, RHO_MIN, RHO_STEP, W_X, inputs, run, snap_rho

T_MIN, T_MAX = 2, 60
LOG_MIN, LOG_MAX = -8, 0


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
    left, right, top, bottom = 58, 390, 20, 250
    cx, cy, radius = 500, 128, 82          # the plane of h_T

    def configure(self, config):
        self.length = whole(self.name, "length", config.pop("length", 5), T_MIN, T_MAX)
        self.rho = snap_rho(number(self.name, "rho", config.pop("rho", 0.9), RHO_MIN, RHO_MAX))
        super().configure(config)

    @staticmethod
    def _clamp_length(n):
        return min(max(int(round(n)), T_MIN), T_MAX)

    # Geometry -------------------------------------------------------------------------
    def px(self, t):
        """Centre x of input t's bar, t = 1..T_MAX."""
        return self.left + (t - 0.5) / T_MAX * (self.right - self.left)

    def py(self, lg):
        lg = min(max(lg, LOG_MIN), LOG_MAX)
        return self.bottom - (lg - LOG_MIN) / (LOG_MAX - LOG_MIN) * (self.bottom - self.top)

    # State ----------------------------------------------------------------------------
    def values(self):
        _, vs = footprints(self.rho, self.length)
        first, last = math.hypot(*vs[0]), math.hypot(*vs[-1])
        return {"length": self.length, "rho": self.rho, "first": first, "last": last,
                "ratio": first / last if last > 0 else math.inf, "flip": flip_gap(self.rho, self.length)}

    def set_values(self, values):
        for key, v in values.items():
            if key == "length":
                self.length = self._clamp_length(v)
            elif key == "rho":
                self.rho = snap_rho(v)
            else:
                raise KeyError(f"memory_bottleneck cannot set {key!r}; it sets length and rho")

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            try:
                value = float(event.get("value"))
            except (TypeError, ValueError):
                return
            if event.get("id") == "length":
                self.length = self._clamp_length(value)
            elif event.get("id") == "rho":
                self.rho = snap_rho(value)
        elif kind == "drag" and event.get("handle") == "T":
            x = float(event.get("x", self.px(self.length)))
            self.length = self._clamp_length((x - self.left) / (self.right - self.left) * T_MAX + 0.5)
        elif kind == "key" and event.get("handle") == "T":
            step = {"ArrowRight": 1, "ArrowUp": 1, "ArrowLeft": -1, "ArrowDown": -1,
                    "PageUp": 10, "PageDown": -10}.get(event.get("key"))
            if step is not None:
                self.length = self._clamp_length(self.length + step)
            elif event.get("key") == "Home":
                self.length = T_MIN
            elif event.get("key") == "End":
                self.length = T_MAX

    # The scene --------------------------------------------------------------------------
    def shapes(self):
        L, R, T, B = self.left, self.right, self.top, self.bottom
        hs, vs = footprints(self.rho, self.length)
        out = []
        for e in range(LOG_MIN, LOG_MAX + 1, 2):
            y = round(self.py(e), 1)
            out.append({"t": "line", "x1": L, "y1": y, "x2": R, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": L - 6, "y": y + 4, "s": "1" if e == 0 else "10" + str(e).translate(SUPER),
                        "cls": "small", "anchor": "end"})
        out.append({"t": "line", "x1": L, "y1": B, "x2": R, "y2": B, "cls": "axis"})
        out.append({"t": "line", "x1": L, "y1": T, "x2": L, "y2": B, "cls": "axis"})
        for t in (1, 10, 20, 30, 40, 50, 60):
            out.append({"t": "text", "x": round(self.px(t), 1), "y": B + 15, "s": str(t), "cls": "small"})
        out.append({"t": "text", "x": (L + R) / 2, "y": B + 32, "s": "input x\u209c, oldest on the left",
                    "cls": "small"})
        out.append({"t": "text", "x": L + 4, "y": T - 6, "s": "\u2016\u2202h_T/\u2202x\u209c\u2016, log scale",
                    "cls": "small muted", "anchor": "start"})
        w = (R - L) / T_MAX * 0.72
        for t in range(1, self.length + 1):
            n = math.hypot(*vs[t - 1])
            lg = math.log10(n) if n > 0 else LOG_MIN
            y = self.py(lg)
            out.append({"t": "rect", "x": round(self.px(t) - w / 2, 1), "y": round(y, 1), "w": round(w, 1),
                        "h": round(max(B - y, 0.5), 1), "cls": "accent2" if t == 1 else "accent"})
        hx = round(self.px(self.length), 1)
        out.append({"t": "line", "x1": hx, "y1": T, "x2": hx, "y2": B, "cls": "muted"})
        out.append({"t": "circle", "cx": hx, "cy": B, "r": 7, "cls": "accent handle",
                    "handle": "T", "label": "sequence length T: drag along the axis, or use the arrow keys",
                    "value": f"T = {self.length}"})
        out.append({"t": "text", "x": round(hx + 6, 1), "y": T + 12, "s": f"T = {self.length}",
                    "cls": "small accent", "anchor": "start"})
        # The plane of h_T: every input's footprint v_t is an arrow in the same two dimensions.
        cx, cy, r = self.cx, self.cy, self.radius
        out.append({"t": "circle", "cx": cx, "cy": cy, "r": r, "cls": "grid nofill"})
        out.append({"t": "line", "x1": cx - r - 6, "y1": cy, "x2": cx + r + 6, "y2": cy, "cls": "grid"})
        out.append({"t": "line", "x1": cx, "y1": cy - r - 6, "x2": cx, "y2": cy + r + 6, "cls": "grid"})
        out.append({"t": "text", "x": cx + r + 2, "y": cy - 6, "s": "h\u00b9", "cls": "small muted", "anchor": "end"})
        out.append({"t": "text", "x": cx + 6, "y": cy - r + 8, "s": "h\u00b2", "cls": "small muted", "anchor": "start"})
        scale = r / 0.8                                # a footprint of length 0.8 reaches the rim
        for t in range(self.length, 0, -1):
            vx, vy = vs[t - 1]
            ex, ey = cx + max(min(vx * scale, r), -r), cy - max(min(vy * scale, r), -r)
            out.append({"t": "line", "x1": cx, "y1": cy, "x2": round(ex, 1), "y2": round(ey, 1),
                        "cls": "accent2" if t == 1 else "accent"})
        hT = hs[-1]
        out.append({"t": "circle", "cx": round(cx + hT[0] * r, 1), "cy": round(cy - hT[1] * r, 1), "r": 4,
                    "cls": "accent3"})
        out.append({"t": "text", "x": cx, "y": cy + r + 22, "s": f"h_T: 2 numbers, after {self.length} inputs",
                    "cls": "small"})
        out.append({"t": "text", "x": cx, "y": cy + r + 36, "s": "arrows: \u2202h_T/\u2202x\u209c; dot: h_T",
                    "cls": "small muted"})
        return out

    def readouts(self):
        v = self.values()
        return [
            {"label": "T", "value": str(self.length)},
            {"label": "\u03c1", "value": f"{self.rho:.2f}"},
            {"label": "\u2016\u2202h_T/\u2202x\u2081\u2016 (oldest)", "value": sci(v["first"])},
            {"label": "\u2016\u2202h_T/\u2202x_T\u2016 (newest)", "value": sci(v["last"])},
            {"label": "oldest / newest", "value": sci(v["ratio"])},
            {"label": "flip x\u2081's sign: h_T moves by", "value": sci(v["flip"])},
        ]

    def controls(self):
        return [
            {"kind": "range", "id": "length", "label": "T", "min": T_MIN, "max": T_MAX, "step": 1,
             "value": self.length, "display": str(self.length)},
            {"kind": "range", "id": "rho", "label": "\u03c1", "min": RHO_MIN, "max": RHO_MAX, "step": RHO_STEP,
             "value": self.rho, "display": f"{self.rho:.2f}"},
        ]

    def __repr__(self):
        return f"<memory_bottleneck T={self.length}, rho={self.rho:.2f}>"
