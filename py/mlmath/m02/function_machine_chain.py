"""Machines in a row: a number goes in at the left, each machine turns its input into
one output, and that output is the next machine's input. The learner reorders the
machines (drag a box, or focus it and press the arrow keys) and watches the number
change along the way.

    ```widget function_machine_chain
    id = "chain"
    machines = ["add3", "double", "square"]    # from MACHINES, 2 to 4 of them, all different
    x = 2
    ```

With `undo = true` the top row is fixed in the configured order and a second row holds
each machine's inverse, for the learner to order so that the number comes back to x.

values(): x, order (the machines' names in the row the learner orders, space-separated),
out (the top row's output), and with undo: back (the second row's output) and
roundtrip (1 when the second row returns every test input to itself).
"""

import itertools
import math

from ..show import MINUS, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number
from ..widgets.controls import Choice, Slider

MACHINES = {  # name: (f, its inverse, label, inverse's label); each inverse undoes f for every real x
    "add3": (lambda x: x + 3, lambda x: x - 3, "+ 3", f"{MINUS} 3"),
    "sub1": (lambda x: x - 1, lambda x: x + 1, f"{MINUS} 1", "+ 1"),
    "double": (lambda x: 2 * x, lambda x: x / 2, "× 2", "÷ 2"),
    "triple": (lambda x: 3 * x, lambda x: x / 3, "× 3", "÷ 3"),
    "negate": (lambda x: -x, lambda x: -x, f"× ({MINUS}1)", f"× ({MINUS}1)"),
    "cube": (lambda x: x ** 3, lambda x: math.copysign(abs(x) ** (1 / 3), x), "cube", "cube root"),
    "square": (lambda x: x * x, None, "square", None),
}
TESTS = (-2.5, -1, 0, 0.5, 2, 3.5)
BOX_W, BOX_H = 96, 44


class MoveKnob:
    """Keys on a machine's box move the machine along the row."""

    def __init__(self, widget, name):
        self.widget, self.name = widget, name

    def key(self, key):
        steps = {"ArrowLeft": -1, "ArrowDown": -1, "ArrowRight": 1, "ArrowUp": 1, "Home": -9, "End": 9}
        if key in steps:
            self.widget.move(self.name, steps[key])

    def set(self, raw):
        return False

    assign = set


