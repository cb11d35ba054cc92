"""Gears turning gears: three stretches in a row, x → u = r₁·x → v = r₂·u → y = r₃·v.
A nudge dx on the top line (a handle) becomes r₁·dx on the next, r₁·r₂·dx on the one
after, and r₁·r₂·r₃·dx at the bottom. Rates along a chain multiply; they do not add.

    ```widget rate_chain
    id = "gears"
    rates = [1.5, 2, 0.5]   # r₁, r₂, r₃, each from -3 to 3 in steps of 0.5
    dx = 0.5
    goal = { text = "...", check = "abs(total - 12) < 1e-9", solution = { r1 = 2, r2 = 2, r3 = 3 } }
    ```

values(): r1, r2, r3, dx, total (r₁·r₂·r₃), dy (total·dx).
"""

from ..show import num, sub
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Axis

NAMES = ["x", "u", "v", "y"]
SPAN = 8


@register
class RateChain(Widget):
    name = "rate_chain"
    width, height = 600, 330

    def configure(self, config):
        rates = config.pop("rates", [1.5, 2, 0.5])
        if not isinstance(rates, list) or len(rates) != 3:
            raise ValueError(f"{self.name}: rates must be a list of three numbers, not {rates!r}")
        rates = [number(self.name, "rates", r, -3, 3) for r in rates]
        dx = number(self.name, "dx", config.pop("dx", 0.5), 0.1, 1)
        self.knobs = {f"r{i + 1}": Slider(f"r{i + 1}", f"r{sub(i + 1)}", -3, 3, 0.5, r) for i, r in enumerate(rates)}
        self.knobs["dx"] = Slider("dx", "nudge dx", 0.1, 1, 0.05, dx)
        self.axis = Axis(-SPAN, SPAN, 40, 584)
        super().configure(config)

    def values(self):
        r = [self.knobs[f"r{i}"].value for i in (1, 2, 3)]
        total = r[0] * r[1] * r[2]
        dx = self.knobs["dx"].value
        return {"r1": r[0], "r2": r[1], "r3": r[2], "dx": dx, "total": total, "dy": total * dx}

    def drag(self, handle, x, y):
        if handle == "dx":
            self.knobs["dx"].set(self.axis.value(x))

    def shapes(self):
        v = self.values()
        nudges = [v["dx"], v["dx"] * v["r1"], v["dx"] * v["r1"] * v["r2"], v["dy"]]
        ax = self.axis
        ys = [40, 120, 200, 280]
        out = [S.handle(S.circle(ax(nudges[0]), ys[0], 8, "accent2"), "dx", "the nudge dx on x",
                        f"dx = {num(nudges[0])}")]
        for i, (name, n, y) in enumerate(zip(NAMES, nudges, ys)):
            out.append(S.line(ax(-SPAN), y, ax(SPAN), y, "axis"))
            out += [S.line(ax(t), y - 4, ax(t), y + 4, "tick") for t in range(-8, 9, 2)]
            out.append(S.text(ax(0), y + 18, "0", "small"))
            out.append(S.text(20, y + 5, name, "label"))
            end = max(min(n, SPAN), -SPAN)
            left, right = sorted((ax(0), ax(end)))
            out.append(S.rect(left, y - 7, right - left, 7, "accent2", opacity=0.8))
            out.append(S.text(ax(end), y - 10, f"{'d' + name} = {num(n, 3)}", "small accent2"))
            if i < 3:
                out.append(S.text(300, y + 42, f"× r{sub(i + 1)} = {num(v[f'r{i + 1}'])}", "label", "middle"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "r₁·r₂·r₃", "value": num(v["total"], 3)},
                {"label": "dy / dx", "value": num(v["dy"] / v["dx"], 3)}]

    def controls(self):
        return [self.knobs[k].control() for k in ("r1", "r2", "r3", "dx")]
