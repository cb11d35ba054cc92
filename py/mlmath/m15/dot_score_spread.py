"""How far q·k spreads as the dimension grows: a histogram of sampled dot products.

Each sample draws a fresh query q and key k with d_k components, every component a
fair coin flip, +1 or −1 (mean 0, variance 1, all independent). The score is q·k,
divided by a chosen divisor c (1, √d_k or d_k). A few thousand samples are drawn from
a seeded generator and binned on a fixed axis, so the picture widens as d_k grows and
snaps back when the divisor is √d_k. The measured variance sits next to the theory,
d_k / c². A grey curve is the normal density with that variance, scaled to the counts.

Sampling is exact and cheap: q and k are d_k random bits each, a component is +1 where
its bit is 1, and q·k = d_k − 2·(number of positions where the bits differ).

    ```widget dot_score_spread
    id = "spread"
    dk = 4                 # one of 2, 4, 8, ..., 512
    divisor = "none"       # "none", "sqrt" or "dk"
    divisors = false       # show the three divisor chips (click, or focus and press Enter / arrows)
    samples = 2000         # 200 to 4000
    seed = 15
    ```

values() for goals: dk, div ("none", "sqrt", "dk"), c (the divisor's value), var and sd
(measured over the samples), theory (d_k / c²), n (the sample count).
"""

import math
import random

from ..widgets import register
from ..show import fixed
from ..widgets.base import Widget, flag, one_of, whole

SQRT = "\u221a"
DKS = (2, 4, 8, 16, 32, 64, 128, 256, 512)
DIVISORS = ("none", "sqrt", "dk")
CHIP_TEXT = {"none": "\u00f7 1", "sqrt": "\u00f7 \u221ad\u2096", "dk": "\u00f7 d\u2096"}
CHIP_SAID = {"none": "divide by 1 (no scaling)", "sqrt": "divide by the square root of d k", "dk": "divide by d k"}
CHIP_STEP = {"ArrowRight": 1, "ArrowDown": 1, "ArrowLeft": -1, "ArrowUp": -1}
HALF = 64              # the axis runs from −HALF to HALF in score units
BIN = 2                # bin width; centres sit on the even numbers, where every q·k lands (d_k even)
LEFT, RIGHT = 40, 584  # the plot's x extent
TOP, BASE = 24, 214    # the plot's y extent


def divisor_value(div, dk):
    return {"none": 1.0, "sqrt": math.sqrt(dk), "dk": float(dk)}[div]


def sample_dots(dk, n, seed):
    """n dot products of independent ±1 vectors of length dk, from a generator seeded by (seed, dk)."""
    rng = random.Random(seed * 1_000_003 + dk)
    out = []
    for _ in range(n):
        differ = rng.getrandbits(dk) ^ rng.getrandbits(dk)
        out.append(dk - 2 * bin(differ).count("1"))
    return out


def variance(xs):
    """Population variance (divide by n)."""
    m = sum(xs) / len(xs)
    return sum((x - m) ** 2 for x in xs) / len(xs)


