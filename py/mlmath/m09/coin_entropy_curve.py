"""The entropy of a coin, H(p), as a curve with a point you drag along it.

A coin lands heads with probability p. Heads surprises you by -log2 p bits, tails by
-log2(1 - p); the entropy is their average, weighted by how often each happens:
H(p) = p(-log2 p) + (1 - p)(-log2(1 - p)). The two surprise curves are drawn faintly
behind the entropy curve, so you can see a rare side's huge surprise being weighted by
its small probability.

    ```widget coin_entropy_curve
    id = "coin"
    p = 0.9
    goal = { text = "...", check = "abs(H - 0.5) < 0.005", solution = { p = 0.11 } }
    ```

values(): p, H (bits), heads and tails (each side's surprise in bits).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .l01_surprise import binary_entropy, surprise


@register
class CoinEntropyCurve(Widget):
    name = "coin_entropy_curve"
    width, height = 600, 300

    def configure(self, config):
        p = number(self.name, "p", config.pop("p", 0.9), 0, 1)
        super().configure(config)
        self.knobs = {"p": Slider("p", "P(heads)", 0, 1, 0.001, p, fmt=lambda v: num(v, 3),
                                  fine=0.001, coarse=0.05)}
        self.plot = Plot((0, 1), (0, 4), (52, 16, 584, 262))

    @property
    def p(self):
        return self.knobs["p"].value

    def values(self):
        p = self.p
        return {"p": p, "H": binary_entropy(p), "heads": surprise(p), "tails": surprise(1 - p)}

    def drag(self, handle, x, y):
        if handle == "p":
            self.knobs["p"].set(self.plot.x.value(x))

    def shapes(self):
        pl, v = self.plot, self.values()
        p, H = v["p"], v["H"]
        return [
            pl.handle("p", p, H, "coin with P(heads) = p, on the entropy curve", f"p = {num(p, 3)}, H = {num(H, 3)} bits"),
            *pl.frame("P(heads) = p", "bits"),
            pl.curve(lambda t: surprise(t), "muted", lo=0.001, hi=1),
            pl.curve(lambda t: surprise(1 - t), "accent3", lo=0, hi=0.999),
            pl.curve(binary_entropy, "accent", lo=0, hi=1),
            pl.segment(p, 0, p, H, "accent2"),
            *self._legend([("entropy H(p)", "accent"), ("surprise of heads", "muted"),
                           ("surprise of tails", "accent3")]),
        ]

    def _legend(self, entries):
        """The key at the top middle, where neither surprise curve reaches (both are
        under 1.6 bits for p between 0.35 and 0.65); a corner key sat on a curve."""
        left, top, right, bottom = self.plot.box
        x, y = (left + right) / 2 - 60, top + 14
        out = []
        for i, (label, cls) in enumerate(entries):
            out.append(S.line(x, y + 16 * i, x + 22, y + 16 * i, cls))
            out.append(S.text(x + 28, y + 16 * i + 4, label, "small", "start"))
        return out

    def readouts(self):
        v = self.values()
        show = lambda s: "∞" if s == float("inf") else num(s, 3)
        return [{"label": "p", "value": num(v["p"], 3)},
                {"label": "surprise of heads, −log₂ p", "value": show(v["heads"])},
                {"label": "surprise of tails, −log₂(1 − p)", "value": show(v["tails"])},
                {"label": "entropy H(p)", "value": num(v["H"], 3) + " bits"}]
