"""An arithmetic expression drawn as its one tree, evaluated by clicking from the leaves up.

    ```widget expression_tree
    id = "climb"
    expr = "2 + 3 * 4"       # numbers, + − × ÷ (typed as + - * / or the signs) and brackets
    editable = false         # true: a text box lets the learner type their own expression
    climb = true             # true: operation nodes start unknown and the learner clicks them,
                             # each only once its inputs are known; false: every value is shown
    reference = "8 - 3 - 2"  # optional: this expression's tree is drawn on the left for comparison
    ```

The tree is built by the course's parser (mlmath.expr), which follows the usual
precedence: × and ÷ bind tighter than + and −, and equal ones group from the left.
Numbers are the leaves (boxes); every operation is a node (circle) whose children are
its two inputs; the root is the operation done last. Clicking a node (or focusing it and
pressing Enter) evaluates it if both its inputs are known, and otherwise says which
input to evaluate first.

values(): text, ok (1 if the text is an expression the widget drew), steps (operation nodes
evaluated), total (operation nodes), finished (1 once the root is known), result (the root's
value once known, else None); with a reference also same_tokens (1 when the typed text has
the reference's numbers and operations in the same order, brackets aside). set_values also
takes steps (evaluates that many nodes, bottom up) and finished = 1 (evaluates them all).
"""

import re

from ..expr import ExprError, parse
from ..show import MINUS, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag
from ..widgets.controls import Button, Text

OPS = {"+", "-", "*", "/"}
SIGN = {"+": "+", "-": MINUS, "*": "×", "/": "÷"}
MOST_LEAVES = 10
DEEPEST = 6
TOKEN = re.compile(r"\d+\.?\d*|\.\d+|[-+*/]")


def typed(text):
    """What the learner typed, with the printed signs turned into Python's."""
    return str(text).replace("÷", "/").replace("×", "*").replace(MINUS, "-")


def tokens(text):
    """The numbers and operations of an expression, in order, brackets left out."""
    return TOKEN.findall(typed(text).replace(" ", ""))


def build(text):
    """Text -> (nodes, root): nodes in post-order, each (op or None, value or None, children)."""
    tree = parse(typed(text), ops=OPS)
    if tree.names():
        raise ExprError(f"use numbers only here, not {tree.names()[0]}")
    nodes = []

    def walk(e, depth):
        if depth > DEEPEST:
            raise ExprError(f"keep the tree at most {DEEPEST} levels deep")
        if e.op == "num":
            nodes.append((None, e.value, ()))
        elif e.op == "neg":
            raise ExprError("start with a number, not a minus sign: write 0 - 3 for −3")
        else:
            kids = tuple(walk(a, depth + 1) for a in e.args)
            nodes.append((e.op, None, kids))
        return len(nodes) - 1

    root = walk(tree, 0)
    if sum(1 for n in nodes if n[0] is None) > MOST_LEAVES:
        raise ExprError(f"keep it to {MOST_LEAVES} numbers")
    return nodes, root


def apply(op, a, b):
    if op == "/" and b == 0:
        return None
    return {"+": a + b, "-": a - b, "*": a * b, "/": a / b if b else None}[op]