class DivisorChoice:
    """What this widget shares with attention_saturation: d_k on a slider over `dks`, and the
    divisor c picked with three chips (shown when the `divisors` option is on)."""
    dks = DKS

    def _read_choice(self, config, dk):
        self.dk = one_of(self.name, "dk", config.pop("dk", dk), self.dks)
        self.div = one_of(self.name, "divisor", config.pop("divisor", "none"), DIVISORS)
        self.chips = flag(self.name, "divisors", config.pop("divisors", False))
        self.start = (self.dk, self.div)

    @property
    def c(self):
        return divisor_value(self.div, self.dk)

    def set_values(self, values):
        for key, value in dict(values).items():
            if key == "dk":
                self.dk = one_of(self.name, "dk", value, self.dks)
            elif key == "div":
                self.div = one_of(self.name, "div", value, DIVISORS)
            else:
                raise KeyError(f"{self.name} sets dk and div, not {key!r}")

    def reset(self):
        self.dk, self.div = self.start

    def _choose(self, event):
        """Apply a move of the d_k slider or a press on a divisor chip; False if the event was neither."""
        kind, handle = event.get("type"), str(event.get("handle", ""))
        if kind == "input" and event.get("id") == "dk":
            try:
                i = int(round(float(event.get("value"))))
            except (TypeError, ValueError):
                return True
            self.dk = self.dks[min(max(i, 0), len(self.dks) - 1)]
            return True
        if not self.chips or not handle.startswith("div:") or handle[4:] not in DIVISORS:
            return False
        key = event.get("key")
        if kind == "drag" or (kind == "key" and key in ("Enter", " ")):
            self.div = handle[4:]
        elif kind == "key" and key in CHIP_STEP:
            i = DIVISORS.index(self.div) + CHIP_STEP[key]
            self.div = DIVISORS[min(max(i, 0), len(DIVISORS) - 1)]
        return True

    def _c_text(self):
        return {"none": "1", "sqrt": f"{SQRT}{self.dk} = {fixed(self.c, 2)}", "dk": str(self.dk)}[self.div]

    def _chips(self, y):
        """(chip rect, its text) for each divisor, in a row at height y."""
        out = []
        for i, d in enumerate(DIVISORS):
            x = 150 + i * 110
            on = d == self.div
            out.append(({"t": "rect", "x": x, "y": y, "w": 96, "h": 26, "rx": 5,
                         "cls": "node selected" if on else "node", "handle": f"div:{d}",
                         "label": CHIP_SAID[d] + (" (chosen)" if on else ""),
                         "value": "chosen" if on else "not chosen"},
                        {"t": "text", "x": x + 48, "y": y + 18, "s": CHIP_TEXT[d],
                         "cls": "label accent" if on else "label"}))
        return out

    def controls(self):
        return [{"kind": "range", "id": "dk", "label": "dimension d\u2096", "min": 0, "max": len(self.dks) - 1,
                 "step": 1, "value": self.dks.index(self.dk), "display": str(self.dk)}]


