"""Many seeded draws from a categorical: the frequencies converge on the probabilities.

N draws, each a random.Random(seed).random() number landing in the cumulative intervals
(the capstone's own `pick`, mlmath.gpt.sample, as in categorical_strip). Bars: each token's probability (pale) beside its
observed frequency (solid). The readouts give the largest gap between the two and the
first draws as letters: the same seed always gives the same run.

    ```widget sample_histogram
    id = "many"
    probs = [0.5, 0.2, 0.2, 0.1]
    draws = 10
    seed = 0
    goal = { text = "...", check = "max_gap < 0.005", solution = { draws = 10000 } }
    ```

values(): draws, seed (knobs), max_gap (the largest |frequency - probability|),
f0.. (the frequencies), first (the first 16 draws as labels).
"""

import random

from ..show import commas, num
from ..gpt.sample import pick   # the capstone's sampler: the same u gives the same token
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, distribution, one_of, whole
from ..widgets.controls import Choice, Slider
from ..widgets.views import bars

DRAWS = [10, 30, 100, 300, 1000, 3000, 10000]


def run(probs, n, seed):
    rng = random.Random(seed)
    return [pick(probs, rng.random()) for _ in range(n)]


@register
class SampleHistogram(Widget):
    name = "sample_histogram"
    width, height = 600, 260

    def configure(self, config):
        probs = distribution(self.name, "probs", config.pop("probs", [0.5, 0.2, 0.2, 0.1]))
        self.probs = probs
        self.labels = [chr(ord("a") + i) for i in range(len(probs))]
        draws = one_of(self.name, "draws", config.pop("draws", 10), DRAWS)
        seed = whole(self.name, "seed", config.pop("seed", 0), 0, 9)
        self.knobs = {"draws": Choice("draws", "number of draws N", DRAWS, draws, fmt=commas),
                      "seed": Slider("seed", "seed", 0, 9, 1, seed)}
        self._runs = {}
        super().configure(config)

    def draws(self):
        seed = self.knobs["seed"].value
        if seed not in self._runs:
            self._runs[seed] = run(self.probs, DRAWS[-1], seed)
        return self._runs[seed][:self.knobs["draws"].value]

    def values(self):
        d = self.draws()
        n = len(d)
        freqs = [d.count(i) / n for i in range(len(self.probs))]
        v = {"draws": n, "seed": self.knobs["seed"].value,
             "max_gap": max(abs(f - p) for f, p in zip(freqs, self.probs)),
             "first": "".join(self.labels[i] for i in d[:16])}
        v.update({f"f{i}": f for i, f in enumerate(freqs)})
        return v

    def shapes(self):
        v = self.values()
        freqs = [v[f"f{i}"] for i in range(len(self.probs))]
        box = (60, 20, 580, 200)
        top = max(max(self.probs), max(freqs)) * 1.1
        out = bars(self.probs, box, top=top, width=0.36, shift=-0.2, fmt=lambda p: num(p, 2))
        for shape in out:
            if shape["t"] == "rect":
                shape["opacity"] = 0.3
        out += bars(freqs, box, top=top, width=0.36, shift=0.2, fmt=lambda p: num(p, 3))
        slot = (box[2] - box[0]) / len(self.probs)
        out += [S.text(box[0] + (i + 0.5) * slot, box[3] + 14, label, "small") for i, label in enumerate(self.labels)]
        out.append(S.text(320, 236, f"pale: probability · solid: frequency in {commas(v['draws'])} draws (seed {v['seed']})",
                          "small"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "largest gap |frequency − probability|", "value": num(v["max_gap"], 4)},
                {"label": "first draws", "value": v["first"]}]

    def controls(self):
        return [self.knobs["draws"].control(), self.knobs["seed"].control()]
