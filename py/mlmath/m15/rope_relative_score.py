"""RoPE on one pair: rotate the query by m·θ and the key by n·θ, and the score depends only on m − n.

A query vector q sits at position m and a key vector k at position n (both 2-D: one
pair of dimensions). RoPE turns q by the angle m·θ and k by n·θ before the dot
product, so the angle between them changes by (n − m)·θ and

    score = |q| |k| cos(angle(k) − angle(q) − (m − n)·θ)

depends on the offset m − n alone. Drag m and n, or drag the bar between them to move
both at once: under RoPE the score stays put. The mode button swaps in the older
recipe, adding a sinusoidal position vector (sin pθ, cos pθ) to q and k; then the
score also depends on where the pair sits, and the dot leaves the curve.

    ```widget rope_relative_score
    id = "rope"
    positions = 16      # 0 .. 15
    m = 5               # query position
    n = 5               # key position
    theta = 0.4         # radians per position
    q = [1.5, 0.0]      # the query's content
    k = [0.435, 1.118]  # the key's content: length 1.2, at 1.2 rad
    ```

Goal checks see m, n, offset (m − n), score, rope (1 under RoPE, 0 when adding) and
best (the offset whose RoPE score is highest, among 0 .. positions − 1).
"""

import math

from ..widgets import register
from ..show import fixed, num
from ..widgets.base import Widget, arrow_step, one_of, whole


def rotate(v, angle):
    c, s = math.cos(angle), math.sin(angle)
    return [v[0] * c - v[1] * s, v[0] * s + v[1] * c]


def dot(a, b):
    return a[0] * b[0] + a[1] * b[1]


def _pair(value, what):
    ok = (isinstance(value, (list, tuple)) and len(value) == 2
          and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value))
    if not ok or math.hypot(*value) > 2.2:
        raise ValueError(f"rope_relative_score: {what} must be a pair of numbers of length at most 2.2, not {value!r}")
    return [float(value[0]), float(value[1])]


