"""The chain rule for maps: the Jacobian of f after g is J_f, taken at g(p), times J_g at p.

Two fixed maps of the plane, g(x, y) = (x² − y, xy) and f(u, v) = (u + sin v, uv). The
learner moves p and picks how to multiply: which matrix goes first, and where J_f is
evaluated (at g(p) or, wrongly, at p). The widget shows J_g, J_f, the product and, beside it,
the Jacobian of the composition measured by central differences, with the largest gap.

    ```widget jacobian_compose
    id = "compose"
    x = 1
    y = 0.5
    order = "Jg·Jf"
    at = "p"
    goal = { text = "...", check = "gap < 1e-6 and others > 0.1", solution = { order = "Jf·Jg", at = "g(p)" } }
    ```

values(): x, y, order, at, gap (the largest entry of |product − measured|), others (the
smallest such gap among the three other choices: large means p tells them apart).
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets import views
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider


def g(x, y):
    return (x * x - y, x * y)


def Jg(x, y):
    return [[2 * x, -1.0], [y, x]]


def f(u, v):
    return (u + math.sin(v), u * v)


def Jf(u, v):
    return [[1.0, math.cos(v)], [v, u]]


def mul(A, B):
    return [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))] for i in range(len(A))]


def measured(x, y, h=1e-5):
    """The Jacobian of f(g(x, y)) by central differences (columns: nudge x, nudge y)."""
    fg = lambda a, b: f(*g(a, b))
    cx = [(p - q) / (2 * h) for p, q in zip(fg(x + h, y), fg(x - h, y))]
    cy = [(p - q) / (2 * h) for p, q in zip(fg(x, y + h), fg(x, y - h))]
    return [[cx[0], cy[0]], [cx[1], cy[1]]]


ORDERS = ["Jf·Jg", "Jg·Jf"]
PLACES = ["g(p)", "p"]


def product(x, y, order, at):
    A = Jf(*g(x, y)) if at == "g(p)" else Jf(x, y)
    B = Jg(x, y)
    return mul(A, B) if order == "Jf·Jg" else mul(B, A)


def largest_gap(A, B):
    return max(abs(a - b) for ra, rb in zip(A, B) for a, b in zip(ra, rb))


@register
class JacobianCompose(Widget):
    name = "jacobian_compose"
    width, height = 600, 190

    def configure(self, config):
        x = number(self.name, "x", config.pop("x", 1), -2, 2)
        y = number(self.name, "y", config.pop("y", 0.5), -2, 2)
        order = one_of(self.name, "order", config.pop("order", "Jg·Jf"), ORDERS)
        at = one_of(self.name, "at", config.pop("at", "p"), PLACES)
        self.knobs = {"x": Slider("x", "p's x", -2, 2, 0.1, x), "y": Slider("y", "p's y", -2, 2, 0.1, y),
                      "order": Choice("order", "multiply", ORDERS, order, fmt=lambda o: o.replace("·", " · ")),
                      "at": Choice("at", "evaluate J_f at", PLACES, at)}
        super().configure(config)

    def values(self):
        x, y = self.knobs["x"].value, self.knobs["y"].value
        order, at = self.knobs["order"].value, self.knobs["at"].value
        M = measured(x, y)
        gap = largest_gap(product(x, y, order, at), M)
        others = min(largest_gap(product(x, y, o, a), M) for o in ORDERS for a in PLACES if (o, a) != (order, at))
        return {"x": x, "y": y, "order": order, "at": at, "gap": gap, "others": others}

    def shapes(self):
        v = self.values()
        x, y = v["x"], v["y"]
        at = g(x, y) if v["at"] == "g(p)" else (x, y)
        A, B = Jf(*at), Jg(x, y)
        first, second = (A, B) if v["order"] == "Jf·Jg" else (B, A)
        names = {id(A): f"J_f at {v['at']}", id(B): "J_g at p"}
        out = []
        cw, ch, top = 52, 30, 52
        slots = [(20, first, names[id(first)]), (160, second, names[id(second)]),
                 (300, product(x, y, v["order"], v["at"]), "their product"), (460, measured(x, y), "J of f∘g, measured")]
        for left, M, label in slots:
            out += views.matrix(M, left, top, cw, ch, fmt=lambda t: num(t, 2), signed=True, hi=4)
            out.append(S.text(left + cw, top - 14, label, "small"))
        out.append(S.text(140, top + ch + 4, "×", "label"))
        out.append(S.text(280, top + ch + 4, "=", "label"))
        good = v["gap"] < 1e-6
        out.append(S.text(440, top + ch + 4, "=" if good else "≠", "label good" if good else "label bad"))
        out.append(S.text(300, 160, f"g(p) = ({num(g(x, y)[0], 3)}, {num(g(x, y)[1], 3)})", "small"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "p", "value": f"({num(v['x'])}, {num(v['y'])})"},
                {"label": "largest gap between the product and the measured Jacobian", "value": sci(v["gap"])}]

    def controls(self):
        return [self.knobs[k].control() for k in ("x", "y", "order", "at")]
