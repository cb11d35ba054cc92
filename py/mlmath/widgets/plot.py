"""A plot: data coordinates mapped into a box of the widget, with axes, ticks at nice
steps, grid lines, curves, points, handles, arrows, shaded regions and a legend.

    plot = Plot(x=(-3, 3), y=(-1, 9), box=(50, 12, 590, 260))
    shapes = plot.frame("x", "f(x)") + [plot.curve(lambda x: x * x)]
    shapes.append(plot.handle("a", a, a * a, "point on the curve", f"a = {num(a)}"))

Widgets then turn a drag back into data with `plot.x.value(px)`. Everything a plot
draws stays inside its box: curves are clipped at the edges and broken where the
function jumps (1/x at 0, tan x at pi/2) or has no value.
"""

import math

from ..show import num, sci
from . import shapes as S


CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


def nice_step(span, target=6):
    """The 1, 2 or 5 times a power of ten that cuts `span` into about `target` pieces."""
    power = 10 ** math.floor(math.log10(span / max(target, 1)))
    return min((m * power for m in (1, 2, 5, 10)), key=lambda step: abs(math.log(span / step / target)))


class Axis:
    """One direction of a plot: values lo..hi drawn from pixel `start` to pixel `end`
    (for y, start is the bottom). A log axis spaces decades evenly; lo and hi stay values."""

    def __init__(self, lo, hi, start, end, log=False, fmt=None):
        if not hi > lo or (log and lo <= 0):
            raise ValueError(f"an axis needs lo < hi{' and lo > 0 on a log scale' if log else ''}, not {lo}, {hi}")
        self.lo, self.hi, self.start, self.end, self.log = lo, hi, start, end, log
        self.fmt = fmt          # value -> tick text, where the default format does not suit
        self._a, self._b = (math.log10(lo), math.log10(hi)) if log else (lo, hi)

    def __call__(self, v):
        """The pixel of value v (outside the axis too: clipping is the plot's job)."""
        t = ((math.log10(v) if self.log else v) - self._a) / (self._b - self._a)
        return self.start + t * (self.end - self.start)

    def value(self, px):
        """The value at pixel px, kept within lo..hi: what a drag along this axis means."""
        t = min(max((px - self.start) / (self.end - self.start), 0.0), 1.0)
        v = self._a + t * (self._b - self._a)
        return 10 ** v if self.log else v

    def ticks(self, target=6):
        """Values for tick marks: whole decades on a log axis, else multiples of a nice step."""
        if self.log:
            first, last = math.ceil(self._a - 1e-9), math.floor(self._b + 1e-9)
            every = max(1, math.ceil((last - first + 1) / max(target, 1)))
            return [10.0 ** e for e in range(first, last + 1) if e % every == 0]
        step = nice_step(self.hi - self.lo, target)
        first = math.ceil(self.lo / step - 1e-9)
        return [round(k * step, 12) + 0.0 for k in range(first, math.floor(self.hi / step + 1e-9) + 1)]

    def label(self, v, step=None):
        """A tick's text in the course's number format (a real minus, sci for a log axis)."""
        if self.fmt:
            return self.fmt(v)
        if self.log:
            return sci(v)
        step = step or nice_step(self.hi - self.lo)
        return num(v, max(0, -math.floor(math.log10(step) + 1e-9)))


