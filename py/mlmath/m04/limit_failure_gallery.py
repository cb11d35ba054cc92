"""Four functions near a point, to diagnose. One shared zoom slider narrows every window
to a ± 2h; for each panel a slider gives the learner's verdict: the limit exists, the
two sides jump apart, it blows up, or it oscillates. Zooming settles it: a limit that
exists flattens the picture around one height, the others never do.

    ```widget limit_failure_gallery
    id = "gallery"
    cases = ["step", "cubehole", "wiggle", "blowup"]
    goal = { text = "...", check = "right == 4", solution = { v1 = "jump", ... } }
    ```

values(): lg (log10 h), v1..v4 (the verdicts), right (how many verdicts are correct).
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from .l03_limits import CASES, pieces, value, view

VERDICTS = ["undecided", "exists", "jump", "blows up", "oscillates"]
BOXES = [(40, 30, 286, 150), (344, 30, 590, 150), (40, 200, 286, 320), (344, 200, 590, 320)]


@register
class LimitFailureGallery(Widget):
    name = "limit_failure_gallery"
    width, height = 600, 350

    def configure(self, config):
        cases = config.pop("cases", ["step", "cubehole", "wiggle", "blowup"])
        if not isinstance(cases, list) or len(cases) != 4:
            raise ValueError(f"{self.name}: cases must be a list of four names from {list(CASES)}, not {cases!r}")
        self.cases = [one_of(self.name, "cases", c, CASES) for c in cases]
        h = number(self.name, "h", config.pop("h", 0.5), 1e-4, 1)
        self.knobs = {"lg": Slider("lg", "zoom: distance h from a", -4, 0, 0.05, math.log10(h),
                                   fmt=lambda lg: sci(10 ** lg))}
        for i in range(4):
            self.knobs[f"v{i + 1}"] = Choice(f"v{i + 1}", f"verdict for {'ABCD'[i]}", VERDICTS, "undecided")
        super().configure(config)

    @property
    def h(self):
        return 10 ** self.knobs["lg"].value

    def values(self):
        v = {k: knob.value for k, knob in self.knobs.items()}
        v["right"] = sum(self.knobs[f"v{i + 1}"].value == CASES[c][4] for i, c in enumerate(self.cases))
        return v

    def set_values(self, values):
        values = dict(values)
        if "h" in values:
            values.setdefault("lg", math.log10(values.pop("h")))
        super().set_values(values)

    def shapes(self):
        h = self.h
        out = []
        for i, (name, box) in enumerate(zip(self.cases, BOXES)):
            f, label, a, _, _, _ = CASES[name]
            p = view(name, h, box)
            out += p.frame("", "", xticks=[a - h, a, a + h], yticks=3, grid=False, edges=True)
            out += pieces(p, f, a, samples=400)
            out.append(S.text(box[0], box[1] - 10, f"{'ABCD'[i]}: f(x) = {label} near x = {num(a)}", "label", "start"))
        return out

    def readouts(self):
        h = self.h
        out = []
        for i, name in enumerate(self.cases):
            f, _, a, _, _, _ = CASES[name]
            cells = []
            for x in (a - h, a + h):
                y = value(f, x)
                cells.append("no value" if y is None else (sci(y, 3) if abs(y) >= 1e4 else num(y, 4)))
            out.append({"label": f"{'ABCD'[i]}: f(a − h), f(a + h)", "value": f"{cells[0]}, {cells[1]}"})
        v = self.values()
        given = sum(v[f"v{i + 1}"] != "undecided" for i in range(4))
        out.append({"label": "verdicts", "value": "all 4 right" if v["right"] == 4 else f"{given} of 4 given"})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in self.knobs]
