"""A 2-D plane for vectors and linear maps: equal scales on both axes, the integer
grid carried through a 2x2 matrix, the images of the unit square and the unit
circle, and arrows from the origin whose tips can be handles.

    plane = Plane(span=4, box=(20, 20, 340, 340))
    M = [[a, b], [c, d]]                      # columns are where i and j land
    shapes = plane.frame() + plane.grid(M) + [plane.unit_square(M)]
    shapes += plane.vector((a, c), "accent", handle="i", label="i lands at")

A drag on a handle comes back in pixels; `plane.value(px, py)` is the point in the plane.
"""

import math

from ..show import num
from . import shapes as S
from .plot import Plot


def apply(M, v):
    """M v for a 2x2 matrix given as rows."""
    return (M[0][0] * v[0] + M[0][1] * v[1], M[1][0] * v[0] + M[1][1] * v[1])


class Plane(Plot):
    def __init__(self, span, box):
        """A square view of -span..span on both axes, centred in box (shrunk to a square)."""
        left, top, right, bottom = box
        side = min(right - left, bottom - top)
        cx, cy = (left + right) / 2, (top + bottom) / 2
        super().__init__((-span, span), (-span, span),
                         (cx - side / 2, cy - side / 2, cx + side / 2, cy + side / 2))
        self.span = span

    def value(self, px, py):
        """The plane's point under a pixel (kept inside the view)."""
        return self.x.value(px), self.y.value(py)

    def grid(self, M=((1, 0), (0, 1)), cls="grid"):
        """The integer grid lines x = k and y = k, each carried through M: under a linear
        map they stay straight, parallel and evenly spaced."""
        reach = 3 * self.span   # far enough that a shearing map still covers the view
        n = int(math.ceil(reach))
        out = []
        for k in range(-n, n + 1):
            for a, b in (((k, -reach), (k, reach)), ((-reach, k), (reach, k))):
                out.append(self.polyline([apply(M, a), apply(M, b)], cls))
        return [s for s in out if s["d"]]

    def vector(self, v, cls="accent", origin=(0, 0), handle=None, label="", value=""):
        """An arrow from origin to origin + v; with `handle`, its tip is draggable."""
        tip = (origin[0] + v[0], origin[1] + v[1])
        out = S.arrow(*self._pinned(*origin), *self._pinned(*tip), cls)
        if handle:
            out.append(self.handle(handle, *tip, label, value or f"({num(tip[0])}, {num(tip[1])})",
                                   cls, r=7))
        return out

    def unit_square(self, M=((1, 0), (0, 1)), cls="accent", opacity=0.18):
        """The image of the unit square: a parallelogram whose signed area is det M."""
        corners = [apply(M, c) for c in ((0, 0), (1, 0), (1, 1), (0, 1))]
        return S.poly([self._pinned(*c) for c in corners], f"{cls} solid nostroke", opacity=opacity)

    def unit_circle(self, M=((1, 0), (0, 1)), cls="accent2", samples=96):
        """The image of the unit circle: an ellipse whose half-axes are M's singular values."""
        pts = [apply(M, (math.cos(2 * math.pi * i / samples), math.sin(2 * math.pi * i / samples)))
               for i in range(samples + 1)]
        return self.polyline(pts, cls)