@register
class FunctionMachineChain(Widget):
    name = "function_machine_chain"
    width = 600

    def configure(self, config):
        names = config.pop("machines", ["add3", "double", "square"])
        if (not isinstance(names, list) or not 2 <= len(names) <= 4 or len(set(names)) != len(names)
                or any(n not in MACHINES for n in names)):
            raise ValueError(f"function_machine_chain: machines must be 2 to 4 different names from {list(MACHINES)}")
        self.undo = flag(self.name, "undo", config.pop("undo", False))
        if self.undo and any(MACHINES[n][1] is None for n in names):
            raise ValueError("function_machine_chain: with undo, every machine needs an inverse (square has none)")
        x = number(self.name, "x", config.pop("x", 2), -5, 5)
        super().configure(config)
        self.names = names
        orders = [" ".join(p) for p in itertools.permutations(names)]
        start = " ".join(names)          # for undo, the wrong order: the inverses must run last-first
        self.knobs["x"] = Slider("x", "input x", -5, 5, 0.5, x)
        self.knobs["order"] = Choice("order", "order" + (" of the undo row" if self.undo else ""), orders, start,
                                     fmt=self.spell)
        for n in names:
            self.knobs[n] = MoveKnob(self, n)

    @property
    def height(self):
        return 250 if self.undo else 140

    def spell(self, order, forward=False):
        """The row as its labels: the inverses' labels for the row an undo widget orders."""
        k = 3 if self.undo and not forward else 2
        return " → ".join(MACHINES[n][k] for n in order.split())

    @property
    def order(self):
        return self.knobs["order"].value.split()

    def move(self, name, step):
        order = self.order
        i = order.index(name)
        j = min(max(i + step, 0), len(order) - 1)
        order.insert(j, order.pop(i))
        self.knobs["order"].assign(" ".join(order))

    def run(self, x, names, inverse=False):
        """Every value along the row: x, then each machine's output."""
        seen = [x]
        for n in names:
            f = MACHINES[n][1 if inverse else 0]
            seen.append(f(seen[-1]))
        return seen

    def values(self):
        x = self.knobs["x"].value
        out = {"x": x, "order": self.knobs["order"].value}
        if not self.undo:
            out["out"] = self.run(x, self.order)[-1]
            return out
        forward = self.run(x, self.names)[-1]
        out["out"] = forward
        out["back"] = self.run(forward, self.order, inverse=True)[-1]
        out["roundtrip"] = int(all(math.isclose(self.run(self.run(t, self.names)[-1], self.order, True)[-1], t,
                                                rel_tol=1e-9, abs_tol=1e-9) for t in TESTS))
        return out

    def slot_x(self, i, n):
        gap = (self.width - 120) / n
        return 70 + gap * (i + 0.5)

    def row(self, y, names, values, inverse, handles):
        """Boxes for one row of machines with the value carried on each arrow."""
        out, n = [], len(names)
        k = 3 if inverse else 2
        for i, name in enumerate(names):
            cx = self.slot_x(i, n)
            out.append(S.rect(cx - BOX_W / 2, y - BOX_H / 2, BOX_W, BOX_H, "node" + (" selected" if handles else "")))
            out.append(S.text(cx, y + 5, MACHINES[name][k], "label"))
        for i in range(n + 1):
            left = 20 if i == 0 else self.slot_x(i - 1, n) + BOX_W / 2
            right = self.width - 20 if i == n else self.slot_x(i, n) - BOX_W / 2
            out += S.arrow(left, y, right, y, "edge")
            out.append(S.text((left + right) / 2, y - 10, num(values[i], 3), "small accent2"))
        return out

    def shapes(self):
        x = self.knobs["x"].value
        top = self.names if self.undo else self.order
        out = []
        movable = self.order
        y_move = 190 if self.undo else 70
        for name in self.names:          # the movable boxes' handles first, in a fixed order
            cx = self.slot_x(movable.index(name), len(movable))
            label = f"machine {MACHINES[name][3 if self.undo else 2]}, place {movable.index(name) + 1} of {len(movable)}"
            out.append(S.handle(S.rect(cx - BOX_W / 2, y_move - BOX_H / 2, BOX_W, BOX_H, "nofill"), name, label,
                                f"place {movable.index(name) + 1}"))
        forward = self.run(x, top)
        out.append(S.text(20, 30, "a number flows left to right through the machines", "small", "start"))
        out += self.row(70, top, forward, False, handles=not self.undo)
        if self.undo:
            back = self.run(forward[-1], self.order, inverse=True)
            out.append(S.text(20, 150, "undo row: put the inverse machines in the order that brings x back", "small", "start"))
            out += self.row(190, self.order, back, True, handles=True)
            ok = math.isclose(back[-1], x, rel_tol=1e-9, abs_tol=1e-9)
            out.append(S.text(self.width - 20, 236, f"back to {num(back[-1], 3)}: " + ("x again" if ok else "not x"),
                              "small " + ("good" if ok else "bad"), "end"))
        return out

    def drag(self, handle, x, y):
        if handle in self.names:
            n = len(self.names)
            target = min(range(n), key=lambda i: abs(self.slot_x(i, n) - x))
            self.move(handle, target - self.order.index(handle))

    def readouts(self):
        v = self.values()
        out = [{"label": "x", "value": num(v["x"])},
               {"label": "machines, in order", "value": self.spell(" ".join(self.names), forward=True) if self.undo else self.spell(v["order"])},
               {"label": "output", "value": num(v["out"], 4)}]
        if self.undo:
            out += [{"label": "undo row", "value": self.spell(v["order"])},
                    {"label": "back to", "value": num(v["back"], 4)},
                    {"label": f"returns all of {', '.join(num(t) for t in TESTS)}", "value": "yes" if v["roundtrip"] else "no"}]
        return out

    def controls(self):
        return [self.knobs["x"].control(), self.knobs["order"].control()]
