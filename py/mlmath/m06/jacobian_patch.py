"""A map from the plane to the plane, and what it does to a tiny square: a tiny parallelogram
spanned by the Jacobian's columns.

Left, the input plane: a point p (drag it) and a small square grid of side s around it.
Right, a window around F(p): the grid's image under F (curved), and over it the
parallelogram F(p) + J d that the linear model predicts, with J's columns (times s) drawn
as arrows. Shrink s and the curved patch and the parallelogram become one; the patch's area
divided by the square's tends to |det J|.

    ```widget jacobian_patch
    id = "patch"
    map = "square"      # (x² − y², 2xy); or "swirl", "polar"
    x = 1
    y = 0.5
    s = 1
    goal = { text = "...", check = "gap < 0.01", solution = { s = 0.01 } }
    ```

values(): x, y, lg (log10 s), s, j11, j12, j21, j22, det, area_ratio (the image patch's area
over s²), gap (the largest distance between the patch's edge and the parallelogram's, over s).
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import number, one_of
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from ..widgets.plot import Plot
from .surface_common import PointWidget

MAPS = {  # name: (F, J as rows, how the readout names F, input labels, span of the input view)
    "square": (lambda x, y: (x * x - y * y, 2 * x * y),
               lambda x, y: ((2 * x, -2 * y), (2 * y, 2 * x)), "F(x, y) = (x² − y², 2xy)", ("x", "y"), 2),
    "swirl": (lambda x, y: (x + 0.3 * y * y, y + 0.3 * x * x),
              lambda x, y: ((1, 0.6 * y), (0.6 * x, 1)), "F(x, y) = (x + 0.3y², y + 0.3x²)", ("x", "y"), 2),
    "polar": (lambda r, t: (r * math.cos(t), r * math.sin(t)),
              lambda r, t: ((math.cos(t), -r * math.sin(t)), (math.sin(t), r * math.cos(t))),
              "F(r, θ) = (r cos θ, r sin θ)", ("r", "θ"), 2),
}


def boundary(p, s, per_side=12):
    """Points around the square of side s centred on p, counterclockwise."""
    x, y = p
    h = s / 2
    corners = [(x - h, y - h), (x + h, y - h), (x + h, y + h), (x - h, y + h)]
    out = []
    for k in range(4):
        (x1, y1), (x2, y2) = corners[k], corners[(k + 1) % 4]
        out += [(x1 + (x2 - x1) * i / per_side, y1 + (y2 - y1) * i / per_side) for i in range(per_side)]
    return out


def shoelace(points):
    return 0.5 * sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(points, points[1:] + points[:1]))


@register
class JacobianPatch(PointWidget):
    name = "jacobian_patch"
    width, height = 600, 350

    def configure(self, config):
        key = one_of(self.name, "map", config.pop("map", "square"), MAPS)
        self.F, self.J, self.label, self.inputs, span = MAPS[key]
        self.plane = Plane(span, (8, 8, 298, 298))
        x = number(self.name, "x", config.pop("x", 1), -span, span)
        y = number(self.name, "y", config.pop("y", 0.5), -span, span)
        s = number(self.name, "s", config.pop("s", 1), 0.01, 1)
        self.add_point(x, y, -span, span)
        self.knobs["lg"] = Slider("lg", "side s", -2, 0, 0.1, math.log10(s), fmt=lambda lg: sci(10 ** lg))
        super().configure(config)

    @property
    def s(self):
        return 10 ** self.knobs["lg"].value

    def values(self):
        x, y = self.p
        s = self.s
        (a, b), (c, d) = self.J(x, y)
        F0 = self.F(x, y)
        ring = boundary((x, y), s)
        image = [self.F(*q) for q in ring]
        model = [(F0[0] + a * (q[0] - x) + b * (q[1] - y), F0[1] + c * (q[0] - x) + d * (q[1] - y)) for q in ring]
        gap = max(math.hypot(u[0] - v[0], u[1] - v[1]) for u, v in zip(image, model)) / s
        return {"px": x, "py": y, "x": x, "y": y, "lg": self.knobs["lg"].value, "s": s,
                "j11": a, "j12": b, "j21": c, "j22": d, "det": a * d - b * c,
                "area_ratio": abs(shoelace(image)) / (s * s), "gap": gap}

    def set_values(self, values):
        values = dict(values)
        for short, knob in (("x", "px"), ("y", "py")):
            if short in values:
                values.setdefault(knob, values.pop(short))
        if "s" in values:
            values.setdefault("lg", math.log10(values.pop("s")))
        super().set_values(values)

    def shapes(self):
        v = self.values()
        x, y, s, pl = v["x"], v["y"], v["s"], self.plane
        a, b, c, d = v["j11"], v["j12"], v["j21"], v["j22"]
        X, Y = self.F(x, y)
        ring = boundary((x, y), s)
        image = [self.F(*q) for q in ring]
        reach = max(max(abs(q[0] - X), abs(q[1] - Y)) for q in image) * 1.25 + 1e-12
        zoom = Plot((X - reach, X + reach), (Y - reach, Y + reach), (330, 14, 590, 274),
                    xfmt=lambda t: num(t, 3), yfmt=lambda t: num(t, 3))
        shapes = [self.point_handle(f"the point p = ({self.inputs[0]}, {self.inputs[1]})")]
        shapes += pl.frame(*self.inputs, grid=True)
        h = s / 2
        # the little grid: 5 lines each way, carried through F on the right
        for k in range(5):
            t = -h + s * k / 4
            shapes.append(pl.segment(x - h, y + t, x + h, y + t, "accent"))
            shapes.append(pl.segment(x + t, y - h, x + t, y + h, "accent"))
            shapes.append(zoom.polyline([self.F(x - h + s * i / 16, y + t) for i in range(17)], "accent"))
            shapes.append(zoom.polyline([self.F(x + t, y - h + s * i / 16) for i in range(17)], "accent"))
        corners = [(-h, -h), (h, -h), (h, h), (-h, h)]
        shapes.append(S.poly([zoom.at(X + a * dx + b * dy, Y + c * dx + d * dy) for dx, dy in corners],
                             "accent2 solid nostroke", opacity=0.25))
        shapes += zoom.frame("", "", xticks=3, yticks=3, edges=True)
        shapes += S.arrow(*zoom.at(X, Y), *zoom.at(X + a * s, Y + c * s), "accent2")
        shapes += S.arrow(*zoom.at(X, Y), *zoom.at(X + b * s, Y + d * s), "accent3")
        # the key sits under the window: inside it, every corner was crossed by the patch or an
        # arrow at some point p (the data fills the window by design)
        for i, (label, cls) in enumerate((("image of the grid", "accent"), ("s × column 1 of J", "accent2"),
                                          ("s × column 2 of J", "accent3"))):
            shapes.append(S.line(340, 300 + 16 * i, 362, 300 + 16 * i, cls))
            shapes.append(S.text(368, 304 + 16 * i, label, "small", "start"))
        return shapes

    def readouts(self):
        v = self.values()
        return [{"label": "", "value": self.label},
                {"label": "J", "value": f"[[{num(v['j11'], 3)}, {num(v['j12'], 3)}], [{num(v['j21'], 3)}, {num(v['j22'], 3)}]]"},
                {"label": "det J", "value": num(v["det"], 3)},
                {"label": "patch area ÷ s²", "value": num(v["area_ratio"], 3)},
                {"label": "largest gap to the parallelogram ÷ s", "value": sci(v["gap"])}]

    def controls(self):
        return [self.knobs[k].control() for k in ("px", "py", "lg")]

