"""Arrows and lists side by side: drag arrow tips and read the lists they are.

One widget, three pictures, picked by `show`:

    sum     two arrows a and b; b is drawn again from a's tip, and a + b closes the
            parallelogram. The lists add component by component beside the picture.
    scale   one arrow a and a slider c; c·a stretches a (flips it when c < 0).
    length  one arrow a with its two legs; |a| is Pythagoras on the legs.

    ```widget vector_add_plane
    id = "sum"
    show = "sum"
    a = [2, 1]
    b = [-1, 2]
    target = [3, -1]     # optional: a marked point for goals to aim a + b at
    ```

values(): ax, ay, bx, by, sx, sy (a + b), c, cx, cy (c·a), length (|a|), hit (1 when a + b
is on the target).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import number, one_of
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from .linalg_common import PointsWidget, label, pair, term, vec

SHOWS = ("sum", "scale", "length")


@register
class VectorAddPlane(PointsWidget):
    name = "vector_add_plane"
    width, height = 600, 330

    def configure(self, config):
        n = self.name
        self.show = one_of(n, "show", config.pop("show", "sum"), SHOWS)
        extent = number(n, "extent", config.pop("extent", 3 if self.show != "length" else 4), 1, 6)
        a = pair(n, "a", config.pop("a", [2, 1]), extent)
        b = pair(n, "b", config.pop("b", [-1, 2]), extent)
        target = config.pop("target", None)
        self.target = None if target is None else pair(n, "target", target, 2 * extent)
        c = number(n, "c", config.pop("c", 1), -2, 2)
        super().configure(config)
        span = 2 * extent if self.show != "length" else extent + 1
        self.plane = Plane(span, (10, 10, 320, 320))
        self.add_point("a", "tip of arrow a", a, extent, 0.5)
        if self.show == "sum":
            self.add_point("b", "tip of arrow b", b, extent, 0.5)
        if self.show == "scale":
            self.knobs["c"] = Slider("c", "scale factor c", -2, 2, 0.25, c)

    # The arithmetic ---------------------------------------------------------------------
    def values(self):
        a = self.point("a")
        out = {"ax": a[0], "ay": a[1], "length": math.hypot(*a)}
        if self.show == "sum":
            b = self.point("b")
            s = [a[0] + b[0], a[1] + b[1]]
            out.update(bx=b[0], by=b[1], sx=s[0], sy=s[1])
            if self.target is not None:
                out["hit"] = int(s == self.target)
        if self.show == "scale":
            c = self.knobs["c"].value
            out.update(c=c, cx=c * a[0], cy=c * a[1])
        return out

    # The picture ------------------------------------------------------------------------
    def shapes(self):
        p, v = self.plane, self.values()
        a = [v["ax"], v["ay"]]
        out = []
        # handles first, so their indices never move
        out.append(p.handle("a", *a, self.points["a"], vec(a), cls="accent", r=8))
        if self.show == "sum":
            b = [v["bx"], v["by"]]
            out.append(p.handle("b", *b, self.points["b"], vec(b), cls="accent2", r=8))
        out += p.frame(xticks=self._ticks(), yticks=self._ticks())
        if self.show == "sum":
            s = [v["sx"], v["sy"]]
            corners = [(0, 0), a, s, b]
            out.append(S.poly([p._pinned(*c) for c in corners], "accent3 solid nostroke", opacity=0.12))
            out += p.vector(b, "muted", origin=a)          # b again, tail at a's tip
            out += p.vector(a, "muted", origin=b)          # and a from b's tip: both routes meet
            out += p.vector(s, "accent3")
            out.append(label(p, *s, "a + b", "label accent3", dx=15, dy=5, anchor="start"))
            if self.target is not None:
                tx, ty = p._pinned(*self.target)
                out += [S.circle(tx, ty, 11, "bad nofill"), S.text(tx, ty + 24, "target", "small bad")]
        if self.show == "scale":
            ca = [v["cx"], v["cy"]]
            out += p.vector(ca, "accent3")
            out.append(label(p, *ca, f"{num(v['c'])}·a", "label accent3", dy=18))
        if self.show == "length":
            out += [p.segment(0, 0, a[0], 0, "accent2"), p.segment(a[0], 0, a[0], a[1], "accent3")]
            # above the axis: the tick labels sit below it
            out.append(label(p, a[0] / 2, 0, f"{num(abs(a[0]))}", "small accent2", dy=-6))
            out.append(label(p, a[0], a[1] / 2, f"{num(abs(a[1]))}", "small accent3", dx=8 if a[0] >= 0 else -8,
                              anchor="start" if a[0] >= 0 else "end"))
        out += p.vector(a, "accent")
        out.append(label(p, *a, "a", "label accent", dx=10, dy=-10))
        if self.show == "sum":
            out += p.vector([v["bx"], v["by"]], "accent2")
            out.append(label(p, v["bx"], v["by"], "b", "label accent2", dx=10, dy=-10))
        return out + self._panel(v)

    def _ticks(self):
        span = int(self.plane.span)
        step = 1 if span <= 6 else 2
        return [k for k in range(-span, span + 1, step) if k]

    def _panel(self, v):
        x, y = 344, 40
        a = [v["ax"], v["ay"]]
        lines = [("a", vec(a), "accent")]
        if self.show == "sum":
            b = [v["bx"], v["by"]]
            lines += [("b", vec(b), "accent2"),
                      ("a + b", f"[{num(a[0])} + {term(b[0])}, {num(a[1])} + {term(b[1])}]", "accent3"),
                      ("", f"= {vec([v['sx'], v['sy']])}", "accent3")]
        if self.show == "scale":
            c = v["c"]
            lines += [("c", num(c), "label"),
                      ("c·a", f"[{num(c)}×{term(a[0])}, {num(c)}×{term(a[1])}]", "accent3"),
                      ("", f"= {vec([v['cx'], v['cy']])}", "accent3"),
                      ("|c·a|", f"{num(math.hypot(v['cx'], v['cy']), 3)} = |c|·|a|", "label")]
        if self.show == "length":
            lines += [("|a|", f"√({term(a[0])}² + {term(a[1])}²)", "label"),
                      ("", f"= √{num(a[0] ** 2 + a[1] ** 2)} = {num(v['length'], 3)}", "label")]
        out = [S.text(x, y - 20, "the same vectors as lists", "small muted", "start")]
        for i, (name, text, cls) in enumerate(lines):
            out.append(S.text(x + 52, y + 28 * i, f"{name} =" if name else "", f"label {cls}", "end"))
            out.append(S.text(x + 60, y + 28 * i, text, f"label {cls}", "start"))
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "a", "value": vec([v["ax"], v["ay"]])}]
        if self.show == "sum":
            out += [{"label": "b", "value": vec([v["bx"], v["by"]])},
                    {"label": "a + b", "value": vec([v["sx"], v["sy"]])}]
            if self.target is not None:
                out.append({"label": "target", "value": vec(self.target)})
        if self.show == "scale":
            out += [{"label": "c", "value": num(v["c"])}, {"label": "c·a", "value": vec([v["cx"], v["cy"]])}]
        out.append({"label": "|a|", "value": num(v["length"], 3)})
        return out

    def controls(self):
        return [self.knobs["c"].control()] if self.show == "scale" else []
