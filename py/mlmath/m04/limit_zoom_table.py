"""Approach a point from both sides: two probes at a − h and a + h on the graph, a
window that zooms in with them (width 4h around a), and a table of f(a − h), f(a + h)
for h = 10⁻¹ … 10⁻⁵, the rows the probes have reached lit up. The value at a itself is
shown apart: a limit is read from the sides, never from the point.

    ```widget limit_zoom_table
    id = "zoom"
    fn = "hole"            # a name from m04/l03_limits.CASES
    pick = false           # true: a slider picks the function
    h = 0.5
    goal = { text = "...", check = "abs(left - 2) < 0.001 and abs(right - 2) < 0.001", solution = { h = 0.0003 } }
    ```

values(): fn, lg (log10 h, the knob), h, left (f(a − h)), right (f(a + h)), at (f(a), nan if none).
"""

import math

from ..show import fixed, num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number, one_of
from ..widgets.controls import Choice, Slider
from .l03_limits import CASES, pieces, value, view

ROWS = [0.1, 0.01, 0.001, 0.0001, 0.00001]


def _cell(y):
    if y is None:
        return "no value"
    return sci(y, 4) if abs(y) >= 1e4 else fixed(y, 6)


@register
class LimitZoomTable(Widget):
    name = "limit_zoom_table"
    width, height = 600, 340

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "hole"), CASES)
        pick = flag(self.name, "pick", config.pop("pick", False))
        h = number(self.name, "h", config.pop("h", 0.5), 1e-5, 1)
        self.knobs = {}
        if pick:
            self.knobs["fn"] = Choice("fn", "function", list(CASES), fn, fmt=lambda k: CASES[k][1])
        else:
            self.fixed_fn = fn
        self.knobs["lg"] = Slider("lg", "distance h from a", -5, 0, 0.05, math.log10(h), fmt=lambda lg: sci(10 ** lg))
        super().configure(config)

    @property
    def fn(self):
        return self.knobs["fn"].value if "fn" in self.knobs else self.fixed_fn

    @property
    def h(self):
        return 10 ** self.knobs["lg"].value

    def plot(self):
        return view(self.fn, self.h, (52, 14, 330, 300))

    def values(self):
        f, _, a, _, _, _ = CASES[self.fn]
        h = self.h
        left, right, at = value(f, a - h), value(f, a + h), value(f, a)
        nan = math.nan
        return {**({"fn": self.fn} if "fn" in self.knobs else {}), "lg": self.knobs["lg"].value, "h": h,
                "left": nan if left is None else left, "right": nan if right is None else right,
                "at": nan if at is None else at}

    def set_values(self, values):
        values = dict(values)
        if "h" in values:
            values.setdefault("lg", math.log10(values.pop("h")))
        # "no value" (nan) never equals itself, so it is not compared
        values = {k: v for k, v in values.items() if not (isinstance(v, float) and math.isnan(v))}
        super().set_values(values)

    def drag(self, handle, x, y):
        if handle in ("lg", "right"):
            a = CASES[self.fn][2]
            d = abs(self.plot().x.value(x) - a)
            if d > 0:
                self.knobs["lg"].set(math.log10(d))

    def shapes(self):
        f, label, a, limit, kind, _ = CASES[self.fn]
        p, h, v = self.plot(), self.h, self.values()
        ly = 0 if math.isnan(v["left"]) else v["left"]
        ry = 0 if math.isnan(v["right"]) else v["right"]
        out = [p.handle("lg", a - h, ly, "left probe at a − h; drag toward a to shrink h", f"h = {sci(h)}"),
               p.handle("right", a + h, ry, "right probe at a + h", f"h = {sci(h)}", cls="accent2")]
        out += p.frame("x", f"f(x) = {label}", xticks=[a - h, a, a + h],     # axes on the edges: tick
                       yticks=4, edges=True)                                  # labels clear of the probes at x = 0
        out += pieces(p, f, a, samples=600)
        if math.isnan(v["at"]):
            out.append(p.point(a, limit if limit is not None else 0, "muted nofill", r=5))
        else:
            out.append(p.point(a, v["at"], "accent3", r=4))
        # the table, right of the plot
        x0, y0 = 346, 40
        out.append(S.text(x0, y0 - 18, "h", "small", "start"))
        out.append(S.text(x0 + 158, y0 - 18, "f(a − h)", "small", "end"))
        out.append(S.text(x0 + 246, y0 - 18, "f(a + h)", "small", "end"))
        for i, row in enumerate(ROWS):
            y = y0 + 24 * i
            reached = row >= h * (1 - 1e-9)
            out.append(S.text(x0, y, f"{row:.5f}".rstrip("0"), "small", "start"))
            out.append(S.text(x0 + 158, y, _cell(value(f, a - row)) if reached else "·", "small", "end"))
            out.append(S.text(x0 + 246, y, _cell(value(f, a + row)) if reached else "·", "small", "end"))
        out.append(S.text(x0, y0 + 24 * len(ROWS) + 8, f"at a = {num(a)} itself:", "small", "start"))
        out.append(S.text(x0 + 246, y0 + 24 * len(ROWS) + 8, _cell(value(f, a)), "small", "end"))
        return out

    def readouts(self):
        v = self.values()
        a = CASES[self.fn][2]
        show = lambda y: _cell(None if math.isnan(y) else y)
        return [{"label": "h", "value": sci(v["h"])},
                {"label": f"f({num(a)} − h)", "value": show(v["left"])},
                {"label": f"f({num(a)} + h)", "value": show(v["right"])},
                {"label": f"f({num(a)})", "value": show(v["at"])}]

    def controls(self):
        return [self.knobs[k].control() for k in self.knobs]
