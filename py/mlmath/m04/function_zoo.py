"""The zoo of parent functions: pick one of the ten shapes, drag a probe along its graph,
and see its domain and range. Optional `marks` are points some parent passes through;
each mark turns green when the picked graph goes through it.

    ```widget function_zoo
    id = "zoo"
    parent = "square"
    marks = [[-1, 1], [1, 1], [-2, 2]]
    goal = { text = "...", check = "hits == 3", solution = { parent = "abs" } }
    ```

values(): parent, x (the probe), y (f there, nan where f has no value), hits (marks on the graph).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot
from .l01_parents import PARENTS, value


@register
class FunctionZoo(Widget):
    name = "function_zoo"
    width, height = 600, 320

    def configure(self, config):
        parent = one_of(self.name, "parent", config.pop("parent", "identity"), PARENTS)
        marks = config.pop("marks", [])
        if not isinstance(marks, list) or not all(isinstance(m, list) and len(m) == 2 for m in marks):
            raise ValueError(f"{self.name}: marks must be a list of [x, y] pairs, not {marks!r}")
        self.marks = [(number(self.name, "mark x", x, -4, 4), number(self.name, "mark y", y, -4, 4)) for x, y in marks]
        x = number(self.name, "x", config.pop("x", 2), -4, 4)
        self.plot = Plot((-4, 4), (-4, 4), box=(40, 14, 584, 290))
        self.knobs = {"parent": Choice("parent", "parent function", list(PARENTS), parent,
                                       fmt=lambda p: f"{PARENTS[p][1]} ({p})"),
                      "x": Slider("x", "probe x", -4, 4, 0.1, x)}
        super().configure(config)

    @property
    def f(self):
        return PARENTS[self.knobs["parent"].value][0]

    def on_graph(self, mx, my):
        y = value(self.f, mx)
        return y is not None and abs(y - my) < 1e-9

    def values(self):
        x = self.knobs["x"].value
        y = value(self.f, x)
        return {"parent": self.knobs["parent"].value, "x": x, "y": math.nan if y is None else y,
                "hits": sum(self.on_graph(mx, my) for mx, my in self.marks)}

    def drag(self, handle, x, y):
        if handle == "x":
            self.knobs["x"].set(self.plot.x.value(x))

    def shapes(self):
        p, v = self.plot, self.values()
        y = v["y"]
        probe_y = 0.0 if math.isnan(y) else y
        out = [p.handle("x", v["x"], probe_y, "probe on the graph", f"x = {num(v['x'])}", cls="accent3" if math.isnan(y) else "accent")]
        out += p.frame("x", f"f(x) = {PARENTS[v['parent']][1]}")
        out.append(p.curve(self.f))
        out += [p.point(mx, my, "good" if self.on_graph(mx, my) else "bad", r=6) for mx, my in self.marks]
        return out

    def readouts(self):
        name, (_, label, _, domain, rng) = self.knobs["parent"].value, PARENTS[self.knobs["parent"].value]
        v = self.values()
        out = [{"label": "f(x)", "value": f"{label} ({name})"},
               {"label": "domain", "value": domain}, {"label": "range", "value": rng},
               {"label": f"f({num(v['x'])})", "value": "no value" if math.isnan(v["y"]) else num(v["y"], 3)}]
        if self.marks:
            out.append({"label": "marks on the graph", "value": f"{v['hits']} of {len(self.marks)}"})
        return out

    def controls(self):
        return [self.knobs["parent"].control(), self.knobs["x"].control()]
