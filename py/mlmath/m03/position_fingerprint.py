"""Sinusoidal positional encoding as a heatmap, and a "which position is this?" lookup.

Position p gets the fingerprint

    PE(p) = [sin(ω₀p), cos(ω₀p), sin(ω₁p), cos(ω₁p), ...],   ωᵢ = base^(−2i/d)

one column per position (0 to positions − 1), one row per dimension, shaded by the
course's diverging ramp (blue positive, orange negative). The top rows turn fast,
the bottom rows slowly. At the right, a mystery column is the fingerprint of one
position; drag the guess marker along the top (or use its arrow keys) until its column
matches. The base slider spreads the frequencies: at base 1 every pair turns at one
radian per position and positions far apart get almost the same fingerprint.

    ```widget position_fingerprint
    id = "fp"
    positions = 32       # columns, 8 to 48
    dims = 8             # rows, even, 2 to 12
    base = 10000         # 1, 10, 100, 1000 or 10000
    mystery = 13         # the position whose fingerprint is shown at the right
    guess = 0
    goal = { text = "...", check = "match < 1e-9", solution = { guess = 13 } }
    ```

values(): guess, base, match (distance from the guess's fingerprint to the mystery's),
closest (the smallest distance between any two positions' fingerprints), closest_gap
(how many positions apart that closest pair is).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.controls import Choice, Slider
from ..widgets.views import cell

BASES = [1, 10, 100, 1000, 10000]


def encoding(p, d, base=10000):
    """The sinusoidal fingerprint of position p: d numbers, sin and cos of d/2 clocks."""
    out = []
    for i in range(d // 2):
        w = base ** (-2 * i / d)
        out += [math.sin(w * p), math.cos(w * p)]
    return out


def distance(u, v):
    return math.sqrt(sum((a - b) ** 2 for a, b in zip(u, v)))


@register
class PositionFingerprint(Widget):
    name = "position_fingerprint"
    width = 640
    x0, top, ch = 70, 40, 18

    def configure(self, config):
        self.n = whole(self.name, "positions", config.pop("positions", 32), 8, 48)
        self.d = whole(self.name, "dims", config.pop("dims", 8), 2, 12, 2)
        base = one_of(self.name, "base", config.pop("base", 10000), BASES)
        self.mystery = whole(self.name, "mystery", config.pop("mystery", 13), 0, self.n - 1)
        guess = whole(self.name, "guess", config.pop("guess", 0), 0, self.n - 1)
        self.cw = min(14, (self.width - self.x0 - 70) // self.n)
        self.knobs = {"guess": Slider("guess", "guess: position", 0, self.n - 1, 1, guess, coarse=4),
                      "base": Choice("base", "base", BASES, base, fmt=lambda b: f"{b:,}")}
        super().configure(config)

    @property
    def height(self):
        return self.top + self.ch * self.d + 56

    def fingerprints(self):
        base = self.knobs["base"].value
        return [encoding(p, self.d, base) for p in range(self.n)]

    def values(self):
        fps = self.fingerprints()
        g = self.knobs["guess"].value
        best, gap = math.inf, 0
        for i in range(self.n):
            for j in range(i + 1, self.n):
                dist = distance(fps[i], fps[j])
                if dist < best:
                    best, gap = dist, j - i
        return {"guess": g, "base": self.knobs["base"].value, "match": distance(fps[g], fps[self.mystery]),
                "closest": best, "closest_gap": gap}

    def col_x(self, p):
        return self.x0 + p * self.cw

    def drag(self, handle, x, y):
        if handle == "guess":
            self.knobs["guess"].set((x - self.x0) / self.cw - 0.5)

    def shapes(self):
        fps, g = self.fingerprints(), self.knobs["guess"].value
        cx = self.col_x(g) + self.cw / 2
        out = [S.handle(S.circle(cx, self.top - 12, 7, "accent2"), "guess", "guess: drag along the positions",
                        f"position {g}")]
        for p, fp in enumerate(fps):
            for r, v in enumerate(fp):
                out.append(cell(self.col_x(p), self.top + r * self.ch, self.cw - 1, self.ch - 1, v, hi=1, signed=True))
        mx = self.col_x(self.n) + 26
        for r, v in enumerate(fps[self.mystery]):
            out.append(cell(mx, self.top + r * self.ch, self.cw + 4, self.ch - 1, v, hi=1, signed=True))
        bottom = self.top + self.d * self.ch
        out.append(S.rect(self.col_x(g), self.top - 1, self.cw - 1, bottom - self.top + 1, "accent2 nofill"))
        out.append(S.rect(mx, self.top - 1, self.cw + 4, bottom - self.top + 1, "accent2 nofill"))
        out.append(S.text(mx + (self.cw + 4) / 2, self.top - 8, "?", "label accent2"))
        for r in range(self.d):
            name = f"{'sin' if r % 2 == 0 else 'cos'} ω{r // 2}"
            out.append(S.text(self.x0 - 6, self.top + r * self.ch + self.ch / 2 + 4, name, "small", "end"))
        for p in range(0, self.n, 4):
            out.append(S.text(self.col_x(p) + self.cw / 2, bottom + 16, str(p), "small"))
        out.append(S.text(self.x0, bottom + 36, "position →", "small muted", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "guess", "value": str(v["guess"])},
                {"label": "distance from the guess's fingerprint to ?", "value": num(v["match"], 3)},
                {"label": "closest two fingerprints", "value": f"{num(v['closest'], 3)}, positions {v['closest_gap']} apart"}]

    def controls(self):
        return [self.knobs["guess"].control(), self.knobs["base"].control()]
