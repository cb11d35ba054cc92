"""Sinusoidal positional encodings as a heatmap of clocks: every pair of dimensions is a hand turning at its own speed.

Position p gets the vector

    PE(p) = [sin(w_0 p), cos(w_0 p), sin(w_1 p), cos(w_1 p), ...],   w_i = base ** (-2i / d)

so pair i is the point (cos(w_i p), sin(w_i p)) on the unit circle: a clock hand that
turns w_i radians per position. The heatmap has one column per position and one row per
dimension (square area = size of the number, filled positive, hollow negative). Two
position markers, p and p', can be dragged along the top; the clocks below show both
hands for every pair. The base slider is the frequency control: at base 10000 the
hands run from 1 radian per position down to a crawl; at base 1 every hand runs at
1 radian per position and the fingerprint repeats.

    ```widget sinusoid_clock_heatmap
    id = "clock"
    positions = 32        # columns
    dims = 12             # rows (even): dims / 2 clocks
    p1 = 3
    p2 = 4
    base = 10000          # a power of 10 from 1 to 10000
    ```

Goal checks see p1, p2, logbase (log10 of the base), offset (p2 - p1), base, dist (|PE(p1) - PE(p2)|),
dot (PE(p1) . PE(p2)), nearest (the position other than p1 closest to it) and
nearest_dist.
"""

import math

from ..numeric import dot
from ..show import MINUS, fixed, num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider


