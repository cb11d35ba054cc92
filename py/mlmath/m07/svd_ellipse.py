"""The unit circle through a 2x2 matrix: it lands on an ellipse, and the ellipse's half-axes
are the singular values. Drag where i and j land (the matrix's columns, as in
basis_transform); the picture marks the two perpendicular directions v₁, v₂ on the circle
that land on the ellipse's axes, σ₁u₁ and σ₂u₂. That is M = U Σ Vᵀ: turn v₁, v₂ onto the
axes, stretch by σ₁ and σ₂, turn onto u₁, u₂.

    ```widget svd_ellipse
    id = "svd"
    i = [2, 1]
    j = [1, 2]
    ```

values(): ix, iy, jx, jy (the columns), s1 ≥ s2 ≥ 0 (singular values), det.
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import number
from ..widgets.plane import Plane, apply
from .linalg_common import PointsWidget, det2, label, mat, pair


def svd2(M):
    """(σ₁, σ₂, v₁, v₂, u₁, u₂) of a 2x2 matrix: σ₁ ≥ σ₂ ≥ 0, the v's and u's unit vectors with
    M v_k = σ_k u_k (a u with σ = 0 is taken perpendicular to the other)."""
    (a, b), (c, d) = M
    p, q, r = a * a + c * c, a * b + c * d, b * b + d * d          # MᵀM = [[p, q], [q, r]]
    mid, half = (p + r) / 2, math.hypot((p - r) / 2, q)
    s1, s2 = math.sqrt(max(mid + half, 0.0)), math.sqrt(max(mid - half, 0.0))
    theta = 0.5 * math.atan2(2 * q, p - r)                           # v₁'s angle
    v1 = (math.cos(theta), math.sin(theta))
    v2 = (-v1[1], v1[0])
    w1, w2 = apply(M, v1), apply(M, v2)
    u1 = (w1[0] / s1, w1[1] / s1) if s1 > 1e-12 else (1.0, 0.0)
    u2 = (w2[0] / s2, w2[1] / s2) if s2 > 1e-12 else (-u1[1], u1[0])
    return s1, s2, v1, v2, u1, u2


@register
class SvdEllipse(PointsWidget):
    name = "svd_ellipse"
    width, height = 620, 330

    def configure(self, config):
        n = self.name
        extent = number(n, "extent", config.pop("extent", 3), 1, 4)
        i = pair(n, "i", config.pop("i", [2, 1]), extent)
        j = pair(n, "j", config.pop("j", [1, 2]), extent)
        super().configure(config)
        self.plane = Plane(extent + 1, (10, 10, 320, 320))
        self.add_point("i", "where i = [1, 0] lands (first column)", i, extent, 0.5)
        self.add_point("j", "where j = [0, 1] lands (second column)", j, extent, 0.5)

    @property
    def M(self):
        (a, c), (b, d) = self.point("i"), self.point("j")
        return [[a, b], [c, d]]

    def values(self):
        M = self.M
        s1, s2, *_ = svd2(M)
        return {"ix": M[0][0], "iy": M[1][0], "jx": M[0][1], "jy": M[1][1], "s1": s1, "s2": s2, "det": det2(M)}

    def shapes(self):
        p, M = self.plane, self.M
        i, j = self.point("i"), self.point("j")
        out = [p.handle("i", *i, self.points["i"], f"[{num(i[0])}, {num(i[1])}]", cls="accent", r=7),
               p.handle("j", *j, self.points["j"], f"[{num(j[0])}, {num(j[1])}]", cls="accent", r=7)]
        span = int(p.span)
        out += p.frame(xticks=[k for k in range(-span, span + 1) if k], yticks=[k for k in range(-span, span + 1) if k])
        s1, s2, v1, v2, u1, u2 = svd2(M)
        out.append(p.unit_circle(cls="muted"))
        out.append(p.unit_circle(M, cls="accent2"))
        out += p.vector(i, "muted") + p.vector(j, "muted")
        out += p.vector(v1, "accent") + p.vector(v2, "accent")
        out += p.vector((s1 * u1[0], s1 * u1[1]), "accent3")
        if s2 > 1e-9:
            out += p.vector((s2 * u2[0], s2 * u2[1]), "accent3")
        out += [label(p, *i, "i lands", "small accent", dx=12, dy=16, anchor="start"),
                label(p, *j, "j lands", "small accent", dx=12, dy=-10, anchor="start")]
        out += [label(p, *v1, "v₁", "small accent", dx=-10, dy=-6), label(p, *v2, "v₂", "small accent", dx=-10, dy=-6),
                # at the middle of each half-axis, where no handle or v arrow sits
                label(p, s1 * u1[0] / 2, s1 * u1[1] / 2, "σ₁u₁", "small accent3", dx=8, dy=-6, anchor="start"),
                label(p, s2 * u2[0] / 2, s2 * u2[1] / 2, "σ₂u₂", "small accent3", dx=-8, dy=-6, anchor="end")]
        return out + self._panel(s1, s2, v1, u1)

    def _panel(self, s1, s2, v1, u1):
        x, y, M = 344, 36, self.M
        d = det2(M)
        ang = lambda u: num(math.degrees(math.atan2(u[1], u[0])) % 180, 1)   # noqa: E731 - a line's direction
        lines = [(f"M = {mat(M)}", "label"),
                 ("grey circle: every unit arrow", "muted"), ("red ellipse: where they all land", "accent2"),
                 (f"σ₁ = {num(s1, 3)}: the longest half-axis", "accent3"),
                 (f"σ₂ = {num(s2, 3)}: the shortest", "accent3"),
                 (f"σ₁σ₂ = {num(s1 * s2, 3)} = |det M| = {num(abs(d), 3)}", "label"),
                 (f"v₁ (line at {ang(v1)}°) lands on the long axis", "accent"),
                 (f"u₁, the long axis, at {ang(u1)}°: Mv₁ = σ₁u₁", "accent3")]
        if d < 0:
            lines.append(("det < 0: one of the turns is a mirror", "bad"))
        if s2 < 1e-9:
            lines.append(("σ₂ = 0: the circle is crushed to a segment", "bad"))
        return [S.text(x, y + 26 * k, text, f"small {cls}", "start") for k, (text, cls) in enumerate(lines)]

    def readouts(self):
        v = self.values()
        return [{"label": "M", "value": mat(self.M)}, {"label": "σ₁", "value": num(v["s1"], 3)},
                {"label": "σ₂", "value": num(v["s2"], 3)}]
