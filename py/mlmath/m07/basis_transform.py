"""A linear map of the plane, written by where it sends î = [1, 0] and ĵ = [0, 1].

The learner drags the two images (the handles i and j). They are the matrix's columns:

    M = [[a, b],      i lands at [a, c]
         [c, d]]      j lands at [b, d]

and the whole integer grid, a letter F, and any marked point ride along, since every
point [x, y] = x·î + y·ĵ lands at x·(where î went) + y·(where ĵ went).

    ```widget basis_transform
    id = "rot"
    target = "rot90"       # optional: a ghost F to match (rot90, rot180, shear, reflect_x, reflect_y, swap, double)
    point = [2, 1]         # optional: a point built from its two steps, x·i then y·j
    area = true            # optional: the unit square's image with its signed area (the determinant)
    i = [1, 0]
    j = [0, 1]
    ```

values(): ix, iy, jx, jy (the handles), a, b, c, d (the matrix, rows [a, b], [c, d]), det,
vx, vy (where the point lands, with `point`), match (1 when M is the target's matrix).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import flag, number, one_of
from ..widgets.plane import Plane, apply
from .linalg_common import PointsWidget, letter_at, det2, label, mat, pair, vec

TARGETS = {
    "rot90": ([[0, -1], [1, 0]], "a quarter turn counterclockwise"),
    "rot180": ([[-1, 0], [0, -1]], "rotate a half turn"),
    "shear": ([[1, 1], [0, 1]], "shear: (x, y) goes to (x + y, y)"),
    "reflect_x": ([[1, 0], [0, -1]], "reflect across the x-axis"),
    "reflect_y": ([[-1, 0], [0, 1]], "reflect across the y-axis"),
    "swap": ([[0, 1], [1, 0]], "reflect across the line y = x"),
    "double": ([[2, 0], [0, 2]], "double every length"),
}


@register
class BasisTransform(PointsWidget):
    name = "basis_transform"
    width, height = 620, 330

    def configure(self, config):
        n = self.name
        self.target = config.pop("target", None)
        if self.target is not None:
            one_of(n, "target", self.target, TARGETS)
        p = config.pop("point", None)
        self.v = None if p is None else pair(n, "point", p, 3)
        self.area = flag(n, "area", config.pop("area", False))
        extent = number(n, "extent", config.pop("extent", 3), 1, 4)
        i = pair(n, "i", config.pop("i", [1, 0]), extent)
        j = pair(n, "j", config.pop("j", [0, 1]), extent)
        super().configure(config)
        self.plane = Plane(extent + 1, (10, 10, 320, 320))
        self.extent = extent
        self.add_point("i", "where i = [1, 0] lands (first column)", i, extent, 0.5)
        self.add_point("j", "where j = [0, 1] lands (second column)", j, extent, 0.5)

    @property
    def M(self):
        (a, c), (b, d) = self.point("i"), self.point("j")
        return [[a, b], [c, d]]

    def values(self):
        M = self.M
        out = {"ix": M[0][0], "iy": M[1][0], "jx": M[0][1], "jy": M[1][1],
               "a": M[0][0], "b": M[0][1], "c": M[1][0], "d": M[1][1], "det": det2(M)}
        if self.v is not None:
            out["vx"], out["vy"] = apply(M, self.v)
        if self.target is not None:
            out["match"] = int(M == TARGETS[self.target][0])
        return out

    def shapes(self):
        p, M = self.plane, self.M
        i, j = self.point("i"), self.point("j")
        out = [p.handle("i", *i, self.points["i"], vec(i), cls="accent", r=8),
               p.handle("j", *j, self.points["j"], vec(j), cls="accent2", r=8)]
        span = int(p.span)
        out += p.frame(xticks=[k for k in range(-span, span + 1) if k], yticks=[k for k in range(-span, span + 1) if k])
        out += p.grid(M, "muted")
        if self.area:
            out.append(p.unit_square(M, "accent3" if det2(M) >= 0 else "bad", opacity=0.25))
        out += letter_at(p, [[1, 0], [0, 1]], "muted")
        if self.target is not None:
            T = TARGETS[self.target][0]
            out += letter_at(p, T, "bad")
        out += letter_at(p, M, "accent3", fill=True)
        if self.v is not None:
            x, y = self.v
            xi = (x * i[0], x * i[1])
            out += p.vector(xi, "accent") + p.vector((y * j[0], y * j[1]), "accent2", origin=xi)
            w = apply(M, self.v)
            out.append(p.point(*w, "accent3", r=5))
            out.append(label(p, *w, f"M{vec(self.v)}", "small accent3", dx=10, dy=-10, anchor="start"))
        out += p.vector(i, "accent") + p.vector(j, "accent2")
        out += [label(p, *i, "i lands", "small accent", dx=10, dy=-10, anchor="start"),
                label(p, *j, "j lands", "small accent2", dx=-10, dy=-10, anchor="end")]
        return out + self._panel()

    def _panel(self):
        M, x, y = self.M, 352, 40
        out = [S.text(x, y - 14, "M: its columns are where i and j land", "small muted", "start")]
        # brackets and the two columns, coloured like the arrows
        out += [S.path([[(x + 8, y), (x, y), (x, y + 48), (x + 8, y + 48)]], "axis"),
                S.path([[(x + 112, y), (x + 120, y), (x + 120, y + 48), (x + 112, y + 48)]], "axis")]
        for col, cls in ((0, "accent"), (1, "accent2")):
            for row in (0, 1):
                out.append(S.text(x + 34 + 54 * col, y + 20 + 24 * row, num(M[row][col]), f"label {cls}"))
        out.append(S.text(x, y + 72, f"as rows: {mat(M)}", "small", "start"))
        lines = []
        if self.v is not None:
            vx, vy = self.v
            w = apply(M, self.v)
            lines += [(f"M{vec(self.v)} = {num(vx)}·{vec([M[0][0], M[1][0]])}", "label"), (f"  + {num(vy)}·{vec([M[0][1], M[1][1]])}", "label"),
                      (f"= {vec(w)}", "accent3")]
        if self.area:
            d = det2(M)
            lines += [(f"det M = ad − bc = {num(d)}", "label"),
                      (f"the unit square's area × {num(abs(d))}", "accent3"),
                      ("orientation " + ("kept" if d > 0 else "flipped: F is mirrored" if d < 0 else
                                         "lost: crushed flat"), "good" if d > 0 else "bad")]
        if self.target is not None:
            T, words = TARGETS[self.target]
            ok = M == T
            lines += [("target (red outline):", "bad"), (words, "bad"),
                      ("matched ✓" if ok else "not matched yet", "good" if ok else "muted")]
        for k, (text, cls) in enumerate(lines):
            out.append(S.text(x, y + 98 + 21 * k, text, f"small {cls}", "start"))
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "M", "value": mat(self.M)}]
        if self.v is not None:
            out.append({"label": f"M{vec(self.v)}", "value": vec([v["vx"], v["vy"]])})
        if self.area:
            out.append({"label": "det M", "value": num(v["det"])})
        if self.target is not None:
            out.append({"label": "matches target", "value": "yes" if v["match"] else "no"})
        return out
