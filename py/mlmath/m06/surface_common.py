"""What module 6's surface widgets share (no widget itself): functions of two inputs with
their exact partial derivatives and Hessians, a contour map drawn on the kit's Plane
(shaded cells plus level curves found by marching squares), and a draggable point held
as two Slider knobs that the arrow keys move (Left/Right its x, Up/Down its y).
"""

import math

from ..show import num
from ..widgets import shapes as S
from ..widgets import views
from ..widgets.base import Widget
from ..widgets.controls import Point, Slider

# name: (f, (df/dx, df/dy), ((f_xx, f_xy), (f_xy, f_yy)) as functions, how a readout names f, span)
SURFACES = {
    "bowl": (lambda x, y: x * x + y * y, (lambda x, y: 2 * x, lambda x, y: 2 * y),
             lambda x, y: ((2, 0), (0, 2)), "x² + y²", 3),
    "ellipse": (lambda x, y: x * x + 3 * y * y, (lambda x, y: 2 * x, lambda x, y: 6 * y),
                lambda x, y: ((2, 0), (0, 6)), "x² + 3y²", 3),
    "saddle": (lambda x, y: x * x - y * y, (lambda x, y: 2 * x, lambda x, y: -2 * y),
               lambda x, y: ((2, 0), (0, -2)), "x² − y²", 3),
    "product": (lambda x, y: x * y, (lambda x, y: y, lambda x, y: x),
                lambda x, y: ((0, 1), (1, 0)), "x·y", 3),
    "cubic": (lambda x, y: x * x * y + y * y, (lambda x, y: 2 * x * y, lambda x, y: x * x + 2 * y),
              lambda x, y: ((2 * y, 2 * x), (2 * x, 2)), "x²y + y²", 2),
    "wave": (lambda x, y: math.sin(x) + math.cos(y), (lambda x, y: math.cos(x), lambda x, y: -math.sin(y)),
             lambda x, y: ((-math.sin(x), 0), (0, -math.cos(y))), "sin x + cos y", 3),
    "twowells": (lambda x, y: x ** 3 - 3 * x + y * y, (lambda x, y: 3 * x * x - 3, lambda x, y: 2 * y),
                 lambda x, y: ((6 * x, 0), (0, 2)), "x³ − 3x + y²", 2.5),
}


def surface(name):
    return SURFACES[name]


def grid_values(f, xr, yr, n):
    """f on an (n+1) x (n+1) grid of corners over the box xr x yr: rows of y, columns of x."""
    (x0, x1), (y0, y1) = xr, yr
    return [[f(x0 + (x1 - x0) * i / n, y0 + (y1 - y0) * j / n) for i in range(n + 1)] for j in range(n + 1)]


def levels_between(lo, hi, count=8):
    """`count` evenly spaced contour levels strictly inside lo..hi."""
    return [lo + (hi - lo) * (k + 0.5) / count for k in range(count)]


def contour_runs(values, xr, yr, level):
    """The level curve f = level as segments [(x, y), (x, y)] in data, by marching squares
    over the grid of corner values (rows of y, columns of x)."""
    n_y, n_x = len(values) - 1, len(values[0]) - 1
    (x0, x1), (y0, y1) = xr, yr
    dx, dy = (x1 - x0) / n_x, (y1 - y0) / n_y
    segs = []
    for j in range(n_y):
        for i in range(n_x):
            corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1)]
            vals = [values[b][a] for a, b in corners]
            cuts = []
            for k in range(4):
                (a1, b1), (a2, b2) = corners[k], corners[(k + 1) % 4]
                v1, v2 = vals[k], vals[(k + 1) % 4]
                if (v1 < level) != (v2 < level):
                    t = (level - v1) / (v2 - v1)
                    cuts.append((x0 + (a1 + t * (a2 - a1)) * dx, y0 + (b1 + t * (b2 - b1)) * dy))
            if len(cuts) == 2:
                segs.append(cuts)
            elif len(cuts) == 4:
                segs += [cuts[:2], cuts[2:]]
    return segs


def contour_map(plot, f, xr, yr, n=24, levels=None, highlight=None, shade=True):
    """A contour map of f on a Plot: cells shaded by f's value (the course's one ramp), the
    level curves in grey, and the level curve through `highlight` (a value of f) in accent2."""
    values = grid_values(f, xr, yr, n)
    flat = [v for row in values for v in row]
    lo, hi = min(flat), max(flat)
    out = []
    if shade and hi > lo:
        (x0, x1), (y0, y1) = xr, yr
        cw, ch = (x1 - x0) / n, (y1 - y0) / n
        for j in range(n):
            for i in range(n):
                mid = f(x0 + (i + 0.5) * cw, y0 + (j + 0.5) * ch)
                left, top = plot.at(x0 + i * cw, y0 + (j + 1) * ch)
                right, bottom = plot.at(x0 + (i + 1) * cw, y0 + j * ch)
                cls, opacity = views.ramp(mid, lo, hi)
                out.append(S.rect(left, top, right - left, bottom - top, f"{cls} nostroke",
                                  opacity=round(opacity * 0.45, 3)))
    for level in (levels if levels is not None else levels_between(lo, hi)):
        out.append(_segments(plot, contour_runs(values, xr, yr, level), "muted"))
    if highlight is not None:
        out.append(_segments(plot, contour_runs(values, xr, yr, highlight), "accent2"))
    return out


def _segments(plot, segs, cls):
    return S.path(S.clip_runs([p for seg in segs for p in (plot.at(*seg[0]), plot.at(*seg[1]), None)],
                              plot.box), cls)


class PointWidget(Widget):
    """A widget whose state includes one point of the plane, the knobs "px" and "py"."""

    def add_point(self, x, y, lo, hi, step=0.05):
        self.knobs["px"] = Slider("px", "x", lo, hi, step, x, coarse=10 * step)
        self.knobs["py"] = Slider("py", "y", lo, hi, step, y, coarse=10 * step)
        self.knobs["p"] = Point(self.knobs["px"], self.knobs["py"], home=(x, y))

    @property
    def p(self):
        return self.knobs["px"].value, self.knobs["py"].value

    def drag(self, handle, x, y):
        if handle == "p":
            self.knobs["p"].move(self.plane.x.value(x), self.plane.y.value(y))

    def point_handle(self, label="the point (x, y)"):
        x, y = self.p
        return self.plane.handle("p", x, y, label, f"({num(x)}, {num(y)})")
