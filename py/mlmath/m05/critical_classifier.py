"""Classify every critical point of f(x) = x⁵/5 − x⁴/4 − 2x³/3, whose slope
f′(x) = x²(x + 1)(x − 2) is zero at x = −1, 0 and 2. Under each point the widget shows
f″ there; the second-derivative test decides two of them (f″ < 0: a peak, f″ > 0: a
valley) and says nothing about the third, where f″ = 0 and f′ keeps its sign on both
sides: a flat step that is neither.

    ```widget critical_classifier
    id = "classify"
    goal = { text = "...", check = "right == 3", solution = { p1 = "maximum", p2 = "neither", p3 = "minimum" } }
    ```

values(): p1, p2, p3 (the learner's labels), right (how many are correct; the goal reads it,
the readout does not show it).
"""

from ..show import num, sub
from ..widgets import register
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice
from ..widgets.plot import Plot


def f(x):
    return x ** 5 / 5 - x ** 4 / 4 - 2 * x ** 3 / 3


def df(x):
    return x ** 4 - x ** 3 - 2 * x * x


def d2f(x):
    return 4 * x ** 3 - 3 * x * x - 4 * x


POINTS = [-1.0, 0.0, 2.0]
ANSWERS = ["maximum", "neither", "minimum"]
LABELS = ["?", "minimum", "maximum", "neither"]


@register
class CriticalClassifier(Widget):
    name = "critical_classifier"
    width, height = 600, 320

    def configure(self, config):
        self.knobs = {}
        for i in range(3):
            key = f"p{i + 1}"
            label = one_of(self.name, key, config.pop(key, "?"), LABELS)
            self.knobs[key] = Choice(key, f"P{sub(i + 1)} at x = {num(POINTS[i])}", LABELS, label)
        self.plot = Plot((-1.6, 2.5), (-3.4, 1.6), box=(48, 14, 584, 280))
        super().configure(config)

    def values(self):
        picks = {k: knob.value for k, knob in self.knobs.items()}
        return {**picks, "right": sum(picks[f"p{i + 1}"] == ANSWERS[i] for i in range(3))}

    def shapes(self):
        p = self.plot
        out = [*p.frame("x", "f(x)", yticks=4), p.curve(f)]
        for i, x in enumerate(POINTS):
            y = f(x)
            dx = 30 if x == 0 else 0     # clear of the y axis
            out += [p.point(x, y, "accent2", r=6),
                    p.segment(x - 0.35, y, x + 0.35, y, "accent2"),
                    p.text(x, y, self.knobs[f"p{i + 1}"].value, "small", dx=dx, dy=-44),
                    p.text(x, y, f"f″ = {num(d2f(x))}", "small accent2", dx=dx, dy=-30),
                    p.text(x, y, f"P{sub(i + 1)}", "label", dx=dx, dy=-12)]
        return out

    def readouts(self):
        v = self.values()
        # No running count of right labels: with one, trying the three labels on each point in
        # turn and keeping whatever raised the count would pass without reading f″ or f′.
        labels = [v[f"p{i + 1}"] for i in range(3)]
        verdict = ("all three right" if v["right"] == 3 else "label every point" if "?" in labels else
                   "not yet: at least one label is wrong")
        return [{"label": f"P{sub(i + 1)}", "value": labels[i]} for i in range(3)] + [
            {"label": "labels", "value": verdict}]

    def controls(self):
        return [knob.control() for knob in self.knobs.values()]
