"""Why an inverse of sine needs a restricted domain: a window on the sine wave.

The sine wave over −2π..2π, a level line y = k (slider), and a shaded window
[start, start + width] (sliders; the window's left edge is also a handle). Every
crossing of sin x = k is marked; those inside the window are filled. Over the whole
line the level is hit infinitely often, so "the x whose sine is k" has no single answer.
On a window between a trough and the next crest (or a crest and the next trough) every
level from −1 to 1 is hit exactly once, and there sine has an inverse. asin uses the
window [−π/2, π/2].

    ```widget inverse_window
    id = "window"
    start = 0
    width = 2
    k = 0.5
    goal = { text = "...", check = "one_to_one and covers and abs(start + 1.57) > 0.1", solution = { start = 1.57, width = 3.14 } }
    ```

values(): start, width, k, hits (crossings of level k inside the window, give or take 0.01,
the slider's grid), one_to_one (no
crest or trough strictly inside, give or take 0.01), covers (the window reaches both 1
and −1, within 10⁻⁴), asin (asin k).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

LO, HI = -6.3, 6.3
EDGE = 0.01


def crossings(k, lo, hi):
    """Every x in [lo, hi] with sin x = k (k in [−1, 1])."""
    a = math.asin(k)
    out = []
    for n in range(math.floor(lo / (2 * math.pi)) - 1, math.ceil(hi / (2 * math.pi)) + 2):
        for x in (a + 2 * math.pi * n, math.pi - a + 2 * math.pi * n):
            if lo - 1e-9 <= x <= hi + 1e-9 and all(abs(x - y) > 1e-9 for y in out):
                out.append(x)
    return sorted(out)


def extremes(lo, hi):
    """Crests and troughs of sine (π/2 + nπ) strictly inside [lo, hi], give or take EDGE."""
    n0 = math.ceil((lo - math.pi / 2) / math.pi) - 1
    return [math.pi / 2 + n * math.pi for n in range(n0, n0 + 30)
            if lo + EDGE < math.pi / 2 + n * math.pi < hi - EDGE]


def spanned(lo, hi):
    """The highest and lowest values of sine over [lo, hi]."""
    ends = [math.sin(lo), math.sin(hi)] + [math.sin(e) for e in extremes(lo - EDGE, hi + EDGE)]
    return max(ends), min(ends)


@register
class InverseWindow(Widget):
    name = "inverse_window"
    width, height = 640, 280

    def configure(self, config):
        start = number(self.name, "start", config.pop("start", 0), LO, 3.14)
        width = number(self.name, "width", config.pop("width", 2), 0.5, 6.28)
        k = number(self.name, "k", config.pop("k", 0.5), -1, 1)
        self.knobs = {"start": Slider("start", "window start", LO, 3.14, 0.01, start, coarse=0.25),
                      "width": Slider("width", "window width", 0.5, 6.28, 0.01, width, coarse=0.25),
                      "k": Slider("k", "level k", -1, 1, 0.05, k)}
        self.plot = Plot((LO, HI), (-1.35, 1.35), (44, 12, 624, 240), xfmt=pi_label)
        super().configure(config)

    def values(self):
        s, w, k = self.knobs["start"].value, self.knobs["width"].value, self.knobs["k"].value
        hi_val, lo_val = spanned(s, s + w)
        return {"start": s, "width": w, "k": k, "hits": len(crossings(k, s - EDGE, s + w + EDGE)),
                "one_to_one": not extremes(s, s + w),
                "covers": hi_val >= 1 - 1e-4 and lo_val <= -1 + 1e-4, "asin": math.asin(k)}

    def drag(self, handle, x, y):
        if handle == "start":
            self.knobs["start"].set(min(self.plot.x.value(x), 3.14))

    def shapes(self):
        p, v = self.plot, self.values()
        s, w, k = v["start"], v["width"], v["k"]
        e = min(s + w, HI)
        out = [p.handle("start", s, -1.2, "left edge of the window: drag it along x",
                        f"window from {num(s)} to {num(s + w)}", cls="accent2", r=7)]
        out.append(p.shade(lambda x: 1.3, max(s, LO), e, lambda x: -1.3, cls="accent2", opacity=0.12))
        out += p.frame("x", "sin x", xticks=[n * math.pi / 2 for n in range(-4, 5)], yticks=[-1, 1])
        out.append(p.curve(math.sin, "muted"))
        out.append(p.curve(math.sin, "accent", lo=max(s, LO), hi=e))
        out.append(p.line(0, k, "accent3"))
        for x in crossings(k, LO, HI):
            inside = s - EDGE <= x <= s + w + EDGE
            out.append(p.point(x, k, "accent" if inside else "muted nofill", r=5 if inside else 4))
        out.append(p.text(HI, k, f"k = {num(k)}", "small accent3", anchor="end", dy=-6))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "window", "value": f"[{num(v['start'])}, {num(v['start'] + v['width'])}]"},
                {"label": "crossings of sin x = k in the window", "value": str(v["hits"])},
                {"label": "every level hit at most once", "value": "yes" if v["one_to_one"] else "no"},
                {"label": "reaches both 1 and −1", "value": "yes" if v["covers"] else "no"},
                {"label": "asin k (its window is [−π/2, π/2])", "value": num(v["asin"], 3)}]

    def controls(self):
        return [self.knobs[c].control() for c in ("start", "width", "k")]


PI_HALVES = {-4: "−2π", -3: "−3π/2", -2: "−π", -1: "−π/2", 0: "0", 1: "π/2", 2: "π", 3: "3π/2", 4: "2π"}


def pi_label(v):
    return PI_HALVES.get(round(v / (math.pi / 2)), num(v))