class Plot:
    def __init__(self, x, y, box, xlog=False, ylog=False, xfmt=None, yfmt=None):
        """x and y are (lo, hi) in data; box is (left, top, right, bottom) in the widget."""
        self.box = box
        left, top, right, bottom = box
        self.x = Axis(*x, left, right, xlog, xfmt)
        self.y = Axis(*y, bottom, top, ylog, yfmt)

    def at(self, x, y):
        return self.x(x), self.y(y)

    def inside(self, x, y):
        return self.x.lo <= x <= self.x.hi and self.y.lo <= y <= self.y.hi

    # The frame ------------------------------------------------------------------------
    def frame(self, xlabel="", ylabel="", xticks=6, yticks=5, grid=True, edges=False):
        """Grid lines, the axes (through zero where zero is in view, else along the edges;
        edges=True keeps them on the edges, for an axis such as an angle whose zero is no origin),
        tick labels and axis names. xticks/yticks: a target count, or a list of values."""
        left, top, right, bottom = self.box
        out = []
        xs = xticks if isinstance(xticks, list) else self.x.ticks(xticks)
        ys = yticks if isinstance(yticks, list) else self.y.ticks(yticks)
        x0 = self.x(0) if not (edges or self.x.log) and self.x.lo < 0 < self.x.hi else left
        y0 = self.y(0) if not (edges or self.y.log) and self.y.lo < 0 < self.y.hi else bottom
        if grid:
            out += [S.line(self.x(v), top, self.x(v), bottom, "grid") for v in xs]
            out += [S.line(left, self.y(v), right, self.y(v), "grid") for v in ys]
        out.append(S.line(left, y0, right, y0, "axis"))
        out.append(S.line(x0, top, x0, bottom, "axis"))
        xstep = None if self.x.log or len(xs) < 2 else xs[1] - xs[0]
        ystep = None if self.y.log or len(ys) < 2 else ys[1] - ys[0]
        label_y = min(y0 + 16, bottom + 16)
        out += [S.text(self.x(v), label_y, self.x.label(v, xstep), "small")
                for v in xs if not (v == 0 and x0 != left)]
        out += [S.text(x0 - 6, self.y(v) + 4, self.y.label(v, ystep), "small", "end")
                for v in ys if not (v == 0 and y0 != bottom)]
        if x0 != left and y0 != bottom and 0 in xs:
            out.append(S.text(x0 - 6, y0 + 16, "0", "small", "end"))
        if xlabel:
            out.append(S.text(right, bottom + 34 if y0 == bottom else y0 - 8, xlabel, "label", "end"))
        if ylabel:
            out.append(S.text(x0 + 8 if x0 != left else left + 4, top + 12, ylabel, "label", "start"))
        return out

    # Data drawn on it -----------------------------------------------------------------
    def curve(self, f, cls="accent", lo=None, hi=None, samples=300):
        """y = f(x) as one path, sampled finely, clipped to the box and broken wherever f
        has no value (an exception, inf, nan) or jumps: when two neighbouring samples
        differ by more than the plot's height and f at their midpoint lies outside them."""
        lo = self.x.lo if lo is None else lo
        hi = self.x.hi if hi is None else hi
        height = abs(self.y.end - self.y.start)
        if self.x.log:
            a, b = math.log10(lo), math.log10(hi)
            xs = [10 ** (a + (b - a) * i / samples) for i in range(samples + 1)]
        else:
            xs = [lo + (hi - lo) * i / samples for i in range(samples + 1)]
        points, prev = [], None
        for x in xs:
            p = self._pixel(x, _value(f, x))
            if p is not None and prev is not None and abs(p[1] - prev[1]) > height:
                mid = self._pixel((x + prev[2]) / 2, _value(f, (x + prev[2]) / 2))
                if mid is None or not min(p[1], prev[1]) <= mid[1] <= max(p[1], prev[1]):
                    points.append(None)
            points.append(p and p[:2])
            prev = p and (*p, x)
        return S.path(S.clip_runs(points, self.box), cls)

    def polyline(self, points, cls="accent"):
        """A path through data points (x, y); None, or a point with no finite value, breaks it."""
        return S.path(S.clip_runs([p and self._pixel(*p) for p in points], self.box), cls)

    def line(self, slope, intercept, cls="accent"):
        """The straight line y = slope x + intercept across the whole box (a tangent, a secant)."""
        return self.polyline([(self.x.lo, slope * self.x.lo + intercept),
                              (self.x.hi, slope * self.x.hi + intercept)], cls)

    def segment(self, x1, y1, x2, y2, cls="accent"):
        return self.polyline([(x1, y1), (x2, y2)], cls)

    def arrow(self, x1, y1, x2, y2, cls="accent"):
        return S.arrow(*self.at(x1, y1), *self.at(x2, y2), cls)

    def point(self, x, y, cls="accent", r=4):
        """A dot at a data point, pinned to the box's edge if the point is outside it."""
        return S.circle(*self._pinned(x, y), r, cls)

    def handle(self, name, x, y, label, value, cls="accent", r=8):
        """A draggable, focusable dot at (x, y); see shapes.handle."""
        return S.handle(S.circle(*self._pinned(x, y), r, cls), name, label, value)

    def text(self, x, y, s, cls="small", anchor="middle", dx=0, dy=0):
        px, py = self._pinned(x, y)
        return S.text(px + dx, py + dy, s, cls, anchor)

    def shade(self, f, lo, hi, g=lambda x: 0.0, cls="accent", opacity=0.2, samples=120):
        """The region between f and g over lo..hi, filled (an area, an integral, a gap)."""
        xs = [lo + (hi - lo) * i / samples for i in range(samples + 1)]
        top = [self._pinned(x, _value(f, x) or 0.0) for x in xs]
        bottom = [self._pinned(x, _value(g, x) or 0.0) for x in reversed(xs)]
        return S.poly(top + bottom, f"{cls} solid nostroke", opacity=opacity)

    def legend(self, entries, corner="top-left", boxes=False):
        """A key of (text, class) pairs, one line each, inside the named corner of the box
        (quiet_corner() finds the one the data crosses least). boxes=True marks each entry with
        a swatch, for bars and areas, and an entry may add its fill's opacity: (text, class, 0.3)."""
        left, top, right, bottom = self.box
        x = left + 12 if corner.endswith("left") else right - 150
        y = top + 14 if corner.startswith("top") else bottom - 16 * len(entries) - 4
        out = []
        for i, (label, cls, *opacity) in enumerate(entries):
            row = y + 16 * i
            if boxes:
                out.append(S.rect(x + 3, row - 5, 16, 10, cls, **({"opacity": opacity[0]} if opacity else {})))
            else:
                out.append(S.line(x, row, x + 22, row, cls))
            out.append(S.text(x + 28, row + 4, label, "small", "start"))
        return out

    def quiet_corner(self, entries, fns=(), points=(), width=150, prefer=CORNERS, axis_name=True):
        """The corner (as legend() names it) whose key box, `entries` lines and `width` pixels
        wide, the functions `fns` (curves and lines alike, each a function of x) and the points
        (x, y) cross least. With axis_name, a top corner beside the y axis's name (written at
        the top of the axis) counts as crossed. Ties go to the earliest corner in `prefer`."""
        left, top, right, bottom = self.box
        best, fewest = prefer[0], None
        for corner in prefer:
            x1 = left + 12 if corner.endswith("left") else right - 150   # where legend() starts it
            y1 = top + 6 if corner.startswith("top") else bottom - 16 * entries - 12
            x2, y2 = x1 + width, y1 + 16 * entries + 8
            lo_x, hi_x = sorted((self.x.value(x1), self.x.value(x2)))
            lo_y, hi_y = sorted((self.y.value(y1), self.y.value(y2)))
            hits = 0
            y_axis = self.x(0) if self.x.lo < 0 < self.x.hi else left
            x_axis = self.y(0) if self.y.lo < 0 < self.y.hi else bottom
            if axis_name and corner.startswith("top") and x1 - 60 <= y_axis <= x2:
                hits += 40          # the y axis's name is written there
            if x1 <= y_axis + 4 and y_axis - 30 <= x2:
                hits += 30          # the y axis and its tick labels, left of it
            if y1 <= x_axis + 20 and x_axis - 4 <= y2:
                hits += 30          # the x axis and its tick labels, below it
            for x, y in points:
                hits += 20 * (lo_x <= x <= hi_x and lo_y <= y <= hi_y)
            for fn in fns:
                for i in range(61):
                    y = _value(fn, lo_x + (hi_x - lo_x) * i / 60)
                    hits += y is not None and lo_y <= y <= hi_y
            if fewest is None or hits < fewest:
                best, fewest = corner, hits
        return best

    def _pixel(self, x, y):
        if y is None or not (math.isfinite(x) and math.isfinite(y)) or (self.y.log and y <= 0) or (
                self.x.log and x <= 0):
            return None
        return self.at(x, y)

    def _pinned(self, x, y):
        left, top, right, bottom = self.box
        px, py = self.x(min(max(x, self.x.lo), self.x.hi)), self.y(min(max(y, self.y.lo), self.y.hi))
        return min(max(px, left), right), min(max(py, top), bottom)


def _value(f, x):
    """f(x) as a float, or None where f has no real value there."""
    try:
        y = float(f(x))
    except (ArithmeticError, ValueError, TypeError):
        return None
    return y if math.isfinite(y) else None
