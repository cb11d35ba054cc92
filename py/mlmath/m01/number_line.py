"""A number line with draggable points: positions, order, mirrors, |x| and |a - b|.

One class serves a whole family of pictures. The lesson picks what to overlay with
`show`, so the same drag-a-point interaction teaches position, negatives, distance
from zero, the gap between two numbers, and total distance to a set of fixed marks.

    ```widget number_line
    id = "gap"
    min = -10
    max = 10
    points = { a = -3, b = 4 }
    show = ["position", "distance"]
    ```

A cell can hand the widget its own function, which then labels the overlay and is
graded against the picture: `widget("gap").use(distance)` calls `distance(a, b)`.

It is the first widget a learner meets, and a good first one to read: each point
is a Slider knob (the kit clamps, snaps and answers the arrow keys), `drag` turns a
pointer position back into a value through the Axis, and `shapes` draws the picture
from the knobs' values, the draggable points last so they sit on top.
"""

import math
import re

from ..show import MINUS, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Axis

SHOWS = ("position", "order", "mirror", "abs", "distance", "total")
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,7}$")
# Names a goal check already uses for functions; a point may not hide them.
RESERVED = {"abs", "round", "min", "max", "and", "or", "not", "in", "is", "if", "else", "True", "False", "None"}
COLOURS = ("accent", "accent2", "accent3")
VERDICT = {True: "good", False: "bad"}
MARGIN = 34              # room at each end for the arrowheads and end labels
ROW = 34                 # the height of one row of brackets above the line