def frequencies(d, base):
    """The d/2 clock speeds, radians per position."""
    return [base ** (-2 * i / d) for i in range(d // 2)]


def encoding(p, d, base):
    """The sinusoidal encoding of position p: sin and cos of every clock, interleaved."""
    out = []
    for w in frequencies(d, base):
        out += [math.sin(w * p), math.cos(w * p)]
    return out


def show_base(base):
    return num(base, 0 if base >= 100 else 1)


@register
class SinusoidClockHeatmap(Widget):
    name = "sinusoid_clock_heatmap"
    width = 640
    x0, cw, top, ch = 84, 16, 52, 14      # heatmap origin, cell width, first row, row height

    def configure(self, config):
        n = self.name
        self.n = whole(n, "positions", config.pop("positions", 32), 8, 34)
        self.d = whole(n, "dims", config.pop("dims", 12), 2, 14)
        if self.d % 2:
            raise ValueError(f"{n}: dims must be even (sin and cos come in pairs)")
        base = config.pop("base", 10000)
        if isinstance(base, bool) or not isinstance(base, (int, float)) or base <= 0:
            raise ValueError(f"{n}: base must be a power of 10 from 1 to 10000, not {base!r}")
        lb = math.log10(base)
        if abs(lb * 2 - round(lb * 2)) > 1e-9 or not 0 <= lb <= 4:
            raise ValueError(f"{n}: base must be 1, 10^0.5, 10, ... or 10000, not {base!r}")
        p1 = whole(n, "p1", config.pop("p1", 3), 0, self.n - 1)
        p2 = whole(n, "p2", config.pop("p2", 4), 0, self.n - 1)
        super().configure(config)
        self.knobs = {"p1": Slider("p1", "p", 0, self.n - 1, 1, p1, coarse=5),
                      "p2": Slider("p2", "p\u2032", 0, self.n - 1, 1, p2, coarse=5),
                      "logbase": Slider("logbase", "base (frequency spread)", 0.0, 4.0, 0.5, round(lb * 2) / 2,
                                        fmt=lambda v: show_base(10 ** v))}

    # The encoding -----------------------------------------------------------------------------
    @property
    def p1(self):
        return self.knobs["p1"].value

    @property
    def p2(self):
        return self.knobs["p2"].value

    @property
    def base(self):
        return 10 ** self.knobs["logbase"].value

    def pe(self, p):
        return encoding(p, self.d, self.base)

    def dist(self, a, b):
        return math.dist(self.pe(a), self.pe(b))

    def nearest(self, p):
        """The other position whose encoding is closest to p's (the lower one on a tie)."""
        return min((q for q in range(self.n) if q != p), key=lambda q: (round(self.dist(p, q), 12), q))

    def values(self):
        near = self.nearest(self.p1)
        return {**super().values(), "offset": self.p2 - self.p1, "base": self.base,
                "dist": self.dist(self.p1, self.p2), "dot": dot(self.pe(self.p1), self.pe(self.p2)),
                "nearest": near, "nearest_dist": self.dist(self.p1, near)}

    def drag(self, handle, x, y):
        if handle in ("p1", "p2"):
            self.knobs[handle].set((x - self.x0) / self.cw - 0.5)

    # Drawing ---------------------------------------------------------------------------------
    @property
    def clock_y(self):
        return self.top + self.d * self.ch + 62

    @property
    def height(self):
        return self.clock_y + 62

    def cx(self, p):
        return self.x0 + (p + 0.5) * self.cw

    def shapes(self):
        x_end, bottom = self.x0 + self.n * self.cw, self.top + self.d * self.ch
        out = [S.text(self.cx(p), self.top - 24, str(p), "small muted") for p in range(0, self.n, 4)]
        out.append(S.text(self.x0 - 8, self.top - 24, "position", "small muted", "end"))
        for p, cls in ((self.p1, "accent"), (self.p2, "accent2")):
            out.append(S.rect(self.cx(p) - self.cw / 2, self.top - 2, self.cw, self.d * self.ch + 4, f"{cls} nofill"))
        # one square per (dimension, position): its area is |value|, filled if positive, hollow if negative
        freqs = frequencies(self.d, self.base)
        for r in range(self.d):
            y, w = self.top + r * self.ch, freqs[r // 2]
            if r % 2 == 0:
                out.append(S.text(4, y + self.ch + 3, f"\u03c9 = {self.omega_text(w)}", "small muted", "start"))
            out.append(S.text(self.x0 - 6, y + 11, "sin" if r % 2 == 0 else "cos", "small muted", "end"))
            for p in range(self.n):
                v = math.sin(w * p) if r % 2 == 0 else math.cos(w * p)
                if abs(v) >= 0.02:
                    side = (self.ch - 3) * math.sqrt(abs(v))
                    out.append(S.rect(self.cx(p) - side / 2, y + self.ch / 2 - side / 2, side, side,
                                      "accent3" if v > 0 else "muted"))
            if r % 2 == 1 and r < self.d - 1:
                out.append(S.line(self.x0, y + self.ch, x_end, y + self.ch, "grid"))
        out += [S.text(x_end + 6, self.top + 10, "\u25a0 +", "small accent3", "start"),
                S.text(x_end + 6, self.top + 26, f"\u25a1 {MINUS}", "small muted", "start")]
        # the handles sit on the ruler, drawn after the grid so they take the pointer
        for h, cls, name in (("p1", "accent", "p"), ("p2", "accent2", "p\u2032")):
            p = self.knobs[h].value
            dy = -4 if (h == "p2" and self.p1 == self.p2) else 0
            out.append(S.text(self.cx(p), self.top - 38 + dy, name, f"small {cls}"))
            out.append(S.handle(S.circle(self.cx(p), self.top - 12, 7, cls), h,
                                f"position {name}: drag along the ruler, or use the arrow keys", f"{name} = {p}"))
        # the clocks: one per pair, both hands
        cy, rad = self.clock_y, 24
        out.append(S.text(4, bottom + 22, "each pair (cos, sin) is a clock hand turning \u03c9 radians per position",
                          "small muted", "start"))
        gap = min(96, (self.width - 80) / max(1, self.d // 2))
        for i, w in enumerate(freqs):
            x = 60 + i * gap
            out.append(S.circle(x, cy, rad, "grid nofill"))
            out += [S.line(x, cy, x + rad * math.cos(w * p), cy - rad * math.sin(w * p), cls)
                    for p, cls in ((self.p1, "accent"), (self.p2, "accent2"))]
            out.append(S.text(x, cy + rad + 16, f"pair {i}", "small muted"))
        return out

    @staticmethod
    def omega_text(w):
        return num(w, 3 if w < 0.1 else 2) if w >= 0.01 else sci(w)

    def readouts(self):
        v = self.values()
        return [
            {"label": "p", "value": str(self.p1)},
            {"label": "p\u2032", "value": str(self.p2)},
            {"label": "|PE(p) \u2212 PE(p\u2032)|", "value": fixed(v["dist"])},
            {"label": "PE(p)\u00b7PE(p\u2032)", "value": fixed(v["dot"])},
            {"label": "closest to p", "value": f"{v['nearest']} (distance {fixed(v['nearest_dist'])})"},
        ]

    def controls(self):
        return [self.knobs["logbase"].control()]

    def __repr__(self):
        return f"<sinusoid_clock_heatmap p = {self.p1}, p\u2032 = {self.p2}, base {show_base(self.base)}>"
