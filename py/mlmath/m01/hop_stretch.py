"""The two operations as moves on the number line: adding is a hop, multiplying is a stretch.

    ```widget hop_stretch
    id = "hop"
    mode = "add"          # "add": x hops by b to x + b; "multiply": the line is stretched by k
    x = 3
    b = 2                 # the hop (add) or the factor k (multiply, one of FACTORS)
    undo = false          # true: a second move u follows, and the widget says if it brought x back
    ```

Add mode draws x, a hop arrow of length b (right for b > 0, left for b < 0) and the
landing point x + b; the landing point is a handle too, so dragging it picks b. With
`undo`, a second hop u starts where the first landed and the readout says whether
it came home to x.

Multiply mode draws the line twice (three times with `undo`): the top copy holds x, and
every whole number t of it is joined to k·t on the copy below, so ×2 spreads the marks,
×½ squeezes them, ×(−1) crosses every join over zero and ×0 pulls them all into 0.
The factor is a choice among FACTORS; dragging the image point picks the factor
nearest to (image / x).

values(): x, b (the hop or factor), y (after the first move); with undo also u, z (after
both) and back (1 when z is x, else 0).
"""

from fractions import Fraction

from ..show import MINUS, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Axis

FACTORS = (-4, -3, -2, -1, -0.5, -1 / 3, -0.25, 0, 0.25, 1 / 3, 0.5, 1, 2, 3, 4)
MARGIN = 30
ROW = 72
LABELS = 27     # joins start below the tick labels of the line above, so they cross no number


def factor_text(k):
    """A factor as a person writes it: 2, −1, ½, −⅓, ¼."""
    f = Fraction(k).limit_denominator(12)
    if f.denominator == 1:
        return num(k, 0)
    glyph = {Fraction(1, 2): "½", Fraction(1, 3): "⅓", Fraction(1, 4): "¼"}.get(abs(f), f"{abs(f)}")
    return (MINUS if f < 0 else "") + glyph


def bracketed(k):
    """A factor inside a product: 2 stays 2, −½ is put in brackets as (−½)."""
    return f"({factor_text(k)})" if k < 0 else factor_text(k)


def signed(v):
    """A number inside a sum: 3 stays 3, −5 is put in brackets as (−5)."""
    return f"({num(v, 4)})" if v < 0 else num(v, 4)