def written(v):
    """A number as a person writes it: −3, 2.5, and 0.3 for 0.1 + 0.2; anything else as Python shows it."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return repr(v)
    return num(v, 6)


@register
class NumberLine(Widget):
    name = "number_line"
    width = 600

    def configure(self, config):
        self.min = number(self.name, "min", config.pop("min", -10))
        self.max = number(self.name, "max", config.pop("max", 10))
        if not self.min < self.max:
            raise ValueError(f"number_line: min ({self.min}) must be less than max ({self.max})")
        self.snap = number(self.name, "snap", config.pop("snap", 1))
        if self.snap <= 0:
            raise ValueError("number_line: snap must be positive")
        span = self.max - self.min
        nice = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] if span >= 4 else [0.1, 0.2, 0.25, 0.5, 1]
        self.ticks = number(self.name, "ticks", config.pop("ticks", next((s for s in nice if span / s <= 24), span / 10)))
        if self.ticks <= 0 or span / self.ticks > 60:
            raise ValueError("number_line: ticks must be positive and give at most 60 ticks")

        points = config.pop("points", {"a": 0})
        if not isinstance(points, dict) or not 1 <= len(points) <= 3:
            raise ValueError("number_line: points must be a table of 1 to 3 named numbers, e.g. { a = -3, b = 4 }")
        for key, value in points.items():
            if not NAME.match(key) or key in RESERVED:
                raise ValueError(f"number_line: {key!r} is not a usable point name (short, starts with a letter)")
            number(self.name, f"point {key}", value, self.min, self.max)
            # a drag or a key moves a point by `snap`; PageUp/PageDown by five of them
            self.knobs[key] = Slider(key, f"point {key}", self.min, self.max, self.snap, value,
                                     fmt=written, coarse=5 * self.snap)

        marks = config.pop("marks", [])
        if not isinstance(marks, list) or len(marks) > 6:
            raise ValueError("number_line: marks must be a list of at most 6 numbers")
        self.marks = [number(self.name, "a mark", m, self.min, self.max) for m in marks]

        shown = config.pop("show", ["position"])
        shown = [shown] if isinstance(shown, str) else shown
        if not isinstance(shown, list) or any(s not in SHOWS for s in shown):
            raise ValueError(f"number_line: show takes a list drawn from {', '.join(SHOWS)}; got {shown!r}")
        self.show = list(shown)
        n = len(self.knobs)
        if ("distance" in self.show or "order" in self.show) and n != 2:
            raise ValueError("number_line: show 'distance' and 'order' need exactly two points")
        if ("mirror" in self.show or "total" in self.show) and n != 1:
            raise ValueError("number_line: show 'mirror' and 'total' need exactly one point")
        if "mirror" in self.show and self.min != -self.max:
            raise ValueError("number_line: show 'mirror' needs min = -max, so every point's mirror is on the line")
        if "total" in self.show and not self.marks:
            raise ValueError("number_line: show 'total' needs marks to measure to")
        super().configure(config)
        self.axis = Axis(self.min, self.max, MARGIN, self.width - MARGIN)
        self.fn = None

    # Geometry: bracket rows stack above the line, the errors to the marks below it ------
    @property
    def axis_y(self):
        rows = len(self.knobs) * ("abs" in self.show) + ("distance" in self.show) + ("mirror" in self.show)
        return 46 + ROW * rows

    @property
    def height(self):
        below = len(self.marks) if "total" in self.show else 0
        return self.axis_y + 48 + 24 * below + (8 if self.fn and "total" in self.show else 0)

    def drag(self, handle, x, y):
        if handle in self.knobs:
            self.knobs[handle].set(self.axis.value(x))

    def use(self, fn):
        """Let a learner's function label the overlay: fn(a) for 'abs', fn(a, b) for
        'distance', fn(t, marks) for 'total'. The widget grades it against the picture.
        `use(None)` goes back to the widget's own arithmetic."""
        if fn is not None and not callable(fn):
            raise TypeError(f"use() needs a function, like use(distance), not {type(fn).__name__}")
        self.fn = fn

    def __repr__(self):
        return f"<number_line {', '.join(f'{k} = {written(v)}' for k, v in self.values().items())}>"

    # The true quantities the overlays draw, and what the learner's function says ----------
    def _truth(self):
        """(call text, arguments, true value) for the learner's function; the value is None
        when the picture has no quantity to grade it against."""
        names, values = list(self.knobs), list(self.values().values())
        if "total" in self.show:
            t = values[0]
            marks = "[" + ", ".join(written(m) for m in self.marks) + "]"
            return f"({names[0]}, {marks})", (t, list(self.marks)), sum(abs(t - m) for m in self.marks)
        if "distance" in self.show:
            return f"({names[0]}, {names[1]})", tuple(values), abs(values[0] - values[1])
        if "abs" in self.show and len(names) == 1:
            return f"({names[0]})", tuple(values), abs(values[0])
        return f"({', '.join(names)})", tuple(values), None

    def _learner(self):
        """(call, what it returned as text, verdict): True right, False wrong, None ungraded."""
        call, args, truth = self._truth()
        label = f"{getattr(self.fn, '__name__', 'fn')}{call}"
        try:
            got = self.fn(*args)
        except Exception as exc:  # noqa: BLE001 - the learner sees their own error in the readout
            return label, f"raised {type(exc).__name__}: {exc}", False
        if truth is None:
            return label, written(got), None
        right = isinstance(got, (int, float)) and not isinstance(got, bool) and math.isclose(got, truth, abs_tol=1e-9)
        return label, written(got), right

    # The picture -------------------------------------------------------------------------
    def shapes(self):
        y, x = self.axis_y, self.axis
        centre = (x(self.min) + x(self.max)) / 2
        # arrowheads: the line goes on forever in both directions
        out = S.arrow(centre, y, x(self.max) + 16, y, "axis") + S.arrow(centre, y, x(self.min) - 16, y, "axis")
        out += self._ticks(y)
        out += [S.rect(x(m) - 5, y - 5, 10, 10, "accent2") for m in self.marks]
        out += self._overlays(y)
        return out + self._points(y)

    def _ticks(self, y):
        x, count = self.axis, round((self.max - self.min) / self.ticks)
        # Label every tick when the labels fit side by side (about 6.5 units a character), else every k-th.
        chars = max(len(written(self.min)), len(written(self.max)), len(written(self.ticks)) + 1)
        spacing = (x.end - x.start) / count
        every = next((k for k in (1, 2, 4, 5, 10, 20) if spacing * k >= chars * 6.5 + 6), 20)
        first = math.ceil(self.min / self.ticks - 1e-9)
        out = []
        for i in range(first, first + count + 1):
            v = round(i * self.ticks, 9)
            if v > self.max + 1e-9:
                break
            if v == 0:       # zero is where every distance in this lesson is measured from
                out += [S.line(x(v), y - 12, x(v), y + 12, "zero"), S.text(x(v), y + 28, "0", "label")]
            else:
                out.append(S.line(x(v), y - 5, x(v), y + 5, "tick"))
                if i % every == 0:
                    out.append(S.text(x(v), y + 24, written(v), "label small"))
        return out

    def _overlays(self, y):
        x, points = self.axis, self.values()
        names = list(points)
        learner = self._learner() if self.fn else None
        out, rows = [], iter(range(1, 4))

        def above():                        # the next free bracket row, counting up from the line
            return y - 16 - ROW * next(rows)

        def labelled(text, cls):            # the learner's answer replaces the widget's own label
            if not learner:
                return text, cls
            return f"{learner[0]} = {learner[1]}", VERDICT.get(learner[2], cls)

        if "abs" in self.show:
            for i, k in enumerate(names):
                text, cls = f"|{k}| = {written(abs(points[k]))}", COLOURS[i % 3]
                if len(names) == 1:
                    text, cls = labelled(text, cls)
                out += bracket(x(0), x(points[k]), above(), cls, text)
        if "distance" in self.show:
            a, b = points.values()
            text, cls = labelled(f"|{names[0]} {MINUS} {names[1]}| = {written(abs(a - b))}", "accent3")
            out += bracket(x(a), x(b), above(), cls, text)
        if "mirror" in self.show:
            v = points[names[0]]
            start, end, top = (x(v), y - 10), (x(-v), y - 10), above() + 8
            out.append(S.path([arc(start, (x(0), 2 * top - y + 10), end)], "muted"))
            out += [S.circle(x(-v), y, 7, "muted"), S.text(x(-v), y - 16, f"{MINUS}{names[0]}", "label")]
        if "total" in self.show:
            t = points[names[0]]
            for j, m in enumerate(self.marks):
                out += bracket(x(t), x(m), y + 42 + 24 * j, "accent2", "", down=False)
                right = m >= t
                out.append(S.text(x(m) + (12 if right else -12), y + 46 + 24 * j, written(abs(t - m)),
                                  "small accent2", "start" if right else "end"))
            if learner:
                out.append(S.text(self.width / 2, self.height - 6, f"{learner[0]} = {learner[1]}",
                                  f"small {VERDICT.get(learner[2], 'accent')}"))
        return out

    def _points(self, y):
        out, seen = [], []
        for i, (k, v) in enumerate(self.values().items()):
            cls = COLOURS[i % 3]
            lift = 15 * seen.count(v)       # a point on top of another gets its name raised clear
            seen.append(v)
            out.append(S.text(self.axis(v), y - 16 - lift, k, cls))
            out.append(S.handle(S.circle(self.axis(v), y, 9, cls), k, f"point {k}", written(v)))
        return out

    def readouts(self):
        points = self.values()
        names = list(points)
        out = []
        if "position" in self.show:
            out += [{"label": k, "value": written(v)} for k, v in points.items()]
        if "order" in self.show:
            a, b = points.values()
            sign = "<" if a < b else ">" if a > b else "="
            out.append({"label": "", "value": f"{names[0]} {sign} {names[1]}"})
        if "mirror" in self.show:
            out.append({"label": f"{MINUS}{names[0]}", "value": written(-points[names[0]])})
        if "abs" in self.show:
            out += [{"label": f"|{k}|", "value": written(abs(v))} for k, v in points.items()]
        if "distance" in self.show:
            a, b = points.values()
            out.append({"label": f"{names[0]} {MINUS} {names[1]}", "value": written(a - b)})
            out.append({"label": f"|{names[0]} {MINUS} {names[1]}|", "value": written(abs(a - b))})
        if "total" in self.show:
            parts = [abs(points[names[0]] - m) for m in self.marks]
            out.append({"label": "total distance", "value": " + ".join(map(written, parts)) + f" = {written(sum(parts))}"})
        if self.fn:
            label, value, right = self._learner()
            verdict = {True: " ✓", False: f" ✗ (the picture says {written(self._truth()[2])})", None: ""}[right]
            out.append({"label": label, "value": value + verdict})
        return out


def bracket(x1, x2, y, cls, text, down=True):
    """A bracket from x1 to x2 at height y, its legs toward the line, its text on the far side."""
    lo, hi = sorted((x1, x2))
    leg = 7 if down else -7
    out = [S.path([[(lo, y + leg), (lo, y), (hi, y), (hi, y + leg)]], f"bracket {cls}")]
    if text:
        out.append(S.text((lo + hi) / 2, y - 7 if down else y + 18, text, f"small {cls}"))
    return out


def arc(p0, control, p2, pieces=16):
    """A quadratic Bézier curve from p0 to p2, bent toward `control`, as points."""
    return [tuple((1 - t) ** 2 * a + 2 * (1 - t) * t * c + t * t * b for a, c, b in zip(p0, control, p2))
            for t in (i / pieces for i in range(pieces + 1))]
