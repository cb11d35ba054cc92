"""Match each function to the graph of its slope. Four curves f₁..f₄ on top, four
slope graphs A..D below, each the derivative of exactly one of them. A learner who
matches by shape (a parabola to a parabola, a line to a line) gets it wrong: read
each curve's slope instead (where is it flat, where does it climb, how steeply).

    ```widget slope_match
    id = "match"
    goal = { text = "...", check = "right == 4", solution = { f1 = "C", f2 = "A", f3 = "D", f4 = "B" } }
    ```

values(): f1..f4 (the letter picked for each), right (how many are correct; the goal reads it,
the readout does not show it).
"""

import math

from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice
from ..widgets.plot import Plot

LO, HI = -2.0, 2.0
SUBS = "₁₂₃₄"
FUNCTIONS = [  # (label, f, f')
    ("f₁ = x²", lambda x: x * x, lambda x: 2 * x),
    ("f₂ = x³/3 − x", lambda x: x ** 3 / 3 - x, lambda x: x * x - 1),
    ("f₃ = sin 1.5x", lambda x: math.sin(1.5 * x), lambda x: 1.5 * math.cos(1.5 * x)),
    ("f₄ = x/2 + 1", lambda x: x / 2 + 1, lambda x: 0.5),
]
# The slope graphs, by letter: which function's derivative each one is
LETTERS = {"A": 1, "B": 3, "C": 0, "D": 2}
ANSWER = {f"f{i + 1}": next(k for k, v in LETTERS.items() if v == i) for i in range(4)}


@register
class SlopeMatch(Widget):
    name = "slope_match"
    width, height = 600, 350

    def configure(self, config):
        picks = {}
        for i in range(4):
            key = f"f{i + 1}"
            picks[key] = one_of(self.name, key, config.pop(key, "A"), list(LETTERS))
        self.knobs = {k: Choice(k, f"{FUNCTIONS[i][0].split(' =')[0]}'s slope graph", list(LETTERS), v)
                      for i, (k, v) in enumerate(picks.items())}
        super().configure(config)

    def values(self):
        picks = {k: knob.value for k, knob in self.knobs.items()}
        return {**picks, "right": sum(picks[k] == ANSWER[k] for k in picks)}

    def _panel(self, col, row):
        left = 16 + col * 146
        top = 22 + row * 190
        return Plot((LO, HI), (-3.2, 4.2), box=(left, top, left + 130, top + 112))

    def shapes(self):
        out = []
        for i, (label, f, _) in enumerate(FUNCTIONS):
            p = self._panel(i, 0)
            out += [*p.frame(xticks=[-2, 0, 2], yticks=[], grid=False), p.curve(f, "accent"),
                    S.text((p.box[0] + p.box[2]) / 2, p.box[1] - 8, label, "small")]
            pick = self.knobs[f"f{i + 1}"].value
            out.append(S.text((p.box[0] + p.box[2]) / 2, p.box[3] + 22, f"its slope: graph {pick}", "small accent2"))
        for col, (letter, i) in enumerate(LETTERS.items()):
            p = self._panel(col, 1)
            out += [*p.frame(xticks=[-2, 0, 2], yticks=[], grid=False), p.curve(FUNCTIONS[i][2], "accent2"),
                    S.text((p.box[0] + p.box[2]) / 2, p.box[1] - 8, f"graph {letter}", "label")]
        return out

    def readouts(self):
        # No running count of right matches: with one, a learner could try the four letters
        # for each curve in turn and keep whatever raised the count, without reading a slope.
        v = self.values()
        picks = [v[f"f{i + 1}"] for i in range(4)]
        verdict = ("all four right" if v["right"] == 4 else
                   "not yet: each graph is the slope of exactly one curve" if len(set(picks)) < 4 else
                   "not yet: some curves have the wrong slope graph")
        return [{"label": "", "value": f"f{SUBS[i]} → {picks[i]}"} for i in range(4)] + [
            {"label": "matching", "value": verdict}]

    def controls(self):
        return [knob.control() for knob in self.knobs.values()]
