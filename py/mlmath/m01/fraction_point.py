"""A fraction a/b as one point on a zoomable number line, with every equal fraction lit up on it.

    ```widget fraction_point
    id = "point"
    a = 1                  # numerator, -24 .. 24
    b = 2                  # denominator, 1 .. 12
    view = "0 to 2"        # one of VIEWS: the zoom
    target = [2, 3]        # optional: a fixed fraction drawn faded, and values() says if a/b is on it
    ```

The denominator cuts every unit of the line into b equal parts (the small ticks); the
numerator counts a of them from zero. The point is a handle: dragging it, or its arrow
keys, changes a in steps of 1/b. Above the point, every fraction with a denominator up
to 12 that lands on the same spot is listed: the equivalent fractions. The readouts spell
the point three ways: fraction, decimal (exact, or its repeating block then …) and percent.

values(): a, b, view, value (a/b as a float); with a target also same (1 when a/b is the
target's point, compared exactly: a·d = b·c).
"""

from ..show import MINUS, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Axis
from .l03_decimals import decimal

VIEWS = {"−12 to 12": (-12, 12), "−4 to 4": (-4, 4), "−2 to 2": (-2, 2), "0 to 2": (0, 2), "0 to 1": (0, 1)}
MARGIN = 34
TOP = 5                 # at most this many equivalent fractions are written above the point


def frac(a, b):
    """a/b as text, with a real minus sign."""
    return f"{MINUS if a * b < 0 else ''}{abs(a)}/{abs(b)}"


def equivalents(a, b, most=12):
    """Every p/q with 1 <= q <= most at the point a/b, by denominator."""
    return [(a * q // b, q) for q in range(1, most + 1) if (a * q) % b == 0]


@register
class FractionPoint(Widget):
    name = "fraction_point"
    width, height = 600, 190

    def configure(self, config):
        a = whole(self.name, "a", config.pop("a", 1), -24, 24)
        b = whole(self.name, "b", config.pop("b", 2), 1, 12)
        view = one_of(self.name, "view", config.pop("view", "0 to 2"), VIEWS)
        target = config.pop("target", None)
        if target is not None:
            if (not isinstance(target, list) or len(target) != 2
                    or not all(isinstance(t, int) and not isinstance(t, bool) for t in target)
                    or not 1 <= target[1] <= 12 or not -24 <= target[0] <= 24):
                raise ValueError("fraction_point: target must be [numerator, denominator] with whole numbers, "
                                 "the denominator from 1 to 12")
        self.target = target
        self.knobs = {"a": Slider("a", "numerator a", -24, 24, 1, a),
                      "b": Slider("b", "denominator b", 1, 12, 1, b),
                      "view": Choice("view", "view", list(VIEWS), view)}
        super().configure(config)

    @property
    def axis(self):
        lo, hi = VIEWS[self.knobs["view"].value]
        return Axis(lo, hi, MARGIN, self.width - MARGIN)

    def values(self):
        a, b = self.knobs["a"].value, self.knobs["b"].value
        out = {"a": a, "b": b, "view": self.knobs["view"].value, "value": a / b}
        if self.target:
            c, d = self.target
            out["same"] = int(a * d == b * c)
        return out

    def drag(self, handle, x, y):
        if handle == "a":
            b = self.knobs["b"].value
            self.knobs["a"].set(round(self.axis.value(x) * b))

    # The picture -------------------------------------------------------------------------
    def shapes(self):
        ax, y = self.axis, 120
        a, b = self.knobs["a"].value, self.knobs["b"].value
        lo, hi = ax.lo, ax.hi
        v = a / b
        shown = min(max(v, lo), hi)
        out = [S.handle(S.circle(ax(shown), y, 9, "accent"), "a", "the point a/b", frac(a, b))]
        out += S.arrow((ax(lo) + ax(hi)) / 2, y, ax(hi) + 18, y, "axis")
        out += S.arrow((ax(lo) + ax(hi)) / 2, y, ax(lo) - 18, y, "axis")
        small = (hi - lo) * b <= 72            # the b-ths are drawn when they do not crowd the line
        step = 1 if hi - lo <= 4 else 2 if hi - lo <= 8 else 4
        for k in range(lo * b, hi * b + 1):
            t = k / b
            if k % b == 0:
                n = k // b
                out.append(S.line(ax(t), y - 10, ax(t), y + 10, "zero" if n == 0 else "tick"))
                if n % step == 0:
                    out.append(S.text(ax(t), y + 28, num(n), "label"))
            elif small:
                out.append(S.line(ax(t), y - 4, ax(t), y + 4, "tick"))
        if small and b > 1 and lo <= v <= hi:
            # the b-ths counted from zero to the point: a of them
            start = ax(0) if lo <= 0 <= hi else ax(lo if v > 0 else hi)
            out.append(S.line(start, y + 14, ax(v), y + 14, "accent2"))
        if self.target:
            c, d = self.target
            tv = c / d
            if lo <= tv <= hi:
                out.append(S.circle(ax(tv), y, 13, "muted nofill"))
                out.append(S.text(ax(tv), y + 46, f"target {frac(c, d)}", "small muted"))
        # the equivalent fractions, stacked above the point
        names = [frac(p, q) for p, q in equivalents(a, b)]
        label = " = ".join(names[:TOP]) + (" = …" if len(names) > TOP else "")
        x = min(max(ax(shown), 90), self.width - 90)
        out.append(S.text(x, y - 22, frac(a, b), "accent"))
        if label and label != frac(a, b):
            out.append(S.text(x, y - 46, label, "small accent2"))
        if not lo <= v <= hi:
            out.append(S.text(self.width / 2, 20, "a/b is off this view: zoom out", "small bad"))
        return out

    def readouts(self):
        a, b = self.knobs["a"].value, self.knobs["b"].value
        out = [{"label": "fraction", "value": frac(a, b)},
               {"label": "decimal", "value": decimal(a, b)},
               {"label": "percent", "value": decimal(100 * a, b, 4) + "%"}]
        names = [frac(p, q) for p, q in equivalents(a, b)]
        out.append({"label": "same point (denominators up to 12)", "value": " = ".join(names) or "none"})
        if self.target:
            c, d = self.target
            same = a * d == b * c
            out.append({"label": f"on {frac(c, d)}", "value": "yes" if same else "no"})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in ("a", "b", "view")]
