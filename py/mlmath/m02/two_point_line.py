"""Two points fix a line: drag them and see the rise, the run, the slope and the line
written three ways (slope-intercept, point-slope, standard). A second line can be
switched on through a third point R, parallel to the first or perpendicular to it.

    ```widget two_point_line
    id = "forms"
    p = [-2, -1]
    q = [2, 1]
    r = [1, 3]            # where the companion line passes (only with companion)
    companion = "none"    # or "parallel", "perpendicular": the starting choice; the learner can change it
    ```

Points sit on whole numbers, so every slope is a fraction and the forms are exact.
values(): x1, y1, x2, y2, rise, run, vertical (1 when run is 0), m and b (None for a
vertical line), companion, m2 (the companion's slope, None if it has none) and
product (m × m2, None when either is missing).
"""

from fractions import Fraction
from math import gcd

from ..show import MINUS
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice, Point, Slider
from ..widgets.plot import Plot

LO, HI = -6, 6
MODES = ("none", "parallel", "perpendicular")


def frac(v):
    """A Fraction as a person writes it: 3, −1/2."""
    v = Fraction(v)
    text = str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    return text.replace("-", MINUS)


def term(coef, name, first=False):
    """One term of a sum: '+ 2x', '− x', '− 1/2x' (omitted when coef is 0)."""
    if coef == 0:
        return ""
    sign = MINUS if coef < 0 else "+"
    mag = abs(coef)
    body = (name if mag == 1 and name else (f"({frac(mag)}){name}" if name and Fraction(mag).denominator != 1
                                              else f"{frac(mag)}{name}"))
    if first:
        return (MINUS if coef < 0 else "") + body
    return f" {sign} {body}"


def shifted(name, c):
    """(x − 3), (x + 2), or x for c = 0."""
    if c == 0:
        return name
    return f"({name} {MINUS if c > 0 else '+'} {frac(abs(c))})"


def forms(x1, y1, x2, y2):
    """The line through two whole-number points, in its three spellings (None where a form
    cannot write it)."""
    rise, run = y2 - y1, x2 - x1
    A, B = rise, -run
    C = A * x1 + B * y1
    g = gcd(gcd(A, B), C) or 1
    A, B, C = A // g, B // g, C // g
    if A < 0 or (A == 0 and B < 0):
        A, B, C = -A, -B, -C
    standard = f"{term(A, 'x', True)}{term(B, 'y', A == 0)} = {frac(C)}"
    if run == 0:
        return None, None, standard
    m = Fraction(rise, run)
    b = y1 - m * x1
    slope_int = f"y = {term(m, 'x', True) or ''}{term(b, '', m == 0) if b or m == 0 else ''}" if m else f"y = {frac(b)}"
    point = f"y {MINUS if y1 > 0 else '+'} {frac(abs(y1))} = {frac(m)}·{shifted('x', x1)}" if y1 else f"y = {frac(m)}·{shifted('x', x1)}"
    return slope_int, point, standard


