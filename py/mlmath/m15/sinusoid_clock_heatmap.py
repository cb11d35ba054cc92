"""Sinusoidal positional encodings as a heatmap of clocks: every pair of dimensions is a hand turning at its own speed.

Position p gets the vector

    PE(p) = [sin(w_0 p), cos(w_0 p), sin(w_1 p), cos(w_1 p), ...],   w_i = base ** (-2i / d)

so pair i is the point (cos(w_i p), sin(w_i p)) on the unit circle: a clock hand that
turns w_i radians per position. The heatmap has one column per position and one row per
dimension (square area = size of the number, orange positive, blue negative). Two
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

Goal checks see p1, p2, offset (p2 - p1), base, dist (|PE(p1) - PE(p2)|),
dot (PE(p1) . PE(p2)), nearest (the position other than p1 closest to it) and
nearest_dist.
"""

import math

from ..widgets import register
from ..show import MINUS, fixed, num
from ..widgets.base import Widget, arrow_step, whole

LOG_MIN, LOG_MAX, LOG_STEP = 0.0, 4.0, 0.5


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
    return str(int(round(base))) if base >= 100 or abs(base - round(base)) < 1e-9 else num(base, 1)


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
            raise ValueError("sinusoid_clock_heatmap: dims must be even (sin and cos come in pairs)")
        base = config.pop("base", 10000)
        if isinstance(base, bool) or not isinstance(base, (int, float)) or base <= 0:
            raise ValueError(f"sinusoid_clock_heatmap: base must be a power of 10 from 1 to 10000, not {base!r}")
        lb = math.log10(base)
        if abs(lb * 2 - round(lb * 2)) > 1e-9 or not LOG_MIN <= lb <= LOG_MAX:
            raise ValueError(f"sinusoid_clock_heatmap: base must be 1, 10^0.5, 10, ... or 10000, not {base!r}")
        self.start = {"p1": whole(n, "p1", config.pop("p1", 3), 0, self.n - 1),
                      "p2": whole(n, "p2", config.pop("p2", 4), 0, self.n - 1),
                      "logbase": round(lb * 2) / 2}
        super().configure(config)
        self.reset()

    def reset(self):
        self.p1, self.p2, self.logbase = self.start["p1"], self.start["p2"], self.start["logbase"]

    # The encoding -----------------------------------------------------------------------------
    @property
    def base(self):
        return 10 ** self.logbase

    def pe(self, p):
        return encoding(p, self.d, self.base)

    def dist(self, a, b):
        return math.dist(self.pe(a), self.pe(b))

    def dot(self, a, b):
        return sum(x * y for x, y in zip(self.pe(a), self.pe(b)))

    def nearest(self, p):
        """The other position whose encoding is closest to p's (the lower one on a tie)."""
        others = [q for q in range(self.n) if q != p]
        return min(others, key=lambda q: (round(self.dist(p, q), 12), q))

    # State -----------------------------------------------------------------------------------
    def values(self):
        near = self.nearest(self.p1)
        return {"p1": self.p1, "p2": self.p2, "offset": self.p2 - self.p1, "base": self.base,
                "dist": self.dist(self.p1, self.p2), "dot": self.dot(self.p1, self.p2),
                "nearest": near, "nearest_dist": self.dist(self.p1, near)}

    def set_values(self, values):
        unknown = set(values) - {"p1", "p2", "logbase"}
        if unknown:
            raise KeyError(f"sinusoid_clock_heatmap can set only p1, p2 and logbase, not {sorted(unknown)}")
        if "p1" in values:
            self.p1 = self._pos(values["p1"])
        if "p2" in values:
            self.p2 = self._pos(values["p2"])
        if "logbase" in values:
            self._set_log(values["logbase"])

    def _pos(self, v):
        return min(max(int(round(float(v))), 0), self.n - 1)

    def _set_log(self, v):
        v = round(float(v) / LOG_STEP) * LOG_STEP
        self.logbase = min(max(v, LOG_MIN), LOG_MAX)

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            if event.get("id") == "logbase":
                self._set_log(event.get("value", self.logbase))
            return
        h = event.get("handle")
        if h not in ("p1", "p2"):
            return
        if kind == "drag":
            p = self._pos((float(event["x"]) - self.x0) / self.cw - 0.5)
        elif kind == "key":
            key, cur = event.get("key"), getattr(self, h)
            p = {"Home": 0, "End": self.n - 1}.get(key)
            if p is None:
                p = self._pos(cur + arrow_step(key, fine=1, coarse=5))
        else:
            return
        setattr(self, h, p)

    # Drawing ---------------------------------------------------------------------------------
    @property
    def clock_y(self):
        return self.top + self.d * self.ch + 62

    @property
    def height(self):
        return self.clock_y + 62

    def cx(self, p):
        return round(self.x0 + (p + 0.5) * self.cw, 1)

    def shapes(self):
        out = []
        x_end = self.x0 + self.n * self.cw
        bottom = self.top + self.d * self.ch
        # the position ruler and the two markers
        for p in range(0, self.n, 4):
            out.append({"t": "text", "x": self.cx(p), "y": self.top - 24, "s": str(p), "cls": "small muted"})
        out.append({"t": "text", "x": self.x0 - 8, "y": self.top - 24, "s": "position", "anchor": "end",
                    "cls": "small muted"})
        for h, cls in (("p1", "accent"), ("p2", "accent2")):
            p = getattr(self, h)
            out.append({"t": "rect", "x": self.cx(p) - self.cw / 2, "y": self.top - 2, "w": self.cw,
                        "h": self.d * self.ch + 4, "cls": f"{cls} nofill"})
        # the heatmap: one square per (dimension, position), area = |value|
        freqs = frequencies(self.d, self.base)
        for r in range(self.d):
            y = self.top + r * self.ch
            w = freqs[r // 2]
            if r % 2 == 0:
                out.append({"t": "text", "x": 4, "y": y + self.ch + 3, "s": f"\u03c9 = {self.omega_text(w)}",
                            "anchor": "start", "cls": "small muted"})
            out.append({"t": "text", "x": self.x0 - 6, "y": y + 11, "s": "sin" if r % 2 == 0 else "cos",
                        "anchor": "end", "cls": "small muted"})
            for p in range(self.n):
                v = math.sin(w * p) if r % 2 == 0 else math.cos(w * p)
                if abs(v) < 0.02:
                    continue
                side = round((self.ch - 3) * math.sqrt(abs(v)), 1)
                out.append({"t": "rect", "x": round(self.cx(p) - side / 2, 1), "y": round(y + self.ch / 2 - side / 2, 1),
                            "w": side, "h": side, "cls": "accent3" if v > 0 else "muted"})
            if r % 2 == 1 and r < self.d - 1:
                out.append({"t": "line", "x1": self.x0, "y1": y + self.ch, "x2": x_end, "y2": y + self.ch,
                            "cls": "grid"})
        out.append({"t": "text", "x": x_end + 6, "y": self.top + 10, "s": "\u25a0 +", "anchor": "start",
                    "cls": "small accent3"})
        out.append({"t": "text", "x": x_end + 6, "y": self.top + 26, "s": f"\u25a1 {MINUS}", "anchor": "start",
                    "cls": "small muted"})
        # the handles sit on the ruler, drawn after the grid so they take the pointer
        for h, cls, name in (("p1", "accent", "p"), ("p2", "accent2", "p\u2032")):
            p = getattr(self, h)
            other = self.p2 if h == "p1" else self.p1
            dy = -4 if (p == other and h == "p2") else 0
            out.append({"t": "text", "x": self.cx(p), "y": self.top - 38 + dy, "s": name, "cls": f"small {cls}"})
            out.append({"t": "circle", "cx": self.cx(p), "cy": self.top - 12, "r": 7, "cls": cls, "handle": h,
                        "label": f"position {name}: drag along the ruler, or use the arrow keys",
                        "value": f"{name} = {p}"})
        # the clocks: one per pair, both hands
        cy, rad = self.clock_y, 24
        out.append({"t": "text", "x": 4, "y": bottom + 22, "anchor": "start", "cls": "small muted",
                    "s": "each pair (cos, sin) is a clock hand turning \u03c9 radians per position"})
        gap = min(96, (self.width - 80) / max(1, self.d // 2))
        for i, w in enumerate(freqs):
            x = round(60 + i * gap, 1)
            out.append({"t": "circle", "cx": x, "cy": cy, "r": rad, "cls": "grid nofill"})
            for p, cls in ((self.p1, "accent"), (self.p2, "accent2")):
                a = w * p
                out.append({"t": "line", "x1": x, "y1": cy, "x2": round(x + rad * math.cos(a), 1),
                            "y2": round(cy - rad * math.sin(a), 1), "cls": cls})
            out.append({"t": "text", "x": x, "y": cy + rad + 16, "s": f"pair {i}", "cls": "small muted"})
        return out

    @staticmethod
    def omega_text(w):
        if w >= 0.01:
            return num(w, 3 if w < 0.1 else 2)
        return f"{w:.1e}".replace("e-0", "e\u2212")

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
        return [{"kind": "range", "id": "logbase", "label": "base (frequency spread)", "min": LOG_MIN,
                 "max": LOG_MAX, "step": LOG_STEP, "value": self.logbase, "display": show_base(self.base)}]

    def __repr__(self):
        return f"<sinusoid_clock_heatmap p = {self.p1}, p\u2032 = {self.p2}, base {show_base(self.base)}>"
