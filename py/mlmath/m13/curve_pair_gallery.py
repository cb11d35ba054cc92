"""Four pairs of training and validation curves to diagnose.

Each panel plots error against epoch for a training set (solid) and a validation set
(the other colour). The four pairs are sketched from formulas (they are shapes to read, not
recorded runs), one per diagnosis, in a fixed order that is not the order of the list:

  underfitting   both errors high and flat, close together: the model is too simple
  overfitting    training error keeps falling while validation error turns and climbs
  still learning both errors still falling steeply at the last epoch: train longer
  good fit       both fall and level off together, with a small steady gap

A slider under the picture picks each panel's diagnosis (arrow keys step it).

    ```widget curve_pair_gallery
    id = "gallery"
    goal = { text = "...", check = "correct == 4", solution = { a = "overfitting", ... } }
    ```

values(): a, b, c, d (each panel's chosen diagnosis, "?" while unchosen), correct (how many
panels are named right). set_values also takes correct = 4.
"""

import math

from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget
from ..widgets.controls import Choice
from ..widgets.plot import Plot

DIAGNOSES = ["?", "underfitting", "overfitting", "still learning", "good fit"]
EPOCHS = 40


def _underfit(t):
    return 0.62 + 0.25 * math.exp(-t / 3), 0.66 + 0.25 * math.exp(-t / 3)


def _overfit(t):
    return 0.05 + 0.8 * math.exp(-t / 7), 0.3 + 0.6 * math.exp(-t / 5) + 0.0002 * t * t


def _still(t):
    return 0.95 - 0.019 * t, 1.0 - 0.018 * t


def _good(t):
    return 0.12 + 0.8 * math.exp(-t / 6), 0.18 + 0.78 * math.exp(-t / 6)


PANELS = [("a", _overfit, "overfitting"), ("b", _still, "still learning"),
          ("c", _good, "good fit"), ("d", _underfit, "underfitting")]


@register
class CurvePairGallery(Widget):
    name = "curve_pair_gallery"
    width, height = 600, 330

    def configure(self, config):
        self.knobs = {key: Choice(key, f"panel {key.upper()}", DIAGNOSES, "?") for key, _, _ in PANELS}
        self.plots = [Plot((0, EPOCHS), (0, 1.1), box=(36 + 290 * (i % 2), 22 + 158 * (i // 2),
                                                      280 + 290 * (i % 2), 146 + 158 * (i // 2)))
                      for i in range(len(PANELS))]
        super().configure(config)

    def values(self):
        v = {key: self.knobs[key].value for key, _, _ in PANELS}
        v["correct"] = sum(v[key] == right for key, _, right in PANELS)
        return v

    def set_values(self, values):
        values = dict(values)
        if values.get("correct") == len(PANELS):
            for key, _, right in PANELS:
                values.setdefault(key, right)
        super().set_values(values)

    def shapes(self):
        out = []
        for (key, f, _), p in zip(PANELS, self.plots):
            left, top, right, bottom = p.box
            out += p.frame("", "", xticks=[0, 20, 40], yticks=[0, 0.5, 1])
            out.append(p.polyline([(t, f(t)[0]) for t in range(EPOCHS + 1)], "accent"))
            out.append(p.polyline([(t, f(t)[1]) for t in range(EPOCHS + 1)], "accent2"))
            out.append(S.text(left + 8, top - 6, f"{key.upper()}: {self.knobs[key].value}", "label", "start"))
        out += self.plots[1].legend([("train", "accent"), ("validation", "accent2")], corner="top-right")
        return out

    def readouts(self):
        v = self.values()
        named = sum(v[key] != "?" for key, _, _ in PANELS)
        return [{"label": "named", "value": f"{named} of {len(PANELS)}"}]   # not how many are right: no hill-climbing

    def controls(self):
        return [self.knobs[key].control() for key, _, _ in PANELS]