@register
class HopStretch(Widget):
    name = "hop_stretch"
    width = 600

    def configure(self, config):
        self.mode = one_of(self.name, "mode", config.pop("mode", "add"), ("add", "multiply"))
        self.min = number(self.name, "min", config.pop("min", -10))
        self.max = number(self.name, "max", config.pop("max", 10))
        if not self.min < 0 < self.max:
            raise ValueError("hop_stretch: min must be below 0 and max above it")
        self.undo = flag(self.name, "undo", config.pop("undo", False))
        x = number(self.name, "x", config.pop("x", 3), self.min, self.max)
        self.knobs["x"] = Slider("x", "start x", self.min, self.max, 1, x, fmt=lambda v: num(v, 4))
        span = self.max - self.min
        if self.mode == "add":
            b = number(self.name, "b", config.pop("b", 2), -span, span)
            self.knobs["b"] = Slider("b", "hop b", -span, span, 1, b, fmt=lambda v: num(v, 4))
            if self.undo:
                u = number(self.name, "u", config.pop("u", 0), -span, span)
                self.knobs["u"] = Slider("u", "undo hop u", -span, span, 1, u, fmt=lambda v: num(v, 4))
        else:
            b = one_of(self.name, "b", config.pop("b", 2), FACTORS)
            self.knobs["b"] = Choice("b", "stretch factor k", FACTORS, b, fmt=factor_text)
            if self.undo:
                u = one_of(self.name, "u", config.pop("u", 1), FACTORS)
                self.knobs["u"] = Choice("u", "undo factor u", FACTORS, u, fmt=factor_text)
        super().configure(config)
        self.axis = Axis(self.min, self.max, MARGIN, self.width - MARGIN)

    # The arithmetic --------------------------------------------------------------------
    def apply(self, v, amount):
        return v + amount if self.mode == "add" else v * amount

    def values(self):
        x, b = self.knobs["x"].value, self.knobs["b"].value
        out = {"x": x, "b": b, "y": self.apply(x, b)}
        if self.undo:
            u = self.knobs["u"].value
            z = self.apply(out["y"], u)
            out.update(u=u, z=z, back=int(abs(z - x) < 1e-9))
        return out

    # Geometry ------------------------------------------------------------------------------
    @property
    def rows(self):
        """The y of each copy of the line: add mode draws one line, multiply one per move."""
        if self.mode == "add":
            return [104 if self.undo else 92]
        return [44 + ROW * i for i in range(3 if self.undo else 2)]

    @property
    def height(self):
        return self.rows[-1] + (86 if self.mode == "add" and self.undo else 46)

    def inside(self, v):
        return self.min - 1e-9 <= v <= self.max + 1e-9

    def drag(self, handle, x, y):
        v = self.axis.value(x)
        vals = self.values()
        if handle == "x":
            self.knobs["x"].set(v)
        elif self.mode == "add" and handle in ("b", "u"):
            start = vals["x"] if handle == "b" else vals["y"]
            self.knobs[handle].set(round(v) - start)
        elif handle in ("b", "u"):
            start = vals["x"] if handle == "b" else vals["y"]
            if start != 0:      # 0 times anything is 0: no factor can be read off a drag
                self.knobs[handle].assign(min(FACTORS, key=lambda k: abs(k - v / start)))

    # The picture ---------------------------------------------------------------------------
    def shapes(self):
        return self._handles() + (self._hops() if self.mode == "add" else self._stretch())

    def _handles(self):
        """Handles first, always the same number of them, so keyboard focus stays put."""
        vals, ax, rows = self.values(), self.axis, self.rows
        out = []
        if self.mode == "add":
            y = rows[0]
            spots = [("x", vals["x"], "accent", "start x"), ("b", vals["y"], "accent2", "landing point x + b")]
            if self.undo:
                spots.append(("u", vals["z"], "accent3", "after the undo hop"))
            for name, v, cls, label in spots:
                shown = min(max(v, self.min), self.max)
                out.append(S.handle(S.circle(ax(shown), y, 8 if name == "x" else 7, cls), name, label,
                                    num(v, 4)))
        else:
            spots = [("x", vals["x"], rows[0], "accent", "x on the top line"),
                     ("b", vals["y"], rows[1], "accent2", "k times x on the stretched line")]
            if self.undo:
                spots.append(("u", vals["z"], rows[2], "accent3", "after the undo stretch"))
            for name, v, y, cls, label in spots:
                shown = min(max(v, self.min), self.max)
                out.append(S.handle(S.circle(ax(shown), y, 8, cls), name, label, num(v, 4)))
        return out

    def _line(self, y, caption):
        ax = self.axis
        out = [S.line(ax(self.min) - 8, y, ax(self.max) + 8, y, "axis")]
        step = 2 if self.max - self.min > 12 else 1
        for t in range(int(self.min), int(self.max) + 1):
            if t == 0:
                out.append(S.line(ax(0), y - 9, ax(0), y + 9, "zero"))
            else:
                out.append(S.line(ax(t), y - 4, ax(t), y + 4, "tick"))
            if t % step == 0:
                out.append(S.text(ax(t), y + 20, num(t), "label small"))
        if caption:
            out.append(S.text(4, y - 10, caption, "small muted", "start"))
        return out

    def _hops(self):
        vals, ax, y = self.values(), self.axis, self.rows[0]
        out = self._line(y, "")
        out += hop(ax, vals["x"], vals["y"], y, -1, "accent2", f"+ {signed(vals['b'])}", self)
        out.append(S.text(ax(vals["x"]), y - 16, "x", "accent"))
        if self.undo:
            out += hop(ax, vals["y"], vals["z"], y, +1, "accent3", f"+ {signed(vals['u'])}", self)
        return out

    def _stretch(self):
        vals, rows = self.values(), self.rows
        k = vals["b"]
        out = self._line(rows[0], "x")
        out += self._line(rows[1], f"× {factor_text(k)}")
        out += self._joins(rows[0], rows[1], k, 1, "accent2")
        if self.undo:
            u = vals["u"]
            out += self._line(rows[2], f"× {factor_text(u)}")
            out += self._joins(rows[1], rows[2], u, k, "accent3")
        return out

    def _joins(self, y1, y2, factor, before, cls):
        """Join each whole number t of the top line (carried to before·t) to where the factor sends it."""
        ax, out = self.axis, []
        x = self.values()["x"]
        for t in range(int(self.min), int(self.max) + 1):
            a, b = before * t, before * t * factor
            if self.inside(a) and self.inside(b):
                out.append(S.line(ax(a), y1 + LABELS, ax(b), y2 - 5, "muted"))
        a, b = before * x, before * x * factor
        if self.inside(a) and self.inside(b):
            out += S.arrow(ax(a), y1 + LABELS, ax(b), y2 - 10, cls)
        return out

    def readouts(self):
        vals = self.values()
        x, b, y = vals["x"], vals["b"], vals["y"]
        if self.mode == "add":
            out = [{"label": "x + b", "value": f"{num(x, 4)} + {signed(b)} = {num(y, 4)}"}]
            if b < 0:
                out.append({"label": "the same as x " + MINUS + " " + num(-b, 4),
                            "value": f"{num(x, 4)} {MINUS} {num(-b, 4)} = {num(y, 4)}"})
            if self.undo:
                out.append({"label": "then + u", "value": f"{num(y, 4)} + {signed(vals['u'])} = {num(vals['z'], 4)}"})
        else:
            out = [{"label": "x × k", "value": f"{num(x, 4)} × {bracketed(b)} = {num(y, 4)}"}]
            if self.undo:
                u = vals["u"]
                out.append({"label": "then × u", "value": f"{num(y, 4)} × {bracketed(u)} = {num(vals['z'], 4)}"})
                out.append({"label": "k × u", "value": num(b * u, 4)})
        if self.undo:
            out.append({"label": "back at x", "value": "yes" if vals["back"] else "no"})
        if not self.inside(y) or (self.undo and not self.inside(vals["z"])):
            out.append({"label": "", "value": "(a point off the picture is drawn at its edge)"})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in self.knobs]


def hop(ax, start, end, y, side, cls, text, widget):
    """An arc from start to end, above the line (side −1) or below it (side +1), with its label."""
    if start == end:
        return []
    a, b = [min(max(v, widget.min), widget.max) for v in (start, end)]
    x0, x1 = ax(a), ax(b)
    lift = side * min(46, 14 + abs(x1 - x0) / 5)
    top = y + lift
    pts = [((1 - t) ** 2 * x0 + 2 * (1 - t) * t * (x0 + x1) / 2 + t * t * x1,
            (1 - t) ** 2 * (y + 8 * side) + 2 * (1 - t) * t * (2 * top - y) + t * t * (y + 8 * side))
           for t in (i / 20 for i in range(21))]
    out = [S.path([pts[:-2]], cls)]
    out += S.arrow(*pts[-3], *pts[-1], cls, head=8)
    out.append(S.text((x0 + x1) / 2, top + (-6 if side < 0 else 16), text, f"small {cls}"))
    return out
