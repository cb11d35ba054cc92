"""What module 7's plane widgets share (no widget itself): points in the plane moved by
a drag or by the arrow keys, each held as two Slider knobs (name + "x", name + "y"), and
the little vector and 2x2 matrix arithmetic they draw with.

A widget built on PointsWidget lists its draggable points in `self.points` (name ->
label for a screen reader); Left/Right move a point's x, Up/Down its y, PageUp/PageDown
by five steps, Home puts it back where it started.
"""

import math

from ..show import num
from ..widgets.base import Widget, number
from ..widgets.controls import Slider



# the letter F: no symmetry, so a rotation and a reflection look different
LETTER = [(0, 0), (0.3, 0), (0.3, 0.8), (0.8, 0.8), (0.8, 1.1), (0.3, 1.1), (0.3, 1.5), (1, 1.5), (1, 1.8), (0, 1.8)]


def pair(widget, key, value, extent):
    """A 2-number list from a lesson's config, inside the view."""
    if not (isinstance(value, list) and len(value) == 2):
        raise ValueError(f"{widget}: {key} must be a pair of numbers like [2, 1], not {value!r}")
    return [number(widget, key, v, -extent, extent) for v in value]


def matrix2(widget, key, value, extent=10):
    """A 2x2 matrix from a lesson's config, given as rows [[a, b], [c, d]]."""
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(r, list) and len(r) == 2 for r in value)):
        raise ValueError(f"{widget}: {key} must be a 2x2 matrix as rows, like [[1, 0], [0, 1]], not {value!r}")
    return [[number(widget, key, v, -extent, extent) for v in row] for row in value]


def vec(v):
    """A vector written as a list, the way a learner types it: [3, −1.5]."""
    return "[" + ", ".join(num(x) for x in v) + "]"


def term(x, *digits):
    """A number as a term inside a sum or under a square: (−2) for a negative, so
    that (−2)² reads as 4 and 1 + (−2) as one sum, never −2² = −4."""
    return f"({num(x, *digits)})" if x < 0 else num(x, *digits)


def mat(M):
    """A 2x2 matrix written as rows: [[1, 0], [0, 1]]."""
    return "[" + ", ".join(vec(r) for r in M) + "]"


def mul2(A, B):
    """The 2x2 product A B (first B, then A)."""
    return [[A[i][0] * B[0][j] + A[i][1] * B[1][j] for j in range(2)] for i in range(2)]


def det2(M):
    return M[0][0] * M[1][1] - M[0][1] * M[1][0]


def angle_deg(a, b):
    """The angle between two arrows in degrees (0 to 180); None if either has no length."""
    na, nb = math.hypot(*a), math.hypot(*b)
    if na == 0 or nb == 0:
        return None
    c = (a[0] * b[0] + a[1] * b[1]) / (na * nb)
    return math.degrees(math.acos(min(1.0, max(-1.0, c))))


class PointsWidget(Widget):
    """A widget whose state is some points of the plane, each two knobs."""

    def add_point(self, name, label, start, extent, snap):
        self.points = getattr(self, "points", {})
        self.points[name] = label
        self.start = getattr(self, "start", {})
        self.start[name] = list(start)
        for axis, v in zip("xy", start):
            self.knobs[name + axis] = Slider(name + axis, f"{name} {axis}", -extent, extent, snap, v,
                                             coarse=5 * snap)

    def point(self, name):
        return [self.knobs[name + "x"].value, self.knobs[name + "y"].value]

    def handle(self, event):
        name = event.get("handle")
        if event.get("type") == "key" and name in getattr(self, "points", {}):
            key = event.get("key")
            if key == "Home":
                for axis, v in zip("xy", self.start[name]):
                    self.knobs[name + axis].set(v)
            elif key in ("ArrowUp", "ArrowDown", "PageUp", "PageDown"):
                self.knobs[name + "y"].key(key)
            elif key in ("ArrowLeft", "ArrowRight"):
                self.knobs[name + "x"].key(key)
            self.moved(name)
        else:
            super().handle(event)

    def drag(self, handle, x, y):
        if handle in getattr(self, "points", {}):
            for axis, v in zip("xy", self.plane.value(x, y)):
                self.knobs[handle + axis].set(v)
            self.moved(handle)

    def goal_met(self):
        """A goal written for arrows with length is simply unmet where a value is None."""
        try:
            return super().goal_met()
        except TypeError:
            return False

    def moved(self, name):
        """Called after a point moved (a widget may snap it)."""


def label(plane, x, y, s, cls="small", dx=0, dy=0, anchor="middle"):
    """A label near a data point, offset by (dx, dy) pixels but kept inside the plane's box."""
    from ..widgets import shapes as S
    left, top, right, bottom = plane.box
    px, py = plane._pinned(x, y)
    return S.text(min(max(px + dx, left + 4), right - 4), min(max(py + dy, top + 12), bottom - 2), s, cls, anchor)


def letter_at(plane, M, cls, fill=False):
    """The letter F carried through M: its outline clipped to the view, filled (class
    `cls` solid) only while all of it is in view, so a big map never bends its shape."""
    from ..widgets import shapes as S
    pts = [tuple(M[r][0] * x + M[r][1] * y for r in range(2)) for x, y in LETTER]
    out = [plane.polyline(pts + pts[:1], cls)]
    if fill and all(plane.inside(*q) for q in pts):
        out.insert(0, S.poly([plane.at(*q) for q in pts], f"{cls} solid nostroke", opacity=0.5))
    return out
