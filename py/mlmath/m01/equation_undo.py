"""An equation as two trees; solving it is undoing the left side's outermost operation on both sides.

    ```widget equation_undo
    id = "undo"
    equation = "3 * (x + 4) - 5 = 16"   # x exactly once, on the left; numbers on the right
    editable = false                    # true: a text box lets the learner type an equation
    ```

The left side is drawn as its tree with x at a leaf; the right side as a tree of numbers
whose value is shown. Clicking the left tree's root (or focusing it and pressing Enter)
undoes that operation: the root is peeled off the left side, and its inverse is applied to
the whole right side, which grows a new root. Clicking any lower operation only says why
it has to wait: it is wrapped inside the outer one. When x stands alone, the right side's
value is the solution, and the readout puts it back into the original equation to check.

values(): equation (the text), ok, steps (undos done), total (operations around x),
alone (1 once x stands alone), x (the solution then, else None). set_values also takes
steps, or alone = 1 (undo everything).
"""

from ..expr import ExprError
from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag
from ..widgets.controls import Button, Text
from .l05_equations import SIGN, count_x, equation, infix, place, undo, value


@register
class EquationUndo(Widget):
    name = "equation_undo"
    width, height = 600, 290

    def configure(self, config):
        text = config.pop("equation", "3 * (x + 4) - 5 = 16")
        self.editable = flag(self.name, "editable", config.pop("editable", False))
        try:
            equation(text)
        except (ExprError, TypeError) as exc:
            raise ValueError(f"equation_undo: {exc}") from None
        self.knobs = {"equation": Text("equation", "equation", text, parse=self._parse, limit=60),
                      "again": Button("again", "Start again", self._again)}
        self.history = []          # [(left, right, words)] after each undo
        self.message = ""
        super().configure(config)
        self._sync()

    @staticmethod
    def _parse(text):
        try:
            return equation(text)
        except ExprError as exc:
            raise ValueError(str(exc)) from None

    def _again(self):
        self.history, self.message = [], ""

    @property
    def sides(self):
        knob = self.knobs["equation"]
        if knob.error:
            return None
        return self.history[-1][:2] if self.history else knob.value

    def _sync(self):
        for k in [k for k in self.knobs if k.startswith("n")]:
            del self.knobs[k]
        if self.sides:
            for i, (e, *_) in enumerate(place(self.sides[0], 0, 1, 0, 1)):
                if e.args:
                    self.knobs[f"n{i}"] = Button(f"n{i}", "", lambda i=i: self.click(i))

    def click(self, i):
        if not self.sides:
            return
        left, right = self.sides
        nodes = place(left, 0, 1, 0, 1)
        if i >= len(nodes) or not nodes[i][0].args:
            return
        if i != 0:
            self.message = (f"Not yet: this {SIGN[nodes[i][0].op]} is wrapped inside the "
                            f"{SIGN[left.op]} above it. Undo from the outside in.")
            return
        new_left, new_right, words = undo(left, right)
        self.history.append((new_left, new_right, words))
        self.message = f"Undid the outer {SIGN[left.op]}: {words}."
        self._sync()

    def drag(self, handle, x, y):
        if handle in self.knobs and handle.startswith("n"):
            self.knobs[handle].set(None)

    def handle(self, event):
        before = self.knobs["equation"].text
        super().handle(event)
        if self.knobs["equation"].text != before:
            self._again()
            self._sync()

    # values --------------------------------------------------------------------------------
    def values(self):
        out = {"equation": self.knobs["equation"].text, "ok": int(self.sides is not None)}
        if self.sides:
            start = self.knobs["equation"].value[0]
            left, right = self.sides
            alone = left.op == "var"
            out.update(steps=len(self.history), total=depth(start), alone=int(alone),
                       x=value(right) if alone else None)
        else:
            out.update(steps=0, total=0, alone=0, x=None)
        return out

    def set_values(self, values):
        values = dict(values)
        steps, alone = values.pop("steps", None), values.pop("alone", None)
        if "equation" in values:
            self.knobs["equation"].assign(values.pop("equation"))
            self._again()
        if self.sides and (steps is not None or alone):
            self._again()
            want = depth(self.knobs["equation"].value[0]) if alone else steps
            for _ in range(min(want, depth(self.knobs["equation"].value[0]))):
                self.click(0)
        self._sync()
        super().set_values(values)
        now = self.values()
        for key, v in (("steps", steps), ("alone", alone)):
            if v is not None and now[key] != v:
                raise ValueError(f"equation_undo: {key} cannot be {v!r} here (it is {now[key]!r})")

    # the picture ---------------------------------------------------------------------------
    def shapes(self):
        if not self.sides:
            return [S.text(self.width / 2, 140, self.knobs["equation"].error, "small bad")]
        left, right = self.sides
        handles, body = [], []
        body.append(S.text(150, 24, "left side", "small muted"))
        body.append(S.text(470, 24, "right side", "small muted"))
        body.append(S.text(318, 150, "=", "label"))
        for i, (e, x, y, parent) in enumerate(place(left, 12, 300, 60, self.height - 30)):
            body += self._node(e, x, y, parent, place(left, 12, 300, 60, self.height - 30), None)
            if e.args:
                label = (f"the outermost operation, {SIGN[e.op]}: click to undo it on both sides" if i == 0
                         else f"an inner {SIGN[e.op]}")
                handles.append(S.handle(S.circle(x, y, 16, "op selected" if i == 0 else "op"), f"n{i}", label))
        nodes = place(right, 340, 592, 60, self.height - 30)
        for e, x, y, parent in nodes:
            if e.args:
                body.append(S.circle(x, y, 16, "op"))
            body += self._node(e, x, y, parent, nodes, value)
        return handles + body

    def _node(self, e, x, y, parent, nodes, worth):
        out = []
        if parent is not None:
            px, py = nodes[parent][1], nodes[parent][2]
            out.append(S.line(px, py + 16, x, y - 14, "edge"))
        if not e.args:
            cls = "node accent" if e.op == "var" else "node"
            out.append(S.rect(x - 19, y - 13, 38, 26, cls))
            out.append(S.text(x, y + 5, e.name if e.op == "var" else num(e.value, 4), "label" if e.op == "var" else "small"))
        else:
            out.append(S.text(x, y + 5, SIGN[e.op], "label"))
            if worth:
                v = worth(e)
                out.append(S.text(x + 20, y - 12, f"= {num(v, 4) if v is not None else 'no value'}",
                                  "small accent2", "start"))
        return out

    def readouts(self):
        if not self.sides:
            return [{"label": "", "value": self.knobs["equation"].error}]
        left, right = self.sides
        out = [{"label": "now", "value": f"{infix(left)} = {infix(right)}"}]
        v = value(right)
        if left.op == "var":
            start, target = self.knobs["equation"].value
            if v is None:
                out.append({"label": "", "value": "÷ 0 has no value, so this undo is missing: 0 × x is 0 whatever x is, "
                                                  "so either every x solves the equation or none does"})
            else:
                back = value(start, v)
                ok = back is not None and abs(back - value(target)) < 1e-9
                out.append({"label": "x", "value": num(v, 4)})
                out.append({"label": "check", "value": f"{infix(start).replace('x', num(v, 4) if v >= 0 else f'({num(v, 4)})')} = "
                                                       f"{num(back, 4) if back is not None else 'no value'}"
                                                       + (" ✓" if ok else " ✗")})
        if self.message:
            out.append({"label": "", "value": self.message})
        return out

    def controls(self):
        out = [self.knobs["equation"].control()] if self.editable else []
        return out + [self.knobs["again"].control()]


def depth(e):
    """How many operations wrap x."""
    if e.op == "var":
        return 0
    return 1 + max(depth(k) for k in e.args if count_x(k))
