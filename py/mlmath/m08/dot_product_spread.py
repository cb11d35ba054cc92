"""The spread of a dot product of random numbers grows like the square root of its length.

Each trial draws two vectors of length n whose entries are independent, with mean 0 and
variance 1 (uniform on [-sqrt 3, sqrt 3]), and takes their dot product. The histogram shows
800 trials; the readouts give their measured variance beside the prediction n, and the
standard deviation, sqrt n. The toggle divides every dot product by sqrt n, the fix that
weight initialisation uses: the variance then stays near 1 at every n.

    ```widget dot_product_spread
    id = "spread"
    n = 1
    goal = { text = "...", check = "n == 64 and not scaled", solution = { n = 64 } }
    ```

values(): n (the length), scaled (the toggle), var (measured), predicted (n, or 1 scaled), std.
"""

import math
import random

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice, Toggle
from ..widgets.plot import Plot
from ..widgets.views import bars

LENGTHS = [1, 2, 4, 8, 16, 32, 64, 128, 256]
TRIALS, SEED = 800, 13
ROOT3 = math.sqrt(3)


def dots(trials=TRIALS, seed=SEED):
    """{n: [dot product of trial t's first n entries, for each trial]}, from one seeded stream."""
    rng = random.Random(seed)
    out = {n: [] for n in LENGTHS}
    for _ in range(trials):
        total = 0.0
        for i in range(1, LENGTHS[-1] + 1):
            total += ((2 * rng.random() - 1) * ROOT3) * ((2 * rng.random() - 1) * ROOT3)
            if i in out:
                out[i].append(total)
    return out


def variance(xs):
    m = math.fsum(xs) / len(xs)
    return math.fsum((x - m) ** 2 for x in xs) / len(xs)


@register
class DotProductSpread(Widget):
    name = "dot_product_spread"
    width, height = 600, 300
    _cache = None

    def configure(self, config):
        n = one_of(self.name, "n", config.pop("n", 1), LENGTHS)
        self.knobs = {"n": Choice("n", "length n", LENGTHS, n),
                      "scaled": Toggle("scaled", "Divide by √n", "Stop dividing by √n", False)}
        if DotProductSpread._cache is None:
            DotProductSpread._cache = dots()
        super().configure(config)

    def sample(self):
        n = self.knobs["n"].value
        xs = self._cache[n]
        return [x / math.sqrt(n) for x in xs] if self.knobs["scaled"].value else xs

    def values(self):
        n, scaled = self.knobs["n"].value, self.knobs["scaled"].value
        var = variance(self.sample())
        return {"n": n, "scaled": scaled, "var": var, "predicted": 1 if scaled else n, "std": math.sqrt(var)}

    def shapes(self):
        v = self.values()
        lo, hi, k = -48, 48, 48
        counts = [0] * k
        for x in self.sample():
            counts[min(max(int((x - lo) / (hi - lo) * k), 0), k - 1)] += 1
        p = Plot((lo, hi), (0, 1), box=(40, 20, 590, 250))
        out = bars([c / TRIALS for c in counts], (40, 20, 590, 250), top=0.65, width=0.9)   # the tallest bin holds 0.504
        frame = p.frame("dot product", "", xticks=[-40, -20, -8, 0, 8, 20, 40], yticks=[], grid=False)
        for shape in frame:                      # the zero line stops under the bracket's label
            if shape["t"] == "line" and shape["x1"] == shape["x2"] == round(p.x(0), 1):
                shape["y1"] = round(p.y(0.9) + 8, 1)
        out += frame
        s = v["std"]
        out.append(p.segment(-s, 0.9, s, 0.9, "accent2 bracket"))
        out.append(p.text(0, 0.9, f"± one standard deviation: {num(s, 2)}", "small accent2", dy=-8))
        out.append(p.text(hi, 0.75, f"{TRIALS} trials, n = {v['n']}", "small", "end"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "measured variance", "value": num(v["var"], 2)},
                {"label": "predicted", "value": str(v["predicted"])},
                {"label": "standard deviation", "value": num(v["std"], 2)}]

    def controls(self):
        return [self.knobs["n"].control(), self.knobs["scaled"].control()]
