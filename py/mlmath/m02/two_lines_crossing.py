"""Two lines in one plane, each through two points the learner drags, and what they
share: one crossing point, no point (parallel) or every point (the same line).

    ```widget two_lines_crossing
    id = "meet"
    first = [[-4, -2], [4, 2]]      # two points of line 1
    second = [[-2, 4], [2, -2]]     # two points of line 2
    ```

Points sit on whole numbers, so the crossing is an exact fraction. values(): outcome
("one", "none" or "all"), x and y of the crossing (None unless there is one), the two
equations' coefficients a1, b1, c1, a2, b2, c2, and distinct (how many different points
the four handles sit on).
"""

from ..show import MINUS
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget
from ..widgets.controls import Point, Slider
from ..widgets.plot import Plot
from .plane_lines import crossing, draw, equation, frac, through

LO, HI = -6, 6
NAMES = (("p1", "line 1, point P"), ("q1", "line 1, point Q"), ("p2", "line 2, point P"), ("q2", "line 2, point Q"))
SAYS = {"one": "one crossing point", "none": "parallel: no point is on both", "all": "the same line: every point is on both"}


def _point(key, v):
    if (not isinstance(v, list) or len(v) != 2
            or any(isinstance(c, bool) or not isinstance(c, int) or not LO <= c <= HI for c in v)):
        raise ValueError(f"two_lines_crossing: {key} must be two points [[x, y], [x, y]] of whole numbers from {LO} to {HI}")
    return v


@register
class TwoLinesCrossing(Widget):
    name = "two_lines_crossing"
    width, height = 600, 330

    def configure(self, config):
        pts = []
        for key, default in (("first", [[-4, -2], [4, 2]]), ("second", [[-2, 4], [2, -2]])):
            pair = config.pop(key, default)
            if not isinstance(pair, list) or len(pair) != 2:
                raise ValueError(f"two_lines_crossing: {key} must be two points [[x, y], [x, y]]")
            p, q = (_point(key, v) for v in pair)
            if p == q:
                raise ValueError(f"two_lines_crossing: the two points of {key} must differ")
            pts += [p, q]
        super().configure(config)
        for (name, label), (x, y) in zip(NAMES, pts):
            xs = Slider(f"{name}x", f"{label}: x", LO, HI, 1, x)
            ys = Slider(f"{name}y", f"{label}: y", LO, HI, 1, y)
            self.knobs[f"{name}x"], self.knobs[f"{name}y"] = xs, ys
            self.knobs[name] = Point(xs, ys)
        self.plot = Plot((LO, HI), (LO, HI), box=(36, 14, 336, 314))
        self.last = {n: self.pt(n) for n, _ in NAMES}

    def pt(self, name):
        return self.knobs[f"{name}x"].value, self.knobs[f"{name}y"].value

    def points(self):
        """The four points; a line whose two points coincide keeps its last two different points."""
        for line in (("p1", "q1"), ("p2", "q2")):
            now = [self.pt(n) for n in line]
            if now[0] != now[1]:
                self.last.update(zip(line, now))
        return {n: self.last[n] for n, _ in NAMES}

    def rows(self):
        p = self.points()
        return through(p["p1"], p["q1"]), through(p["p2"], p["q2"])

    def values(self):
        r1, r2 = self.rows()
        outcome, at = crossing(r1, r2)
        num = lambda v: int(v) if v.denominator == 1 else float(v)
        x, y = (num(at[0]), num(at[1])) if at else (None, None)
        out = {k: kn.value for k, kn in self.knobs.items() if hasattr(kn, "value")}
        out.update(outcome=outcome, x=x, y=y, distinct=len(set(self.points().values())))
        out.update(zip(("a1", "b1", "c1", "a2", "b2", "c2"), (*r1, *r2)))
        return out

    def set_values(self, values):
        super().set_values({k: v for k, v in values.items() if k in self.knobs})
        self.last = {}
        for line in (("p1", "q1"), ("p2", "q2")):
            if self.pt(line[0]) == self.pt(line[1]):
                raise ValueError("two_lines_crossing: a line's two points cannot coincide")
        self.last = {n: self.pt(n) for n, _ in NAMES}
        rest = {k: v for k, v in values.items() if k not in self.knobs}
        super().set_values(rest)

    def drag(self, handle, x, y):
        if handle in dict(NAMES):
            self.knobs[handle].move(round(self.plot.x.value(x)), round(self.plot.y.value(y)))

    def shapes(self):
        p, pts, v = self.plot, self.points(), self.values()
        out = [p.handle(n, *pts[n], label, f"({pts[n][0]}, {pts[n][1]})".replace("-", MINUS),
                        "accent" if n.endswith("1") else "accent3", r=7) for n, label in NAMES]
        ticks = list(range(LO, HI + 1, 2))
        out += p.frame("x", "y", xticks=ticks, yticks=ticks)
        r1, r2 = self.rows()
        out += draw(p, *r1, "accent")
        out += draw(p, *r2, "accent3")
        if v["outcome"] == "one" and p.inside(v["x"], v["y"]):
            out.append(p.point(v["x"], v["y"], "accent2", 6))
        rows = [("line 1", equation(*r1), "accent"), ("line 2", equation(*r2), "accent3"),
                ("they share", SAYS[v["outcome"]], "label")]
        if v["outcome"] == "one":
            rows.append(("crossing", f"({frac(crossing(r1, r2)[1][0])}, {frac(crossing(r1, r2)[1][1])})", "accent2"))
        for i, (label, text, cls) in enumerate(rows):
            out.append(S.text(352, 40 + 46 * i, label, "small", "start"))
            head, _, tail = text.partition(": ")      # "the same line: every point is on both" is wider
            for j, part in enumerate([head + ":", tail] if tail else [text]):   # than the column: two lines
                out.append(S.text(352, 58 + 46 * i + 18 * j, part, f"label {cls}" if cls != "label" else "label", "start"))
        return out

    def readouts(self):
        v = self.values()
        r1, r2 = self.rows()
        out = [{"label": "line 1", "value": equation(*r1)}, {"label": "line 2", "value": equation(*r2)},
               {"label": "", "value": SAYS[v["outcome"]]}]
        if v["outcome"] == "one":
            at = crossing(r1, r2)[1]
            out.append({"label": "crossing", "value": f"({frac(at[0])}, {frac(at[1])})"})
        return out

    def controls(self):
        return [self.knobs[f"{n}{c}"].control() for n, _ in NAMES for c in "xy"]
