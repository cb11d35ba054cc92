"""A cubic c₀ + c₁x + c₂x² + c₃x³ differentiated term by term. Each term follows one
rule (a constant has slope 0; c·xⁿ has slope n·c·xⁿ⁻¹), the term whose slider moved
last is highlighted with its rule, and the sum of the terms' slopes, f'(x), is drawn
over dots of a central difference of f, so the rules are checked live.

    ```widget poly_term_rules
    id = "terms"
    coeffs = [1, 1, 0.5, 0.5]     # c₀..c₃, each from -3 to 3 in steps of 0.5
    a = 1
    goal = { text = "...", check = "c3 == 1 and c2 == 0 and c1 == -2", solution = { c3 = 1, c2 = 0, c1 = -2 } }
    ```

values(): c0..c3, a, rule (f'(a) by the rules), numeric (central difference), gap.
"""

from ..numeric import derivative
from ..show import num, sub
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

POWERS = ["", "x", "x²", "x³"]
LO, HI = -2.0, 2.0


def term(c, k):
    """c·xᵏ written as a reader would: 0.5x³, −2x, 1.5."""
    if k == 0:
        return num(c)
    lead = {1: "", -1: "−"}.get(c, num(c))
    return f"{lead}{POWERS[k]}"


@register
class PolyTermRules(Widget):
    name = "poly_term_rules"
    width, height = 600, 380

    def configure(self, config):
        coeffs = config.pop("coeffs", [1, 1, 0.5, 0.5])
        if not isinstance(coeffs, list) or len(coeffs) != 4:
            raise ValueError(f"{self.name}: coeffs must be a list of four numbers c0..c3, not {coeffs!r}")
        coeffs = [number(self.name, "coeffs", c, -3, 3) for c in coeffs]
        a = number(self.name, "a", config.pop("a", 1), LO, HI)
        self.knobs = {f"c{k}": Slider(f"c{k}", f"c{sub(k)}", -3, 3, 0.5, c) for k, c in enumerate(coeffs)}
        self.knobs["a"] = Slider("a", "a", LO, HI, 0.05, a)
        self.focus = 3
        self.plot = Plot((LO, HI), (-8, 8), box=(48, 14, 584, 214))
        super().configure(config)

    @property
    def c(self):
        return [self.knobs[f"c{k}"].value for k in range(4)]

    def f(self, x):
        return sum(c * x ** k for k, c in enumerate(self.c))

    def df(self, x):
        """The rules, term by term: the constant drops out, c·xᵏ gives k·c·xᵏ⁻¹."""
        return sum(k * c * x ** (k - 1) for k, c in enumerate(self.c) if k > 0)

    def values(self):
        a = self.knobs["a"].value
        rule, numeric = self.df(a), derivative(self.f, a)
        return {**{f"c{k}": c for k, c in enumerate(self.c)}, "a": a, "rule": rule, "numeric": numeric,
                "gap": rule - numeric}

    def handle(self, event):
        target = event.get("id") or event.get("handle")
        if isinstance(target, str) and target in ("c0", "c1", "c2", "c3"):
            self.focus = int(target[1])
        super().handle(event)

    def drag(self, handle, x, y):
        if handle == "a":
            self.knobs["a"].set(self.plot.x.value(x))

    def rows(self):
        """(the term, its rule with this term's numbers, the term's slope) for c₀..c₃."""
        out = []
        for k, c in enumerate(self.c):
            if k == 0:
                rule, result = "a constant: slope 0", "0"
            elif k == 1:
                rule, result = f"c·x: slope c = {num(c)}", num(c)
            else:
                rule = f"power rule: {k} · {num(c)} · {POWERS[k - 1]}"
                result = term(k * c, k - 1) if c else "0"
            out.append((term(c, k) if c else "0", rule, result))
        return out

    def dots(self):
        """A central difference of f at every quarter from LO to HI: the rules' independent check."""
        return [(x, derivative(self.f, x)) for x in [LO + 0.25 * i for i in range(17)]]

    def shapes(self):
        p, a = self.plot, self.knobs["a"].value
        fa, slope = self.f(a), self.df(a)
        out = [p.handle("a", a, fa, "point a on the curve", f"a = {num(a)}, slope {num(slope)}"),
               *p.frame("x", "", yticks=4),
               p.curve(self.f, "accent"), p.curve(self.df, "accent2"),
               *[p.point(x, d, "muted", r=3) for x, d in self.dots() if p.inside(x, d)],
               p.segment(a - 0.5, fa - 0.5 * slope, a + 0.5, fa + 0.5 * slope, "accent2"),
               *p.legend([("f(x)", "accent"), ("f′(x) by the rules", "accent2"),
                          ("central difference", "muted")], corner="bottom-right")]
        y = 252
        out.append(S.text(48, y - 6, "term", "small", "start"))
        out.append(S.text(170, y - 6, "its rule", "small", "start"))
        out.append(S.text(420, y - 6, "its slope", "small", "start"))
        for k, (t, rule, result) in enumerate(self.rows()):
            cls = "label accent2" if k == self.focus else "label"
            yy = y + 18 + 26 * k
            out += [S.text(48, yy, t, cls, "start"), S.text(170, yy, rule, cls, "start"),
                    S.text(420, yy, result, cls, "start")]
        return out

    def readouts(self):
        v = self.values()
        return [{"label": f"f′({num(v['a'])}) by the rules", "value": num(v["rule"], 4)},
                {"label": "central difference", "value": num(v["numeric"], 4)},
                {"label": "gap", "value": num(abs(v["gap"]), 6) if abs(v["gap"]) >= 1e-6 else "below 10⁻⁶"}]

    def controls(self):
        return [self.knobs[k].control() for k in ("c0", "c1", "c2", "c3", "a")]
