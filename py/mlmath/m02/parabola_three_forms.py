"""One parabola, three equations. Sliders set a, b and c of the standard form
y = ax² + bx + c; the vertex is a handle too (dragging it keeps a and rewrites b and c).
The picture marks the vertex and the crossings with the x axis; the readouts write the
same curve in standard, vertex and factored form, with the discriminant b² − 4ac.

    ```widget parabola_three_forms
    id = "forms"
    a = 1
    b = -2
    c = -3
    ```

values(): a, b, c, h and k (the vertex), disc (b² − 4ac), crossings (0, 1 or 2), r1 and
r2 (the crossings, smaller first; None where there are fewer).
"""

import math

from ..show import MINUS, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

LO, HI = -6, 6


def signed(v, digits=3):
    """'+ 2', '− 0.5' for a term after the first."""
    return f"{MINUS if v < 0 else '+'} {num(abs(v), digits)}"


def shift(v):
    """'(x − 2)', '(x + 1.5)', or 'x' for 0."""
    return "x" if v == 0 else f"(x {signed(-v)})"


def lead(a):
    return "" if a == 1 else (MINUS if a == -1 else num(a, 3))


def term(v, name=""):
    """' + 2x', ' − x', ' + 3', or '' for a zero term after the first."""
    if v == 0:
        return ""
    body = name if abs(v) == 1 and name else f"{num(abs(v), 3)}{name}"
    return f" {MINUS if v < 0 else '+'} {body}"


class NonzeroSlider(Slider):
    """A slider for a that steps over 0: a = 0 is a line, not a parabola."""

    def set(self, raw):
        ok = super().set(raw)
        if ok and self.value == 0:
            self.value = self.step
        return ok

    assign = set

    def key(self, key):
        before = self.value
        super().key(key)
        if self.value == 0:
            self.value = self.step if before < 0 or key == "Home" else -self.step
            if key == "Home":
                self.value = self.lo


@register
class ParabolaThreeForms(Widget):
    name = "parabola_three_forms"
    width, height = 600, 330

    def configure(self, config):
        a = number(self.name, "a", config.pop("a", 1), -3, 3)
        if a == 0:
            raise ValueError("parabola_three_forms: a must not be 0 (that is a line, not a parabola)")
        b = number(self.name, "b", config.pop("b", -2), -8, 8)
        c = number(self.name, "c", config.pop("c", -3), -8, 8)
        super().configure(config)
        self.knobs["a"] = NonzeroSlider("a", "a", -3, 3, 0.25, a)
        self.knobs["b"] = Slider("b", "b", -8, 8, 0.25, b)
        self.knobs["c"] = Slider("c", "c", -8, 8, 0.25, c)
        self.knobs["vertex"] = VertexKnob(self)
        self.plot = Plot((LO, HI), (-8, 8), box=(40, 14, 360, 314))

    def abc(self):
        a = self.knobs["a"].value              # never 0: the slider steps over it
        return a, self.knobs["b"].value, self.knobs["c"].value

    def values(self):
        a, b, c = self.abc()
        h = -b / (2 * a)
        k = c - b * b / (4 * a)
        disc = b * b - 4 * a * c
        if disc > 0:
            s = math.sqrt(disc)
            q = -(b + math.copysign(s, b)) / 2      # the stable pair: no cancellation
            r = sorted((q / a, c / q))
            crossings, r1, r2 = 2, r[0], r[1]
        elif disc == 0:
            crossings, r1, r2 = 1, h, None
        else:
            crossings, r1, r2 = 0, None, None
        return {"a": a, "b": b, "c": c, "h": h, "k": k, "disc": disc, "crossings": crossings, "r1": r1, "r2": r2}

    def move_vertex(self, h, k):
        a = self.abc()[0]
        self.knobs["b"].set(-2 * a * h)
        self.knobs["c"].set(a * h * h + k)

    def drag(self, handle, x, y):
        if handle == "vertex":
            self.move_vertex(round(self.plot.x.value(x) * 2) / 2, round(self.plot.y.value(y) * 2) / 2)

    def forms(self):
        v = self.values()
        a, b, c, h, k = v["a"], v["b"], v["c"], v["h"], v["k"]
        standard = f"y = {lead(a)}x²{term(b, 'x')}{term(c)}"
        vertex = f"y = {lead(a)}{shift(h)}²{term(k)}"
        if v["crossings"] == 2:
            factored = f"y = {lead(a)}{shift(v['r1'])}{shift(v['r2'])}"
        elif v["crossings"] == 1:
            factored = f"y = {lead(a)}{shift(h)}²"
        else:
            factored = "none with real numbers: no crossings"
        return standard, vertex, factored

    def shapes(self):
        p, v = self.plot, self.values()
        a, b, c = v["a"], v["b"], v["c"]
        out = [p.handle("vertex", v["h"], v["k"], "the vertex", f"({num(v['h'], 3)}, {num(v['k'], 3)})", "accent2")]
        out += p.frame("x", "y", xticks=list(range(LO, HI + 1, 2)), yticks=list(range(-8, 9, 4)))
        out.append(p.curve(lambda x: a * x * x + b * x + c))
        out.append(p.segment(v["h"], p.y.lo, v["h"], p.y.hi, "muted"))
        for r in (v["r1"], v["r2"]):
            if r is not None and p.inside(r, 0):
                out.append(p.point(r, 0, "accent3", 6))
        rows = [("standard", self.forms()[0]), ("vertex", self.forms()[1]), ("factored", self.forms()[2]),
                ("b² − 4ac", f"{num(v['disc'], 4)}: {['no crossing', 'touches once', 'two crossings'][v['crossings']]}")]
        for i, (label, text) in enumerate(rows):
            out.append(S.text(372, 36 + 52 * i, label, "small", "start"))
            out.append(S.text(372, 54 + 52 * i, text, "label", "start"))
        return out

    def readouts(self):
        v = self.values()
        standard, vertex, factored = self.forms()
        roots = ", ".join(num(r, 4) for r in (v["r1"], v["r2"]) if r is not None) or "none"
        return [{"label": "standard", "value": standard}, {"label": "vertex", "value": vertex},
                {"label": "factored", "value": factored},
                {"label": "vertex at", "value": f"({num(v['h'], 4)}, {num(v['k'], 4)})"},
                {"label": "discriminant b² − 4ac", "value": num(v["disc"], 4)},
                {"label": "crossings with the x axis", "value": roots}]

    def controls(self):
        return [self.knobs[k].control() for k in ("a", "b", "c")]


class VertexKnob:
    """Arrow keys on the vertex move it by half a unit, keeping a."""

    def __init__(self, widget):
        self.widget = widget

    def key(self, key):
        steps = {"ArrowLeft": (-0.5, 0), "ArrowRight": (0.5, 0), "ArrowUp": (0, 0.5), "ArrowDown": (0, -0.5),
                 "PageUp": (0, 2), "PageDown": (0, -2)}
        if key in steps:
            v = self.widget.values()
            dx, dy = steps[key]
            self.widget.move_vertex(v["h"] + dx, v["k"] + dy)

    def set(self, raw):
        return False

    assign = set
