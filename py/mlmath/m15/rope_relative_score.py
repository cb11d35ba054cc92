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

from ..numeric import dot
from ..show import fixed, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.controls import Slider, Toggle
from ..widgets.plane import Plane
from ..widgets.plot import Axis, Plot


def rotate(v, angle):
    c, s = math.cos(angle), math.sin(angle)
    return [v[0] * c - v[1] * s, v[0] * s + v[1] * c]


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
        m = whole(self.name, "m", config.pop("m", 5), 0, last)
        n = whole(self.name, "n", config.pop("n", 5), 0, last)
        super().configure(config)
        self.knobs = {"m": Slider("m", "query position m", 0, last, 1, m, coarse=5),
                      "n": Slider("n", "key position n", 0, last, 1, n, coarse=5),
                      "mode": Toggle("mode", "Switch to rotating (RoPE)", "Switch to adding positions", mode == "rope")}
        self.plane = Plane(2.6, (10, 22, 300, 312))
        self.ruler = Axis(0, last, 340, 626)
        self.plot = Plot((0, last), (-3.6, 3.6), (352, 150, 626, 300))

    @property
    def m(self):
        return self.knobs["m"].value

    @property
    def n(self):
        return self.knobs["n"].value

    @property
    def rope(self):
        return self.knobs["mode"].value

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
        values = dict(values)
        if "rope" in values and not self.knobs["mode"].assign(values.pop("rope")):
            raise ValueError(f"{self.name}: rope must be 0 or 1")
        super().set_values(values)

    # Events: m and n are knobs; the bar between them moves both ----------------------------------
    def _shift_both(self, by):
        lo, hi = min(self.m, self.n), max(self.m, self.n)
        by = max(-lo, min(self.positions - 1 - hi, int(by)))
        self.knobs["m"].set(self.m + by)
        self.knobs["n"].set(self.n + by)

    def handle(self, event):
        if event.get("handle") == "both" and event.get("type") == "key":
            key = event.get("key")
            self._shift_both({"Home": -self.positions, "End": self.positions}.get(key, 0) + (
                {"ArrowRight": 1, "ArrowUp": 1, "ArrowLeft": -1, "ArrowDown": -1, "PageUp": 5, "PageDown": -5}.get(key, 0)))
        else:
            super().handle(event)

    def drag(self, handle, x, y):
        p = round(self.ruler.value(x))
        if handle == "both":
            self._shift_both(p - (self.m + self.n) // 2)
        elif handle in ("m", "n"):
            self.knobs[handle].set(p)

    # Drawing -----------------------------------------------------------------------------
    def _ruler(self):
        """Drawn first, so that its three handles keep their places."""
        r, y = self.ruler, 64
        lo, hi = sorted((r(self.m), r(self.n)))
        return [S.text(336, 16, "positions: drag m, n, or the bar between them", "small muted", "start"),
                S.line(r.start, y, r.end, y, "axis"),
                *[S.line(r(p), y - (5 if p % 5 == 0 else 3), r(p), y + (5 if p % 5 == 0 else 3), "tick")
                  for p in range(self.positions)],
                *[S.text(r(p), y + 34, str(p), "small muted") for p in range(0, self.positions, 5)],
                S.handle(S.rect(lo - 4, y - 4, hi - lo + 8, 8, "accent3", rx=4), "both",
                         "both positions: drag, or use the arrow keys, to move m and n together",
                         f"m = {self.m}, n = {self.n}, offset {self.m - self.n}"),
                S.text(r(self.m), y - 24, "m (query)", "small accent"),
                S.handle(S.circle(r(self.m), y - 12, 7, "accent"), "m", "query position m", f"m = {self.m}"),
                S.handle(S.circle(r(self.n), y + 12, 7, "accent2"), "n", "key position n", f"n = {self.n}"),
                S.text(r(self.n), y + 48, "n (key)", "small accent2")]

    def _plane(self):
        p = self.plane
        left, top, right, bottom = p.box
        (cx, cy), unit = p.at(0, 0), p.x(1) - p.x(0)
        out = [S.rect(left, top, right - left, bottom - top, "grid nofill"), S.line(left, cy, right, cy, "grid"),
               S.line(cx, top, cx, bottom, "grid"),
               S.text(left, top - 8, "one pair of dimensions" + (": rotated by position" if self.rope else ": position added"),
                      "small muted", "start")]
        out += p.vector(self.q, "muted") + p.vector(self.k, "muted")     # the contents, before position
        qm, kn = self.encode(self.q, self.m), self.encode(self.k, self.n)
        if self.rope:      # arcs from each content to where its position turned it
            for i, (v, pos, cls) in enumerate(((self.q, self.m, "accent"), (self.k, self.n, "accent2"))):
                a0, turn, r = math.atan2(v[1], v[0]), min(pos * self.theta, 2 * math.pi - 0.01), (26 + 10 * i) / unit
                if turn > 0.02:
                    out.append(S.path([[p.at(r * math.cos(a0 + turn * j / 48), r * math.sin(a0 + turn * j / 48))
                                        for j in range(49)]], cls))
        out += p.vector(qm, "accent") + p.vector(kn, "accent2")
        for v, name, cls in ((qm, f"q at {self.m}", "accent"), (kn, f"k at {self.n}", "accent2")):
            x, y = p.at(*v)
            length = math.hypot(*v) or 1
            out.append(S.text(x + 14 * v[0] / length, y - 14 * v[1] / length + 4, name, f"small {cls}",
                              "start" if v[0] > 0.3 else "end" if v[0] < -0.3 else "middle"))
        out.append(S.text(left + 6, bottom - 8, "grey: the contents q and k before position", "small muted", "start"))
        return out

    def _plot(self):
        p, last = self.plot, self.positions - 1
        out = [S.text(340, 140, "score against the offset m \u2212 n (curve: RoPE)", "small muted", "start")]
        out += p.frame(xticks=list(range(0, last + 1, 5)), yticks=[-3, 0, 3], edges=True)
        out.append(p.curve(self.rope_curve, "accent3", samples=2 * last))
        off, s = self.m - self.n, self.score()
        if 0 <= off <= last:
            out += [p.point(off, s, "accent" if self.rope else "bad", 6), p.text(off, s, fixed(s), dy=-10)]
        else:
            out.append(S.text((p.box[0] + p.box[2]) / 2, p.box[3] - 6, "the key is after the query: off this plot",
                              "small muted"))
        return out

    def shapes(self):
        return self._ruler() + self._plane() + self._plot()

    def readouts(self):
        return [{"label": "m", "value": str(self.m)}, {"label": "n", "value": str(self.n)},
                {"label": "offset m \u2212 n", "value": num(self.m - self.n, 0)},
                {"label": "score", "value": fixed(self.score())},
                {"label": "positions", "value": "rotated (RoPE)" if self.rope else "added (sinusoidal)"}]

    def controls(self):
        return [self.knobs["mode"].control()]

    def __repr__(self):
        return f"<rope_relative_score m = {self.m}, n = {self.n}, {'rope' if self.rope else 'add'}>"
