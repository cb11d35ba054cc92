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
"""

import math
import re

from ..widgets import register
from ..widgets.base import Widget, arrow_step

SHOWS = ("position", "order", "mirror", "abs", "distance", "total")
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,7}$")
# Names a goal check already uses for functions; a point may not hide them.
RESERVED = {"abs", "round", "min", "max", "and", "or", "not", "in", "is", "if", "else", "True", "False", "None"}
COLOURS = ("accent", "accent2", "accent3")
MINUS = "\u2212"   # a real minus sign reads better than a hyphen


def fmt(v):
    """A number the way a person writes it: -3 -> '−3', 2.5 -> '2.5', 0.1 + 0.2 -> '0.3'."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return repr(v)
    if not math.isfinite(v):
        return str(v)
    v = round(v, 6)
    if v == 0:
        v = 0        # no '−0'
    text = str(int(v)) if v == int(v) else f"{v:.6f}".rstrip("0")
    return text.replace("-", MINUS)


def _number(value, what):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"number_line: {what} must be a finite number, not {value!r}")
    return value


@register
class NumberLine(Widget):
    name = "number_line"
    width = 600
    margin = 34          # room at each end for the arrowheads and end labels

    def configure(self, config):
        self.min = _number(config.pop("min", -10), "min")
        self.max = _number(config.pop("max", 10), "max")
        if not self.min < self.max:
            raise ValueError(f"number_line: min ({self.min}) must be less than max ({self.max})")
        self.snap = _number(config.pop("snap", 1), "snap")
        if self.snap <= 0:
            raise ValueError("number_line: snap must be positive")
        span = self.max - self.min
        nice = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] if span >= 4 else [0.1, 0.2, 0.25, 0.5, 1]
        auto = next((step for step in nice if span / step <= 24), span / 10)
        self.ticks = _number(config.pop("ticks", auto), "ticks")
        if self.ticks <= 0 or (self.max - self.min) / self.ticks > 60:
            raise ValueError("number_line: ticks must be positive and give at most 60 ticks")

        points = config.pop("points", {"a": 0})
        if not isinstance(points, dict) or not 1 <= len(points) <= 3:
            raise ValueError("number_line: points must be a table of 1 to 3 named numbers, e.g. { a = -3, b = 4 }")
        self.points = {}
        for key, value in points.items():
            if not NAME.match(key) or key in RESERVED:
                raise ValueError(f"number_line: {key!r} is not a usable point name (short, starts with a letter)")
            value = _number(value, f"point {key}")
            if not self.min <= value <= self.max:
                raise ValueError(f"number_line: point {key} = {value} lies outside [{self.min}, {self.max}]")
            self.points[key] = value
        self.start = dict(self.points)

        marks = config.pop("marks", [])
        if not isinstance(marks, list) or len(marks) > 6:
            raise ValueError("number_line: marks must be a list of at most 6 numbers")
        self.marks = [_number(m, "a mark") for m in marks]
        for m in self.marks:
            if not self.min <= m <= self.max:
                raise ValueError(f"number_line: mark {m} lies outside [{self.min}, {self.max}]")

        show = config.pop("show", ["position"])
        show = [show] if isinstance(show, str) else show
        if not isinstance(show, list) or any(s not in SHOWS for s in show):
            raise ValueError(f"number_line: show takes a list drawn from {', '.join(SHOWS)}; got {show!r}")
        self.show = list(show)
        n = len(self.points)
        if ("distance" in self.show or "order" in self.show) and n != 2:
            raise ValueError("number_line: show 'distance' and 'order' need exactly two points")
        if ("mirror" in self.show or "total" in self.show) and n != 1:
            raise ValueError("number_line: show 'mirror' and 'total' need exactly one point")
        if "total" in self.show and not self.marks:
            raise ValueError("number_line: show 'total' needs marks to measure to")
        super().configure(config)
        self.fn = None

    # Geometry -------------------------------------------------------------------------
    @property
    def _levels_above(self):
        """How many bracket rows sit above the axis."""
        rows = 0
        if "abs" in self.show:
            rows += len(self.points)
        if "distance" in self.show:
            rows += 1
        if "mirror" in self.show:
            rows += 1
        return rows

    @property
    def axis_y(self):
        return 46 + 34 * self._levels_above

    @property
    def height(self):
        below = len(self.marks) if "total" in self.show else 0
        return self.axis_y + 48 + 24 * below + (8 if self.fn and "total" in self.show else 0)

    def x_of(self, v):
        return self.margin + (v - self.min) / (self.max - self.min) * (self.width - 2 * self.margin)

    def value_at(self, x):
        """The snapped, clamped value under widget x coordinate `x`."""
        v = self.min + (x - self.margin) / (self.width - 2 * self.margin) * (self.max - self.min)
        return self._place(v)

    def _place(self, v):
        v = round(v / self.snap) * self.snap
        v = min(max(v, self.min), self.max)
        v = round(v, 9)
        return int(v) if v == int(v) else v

    # State -----------------------------------------------------------------------------
    def values(self):
        return dict(self.points)

    def set_values(self, values):
        for key, value in values.items():
            if key not in self.points:
                raise KeyError(f"number_line has no point {key!r}; it has {', '.join(self.points)}")
            self.points[key] = self._place(_number(value, f"point {key}"))

    def handle(self, event):
        name = event.get("handle")
        if name not in self.points:
            return
        if event.get("type") == "drag":
            self.points[name] = self.value_at(float(event["x"]))
        elif event.get("type") == "key":
            key = event.get("key")
            if key == "Home":
                self.points[name] = self._place(self.min)
            elif key == "End":
                self.points[name] = self._place(self.max)
            else:
                step = arrow_step(key, fine=self.snap, coarse=5 * self.snap)
                self.points[name] = self._place(self.points[name] + step)

    def use(self, fn):
        """Let a learner's function label the overlay: fn(a) for 'abs', fn(a, b) for
        'distance', fn(t, marks) for 'total'. The widget grades it against the picture.
        `use(None)` goes back to the widget's own arithmetic."""
        if fn is not None and not callable(fn):
            raise TypeError(f"use() needs a function, like use(distance), not {type(fn).__name__}")
        self.fn = fn

    def reset(self):
        self.points = dict(self.start)

    def __repr__(self):
        return f"<number_line {', '.join(f'{k} = {fmt(v)}' for k, v in self.points.items())}>"

    # The true quantities the overlays draw ---------------------------------------------
    def _names(self):
        return list(self.points)

    def _truth(self):
        """(call text, arguments, true value) for the learner's function, or None."""
        names = self._names()
        if "total" in self.show:
            marks = "[" + ", ".join(fmt(m) for m in self.marks) + "]"
            t = self.points[names[0]]
            return f"({names[0]}, {marks})", (t, list(self.marks)), sum(abs(t - m) for m in self.marks)
        if "distance" in self.show:
            a, b = (self.points[k] for k in names)
            return f"({names[0]}, {names[1]})", (a, b), abs(a - b)
        if "abs" in self.show and len(names) == 1:
            return f"({names[0]})", (self.points[names[0]],), abs(self.points[names[0]])
        args = tuple(self.points[k] for k in names)
        return f"({', '.join(names)})", args, None

    def _learner(self):
        """What the learner's function says here: (text, verdict) with verdict True/False/None."""
        call, args, truth = self._truth()
        label = f"{getattr(self.fn, '__name__', 'fn')}{call}"
        try:
            got = self.fn(*args)
        except Exception as exc:  # noqa: BLE001 - the learner sees their own error in the readout
            return label, f"raised {type(exc).__name__}: {exc}", False
        if truth is None:
            return label, fmt(got), None
        right = isinstance(got, (int, float)) and not isinstance(got, bool) and math.isclose(got, truth, abs_tol=1e-9)
        return label, fmt(got), right

    # The scene --------------------------------------------------------------------------
    def _bracket(self, x1, x2, y, cls, text, down=True):
        """A bracket from x1 to x2 at height y, legs pointing toward the axis, text above it."""
        lo, hi = sorted((x1, x2))
        leg = 7 if down else -7
        out = [{"t": "path", "d": f"M {lo:.1f} {y + leg} V {y} H {hi:.1f} V {y + leg}", "cls": f"bracket {cls}"}]
        if text:
            ty = y - 7 if down else y + 18
            out.append({"t": "text", "x": round((lo + hi) / 2, 1), "y": ty, "s": text, "cls": f"small {cls}"})
        return out

    def shapes(self):
        y, W = self.axis_y, self.width
        x0, x1 = self.x_of(self.min), self.x_of(self.max)
        out = [
            {"t": "line", "x1": x0 - 14, "y1": y, "x2": x1 + 14, "y2": y, "cls": "axis"},
            # arrowheads: the line goes on forever in both directions
            {"t": "poly", "pts": [[x1 + 8, y - 5], [x1 + 16, y], [x1 + 8, y + 5]], "cls": "axis"},
            {"t": "poly", "pts": [[x0 - 8, y - 5], [x0 - 16, y], [x0 - 8, y + 5]], "cls": "axis"},
        ]
        count = int(round((self.max - self.min) / self.ticks))
        # Label every tick when the labels fit side by side (about 6.5 units a character), else every k-th.
        chars = max(len(fmt(self.min)), len(fmt(self.max)), len(fmt(self.ticks)) + 1)
        spacing = (self.width - 2 * self.margin) / count
        every = next((k for k in (1, 2, 4, 5, 10, 20) if spacing * k >= chars * 6.5 + 6), 20)
        first = math.ceil(self.min / self.ticks - 1e-9)
        for i in range(first, first + count + 1):
            v = round(i * self.ticks, 9)
            if v > self.max + 1e-9:
                break
            x = round(self.x_of(v), 1)
            if v == 0:
                out.append({"t": "line", "x1": x, "y1": y - 12, "x2": x, "y2": y + 12, "cls": "zero"})
                out.append({"t": "text", "x": x, "y": y + 28, "s": "0", "cls": "label"})
            else:
                out.append({"t": "line", "x1": x, "y1": y - 5, "x2": x, "y2": y + 5, "cls": "tick"})
                if i % every == 0:
                    out.append({"t": "text", "x": x, "y": y + 24, "s": fmt(v), "cls": "label small"})

        for m in self.marks:
            x = round(self.x_of(m), 1)
            out.append({"t": "rect", "x": x - 5, "y": y - 5, "w": 10, "h": 10, "cls": "accent2"})

        names = self._names()
        learner = self._learner() if self.fn else None
        level = 0

        def row():
            nonlocal level
            level += 1
            return y - 16 - 34 * level

        if "abs" in self.show:
            for i, k in enumerate(names):
                v = self.points[k]
                text = f"|{k}| = {fmt(abs(v))}"
                cls = COLOURS[i % 3]
                if learner and len(names) == 1:
                    text = f"{learner[0]} = {learner[1]}"
                    cls = {True: "good", False: "bad"}.get(learner[2], cls)
                out += self._bracket(self.x_of(0), self.x_of(v), row(), cls, text)
        if "distance" in self.show:
            a, b = (self.points[k] for k in names)
            text, cls = f"|{names[0]} {MINUS} {names[1]}| = {fmt(abs(a - b))}", "accent3"
            if learner:
                text = f"{learner[0]} = {learner[1]}"
                cls = {True: "good", False: "bad"}.get(learner[2], cls)
            out += self._bracket(self.x_of(a), self.x_of(b), row(), cls, text)
        if "mirror" in self.show:
            k = names[0]
            v = self.points[k]
            xa, xm = self.x_of(v), self.x_of(-v) if self.min <= -v <= self.max else None
            if xm is not None:
                top = row() + 8
                out.append({"t": "path", "d": f"M {xa:.1f} {y - 10} Q {self.x_of(0):.1f} {2 * top - y + 10:.1f} {xm:.1f} {y - 10}",
                            "cls": "muted"})
                out.append({"t": "circle", "cx": round(xm, 1), "cy": y, "r": 7, "cls": "muted"})
                out.append({"t": "text", "x": round(xm, 1), "y": y - 16, "s": f"{MINUS}{k}", "cls": "label"})
        if "total" in self.show:
            t = self.points[names[0]]
            for j, m in enumerate(self.marks):
                out += self._bracket(self.x_of(t), self.x_of(m), y + 42 + 24 * j, "accent2",
                                     "", down=False)
                out.append({"t": "text", "x": round(self.x_of(m), 1) + (12 if m >= t else -12), "y": y + 46 + 24 * j,
                            "s": fmt(abs(t - m)), "anchor": "start" if m >= t else "end", "cls": "small accent2"})
            if learner:
                cls = {True: "good", False: "bad"}.get(learner[2], "accent")
                out.append({"t": "text", "x": W / 2, "y": self.height - 6, "s": f"{learner[0]} = {learner[1]}",
                            "cls": f"small {cls}"})

        for i, k in enumerate(names):   # points last, so they sit on top and take the pointer
            x = round(self.x_of(self.points[k]), 1)
            cls = COLOURS[i % 3]
            stacked = sum(self.points[j] == self.points[k] for j in names[:i])   # lift a label off a twin
            out.append({"t": "text", "x": x, "y": y - 16 - 15 * stacked, "s": k, "cls": cls})
            out.append({"t": "circle", "cx": x, "cy": y, "r": 9, "cls": cls,
                        "handle": k, "label": f"point {k}", "value": fmt(self.points[k])})
        return out

    def readouts(self):
        names = self._names()
        out = []
        if "position" in self.show:
            out += [{"label": k, "value": fmt(self.points[k])} for k in names]
        if "order" in self.show:
            a, b = (self.points[k] for k in names)
            sign = "<" if a < b else ">" if a > b else "="
            out.append({"label": "", "value": f"{names[0]} {sign} {names[1]}"})
        if "mirror" in self.show:
            out.append({"label": f"{MINUS}{names[0]}", "value": fmt(-self.points[names[0]])})
        if "abs" in self.show:
            out += [{"label": f"|{k}|", "value": fmt(abs(self.points[k]))} for k in names]
        if "distance" in self.show:
            a, b = (self.points[k] for k in names)
            out.append({"label": f"{names[0]} {MINUS} {names[1]}", "value": fmt(a - b)})
            out.append({"label": f"|{names[0]} {MINUS} {names[1]}|", "value": fmt(abs(a - b))})
        if "total" in self.show:
            t = self.points[names[0]]
            parts = [abs(t - m) for m in self.marks]
            out.append({"label": "total distance",
                        "value": " + ".join(fmt(p) for p in parts) + f" = {fmt(sum(parts))}"})
        if self.fn:
            label, value, right = self._learner()
            truth = self._truth()[2]
            verdict = {True: " ✓", False: f" ✗ (the picture says {fmt(truth)})", None: ""}[right]
            out.append({"label": label, "value": value + verdict})
        return out