@register
class RopeRelativeScore(Widget):
    name = "rope_relative_score"
    width, height = 640, 340
    px0, py0, side, extent = 10, 22, 290, 2.6      # the plane
    rx0, rx1, ry = 340, 626, 64                     # the position ruler
    gx0, gx1, gy0, gy1 = 352, 626, 150, 300         # the score-against-offset plot
    smax = 3.6

    def configure(self, config):
        self.positions = whole(self.name, "positions", config.pop("positions", 16), 8, 64)
        theta = config.pop("theta", 0.4)
        if isinstance(theta, bool) or not isinstance(theta, (int, float)) or not 0 < theta <= math.pi:
            raise ValueError(f"rope_relative_score: theta must be in (0, pi], not {theta!r}")
        self.theta = float(theta)
        self.q = _pair(config.pop("q", [1.5, 0.0]), "q")
        self.k = _pair(config.pop("k", [1.2 * math.cos(1.2), 1.2 * math.sin(1.2)]), "k")
        mode = one_of(self.name, "mode", config.pop("mode", "rope"), ("rope", "add"))
        last = self.positions - 1
        self.start = {"m": whole(self.name, "m", config.pop("m", 5), 0, last),
                      "n": whole(self.name, "n", config.pop("n", 5), 0, last), "rope": mode == "rope"}
        super().configure(config)
        self.reset()

    def reset(self):
        self.m, self.n, self.rope = self.start["m"], self.start["n"], self.start["rope"]

    # The score ---------------------------------------------------------------------------
    def encode(self, v, p, rope=None):
        """The vector as it enters the score at position p: rotated (RoPE) or plus (sin pθ, cos pθ)."""
        if self.rope if rope is None else rope:
            return rotate(v, p * self.theta)
        return [v[0] + math.sin(p * self.theta), v[1] + math.cos(p * self.theta)]

    def score(self, m=None, n=None, rope=None):
        m = self.m if m is None else m
        n = self.n if n is None else n
        return dot(self.encode(self.q, m, rope), self.encode(self.k, n, rope))

    def rope_curve(self, offset):
        """The RoPE score as a function of the offset m − n alone."""
        return dot(self.q, rotate(self.k, -offset * self.theta))

    def best(self):
        return max(range(self.positions), key=lambda o: (round(self.rope_curve(o), 12), -o))

    def values(self):
        return {"m": self.m, "n": self.n, "offset": self.m - self.n, "score": self.score(),
                "rope": 1 if self.rope else 0, "best": self.best()}

    def set_values(self, values):
        unknown = set(values) - {"m", "n", "rope"}
        if unknown:
            raise KeyError(f"rope_relative_score can set only m, n and rope, not {sorted(unknown)}")
        if "m" in values:
            self.m = self._pos(values["m"])
        if "n" in values:
            self.n = self._pos(values["n"])
        if "rope" in values:
            self.rope = bool(values["rope"])

    def _pos(self, v):
        return min(max(int(round(float(v))), 0), self.positions - 1)

    def _shift_both(self, by):
        by = int(by)
        lo, hi = min(self.m, self.n), max(self.m, self.n)
        by = max(-lo, min(self.positions - 1 - hi, by))
        self.m += by
        self.n += by

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            if event.get("id") == "mode":
                self.rope = not self.rope
            return
        h = event.get("handle")
        if h not in ("m", "n", "both"):
            return
        if kind == "drag":
            p = self._pos((float(event["x"]) - self.rx0) / self.step)
            if h == "both":
                self._shift_both(p - (self.m + self.n) // 2)
            else:
                setattr(self, h, p)
        elif kind == "key":
            key = event.get("key")
            move = arrow_step(key, fine=1, coarse=5)
            if h == "both":
                if key == "Home":
                    move = -self.positions
                elif key == "End":
                    move = self.positions
                self._shift_both(move)
            else:
                target = {"Home": 0, "End": self.positions - 1}.get(key)
                setattr(self, h, target if target is not None else self._pos(getattr(self, h) + move))

    # Drawing -----------------------------------------------------------------------------
    @property
    def step(self):
        return (self.rx1 - self.rx0) / (self.positions - 1)

    def rx(self, p):
        return round(self.rx0 + p * self.step, 1)

    def _xy(self, v):
        half = self.side / 2
        return (round(self.px0 + half + half * v[0] / self.extent, 1),
                round(self.py0 + half - half * v[1] / self.extent, 1))

    def _arrow(self, v, cls):
        x0, y0 = self._xy((0, 0))
        x1, y1 = self._xy(v)
        d = math.hypot(x1 - x0, y1 - y0)
        if d < 1:
            return []
        ux, uy = (x1 - x0) / d, (y1 - y0) / d
        bx, by = x1 - ux * 10, y1 - uy * 10
        return [{"t": "line", "x1": x0, "y1": y0, "x2": round(bx, 1), "y2": round(by, 1), "cls": cls},
                {"t": "poly", "cls": cls, "pts": [[round(bx - uy * 5, 1), round(by + ux * 5, 1)], [x1, y1],
                                                  [round(bx + uy * 5, 1), round(by - ux * 5, 1)]]}]

    def _plane(self):
        x0, y0, s = self.px0, self.py0, self.side
        cx, cy = self._xy((0, 0))
        out = [{"t": "rect", "x": x0, "y": y0, "w": s, "h": s, "cls": "grid nofill"},
               {"t": "line", "x1": x0, "y1": cy, "x2": x0 + s, "y2": cy, "cls": "grid"},
               {"t": "line", "x1": cx, "y1": y0, "x2": cx, "y2": y0 + s, "cls": "grid"},
               {"t": "text", "x": x0, "y": y0 - 8, "anchor": "start", "cls": "small muted",
                "s": "one pair of dimensions" + (": rotated by position" if self.rope else ": position added")}]
        # the contents, before position touches them
        for v, cls in ((self.q, "muted"), (self.k, "muted")):
            out += self._arrow(v, cls)
        qm, kn = self.encode(self.q, self.m), self.encode(self.k, self.n)
        if self.rope:
            r = 26
            for v, p, cls in ((self.q, self.m, "accent"), (self.k, self.n, "accent2")):
                a0 = math.atan2(v[1], v[0])
                turn = p * self.theta
                if turn > 0.02:
                    big = 1 if turn % (2 * math.pi) > math.pi else 0
                    if turn >= 2 * math.pi - 1e-9:
                        turn, big = 2 * math.pi - 0.01, 1
                    sx, sy = cx + r * math.cos(a0), cy - r * math.sin(a0)
                    ex, ey = cx + r * math.cos(a0 + turn), cy - r * math.sin(a0 + turn)
                    out.append({"t": "path", "cls": cls,
                                "d": f"M {sx:.1f} {sy:.1f} A {r} {r} 0 {big} 0 {ex:.1f} {ey:.1f}"})
                r += 10
        out += self._arrow(qm, "accent") + self._arrow(kn, "accent2")
        for v, name, cls in ((qm, f"q at {self.m}", "accent"), (kn, f"k at {self.n}", "accent2")):
            x, y = self._xy(v)
            length = math.hypot(*v) or 1
            out.append({"t": "text", "x": round(x + 14 * v[0] / length, 1), "y": round(y - 14 * v[1] / length + 4, 1),
                        "s": name, "cls": f"small {cls}",
                        "anchor": "start" if v[0] > 0.3 else "end" if v[0] < -0.3 else "middle"})
        out.append({"t": "text", "x": x0 + 6, "y": y0 + s - 8, "anchor": "start", "cls": "small muted",
                    "s": "grey: the contents q and k before position"})
        return out

    def _ruler(self):
        y = self.ry
        out = [{"t": "text", "x": self.rx0 - 4, "y": 16, "anchor": "start", "cls": "small muted",
                "s": "positions: drag m, n, or the bar between them"},
               {"t": "line", "x1": self.rx0, "y1": y, "x2": self.rx1, "y2": y, "cls": "axis"}]
        for p in range(self.positions):
            big = p % 5 == 0
            out.append({"t": "line", "x1": self.rx(p), "y1": y - (5 if big else 3), "x2": self.rx(p),
                        "y2": y + (5 if big else 3), "cls": "tick"})
            if p % 5 == 0:
                out.append({"t": "text", "x": self.rx(p), "y": y + 34, "s": str(p), "cls": "small muted"})
        lo, hi = sorted((self.rx(self.m), self.rx(self.n)))
        out.append({"t": "rect", "x": round(lo - 4, 1), "y": y - 4, "w": round(hi - lo + 8, 1), "h": 8, "rx": 4,
                    "cls": "accent3", "handle": "both",
                    "label": "both positions: drag, or use the arrow keys, to move m and n together",
                    "value": f"m = {self.m}, n = {self.n}, offset {self.m - self.n}"})
        out.append({"t": "text", "x": self.rx(self.m), "y": y - 24, "s": "m (query)", "cls": "small accent"})
        out.append({"t": "circle", "cx": self.rx(self.m), "cy": y - 12, "r": 7, "cls": "accent", "handle": "m",
                    "label": "query position m", "value": f"m = {self.m}"})
        out.append({"t": "circle", "cx": self.rx(self.n), "cy": y + 12, "r": 7, "cls": "accent2", "handle": "n",
                    "label": "key position n", "value": f"n = {self.n}"})
        out.append({"t": "text", "x": self.rx(self.n), "y": y + 48, "s": "n (key)", "cls": "small accent2"})
        return out

    def _plot(self):
        lo, hi = 0, self.positions - 1
        x0, x1, y0, y1, smax = self.gx0, self.gx1, self.gy0, self.gy1, self.smax

        def X(o):
            return round(x0 + (o - lo) / (hi - lo) * (x1 - x0), 1)

        def Y(s):
            s = max(-smax, min(smax, s))
            return round((y0 + y1) / 2 - s / smax * (y1 - y0) / 2, 1)

        out = [{"t": "text", "x": x0 - 12, "y": y0 - 10, "anchor": "start", "cls": "small muted",
                "s": "score against the offset m \u2212 n (curve: RoPE)"},
               {"t": "line", "x1": x0, "y1": Y(0), "x2": x1, "y2": Y(0), "cls": "grid"},
               {"t": "line", "x1": x0, "y1": y0, "x2": x0, "y2": y1, "cls": "tick"}]
        for s in (-3, 3):
            out.append({"t": "text", "x": x0 - 4, "y": Y(s) + 4, "s": num(s), "anchor": "end", "cls": "small muted"})
        for o in range(0, hi + 1, 5):
            out.append({"t": "text", "x": X(o), "y": y1 + 16, "s": str(o), "cls": "small muted"})
        d = " ".join(f"{'M' if i == 0 else 'L'} {X(o / 2)} {Y(self.rope_curve(o / 2))}"
                     for i, o in enumerate(range(2 * lo, 2 * hi + 1)))
        out.append({"t": "path", "d": d, "cls": "accent3"})
        off, s = self.m - self.n, self.score()
        if lo <= off <= hi:
            out.append({"t": "circle", "cx": X(off), "cy": Y(s), "r": 6, "cls": "accent" if self.rope else "bad"})
            out.append({"t": "text", "x": X(off), "y": Y(s) - 10, "s": fixed(s), "cls": "small"})
        else:
            out.append({"t": "text", "x": (x0 + x1) / 2, "y": y1 - 6, "cls": "small muted",
                        "s": "the key is after the query: off this plot"})
        return out

    def shapes(self):
        return self._plane() + self._ruler() + self._plot()

    def readouts(self):
        return [{"label": "m", "value": str(self.m)}, {"label": "n", "value": str(self.n)},
                {"label": "offset m \u2212 n", "value": num(self.m - self.n, 0)},
                {"label": "score", "value": fixed(self.score())},
                {"label": "positions", "value": "rotated (RoPE)" if self.rope else "added (sinusoidal)"}]

    def controls(self):
        return [{"kind": "button", "id": "mode",
                 "label": "Switch to adding positions" if self.rope else "Switch to rotating (RoPE)"}]

    def __repr__(self):
        return f"<rope_relative_score m = {self.m}, n = {self.n}, {'rope' if self.rope else 'add'}>"
