"""Sampling from a categorical: the probabilities stacked into the unit interval, and a
uniform number u landing in one piece.

Token i owns the half-open interval [c_(i-1), c_i), where c_i is the running total of
the probabilities. Drag u along the strip (or use the arrow keys): the token whose
interval holds u is the one drawn. Above the strip, the same probabilities as bars, with
the drawn token highlighted.

    ```widget categorical_strip
    id = "strip"
    probs = [0.5, 0.2, 0.2, 0.1]
    labels = ["a", "b", "c", "d"]
    u = 0.3
    goal = { text = "...", check = "picked == 'c' and u <= 0.7", solution = { u = 0.7 } }
    ```

values(): u (knob), picked (the drawn label), index (its position), low and high (its interval).
"""

from ..gpt.sample import pick   # the capstone's sampler: the same u gives the same token
from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, distribution, number
from ..widgets.controls import Slider
from ..widgets.views import bars

LEFT, RIGHT, Y, H = 40, 580, 200, 36


@register
class CategoricalStrip(Widget):
    name = "categorical_strip"
    width, height = 600, 280

    def configure(self, config):
        probs = distribution(self.name, "probs", config.pop("probs", [0.5, 0.2, 0.2, 0.1]))
        labels = config.pop("labels", [chr(ord("a") + i) for i in range(len(probs))])
        if not isinstance(labels, list) or len(labels) != len(probs) or not all(isinstance(s, str) for s in labels):
            raise ValueError(f"{self.name}: labels must be {len(probs)} strings, one per probability, not {labels!r}")
        self.probs, self.labels = probs, labels
        u = number(self.name, "u", config.pop("u", 0.3), 0, 0.99)
        self.knobs = {"u": Slider("u", "u (uniform in [0, 1))", 0, 0.99, 0.01, u)}
        super().configure(config)

    def edges(self):
        out, total = [0.0], 0.0
        for p in self.probs:
            total += p
            out.append(total)
        return out

    def values(self):
        u = self.knobs["u"].value
        i = pick(self.probs, u)
        e = self.edges()
        return {"u": u, "picked": self.labels[i], "index": i, "low": e[i], "high": e[i + 1]}

    def x(self, t):
        return LEFT + (RIGHT - LEFT) * t

    def drag(self, handle, x, y):
        if handle == "u":
            self.knobs["u"].set((x - LEFT) / (RIGHT - LEFT))

    def shapes(self):
        v, e = self.values(), self.edges()
        ux = self.x(v["u"])
        out = [S.handle(S.poly([(ux, Y - 4), (ux - 9, Y - 20), (ux + 9, Y - 20)], "accent2 solid"),
                        "u", "the uniform draw u", f"u = {num(v['u'])}")]
        out += bars(self.probs, (LEFT, 20, RIGHT, 130), self.labels, top=max(self.probs), highlight=v["index"],
                    fmt=lambda p: num(p, 3))
        for i, p in enumerate(self.probs):
            x0, x1 = self.x(e[i]), self.x(e[i + 1])
            cls = "accent2" if i == v["index"] else "accent"
            out.append(S.rect(x0, Y, x1 - x0, H, f"{cls} nostroke", opacity=0.85 if i == v["index"] else 0.25 + 0.1 * (i % 2)))
            out.append(S.line(x0, Y, x0, Y + H, "axis"))
            if x1 - x0 > 14:
                out.append(S.text((x0 + x1) / 2, Y + H / 2 + 5, self.labels[i], "label"))
        out.append(S.line(RIGHT, Y, RIGHT, Y + H, "axis"))
        out.append(S.line(ux, Y - 4, ux, Y + H + 4, "accent2 bracket"))
        for t in sorted(set(round(c, 9) for c in e)):
            out.append(S.text(self.x(t), Y + H + 16, num(t, 3), "small"))
        out.append(S.text(300, Y + H + 36, "the running totals of the probabilities cut [0, 1) into one piece per token", "small"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "u", "value": num(v["u"])},
                {"label": "interval", "value": f"[{num(v['low'], 3)}, {num(v['high'], 3)})"},
                {"label": "drawn", "value": v["picked"]}]

    def controls(self):
        return [self.knobs["u"].control()]
