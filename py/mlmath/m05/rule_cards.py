"""Seven rule cards, checked live. Pick a card (the power rule, a constant multiple, a
sum, sin, cos, eˣ, ln x), slide a, and the tangent drawn with the rule's slope sits on
the curve while a central difference agrees with the rule to many digits.

    ```widget rule_cards
    id = "cards"
    card = "xⁿ"          # one of the CARDS below
    n = 3                # the power, for the xⁿ card: -2 to 4
    a = 1
    goal = { text = "...", check = "card == 'ln x' and abs(rule - 2) < 0.01", solution = { card = "ln x", a = 0.5 } }
    ```

values(): card, n, a, rule (the card's slope at a), numeric (central difference), gap.
"""

import math

from ..numeric import derivative
from ..show import num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of, whole
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot

LO, HI = 0.1, 3.0
SUPER = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _power(n):
    return ((lambda x: x ** n), (lambda x: n * x ** (n - 1)),
            f"(xⁿ)′ = n·xⁿ⁻¹:  (x{str(n).translate(SUPER)})′ = {num(n)}·x{str(n - 1).translate(SUPER)}")


CARDS = {  # card: n -> (f, the rule's f', the card's line)
    "xⁿ": _power,
    "3·x²": lambda n: ((lambda x: 3 * x * x), (lambda x: 3 * 2 * x), "(c·f)′ = c·f′:  (3·x²)′ = 3·2x = 6x"),
    "x² + sin x": lambda n: ((lambda x: x * x + math.sin(x)), (lambda x: 2 * x + math.cos(x)),
                             "(f + g)′ = f′ + g′:  (x² + sin x)′ = 2x + cos x"),
    "sin x": lambda n: (math.sin, math.cos, "(sin x)′ = cos x"),
    "cos x": lambda n: (math.cos, lambda x: -math.sin(x), "(cos x)′ = −sin x"),
    "eˣ": lambda n: (math.exp, math.exp, "(eˣ)′ = eˣ"),
    "ln x": lambda n: (math.log, lambda x: 1 / x, "(ln x)′ = 1/x"),
}


@register
class RuleCards(Widget):
    name = "rule_cards"
    width, height = 600, 320

    def configure(self, config):
        card = one_of(self.name, "card", config.pop("card", "xⁿ"), CARDS)
        n = whole(self.name, "n", config.pop("n", 3), -2, 4)
        a = number(self.name, "a", config.pop("a", 1), LO, HI)
        self.knobs = {"card": Choice("card", "card", list(CARDS), card),
                      "n": Slider("n", "n (for xⁿ)", -2, 4, 1, n),
                      "a": Slider("a", "a", LO, HI, 0.05, a)}
        super().configure(config)

    def rule(self):
        return CARDS[self.knobs["card"].value](self.knobs["n"].value)

    def values(self):
        f, df, _ = self.rule()
        a = self.knobs["a"].value
        rule, numeric = df(a), derivative(f, a)
        return {"card": self.knobs["card"].value, "n": self.knobs["n"].value, "a": a,
                "rule": rule, "numeric": numeric, "gap": rule - numeric}

    def drag(self, handle, x, y):
        if handle == "a":
            self.knobs["a"].set(self.plot().x.value(x))

    def plot(self):
        f, _, _ = self.rule()
        ys = [f(LO + (HI - LO) * i / 100) for i in range(101)]
        lo, hi = max(min(ys), -12), min(max(ys), 12)
        lo, hi = min(lo, 0), max(hi, 0)
        pad = (hi - lo) * 0.1
        return Plot((LO, HI), (lo - pad, hi + pad), box=(48, 40, 584, 286))

    def shapes(self):
        p, (f, df, line) = self.plot(), self.rule()
        a = self.knobs["a"].value
        fa, slope = f(a), df(a)
        return [p.handle("a", a, fa, "point a on the curve", f"a = {num(a)}, slope {num(slope, 3)}"),
                *p.frame("x", "", yticks=4),
                p.curve(f, "accent"),
                p.line(slope, fa - slope * a, "accent2"),
                S.text(48, 24, line, "label accent2", "start"),
                *p.legend([(self.knobs["card"].value, "accent"), ("the rule's tangent", "accent2")],
                          corner=p.quiet_corner(2, [f, lambda x: slope * (x - a) + fa], [(a, fa)],
                                                prefer=("top-right", "bottom-right", "top-left", "bottom-left"),
                                                axis_name=False))]

    def readouts(self):
        v = self.values()
        return [{"label": "the rule's slope at a", "value": num(v["rule"], 6)},
                {"label": "central difference", "value": num(v["numeric"], 6)},
                {"label": "gap", "value": sci(abs(v["gap"]))}]

    def controls(self):
        return [self.knobs[k].control() for k in ("card", "n", "a")]
