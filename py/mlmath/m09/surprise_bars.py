"""A distribution you reshape by hand, with each outcome's surprise and the entropy.

Drag a bar (or focus it and use the arrow keys) to set that outcome's probability; the
other bars shrink or grow in proportion so the total stays 1. Under each bar is its
surprise, -log p, in bits or nats; the readouts give the entropy (the average surprise,
each outcome's surprise weighted by its probability) beside its largest possible value,
log n for n outcomes.

    ```widget surprise_bars
    id = "bars"
    labels = ["sun", "cloud", "rain", "snow"]   # 2 to 8 short names
    probs = [0.7, 0.2, 0.08, 0.02]             # any non-negative weights; scaled to add to 1
    unit = "bits"                              # or "nats"
    goal = { text = "...", check = "H > 1.999", solution = { p0 = 0.25, p1 = 0.25, p2 = 0.25, p3 = 0.25 } }
    ```

values(): p0, p1, ... (the bars), unit, H (the entropy in the unit), Hbits, Hmax (log n in
the unit), s0, s1, ... (each outcome's surprise in the unit; inf for a bar at 0).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot
from .l01_surprise import BASES, entropy, normalize, rebalance, surprise

BOX = (70, 40, 590, 232)


@register
class SurpriseBars(Widget):
    name = "surprise_bars"
    width, height = 600, 290

    def configure(self, config):
        labels = config.pop("labels", ["a", "b", "c", "d"])
        if (not isinstance(labels, list) or not 2 <= len(labels) <= 8 or len(set(labels)) != len(labels)
                or not all(isinstance(s, str) and 1 <= len(s) <= 6 for s in labels)):
            raise ValueError("surprise_bars: labels must be 2 to 8 different short strings (1 to 6 characters)")
        probs = config.pop("probs", [1.0] * len(labels))
        if (not isinstance(probs, list) or len(probs) != len(labels) or any(
                isinstance(w, bool) or not isinstance(w, (int, float)) or not 0 <= w < math.inf for w in probs)
                or sum(probs) <= 0):
            raise ValueError(f"surprise_bars: probs must be {len(labels)} non-negative numbers, not all 0")
        unit = one_of(self.name, "unit", config.pop("unit", "bits"), list(BASES))
        super().configure(config)
        self.labels = labels
        self.n = len(labels)
        for i, p in enumerate(normalize([float(w) for w in probs])):
            self.knobs[f"p{i}"] = Slider(f"p{i}", f"P({labels[i]})", 0, 1, 0.001, p,
                                         fmt=lambda v: num(v, 3), fine=0.01, coarse=0.1)
        self.knobs["unit"] = Choice("unit", "unit", list(BASES), unit)
        self.plot = Plot((0, self.n), (0, 1), BOX, yfmt=lambda v: num(v, 2))

    # The arithmetic ------------------------------------------------------------------------
    def probs(self):
        return normalize([self.knobs[f"p{i}"].value for i in range(self.n)])

    def values(self):
        out = super().values()
        base = BASES[self.knobs["unit"].value]
        p = self.probs()
        out.update(H=entropy(p, base), Hbits=entropy(p, 2.0), Hmax=math.log(self.n) / math.log(base))
        for i, pi in enumerate(p):
            out[f"s{i}"] = surprise(pi, base)
        return out

    # Events: moving one bar rescales the others so the total stays 1 --------------------------
    def handle(self, event):
        before = [self.knobs[f"p{i}"].value for i in range(self.n)]
        super().handle(event)
        after = [self.knobs[f"p{i}"].value for i in range(self.n)]
        changed = [i for i in range(self.n) if after[i] != before[i]]
        if len(changed) == 1:
            rebalance([self.knobs[f"p{i}"] for i in range(self.n)], changed[0])

    def drag(self, handle, x, y):
        if handle in self.knobs and handle.startswith("p"):
            self.knobs[handle].set(self.plot.y.value(y))

    # The picture -----------------------------------------------------------------------------
    def shapes(self):
        unit = self.knobs["unit"].value
        base = BASES[unit]
        p = self.probs()
        left, top, right, bottom = BOX
        slot = (right - left) / self.n
        width = slot * 0.6
        handles, words = [], []
        for i, pi in enumerate(p):
            bx = left + i * slot + (slot - width) / 2
            h = (bottom - top) * pi
            bar = S.rect(bx, bottom - h, width, max(h, 2), "accent nostroke")
            handles.append(S.handle(bar, f"p{i}", f"probability of {self.labels[i]}", num(pi, 3)))
            s = surprise(pi, base)
            words.append(S.text(bx + width / 2, bottom - h - 6, num(pi, 3), "small"))
            words.append(S.text(bx + width / 2, bottom + 16, self.labels[i], "label"))
            words.append(S.text(bx + width / 2, bottom + 34,
                                f"surprise {'∞' if s == math.inf else num(s, 2)}", "small accent2"))
        frame = self.plot.frame("", "", xticks=[], yticks=[0, 0.25, 0.5, 0.75, 1])
        frame.append(S.text(BOX[0] - 40, BOX[1] - 16, "probability", "label", "start"))
        note = S.text(right, top - 14, f"surprise = −log{'₂' if unit == 'bits' else ''} p, in {unit}",
                      "small", "end")
        return handles + frame + words + [note]

    def readouts(self):
        v = self.values()
        unit = self.knobs["unit"].value
        return [{"label": f"entropy H (average surprise, {unit})", "value": num(v["H"], 3)},
                {"label": f"largest possible, log₂ {self.n}", "value": num(v["Hmax"], 3)}]

    def controls(self):
        return [self.knobs["unit"].control()]
