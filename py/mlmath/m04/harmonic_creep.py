"""The harmonic series 1 + 1/2 + 1/3 + ... creeping upward with no ceiling. The n axis is
logarithmic (each decade the same width); the running total H_n is drawn with ln n beside
it. The learner drags the marked total to any n up to 100,000. Doubling n always adds
about ln 2 ≈ 0.69, and never less than 1/2: the readouts show both.

    ```widget harmonic_creep
    id = "creep"
    n = 10
    goal = { text = "...", check = "total > 10", solution = { n = 12600 } }
    ```

values(): lg (log10 n, the knob), n, term (1/n), total (H_n), doubled (H_2n − H_n).
"""

import math

from ..show import commas, num, power, sci
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

N_MAX = 100_000
_PREFIX = []


def harmonic(n):
    """H_n = 1 + 1/2 + ... + 1/n, from running totals kept once (added left to right)."""
    if len(_PREFIX) <= n:
        total = _PREFIX[-1] if _PREFIX else 0.0
        if not _PREFIX:
            _PREFIX.append(0.0)
        for k in range(len(_PREFIX), 2 * N_MAX + 1):
            total += 1 / k
            _PREFIX.append(total)
    return _PREFIX[n]


@register
class HarmonicCreep(Widget):
    name = "harmonic_creep"
    width, height = 600, 330

    def configure(self, config):
        n = number(self.name, "n", config.pop("n", 10), 1, N_MAX)
        self.plot = Plot((1, N_MAX), (0, 13), box=(44, 14, 584, 290), xlog=True, xfmt=power)
        self.knobs = {"lg": Slider("lg", "terms n", 0, 5, 0.01, math.log10(n),
                                   fmt=lambda lg: commas(round(10 ** lg)))}
        super().configure(config)

    @property
    def n(self):
        return round(10 ** self.knobs["lg"].value)

    def values(self):
        n = self.n
        return {"lg": self.knobs["lg"].value, "n": n, "term": 1 / n, "total": harmonic(n),
                "doubled": harmonic(2 * n) - harmonic(n)}

    def set_values(self, values):
        values = dict(values)
        if "n" in values:   # a goal may name n; the knob holds its logarithm
            values.setdefault("lg", math.log10(values.pop("n")))
        super().set_values(values)

    def drag(self, handle, x, y):
        if handle == "lg":
            self.knobs["lg"].set(math.log10(self.plot.x.value(x)))

    def shapes(self):
        p, v = self.plot, self.values()
        out = [p.handle("lg", v["n"], v["total"], "the running total H_n; drag sideways to change n",
                        f"n = {commas(v['n'])}")]
        out += p.frame("n (log scale)", "")
        out.append(p.line(0, 10, "accent2"))
        out.append(p.curve(math.log, "muted"))
        out.append(p.polyline([(10 ** (i / 60), harmonic(round(10 ** (i / 60)))) for i in range(301)], "accent"))
        out.append(p.segment(v["n"], 0, v["n"], v["total"], "accent3"))
        out += p.legend([("Hₙ = 1 + 1/2 + … + 1/n", "accent"), ("ln n", "muted"), ("the level 10", "accent2")])
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "n", "value": commas(v["n"])},
                {"label": "last term 1/n", "value": sci(v["term"], 3)},
                {"label": "Hₙ", "value": num(v["total"], 4)},
                {"label": "H₂ₙ − Hₙ (doubling n adds)", "value": num(v["doubled"], 4)}]

    def controls(self):
        return [self.knobs["lg"].control()]
