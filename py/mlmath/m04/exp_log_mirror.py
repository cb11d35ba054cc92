"""eˣ and ln x as mirror images across the line y = x. The learner drags a point along
eˣ; its mirror (eˣ, x) rides along ln x. What exp does, ln undoes: ln(eˣ) = x.

    ```widget exp_log_mirror
    id = "mirror"
    x = 0.5
    goal = { text = "...", check = "abs(y - 5) < 0.01", solution = { x = 1.61 } }
    ```

values(): x, y (eˣ), back (ln y, which is x again).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot


@register
class ExpLogMirror(Widget):
    name = "exp_log_mirror"
    width, height = 600, 340

    def configure(self, config):
        x = number(self.name, "x", config.pop("x", 0.5), -2.5, 2.2)
        # a square plot, so the mirror across y = x looks like one
        self.plot = Plot((-3, 9), (-3, 9), box=(150, 10, 450, 310))
        self.knobs = {"x": Slider("x", "x", -2.5, 2.2, 0.01, x)}
        super().configure(config)

    def values(self):
        x = self.knobs["x"].value
        y = math.exp(x)
        return {"x": x, "y": y, "back": math.log(y)}

    def drag(self, handle, px, py):
        if handle == "x":
            self.knobs["x"].set(self.plot.x.value(px))
        elif handle == "mirror":
            v = self.plot.x.value(px)
            if v > 0:
                self.knobs["x"].set(math.log(v))

    def handle(self, event):
        if event.get("handle") == "mirror" and event.get("type") == "key":
            event = {**event, "handle": "x"}
        super().handle(event)

    def shapes(self):
        p, v = self.plot, self.values()
        x, y = v["x"], v["y"]
        return [
            p.handle("x", x, y, "point on eˣ; drag along the curve", f"x = {num(x)}, eˣ = {num(y, 3)}"),
            p.handle("mirror", y, x, "its mirror on ln x", f"ln {num(y, 3)} = {num(x)}", cls="accent2"),
            *p.frame("", "", xticks=[-2, 0, 2, 4, 6, 8], yticks=[-2, 0, 2, 4, 6, 8]),
            p.line(1, 0, "muted"),
            p.curve(math.exp),
            p.curve(lambda t: math.log(t) if t > 0 else math.nan, "accent2", lo=0.01),
            p.segment(x, y, y, x, "accent3"),
            *p.legend([("eˣ", "accent"), ("ln x", "accent2"), ("y = x", "muted")], corner="bottom-right"),
        ]

    def readouts(self):
        v = self.values()
        return [{"label": "x", "value": num(v["x"], 2)},
                {"label": "eˣ", "value": num(v["y"], 4)},
                {"label": f"ln {num(v['y'], 4)}", "value": num(v["back"], 2)}]

    def controls(self):
        return [self.knobs["x"].control()]