@register
class TwoPointLine(Widget):
    name = "two_point_line"
    width, height = 600, 330

    def configure(self, config):
        pts = {}
        for k, default in (("p", [-2, -1]), ("q", [2, 1]), ("r", [1, 3])):
            v = config.pop(k, default)
            if (not isinstance(v, list) or len(v) != 2 or any(isinstance(c, bool) or not isinstance(c, int)
                                                              or not LO <= c <= HI for c in v)):
                raise ValueError(f"two_point_line: {k} must be a point [x, y] of whole numbers from {LO} to {HI}, not {v!r}")
            pts[k] = v
        if pts["p"] == pts["q"]:
            raise ValueError("two_point_line: p and q must be different points")
        mode = one_of(self.name, "companion", config.pop("companion", "none"), MODES)
        super().configure(config)
        for k, n in (("p", "1"), ("q", "2")):
            self.knobs["x" + n] = Slider("x" + n, f"x{n}", LO, HI, 1, pts[k][0])
            self.knobs["y" + n] = Slider("y" + n, f"y{n}", LO, HI, 1, pts[k][1])
        self.r = pts["r"]
        self.knobs["companion"] = Choice("companion", "second line", MODES, mode)
        self.knobs["p"] = Point(self.knobs["x1"], self.knobs["y1"])
        self.knobs["q"] = Point(self.knobs["x2"], self.knobs["y2"])
        self.plot = Plot((LO, HI), (LO, HI), box=(36, 14, 336, 314))
        self.last = dict(x1=pts["p"][0], y1=pts["p"][1], x2=pts["q"][0], y2=pts["q"][1])

    def _xy(self):
        k = self.knobs
        x1, y1, x2, y2 = k["x1"].value, k["y1"].value, k["x2"].value, k["y2"].value
        if (x1, y1) == (x2, y2):            # one point is no line: keep the last pair that was one
            return self.last["x1"], self.last["y1"], self.last["x2"], self.last["y2"]
        self.last = dict(x1=x1, y1=y1, x2=x2, y2=y2)
        return x1, y1, x2, y2

    def values(self):
        x1, y1, x2, y2 = self._xy()
        rise, run = y2 - y1, x2 - x1
        m = Fraction(rise, run) if run else None
        b = y1 - m * x1 if m is not None else None
        mode = self.knobs["companion"].value
        if mode == "parallel":
            m2 = m
        elif mode == "perpendicular":
            m2 = (-1 / m if m else None) if m is not None else Fraction(0)
        else:
            m2 = None
        product = m * m2 if m is not None and m2 is not None else None
        as_num = lambda v: None if v is None else (int(v) if v.denominator == 1 else float(v))
        return {"x1": x1, "y1": y1, "x2": x2, "y2": y2, "rise": rise, "run": run, "vertical": int(run == 0),
                "m": as_num(m), "b": as_num(b), "companion": mode, "m2": as_num(m2), "product": as_num(product)}

    def set_values(self, values):
        values = dict(values)
        k = self.knobs
        for key in ("x1", "y1", "x2", "y2", "companion"):
            if key in values:
                k[key].assign(values.pop(key))
        self.last = {}
        x1, y1, x2, y2 = k["x1"].value, k["y1"].value, k["x2"].value, k["y2"].value
        if (x1, y1) == (x2, y2):
            raise ValueError("two_point_line: p and q cannot be the same point")
        self.last = dict(x1=x1, y1=y1, x2=x2, y2=y2)
        super().set_values(values)

    def drag(self, handle, x, y):
        if handle in ("p", "q"):
            self.knobs[handle].move(round(self.plot.x.value(x)), round(self.plot.y.value(y)))

    def shapes(self):
        p, v = self.plot, self.values()
        x1, y1, x2, y2 = v["x1"], v["y1"], v["x2"], v["y2"]
        out = [p.handle("p", x1, y1, "point P", f"({x1}, {y1})", "accent"),
               p.handle("q", x2, y2, "point Q", f"({x2}, {y2})", "accent")]
        out += p.frame("x", "y", xticks=[t for t in range(LO, HI + 1, 2)], yticks=[t for t in range(LO, HI + 1, 2)])
        if v["vertical"]:
            out.append(p.segment(x1, LO, x1, HI, "accent"))
        else:
            out.append(p.line(v["m"], v["b"], "accent"))
            out.append(p.segment(x1, y1, x2, y1, "accent2"))            # run
            out.append(p.segment(x2, y1, x2, y2, "accent3"))            # rise
            out.append(p.text((x1 + x2) / 2, y1, f"run {v['run']}".replace("-", MINUS), "small accent2", dy=14 if y2 >= y1 else -6))
            mid = (y1 + y2) / 2
            if abs(mid) < 0.5 and abs(y2 - y1) >= 2:     # off the x axis, which would strike through it
                mid = 0.7
            out.append(p.text(x2, mid, f"rise {v['rise']}".replace("-", MINUS), "small accent3", "start", dx=12))
        if v["companion"] != "none":
            rx, ry = self.r
            out.append(p.point(rx, ry, "muted", 5))
            out.append(p.text(rx, ry, "R", "small", dx=-10, dy=-6))
            if v["m2"] is None:
                out.append(p.segment(rx, LO, rx, HI, "muted"))
            else:
                out.append(p.line(v["m2"], ry - v["m2"] * rx, "muted"))
        si, ps, st = forms(x1, y1, x2, y2)
        rows = [("slope-intercept", si or "none: the line is vertical"),
                ("point-slope (through P)", ps or "none: no slope"),
                ("standard", st)]
        for i, (label, text) in enumerate(rows):
            out.append(S.text(352, 40 + 46 * i, label, "small", "start"))
            out.append(S.text(352, 58 + 46 * i, text, "label", "start"))
        return out

    def readouts(self):
        v = self.values()
        if v["vertical"]:
            slope = "none (run is 0: a vertical line)"
        else:
            ratio, lowest = f"{v['rise']}/{v['run']}".replace("-", MINUS), frac(Fraction(v["rise"], v["run"]))
            slope = ratio if ratio == lowest else f"{ratio} = {lowest}"
        out = [{"label": "P", "value": f"({v['x1']}, {v['y1']})".replace("-", MINUS)},
               {"label": "Q", "value": f"({v['x2']}, {v['y2']})".replace("-", MINUS)},
               {"label": "slope m = rise/run", "value": slope}]
        if v["companion"] != "none":
            m2 = "none (vertical)" if v["m2"] is None else frac(Fraction(v["m2"]).limit_denominator(1000))
            out.append({"label": f"{v['companion']} line's slope", "value": m2})
            if v["product"] is not None:
                out.append({"label": "m × its slope", "value": frac(Fraction(v["product"]).limit_denominator(1000))})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in ("x1", "y1", "x2", "y2", "companion")]
