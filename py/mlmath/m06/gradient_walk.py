"""Walking by the gradient: from a start point, take steps p <- p - eta grad f(p) (or
+ eta grad f(p), uphill), and watch where they go on the contour map.

The learner drags the start point, picks the sign, the step size eta and the number of
steps. Minus the gradient heads downhill, across the contours; plus heads uphill; too big
an eta overshoots the valley and zigzags, or flies off.

    ```widget gradient_walk
    id = "walk"
    fn = "ellipse"
    x = 2.5
    y = 2
    sign = "+"
    eta = 0.1
    steps = 10
    goal = { text = "...", check = "f_end < 0.01", solution = { sign = "-", eta = 0.25 } }
    ```

values(): x, y (the start), sign ("-" or "+"), eta, steps, f_start, f_end, x_end, y_end.
"""

from ..show import num, sci
from ..widgets import register
from ..widgets.base import number, one_of, whole
from ..widgets.controls import Choice, Slider
from ..widgets.plane import Plane
from .surface_common import SURFACES, PointWidget, contour_map

LIMIT = 1e6   # a path that flies off is cut here, so the numbers stay finite


def walk(f, grad, start, eta, steps, sign=-1):
    """The points p0, p1, ... of p <- p + sign * eta * grad f(p)."""
    path = [tuple(start)]
    x, y = start
    for _ in range(steps):
        gx, gy = grad[0](x, y), grad[1](x, y)
        x, y = x + sign * eta * gx, y + sign * eta * gy
        if not (abs(x) < LIMIT and abs(y) < LIMIT):
            break
        path.append((x, y))
    return path


@register
class GradientWalk(PointWidget):
    name = "gradient_walk"
    width, height = 600, 330

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "ellipse"), SURFACES)
        self.f, self.grad, _, self.label, span = SURFACES[fn]
        self.span = span
        self.plane = Plane(span, (140, 8, 450, 318))
        x = number(self.name, "x", config.pop("x", 2.5), -span, span)
        y = number(self.name, "y", config.pop("y", 2), -span, span)
        sign = one_of(self.name, "sign", config.pop("sign", "-"), ("-", "+"))
        eta = number(self.name, "eta", config.pop("eta", 0.1), 0.01, 0.5)
        steps = whole(self.name, "steps", config.pop("steps", 10), 0, 30)
        self.add_point(x, y, -span, span)
        self.knobs["sign"] = Choice("sign", "step along", ["-", "+"], sign,
                                    fmt=lambda s: "−∇f (downhill)" if s == "-" else "+∇f (uphill)")
        self.knobs["eta"] = Slider("eta", "step size η", 0.01, 0.5, 0.01, eta)
        self.knobs["steps"] = Slider("steps", "steps", 0, 30, 1, steps)
        super().configure(config)

    def path(self):
        sign = -1 if self.knobs["sign"].value == "-" else 1
        return walk(self.f, self.grad, self.p, self.knobs["eta"].value, self.knobs["steps"].value, sign)

    def values(self):
        x, y = self.p
        path = self.path()
        xe, ye = path[-1]
        return {"px": x, "py": y, "x": x, "y": y, "sign": self.knobs["sign"].value,
                "eta": self.knobs["eta"].value, "steps": self.knobs["steps"].value,
                "taken": len(path) - 1, "f_start": self.f(x, y), "x_end": xe, "y_end": ye,
                "f_end": self.f(xe, ye)}

    def set_values(self, values):
        values = dict(values)
        for short, knob in (("x", "px"), ("y", "py")):
            if short in values:
                values.setdefault(knob, values.pop(short))
        super().set_values(values)

    def shapes(self):
        pl, s = self.plane, self.span
        path = self.path()
        out = [self.point_handle("the start point"),
               *contour_map(pl, self.f, (-s, s), (-s, s)),
               *pl.frame("x", "y", grid=False),
               pl.polyline(path, "accent2")]
        out += [pl.point(px, py, "accent2", r=3) for px, py in path[1:] if pl.inside(px, py)]
        return out

    def readouts(self):
        v = self.values()
        big = lambda t: sci(t) if abs(t) >= 1000 else num(t, 3)
        out = [{"label": f"f = {self.label} at the start", "value": num(v["f_start"], 3)},
               {"label": f"after {v['taken']} steps, at ({big(v['x_end'])}, {big(v['y_end'])}), f", "value": big(v["f_end"])}]
        if v["taken"] < v["steps"]:
            out.append({"label": "", "value": f"the walk left the map for good after {v['taken']} steps"})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in ("px", "py", "sign", "eta", "steps")]