@register
class DotScoreSpread(DivisorChoice, Widget):
    name = "dot_score_spread"
    width, height = 600, 262

    def configure(self, config):
        self._read_choice(config, dk=4)
        self.n = whole(self.name, "samples", config.pop("samples", 2000), 200, 4000)
        self.seed = whole(self.name, "seed", config.pop("seed", 15), 0, 10**6)
        super().configure(config)
        self.height = 300 if self.chips else 262
        self._cache = {}

    # The numbers -------------------------------------------------------------------------------
    def dots(self):
        if self.dk not in self._cache:
            self._cache[self.dk] = sample_dots(self.dk, self.n, self.seed)
        return self._cache[self.dk]

    def scores(self):
        c = self.c
        return [d / c for d in self.dots()]

    def values(self):
        var = variance(self.scores())
        return {"dk": self.dk, "div": self.div, "c": self.c, "var": var, "sd": math.sqrt(var),
                "theory": self.dk / self.c ** 2, "n": self.n}

    def handle(self, event):
        self._choose(event)

    def __repr__(self):
        v = self.values()
        return f"<dot_score_spread d_k = {self.dk}, divisor {self.div}, variance {v['var']:.3f}>"

    # Drawing -------------------------------------------------------------------------------------
    def _x(self, v):
        return LEFT + (v + HALF) / (2 * HALF) * (RIGHT - LEFT)

    def counts(self):
        """Counts per bin (centres at −HALF, −HALF+2, ..., HALF), plus how many fell off each end."""
        nbins = 2 * HALF // BIN + 1
        bins, below, above = [0] * nbins, 0, 0
        for s in self.scores():
            i = math.floor((s + HALF + BIN / 2) / BIN)
            if i < 0:
                below += 1
            elif i >= nbins:
                above += 1
            else:
                bins[i] += 1
        return bins, below, above

    def shapes(self):
        bins, below, above = self.counts()
        v = self.values()
        top = max(bins)
        h = BASE - TOP
        unit = h / top
        out = []
        # axis, ticks every 16
        out.append({"t": "line", "x1": LEFT, "y1": BASE, "x2": RIGHT, "y2": BASE, "cls": "axis"})
        for t in range(-HALF, HALF + 1, 16):
            x = round(self._x(t), 1)
            out.append({"t": "line", "x1": x, "y1": BASE, "x2": x, "y2": BASE + 5, "cls": "tick"})
            out.append({"t": "text", "x": x, "y": BASE + 18, "s": fixed(t, 0), "cls": "small muted"})
        zx = round(self._x(0), 1)
        out.append({"t": "line", "x1": zx, "y1": TOP - 6, "x2": zx, "y2": BASE, "cls": "zero"})
        out.append({"t": "text", "x": (LEFT + RIGHT) / 2, "y": BASE + 36,
                    "s": "score = q\u00b7k" + ("" if self.div == "none" else f" \u00f7 {fixed(self.c, 2)}"),
                    "cls": "label"})
        out.append({"t": "text", "x": LEFT - 6, "y": TOP + 4, "s": str(top), "anchor": "end", "cls": "small muted"})
        out.append({"t": "text", "x": LEFT - 6, "y": BASE + 4, "s": "0", "anchor": "end", "cls": "small muted"})
        # bars
        bw = (RIGHT - LEFT) / (2 * HALF) * BIN
        for i, n in enumerate(bins):
            if n:
                centre = -HALF + i * BIN
                bh = round(n * unit, 1)
                out.append({"t": "rect", "x": round(self._x(centre) - bw / 2 + 0.5, 1), "y": round(BASE - bh, 1),
                            "w": round(bw - 1, 1), "h": bh, "cls": "accent"})
        # theory: a normal density with variance d_k / c², scaled to counts per bin, clipped at the top
        sd = math.sqrt(v["theory"])
        pts = []
        steps = 120
        for j in range(steps + 1):
            s = -HALF + 2 * HALF * j / steps
            dens = self.n * BIN * math.exp(-0.5 * (s / sd) ** 2) / (sd * math.sqrt(2 * math.pi))
            pts.append([round(self._x(s), 1), round(max(BASE - dens * unit, TOP - 6), 1)])
        out.append({"t": "path", "d": "M" + " L".join(f"{x} {y}" for x, y in pts), "cls": "muted nofill"})
        # ±1 standard deviation, measured
        msd = v["sd"]
        if msd * 2 > 0.5:
            x0, x1 = round(self._x(-msd), 1), round(self._x(msd), 1)
            y = TOP - 8
            out.append({"t": "line", "x1": x0, "y1": y, "x2": x1, "y2": y, "cls": "bracket accent2"})
            out.append({"t": "line", "x1": x0, "y1": y - 4, "x2": x0, "y2": y + 4, "cls": "bracket accent2"})
            out.append({"t": "line", "x1": x1, "y1": y - 4, "x2": x1, "y2": y + 4, "cls": "bracket accent2"})
            out.append({"t": "text", "x": min(x1 + 6, RIGHT - 70), "y": y + 4, "s": f"\u00b11 sd = {fixed(msd, 2)}",
                        "anchor": "start", "cls": "small accent2"})
        if below:
            out.append({"t": "text", "x": LEFT, "y": BASE - 20, "s": f"\u2190{below} beyond", "anchor": "start", "cls": "small bad"})
        if above:
            out.append({"t": "text", "x": RIGHT, "y": BASE - 20, "s": f"{above} beyond\u2192", "anchor": "end", "cls": "small bad"})
        if self.chips:
            for chip in self._chips(266):
                out += chip
        return out

    def readouts(self):
        v = self.values()
        return [
            {"label": "d\u2096", "value": str(self.dk)},
            {"label": "divisor c", "value": self._c_text()},
            {"label": "measured variance", "value": f"{fixed(v['var'], 3)} over {self.n} samples"},
            {"label": "theory d\u2096 / c\u00b2", "value": fixed(v["theory"], 3)},
            {"label": "measured sd", "value": fixed(v["sd"], 2)},
        ]
