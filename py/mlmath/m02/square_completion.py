"""Completing the square, drawn as an area. x² is an x-by-x square; bx is cut into two
strips, x by b/2, laid along two sides of it. The L-shape they make is a square with one
corner missing, a b/2-by-b/2 corner. The learner sizes a corner tile (and changes b and
x): only a tile of area (b/2)² fills the gap, and then x² + bx + (b/2)² = (x + b/2)².

    ```widget square_completion
    id = "complete"
    b = 4
    x = 3
    corner = 0
    ```

values(): b, x, corner (the tile's area), filled (1 when it is exactly (b/2)²), left
(x² + bx + corner) and right ((x + b/2)²).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider

SCALE = 24
LEFT, TOP = 80, 30


@register
class SquareCompletion(Widget):
    name = "square_completion"
    width, height = 600, 290

    def configure(self, config):
        b = number(self.name, "b", config.pop("b", 4), 1, 8)
        x = number(self.name, "x", config.pop("x", 3), 1, 6)
        corner = number(self.name, "corner", config.pop("corner", 0), 0, 16)
        super().configure(config)
        self.knobs["b"] = Slider("b", "b", 1, 8, 1, b)
        self.knobs["x"] = Slider("x", "x (a length, to see the areas)", 1, 6, 0.5, x)
        self.knobs["corner"] = Slider("corner", "corner tile's area", 0, 16, 0.25, corner)

    def values(self):
        b, x, corner = (self.knobs[k].value for k in ("b", "x", "corner"))
        return {"b": b, "x": x, "corner": corner, "filled": int(corner == (b / 2) ** 2),
                "left": x * x + b * x + corner, "right": (x + b / 2) ** 2}

    def drag(self, handle, x, y):
        if handle == "corner":         # drag the tile's far corner: its side sets the area
            v = self.values()
            start = LEFT + SCALE * v["x"]
            side = max(0.0, max(x - start, y - (TOP + SCALE * v["x"])) / SCALE)
            self.knobs["corner"].set(side * side)

    def shapes(self):
        v = self.values()
        b, x, corner = v["b"], v["x"], v["corner"]
        half, side = b / 2, math.sqrt(corner)
        X, H, T = SCALE * x, SCALE * half, SCALE * side
        ex, ey = LEFT + X, TOP + X
        out = [S.handle(S.circle(ex + T, ey + T, 8, "accent2"), "corner", "corner tile's far corner",
                        f"area {num(corner, 4)}")]
        out.append(S.rect(LEFT, TOP, X, X, "accent solid nostroke", opacity=0.25))
        out.append(S.rect(LEFT, TOP, X, X, "nofill"))
        out.append(S.text(LEFT + X / 2, TOP + X / 2 + 4, f"x² = {num(x * x, 3)}", "small"))
        out.append(S.rect(ex, TOP, H, X, "accent3 solid nostroke", opacity=0.25))
        out.append(S.rect(ex, TOP, H, X, "nofill"))
        out.append(S.rect(LEFT, ey, X, H, "accent3 solid nostroke", opacity=0.25))
        out.append(S.rect(LEFT, ey, X, H, "nofill"))
        out.append(S.text(ex + H / 2, TOP + X / 2 + 4, f"{num(half)}x", "small"))
        out.append(S.text(LEFT + X / 2, ey + H / 2 + 4, f"{num(half)}x", "small"))
        out.append(S.rect(ex, ey, H, H, "muted nofill"))                      # the gap
        cls = "good" if v["filled"] else "bad"
        out.append(S.rect(ex, ey, T, T, "accent2 solid nostroke", opacity=0.45))  # the tile
        if T >= 24:                                                           # its area, where it fits
            out.append(S.text(ex + T / 2, ey + T / 2 + 4, num(corner, 4), "small"))
        out.append(S.text(LEFT + (X + H) / 2, TOP - 10, f"x + {num(half)}", "label"))
        out.append(S.text(LEFT - 8, TOP + (X + H) / 2, f"x + {num(half)}", "label", "end"))
        col = LEFT + SCALE * 10 + 40
        said = "the tile fills the corner exactly" if v["filled"] else (
            "the tile is too small: a gap is left" if side < half else "the tile is too big: it spills over")
        lines = [(f"x² + {num(b)}x + {num(corner, 4)}", "label"), (said, f"small {cls}"),
                 (f"= {num(v['left'], 4)} at x = {num(x)}", "small"),
                 (f"(x + {num(half)})² = {num(v['right'], 4)} at x = {num(x)}", "small")]
        for i, (text, c) in enumerate(lines):
            out.append(S.text(col, 60 + 30 * i, text, c, "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "strips", "value": f"2 × {num(v['b'] / 2)}x = {num(v['b'])}x"},
                {"label": "corner tile", "value": num(v["corner"], 4)},
                {"label": f"x² + {num(v['b'])}x + {num(v['corner'], 4)} at x = {num(v['x'])}", "value": num(v["left"], 4)},
                {"label": f"(x + {num(v['b'] / 2)})² at x = {num(v['x'])}", "value": num(v["right"], 4)}]

    def controls(self):
        return [self.knobs[k].control() for k in ("b", "x", "corner")]