@register
class ExpressionTree(Widget):
    name = "expression_tree"
    width = 600
    height = 260

    def configure(self, config):
        expr = config.pop("expr", "2 + 3 * 4")
        self.editable = flag(self.name, "editable", config.pop("editable", False))
        self.climb = flag(self.name, "climb", config.pop("climb", True))
        reference = config.pop("reference", None)
        try:
            build(expr)
            self.reference = None if reference is None else (reference, build(reference))
        except (ExprError, TypeError) as exc:
            raise ValueError(f"expression_tree: {exc}") from None
        self.known = set()
        self.message = ""
        self.knobs = {"text": Text("text", "expression", expr, parse=self._parse, limit=60),
                      "again": Button("again", "Start the climb again", self._again)}
        super().configure(config)
        self._sync()

    def _parse(self, text):
        try:
            return build(text)
        except ExprError as exc:
            raise ValueError(str(exc)) from None

    def _again(self):
        self.known, self.message = set(), ""

    def _sync(self):
        """A click knob for every operation node of the current tree."""
        nodes = self.tree[0] if self.tree else []
        for k in [k for k in self.knobs if k.startswith("n")]:
            del self.knobs[k]
        for i, (op, _, _) in enumerate(nodes):
            if op:
                self.knobs[f"n{i}"] = Button(f"n{i}", "", lambda i=i: self.click(i))

    @property
    def tree(self):
        knob = self.knobs["text"]
        return None if knob.error else knob.value

    # The arithmetic --------------------------------------------------------------------
    def value_of(self, nodes, i, known=None):
        """Node i's value if it is known (a leaf, or an evaluated operation), else None."""
        op, value, kids = nodes[i]
        if op is None:
            return value
        if known is not None and i not in known:
            return None
        a, b = (self.value_of(nodes, k, known) for k in kids)
        return None if a is None or b is None else apply(op, a, b)

    def shown(self):
        """The set of operation nodes whose value the picture shows."""
        nodes = self.tree[0] if self.tree else []
        ops = {i for i, n in enumerate(nodes) if n[0]}
        return ops if not self.climb else self.known & ops

    def click(self, i):
        if not self.tree:
            return
        nodes, _ = self.tree
        if i >= len(nodes) or nodes[i][0] is None or not self.climb:
            return
        waiting = [k for k in nodes[i][2] if nodes[k][0] and k not in self.known]
        if waiting:
            self.message = (f"{SIGN[nodes[i][0]]} needs both its inputs first: evaluate the "
                            f"{SIGN[nodes[waiting[0]][0]]} below it")
            return
        self.known.add(i)
        v = self.value_of(nodes, i, self.known)
        self.message = (f"{SIGN[nodes[i][0]]}: {self._inputs(nodes, i)} = {self._num(v)}" if v is not None
                        else "÷ 0 has no value: nothing times 0 gives the number on top")

    def _inputs(self, nodes, i):
        op, _, (a, b) = nodes[i]
        return f"{self._num(self.value_of(nodes, a, self.known | self.shown()))} {SIGN[op]} " \
               f"{self._num(self.value_of(nodes, b, self.known | self.shown()))}"

    @staticmethod
    def _num(v):
        return "no value" if v is None else num(v, 4)

    def drag(self, handle, x, y):
        """A pointer press on a node is a click on it."""
        if handle in self.knobs and handle.startswith("n"):
            self.knobs[handle].set(None)

    def handle(self, event):
        before = self.knobs["text"].text
        super().handle(event)
        if self.knobs["text"].text != before:
            self.known, self.message = set(), ""
            self._sync()

    def values(self):
        out = {"text": self.knobs["text"].text, "ok": int(self.tree is not None)}
        if self.tree:
            nodes, root = self.tree
            shown = self.shown()
            out["steps"] = len(shown)
            out["total"] = sum(1 for n in nodes if n[0])
            finished = nodes[root][0] is None or root in shown
            out["finished"] = int(finished)
            out["result"] = self.value_of(nodes, root, shown) if finished else None
        else:
            out.update(steps=0, total=0, finished=0, result=None)
        if self.reference:
            out["same_tokens"] = int(tokens(out["text"]) == tokens(self.reference[0]))
        return out

    def set_values(self, values):
        values = dict(values)
        steps, finished = values.pop("steps", None), values.pop("finished", None)
        if "text" in values:
            self.knobs["text"].assign(values.pop("text"))
            self.known, self.message = set(), ""
            self._sync()
        if self.tree and self.climb and (steps is not None or finished):
            nodes, _ = self.tree
            order = [i for i, n in enumerate(nodes) if n[0]]      # post-order: inputs before their node
            self.known = set(order if finished else order[:steps])
        super().set_values(values)
        now = self.values()
        for key, v in (("steps", steps), ("finished", finished)):
            if v is not None and now[key] != v:
                raise ValueError(f"expression_tree: {key} cannot be {v!r} here (it is {now[key]!r})")

    # The picture -------------------------------------------------------------------------
    def layout(self, nodes, root, left, right, top, bottom):
        """(x, y) of every node: leaves spread evenly in reading order, a node above the middle of its inputs."""
        leaves = [i for i, n in enumerate(nodes) if n[0] is None]
        depth = {root: 0}
        for i in range(len(nodes) - 1, -1, -1):          # parents come after their children in post-order
            for k in nodes[i][2]:
                depth[k] = depth[i] + 1
        deepest = max(depth.values()) or 1
        dy = min(56, (bottom - top) / deepest)
        slot = (right - left) / len(leaves)
        xy = {}
        for i, (op, _, kids) in enumerate(nodes):
            y = top + depth[i] * dy
            x = left + (leaves.index(i) + 0.5) * slot if op is None else sum(xy[k][0] for k in kids) / 2
            xy[i] = (x, y)
        return xy

    def shapes(self):
        out, rest = [], []
        if self.reference:
            text, (nodes, root) = self.reference
            rest += self._panel(nodes, root, 8, 292, {i for i, n in enumerate(nodes) if n[0]}, None, text)
            rest.append(S.line(300, 20, 300, self.height - 10, "grid"))
        if self.tree:
            nodes, root = self.tree
            left = 308 if self.reference else 8
            handles, body = self._panel(nodes, root, left, self.width - 8, self.shown(), self.climb,
                                        self.knobs["text"].text, split=True)
            out += handles
            rest += body
        else:
            rest.append(S.text(self.width * (0.75 if self.reference else 0.5), 140,
                               self.knobs["text"].error, "small bad"))
        return out + rest

    def _panel(self, nodes, root, left, right, shown, clickable, caption, split=False):
        xy = self.layout(nodes, root, left, right, 58, self.height - 40)
        handles, body = [], [S.text((left + right) / 2, 22, caption.replace("*", "×").replace("/", "÷")
                                    .replace("-", MINUS), "label")]
        for i, (op, value, kids) in enumerate(nodes):
            x, y = xy[i]
            for k in kids:
                kx, ky = xy[k]
                body.append(S.line(x, y + 16, kx, ky - 14, "edge"))
            if op is None:
                body.append(S.rect(x - 19, y - 13, 38, 26, "node"))
                body.append(S.text(x, y + 5, num(value, 4), "small"))
                continue
            known = i in shown
            v = self.value_of(nodes, i, shown) if known else None
            cls = "op selected" if known else "op"
            circle = S.circle(x, y, 16, cls)
            if clickable:
                handles.append(S.handle(circle, f"n{i}", f"the {SIGN[op]} node: "
                                        + (f"value {self._num(v)}" if known else "click to evaluate")))
            else:
                body.append(circle)
            body.append(S.text(x, y + 5, SIGN[op], "label"))
            if known:
                body.append(S.text(x + 21, y - 12, f"= {self._num(v)}", "small accent2", "start"))
        if split:
            return handles, body
        return handles + body

    def readouts(self):
        v = self.values()
        out = []
        if not v["ok"]:
            out.append({"label": "", "value": self.knobs["text"].error})
            return out
        if self.climb:
            out.append({"label": "nodes evaluated", "value": f"{v['steps']} of {v['total']}"})
        if v["finished"]:
            out.append({"label": "value at the root", "value": self._num(v["result"])})
        if self.reference:
            _, (nodes, root) = self.reference
            ref = self.value_of(nodes, root, {i for i, n in enumerate(nodes) if n[0]})
            out.append({"label": "left tree", "value": self._num(ref)})
            out.append({"label": "same numbers and operations, in order", "value": "yes" if v["same_tokens"] else "no"})
        if self.message:
            out.append({"label": "", "value": self.message})
        return out

    def controls(self):
        out = [self.knobs["text"].control()] if self.editable else []
        if self.climb:
            out.append(self.knobs["again"].control())
        return out
