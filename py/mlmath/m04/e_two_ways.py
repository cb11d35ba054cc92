"""e two ways, racing: compounding (1 + 1/n)ⁿ with n on a log slider, and the factorial
series 1/0! + 1/1! + ... with a count of terms. The picture plots each estimate's error
|estimate − e| against the work done (n steps, or terms), both axes logarithmic, so
"far faster" is the gap between a gentle slope and a cliff. Readouts count the decimals
each gets right.

    ```widget e_two_ways
    id = "race"
    n = 10
    terms = 3
    goal = { text = "...", check = "min(digits_compound, digits_series) >= 6", solution = { n = 3000000, terms = 10 } }
    ```

values(): lg (log10 n), n, terms, compound, series, digits_compound, digits_series.
"""

import math

from ..show import commas, num, power
from ..widgets import register
from ..widgets.base import Widget, number, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .l04_e import compounding, correct_digits, series

N_MAX = 10 ** 7
T_MAX = 18


def _err(x):
    return max(abs(x - math.e), 1e-16)


@register
class ETwoWays(Widget):
    name = "e_two_ways"
    width, height = 600, 340

    def configure(self, config):
        n = number(self.name, "n", config.pop("n", 10), 1, N_MAX)
        terms = whole(self.name, "terms", config.pop("terms", 3), 1, T_MAX)
        self.plot = Plot((1, N_MAX), (1e-16, 1e3), box=(64, 14, 584, 290), xlog=True, ylog=True, xfmt=power, yfmt=power)  # headroom for the axis name
        self.knobs = {"lg": Slider("lg", "compounding steps n", 0, 7, 0.1, math.log10(n),
                                   fmt=lambda lg: commas(round(10 ** lg))),
                      "terms": Slider("terms", "series terms", 1, T_MAX, 1, terms)}
        super().configure(config)

    @property
    def n(self):
        return round(10 ** self.knobs["lg"].value)

    def values(self):
        n, t = self.n, self.knobs["terms"].value
        c, s = compounding(n), series(t)
        return {"lg": self.knobs["lg"].value, "n": n, "terms": t, "compound": c, "series": s,
                "digits_compound": correct_digits(c), "digits_series": correct_digits(s)}

    def set_values(self, values):
        values = dict(values)
        if "n" in values:
            values.setdefault("lg", math.log10(values.pop("n")))
        super().set_values(values)

    def drag(self, handle, x, y):
        v = self.plot.x.value(x)
        if handle == "lg":
            self.knobs["lg"].set(math.log10(v))
        elif handle == "terms":
            self.knobs["terms"].set(v)

    def shapes(self):
        p, v = self.plot, self.values()
        ticks = [10.0 ** e for e in range(-16, 2, 3)]
        out = [p.handle("lg", v["n"], _err(v["compound"]), "compounding estimate; drag sideways to change n",
                        f"n = {commas(v['n'])}"),
               p.handle("terms", v["terms"], _err(v["series"]), "series estimate; drag sideways to change the terms",
                        f"{v['terms']} terms", cls="accent2")]
        out += p.frame("work: compounding steps n, or series terms", "error |estimate − e|", yticks=ticks)
        out.append(p.polyline([(10 ** (i / 25), _err(compounding(round(10 ** (i / 25))))) for i in range(201)], "accent"))
        out.append(p.polyline([(t, _err(series(t))) for t in range(1, T_MAX + 1)], "accent2"))
        out += [p.point(t, _err(series(t)), "accent2", r=2.5) for t in range(1, T_MAX + 1)]
        out += p.legend([("(1 + 1/n)ⁿ", "accent"), ("1/0! + 1/1! + …", "accent2")], corner="bottom-right")
        return out

    def readouts(self):
        v = self.values()
        return [{"label": f"(1 + 1/n)ⁿ, n = {commas(v['n'])}", "value": num(v["compound"], 12)},
                {"label": "its correct decimals", "value": str(v["digits_compound"])},
                {"label": f"series, {v['terms']} terms", "value": num(v["series"], 12)},
                {"label": "its correct decimals", "value": str(v["digits_series"])},
                {"label": "e", "value": num(math.e, 12)}]

    def controls(self):
        return [self.knobs["lg"].control(), self.knobs["terms"].control()]
