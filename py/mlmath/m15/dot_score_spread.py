"""How far q·k spreads as the dimension grows: a histogram of sampled dot products.

Each sample draws a fresh query q and key k with d_k components, every component a
fair coin flip, +1 or −1 (mean 0, variance 1, all independent). The score is q·k,
divided by a chosen divisor c (1, √d_k or d_k). A few thousand samples are drawn from
a seeded generator and binned on a fixed axis, so the picture widens as d_k grows. Raw
scores sit on an axis of ±64; divided scores on an axis zoomed 16 times, ±4, where the
bell of √d_k (variance 1) and the spike of d_k (variance 1/d_k) look plainly different.
The measured variance sits next to the theory, d_k / c². A grey curve is the normal
density with that variance, scaled to the counts (left out when it is narrower than a bin).

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

from ..show import fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.plot import Plot
from .score_scale import ScaledScores, c_text, chip_event, chips, scale_knobs

DKS = (2, 4, 8, 16, 32, 64, 128, 256, 512)
HALF = 64              # the raw axis runs from −HALF to HALF in score units
BIN = 2                # raw bin width; centres sit on the even numbers, where every q·k lands (d_k even)
ZOOM = 16              # divided scores: the axis is HALF / ZOOM = ±4 and the bins BIN / (ZOOM / 2) = 0.25


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


@register
class DotScoreSpread(ScaledScores, Widget):
    name = "dot_score_spread"
    width, height = 600, 262

    def configure(self, config):
        self.knobs, self.chips = scale_knobs(self.name, config, DKS, 4)
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
        return [d / self.c for d in self.dots()]

    def values(self):
        var = variance(self.scores())
        return {"dk": self.dk, "div": self.div, "c": self.c, "var": var, "sd": math.sqrt(var),
                "theory": self.dk / self.c ** 2, "n": self.n}

    def set_values(self, values):
        if "dk" in values:        # a number that is no dk would be read as a position on the slider
            one_of(self.name, "dk", values["dk"], DKS)
        super().set_values(values)

    def handle(self, event):
        if not (self.chips and chip_event(self.knobs["div"], event)):
            super().handle(event)

    def __repr__(self):
        return f"<dot_score_spread d_k = {self.dk}, divisor {self.div}, variance {self.values()['var']:.3f}>"

    # Drawing -------------------------------------------------------------------------------------
    def axis(self):
        """(half-width of the axis, bin width): ±64 in bins of 2 for raw scores, ±4 in bins of 0.25 once divided."""
        return (HALF, BIN) if self.div == "none" else (HALF / ZOOM, BIN / (ZOOM / 2))

    def counts(self):
        """Counts per bin (centres at −half, −half + bin, ..., half), plus how many fell off each end."""
        half, width = self.axis()
        nbins = round(2 * half / width) + 1
        bins, below, above = [0] * nbins, 0, 0
        for s in self.scores():
            i = math.floor((s + half + width / 2) / width)
            if i < 0:
                below += 1
            elif i >= nbins:
                above += 1
            else:
                bins[i] += 1
        return bins, below, above

    def shapes(self):
        bins, below, above = self.counts()
        v, top = self.values(), max(bins)
        half, width = self.axis()
        p = Plot((-half, half), (0, top), (40, 24, 584, 214))
        left, box_top, right, base = p.box
        # the chips come first, below the plot, so they keep their places as the bars change
        out = [s for chip in chips(self.div, 266) for s in chip] if self.chips else []
        step = 16 if self.div == "none" else 1
        out += p.frame(xticks=[t * step for t in range(-4, 5)], yticks=[0, top], grid=False, edges=True)
        out.append(S.line(p.x(0), box_top - 6, p.x(0), base, "zero"))
        out.append(S.text((left + right) / 2, base + 36, "score = q\u00b7k" + (
            "" if self.div == "none" else f" \u00f7 {fixed(self.c, 2)}   (axis zoomed {ZOOM}\u00d7: \u00b14)"), "label"))
        bw = p.x(width) - p.x(0)
        out += [S.rect(p.x(-half + i * width) - bw / 2 + 0.5, p.y(n), bw - 1, base - p.y(n), "accent")
                for i, n in enumerate(bins) if n]
        # theory: a normal density with variance d_k / c², scaled to counts per bin
        sd = math.sqrt(v["theory"])
        if sd > width:
            out.append(p.curve(lambda s: self.n * width * math.exp(-0.5 * (s / sd) ** 2) / (sd * math.sqrt(2 * math.pi)),
                               "muted nofill", samples=120))
        msd = v["sd"]          # ±1 standard deviation, measured
        if msd * 2 > width / 8:
            x0, x1, y = p.x(-msd), p.x(msd), box_top - 8
            out += [S.line(x0, y, x1, y, "bracket accent2"), S.line(x0, y - 4, x0, y + 4, "bracket accent2"),
                    S.line(x1, y - 4, x1, y + 4, "bracket accent2"),
                    S.text(min(x1 + 6, right - 70), y + 4, f"\u00b11 sd = {fixed(msd, 2)}", "small accent2", "start")]
        if below:
            out.append(S.text(left, base - 20, f"\u2190{below} beyond", "small bad", "start"))
        if above:
            out.append(S.text(right, base - 20, f"{above} beyond\u2192", "small bad", "end"))
        return out

    def readouts(self):
        v = self.values()
        return [
            {"label": "d\u2096", "value": str(self.dk)},
            {"label": "divisor c", "value": c_text(self.div, self.dk)},
            {"label": "measured variance", "value": f"{fixed(v['var'], 3)} over {self.n} samples"},
            {"label": "theory d\u2096 / c\u00b2", "value": fixed(v["theory"], 3)},
            {"label": "measured sd", "value": fixed(v["sd"], 2)},
        ]

    def controls(self):
        return [self.knobs["dk"].control()]
