"""Two arrows, the angle between them, and their dot product computed two ways:
a₁b₁ + a₂b₂ and |a||b|cos θ, side by side, always equal. With `projection`, a's
shadow on b's line is drawn too: the foot of the perpendicular from a's tip, at signed
distance a·b / |b| from the origin.

    ```widget dot_angle_plane
    id = "angle"
    a = [2, 1]
    b = [3, -1]
    projection = true
    ```

values(): ax, ay, bx, by, dot, angle (degrees; None when an arrow has no length, as are cos and shadow), cos,
shadow (a·b / |b|: the signed length of a's shadow on b), px, py (the shadow as a vector).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import flag, number
from ..widgets.plane import Plane
from .linalg_common import PointsWidget, label, angle_deg, pair, term, vec

NAN = None      # an angle, cosine or shadow that does not exist (an arrow of length 0)


@register
class DotAnglePlane(PointsWidget):
    name = "dot_angle_plane"
    width, height = 620, 330

    def configure(self, config):
        n = self.name
        extent = number(n, "extent", config.pop("extent", 4), 1, 6)
        a = pair(n, "a", config.pop("a", [2, 1]), extent)
        b = pair(n, "b", config.pop("b", [3, -1]), extent)
        self.projection = flag(n, "projection", config.pop("projection", False))
        super().configure(config)
        self.plane = Plane(extent + 0.5, (10, 10, 320, 320))
        self.extent = extent
        self.add_point("a", "tip of arrow a", a, extent, 0.5)
        self.add_point("b", "tip of arrow b", b, extent, 0.5)

    def values(self):
        a, b = self.point("a"), self.point("b")
        d = a[0] * b[0] + a[1] * b[1]
        na, nb = math.hypot(*a), math.hypot(*b)
        out = {"ax": a[0], "ay": a[1], "bx": b[0], "by": b[1], "dot": d, "angle": angle_deg(a, b),
               "cos": d / (na * nb) if na and nb else NAN}
        if self.projection:
            k = d / (nb * nb) if nb else 0.0
            out.update(shadow=d / nb if nb else NAN, px=k * b[0], py=k * b[1])
        return out

    def shapes(self):
        p, v = self.plane, self.values()
        a, b = [v["ax"], v["ay"]], [v["bx"], v["by"]]
        out = [p.handle("a", *a, self.points["a"], vec(a), cls="accent", r=8),
               p.handle("b", *b, self.points["b"], vec(b), cls="accent2", r=8)]
        ticks = [k for k in range(-self.extent, self.extent + 1) if k]
        out += p.frame(xticks=ticks, yticks=ticks)
        if self.projection and b != [0, 0]:
            nb = math.hypot(*b)
            u = (b[0] / nb, b[1] / nb)
            reach = 2 * p.span
            out.append(p.segment(-reach * u[0], -reach * u[1], reach * u[0], reach * u[1], "muted"))
            foot = [v["px"], v["py"]]
            out.append(p.segment(a[0], a[1], foot[0], foot[1], "muted"))
            out.append(p.segment(0, 0, foot[0], foot[1], "accent3"))
            out.append(p.point(*foot, "accent3", r=4))
            out.append(label(p, *foot, "shadow", "small accent3", dy=18))
        out += self._arc(a, b)
        out += p.vector(a, "accent") + p.vector(b, "accent2")
        out += [label(p, *a, "a", "label accent", dx=12, dy=-10), label(p, *b, "b", "label accent2", dx=12, dy=-10)]
        return out + self._panel(v)

    def _arc(self, a, b):
        if a == [0, 0] or b == [0, 0]:
            return []
        p = self.plane
        t0, t1 = math.atan2(a[1], a[0]), math.atan2(b[1], b[0])
        turn = (t1 - t0 + math.pi) % (2 * math.pi) - math.pi      # the short way round
        r = min(0.8, 0.6 * min(math.hypot(*a), math.hypot(*b)))
        pts = [(r * math.cos(t0 + turn * i / 24), r * math.sin(t0 + turn * i / 24)) for i in range(25)]
        mid = t0 + turn / 2
        return [p.polyline(pts, "accent3"),
                label(p, (r + 0.45) * math.cos(mid), (r + 0.45) * math.sin(mid), "θ", "small accent3", dy=4)]

    def _panel(self, v):
        x, y = 340, 34
        a, b = (v["ax"], v["ay"]), (v["bx"], v["by"])
        na, nb = math.hypot(*a), math.hypot(*b)
        d = v["dot"]
        lines = [("a₁b₁ + a₂b₂", "label", f"{num(a[0])}×{term(b[0])} + {term(a[1])}×{term(b[1])} = {num(d, 3)}")]
        if na and nb:
            lines += [("|a| |b| cos θ", "label",
                       f"{num(na, 3)} × {num(nb, 3)} × cos {num(v['angle'], 1)}°"),
                      ("", "label", f"= {num(na, 3)} × {num(nb, 3)} × {term(v['cos'], 3)} = {num(na * nb * v['cos'], 3)}")]
        else:
            lines.append(("|a| |b| cos θ", "label", "0: an arrow of length 0 has no angle"))
        verdict = ("positive: they point the same way, more or less" if d > 0 else
                   "negative: they point against each other" if d < 0 else "zero: perpendicular (or a zero arrow)")
        lines.append(("sign", "good" if d > 0 else "bad" if d < 0 else "accent3", verdict))
        if self.projection:
            lines.append(("shadow of a on b", "accent3",
                          "a·b / |b| = " + (f"{num(d, 3)} / {num(nb, 3)} = {num(v['shadow'], 3)}" if nb else "none: b is 0")))
        out, at = [], y - 28
        for name, cls, text in lines:
            if name:
                at += 28
                out.append(S.text(x, at, name, "small muted", "start"))
            at += 18
            out.append(S.text(x, at, text, f"small {cls}", "start"))
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "a·b", "value": num(v["dot"], 3)},
               {"label": "θ", "value": "undefined" if v["angle"] is None else f"{num(v['angle'], 1)}°"}]
        if self.projection:
            out.append({"label": "shadow", "value": "undefined" if v["shadow"] is None else num(v["shadow"], 3)})
        return out
