"""The likelihood of coin flips as a function of p, for flips the learner adds.

Each flip is heads (H) with probability p, so the flips h heads and t tails have probability
L(p) = p^h (1 - p)^t. Add flips with the buttons; drag p along the curve (or use the
arrow keys). The curve is the log-likelihood, h log p + t log(1 - p), or with the toggle the
likelihood itself: the two peak at the same p, the frequency h / n.

    ```widget coin_likelihood_curve
    id = "coin"
    flips = "HHTH"
    p = 0.5
    goal = { text = "...", check = "n > 0 and abs(p - mle) < 0.006", solution = { p = 0.75 } }
    ```

values(): flips (the string of H and T), log (the toggle), p, heads, n, mle (heads / n),
lik (L(p)), loglik (log L(p); -inf where L is 0).
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Button, Slider, Toggle
from ..widgets.plot import Plot

MAX_FLIPS = 40


def log_lik(p, heads, tails):
    if (heads and p <= 0) or (tails and p >= 1):
        return -math.inf
    return (heads * math.log(p) if heads else 0.0) + (tails * math.log(1 - p) if tails else 0.0)


@register
class CoinLikelihoodCurve(Widget):
    name = "coin_likelihood_curve"
    width, height = 600, 300

    def configure(self, config):
        flips = config.pop("flips", "HHTH")
        if not isinstance(flips, str) or set(flips) - {"H", "T"} or len(flips) > MAX_FLIPS:
            raise ValueError(f"{self.name}: flips must be a string of H and T, at most {MAX_FLIPS}, not {flips!r}")
        self.flips = flips
        p = number(self.name, "p", config.pop("p", 0.5), 0, 1)
        self.knobs = {"p": Slider("p", "p = P(heads)", 0, 1, 0.01, p),
                      "log": Toggle("log", "Show the log-likelihood", "Show the likelihood itself", True),
                      "H": Button("H", "Add heads", lambda: self.add("H")),
                      "T": Button("T", "Add tails", lambda: self.add("T")),
                      "undo": Button("undo", "Remove the last flip", lambda: self.set_flips(self.flips[:-1]))}
        self.plot_box = (56, 16, 590, 250)
        super().configure(config)

    def add(self, f):
        if len(self.flips) < MAX_FLIPS:
            self.flips += f

    def set_flips(self, flips):
        self.flips = flips

    def values(self):
        h, n, p = self.flips.count("H"), len(self.flips), self.knobs["p"].value
        ll = log_lik(p, h, n - h)
        return {"flips": self.flips, "log": self.knobs["log"].value, "p": p, "heads": h, "n": n,
                "mle": h / n if n else 0.5, "lik": math.exp(ll) if ll > -math.inf else 0.0, "loglik": ll}

    def set_values(self, values):
        values = dict(values)
        if "flips" in values:
            flips = values.pop("flips")
            if not isinstance(flips, str) or set(flips) - {"H", "T"} or len(flips) > MAX_FLIPS:
                raise ValueError(f"{self.name}: flips cannot be {flips!r}")
            self.flips = flips
        super().set_values(values)

    def plot(self):
        v = self.values()
        h, t = v["heads"], v["n"] - v["heads"]
        if v["log"]:
            peak = log_lik(v["mle"], h, t)
            lo = min(-1.0, peak - 4 * max(1, v["n"]) ** 0.5 - 2)
            f = lambda p: log_lik(p, h, t)
            return Plot((0, 1), (lo, max(0.0, peak) + 0.5), box=self.plot_box, yfmt=lambda y: num(y, 0)), f
        top = math.exp(log_lik(v["mle"], h, t))
        return Plot((0, 1), (0, top * 1.15), box=self.plot_box, yfmt=sci), lambda p: math.exp(log_lik(p, h, t)) if log_lik(p, h, t) > -700 else 0.0

    def drag(self, handle, x, y):
        if handle == "p":
            self.knobs["p"].set(self.plot()[0].x.value(x))

    def shapes(self):
        v = self.values()
        pl, f = self.plot()
        y = f(v["p"])
        return [
            pl.handle("p", v["p"], y if math.isfinite(y) else pl.y.lo, "p on the curve", f"p = {num(v['p'])}"),
            *pl.frame("p", "log L(p)" if v["log"] else "L(p)", xticks=5, yticks=4, edges=True),
            pl.curve(f, lo=0.0005, hi=0.9995),
            pl.segment(v["mle"], pl.y.lo, v["mle"], pl.y.hi, "muted"),
            pl.text(v["mle"], pl.y.hi, f"h / n = {num(v['mle'], 3)}", "small", dy=12, dx=4, anchor="start"),
            pl.text(0.5, pl.y.lo, "flips: " + (self.flips or "none yet"), "small", dy=-10),
        ]

    def readouts(self):
        v = self.values()
        return [{"label": "heads / flips", "value": f"{v['heads']} / {v['n']}"},
                {"label": "L(p)", "value": sci(v["lik"], 3)},
                {"label": "log L(p)", "value": num(v["loglik"], 3) if math.isfinite(v["loglik"]) else "−∞"}]

    def controls(self):
        return [self.knobs[k].control() for k in ("p", "H", "T", "undo", "log")]
