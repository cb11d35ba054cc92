"""An expression graph: value boxes showing data and grad, op circles, edges, laid out by depth.

The widget draws any micrograd-style object: something with `.data`, `.grad`,
`._prev` (the values it was computed from) and `._op` (how), plus an optional
`.label`. A cell hands it the learner's own object, and the page redraws it after
every run, so grads appear on the picture as soon as the learner's `backward()`
has filled them in:

    from mlmath.widgets import widget
    widget("graph").show(L)

With nothing shown, the widget draws a built-in example from its config, made with
its own tiny Value type, with a slider for every leaf:

    ```widget expression_graph
    id = "demo"
    expr = "n = w*x + b; L = tanh(n)"     # statements; the last one is the output
    values = { w = 1.5, x = 1.0, b = -1.0 }
    goal = { text = "...", check = "done == 1", solution = { done = 1 } }
    ```

Either way the learner can run the backward pass one node at a time with the
"Step backward" button (which calls each node's own `_backward` closure, in reverse
topological order, after seeding the output's grad with 1) and watch each grad fill
in. Clicking a node (or focusing it and pressing Enter) selects it: an op node shows
its local derivative rule with the numbers in it, a value node shows the chain-rule
sum that makes up its grad.

Options:
    expr        statements like "n = w*x + b; L = tanh(n)" using +, *, tanh(), numbers
                and names (a name used twice is one node used twice)
    values      a table giving every free name in expr a number
    sliders     true (every leaf), false, or a list of leaf names to put on sliders
    range       [min, max] of the sliders (default [-3, 3]); step: slider step (0.1)
    stepper     true: the learner runs backward with the buttons (default);
                false: grads are always complete, recomputed after every change
    run_all     whether to offer a "Run all" button next to "Step backward" (default true)
    empty       the text drawn before a cell has shown anything (learner-only widgets)

values() for goals: filled (nodes whose grad is final), total (nodes), done (1 once
every closure has run), steps (stepper clicks, the seed counting as one); for every
labelled node its data under its label and its current grad as grad_<label>; for the
built-in example also the true derivative of the output as d_<label>.
"""

import math
import re
from collections import Counter

from ..expr import ExprError, parse_statements
from ..show import MINUS, fixed, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number
from ..widgets.controls import Button, Slider
from .graph_layout import Layout

BOX_W, BOX_H = 104, 52     # a value node's box
GAP = 64                   # between a child's box and its parent's box; the op circle sits here
ROW = BOX_H + 18           # vertical pitch of boxes in one column
OP_R = 16                  # radius of an op circle
MARGIN = 14
MAX_NODES = 40             # a bigger graph is refused with a message, so scenes stay small
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,11}$")
RESERVED = {"filled", "total", "done", "steps", "abs", "round", "min", "max",
            "and", "or", "not", "in", "is", "if", "else", "True", "False", "None", "tanh"}
OP_TEXT = {"*": "\u00d7", "-": MINUS, "neg": MINUS, "tanh": "tanh", "exp": "exp", "ReLU": "relu", "relu": "relu"}
GRAD_CLS = {"final": "small good", "partial": "small accent2", "pending": "small muted"}


def fmt(v, places=3):
    """A node's number as the picture writes it: 3 places, a real minus sign, ? if it has none."""
    return "?" if v is None else fixed(v, places)


def _num(v):
    """A node's number as a float, or None if it has none."""
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


# The widget's own tiny Value, just enough for its built-in examples -------------------
class _Node:
    def __init__(self, data, children=(), op="", label=""):
        self.data = float(data)
        self.grad = 0.0
        self._prev = tuple(children)
        self._op = op
        self.label = label
        self._backward = lambda: None

    def __add__(self, other):
        other = other if isinstance(other, _Node) else _Node(other)
        out = _Node(self.data + other.data, (self, other), "+")

        def _backward():
            self.grad += out.grad
            other.grad += out.grad
        out._backward = _backward
        return out

    def __mul__(self, other):
        other = other if isinstance(other, _Node) else _Node(other)
        out = _Node(self.data * other.data, (self, other), "*")

        def _backward():
            self.grad += other.data * out.grad
            other.grad += self.data * out.grad
        out._backward = _backward
        return out

    __radd__, __rmul__ = __add__, __mul__

    def tanh(self):
        t = math.tanh(self.data)
        out = _Node(t, (self,), "tanh")

        def _backward():
            self.grad += (1 - t * t) * out.grad
        out._backward = _backward
        return out


def _parse(expr):
    """expr -> (statements [(name or None, Expr)], free names in first-use order)."""
    try:
        statements = parse_statements(expr, ops={"+", "*", "tanh"})
    except ExprError as exc:
        raise ValueError(f"expression_graph: cannot read expr {expr!r}: {exc}") from None
    assigned, free = set(), []
    for name, e in statements:
        free += [n for n in e.names() if n not in assigned and n not in free]
        if name:
            assigned.add(name)
    for name in assigned | set(free):
        if not NAME.match(name) or name in RESERVED:
            raise ValueError(f"expression_graph: {name!r} is not a usable name in expr")
    return statements, free


def _build(statements, leaves):
    """Evaluate parsed statements on _Nodes; a name is one node however often it is used."""
    env = {name: _Node(v, label=name) for name, v in leaves.items()}
    root = None
    for name, e in statements:
        root = e.evaluate(env, {"tanh": _Node.tanh})
        if not isinstance(root, _Node):          # a statement of numbers alone
            root = _Node(root)
        if name:
            root.label = root.label or name
            env[name] = root
    return root


# The graph as the widget sees it ----------------------------------------------------
def _children(v):
    prev = getattr(v, "_prev", ())
    try:
        return list(prev or ())
    except TypeError:
        return []


def _walk(root, limit=MAX_NODES):
    """Every node reachable from root, children before parents (a topological order).

    Returns (order, too_big). Nodes are told apart by identity, so a value used twice
    appears once. Iterative, so a deep chain cannot hit Python's recursion limit."""
    order, seen = [], set()
    stack = [(root, False)]
    while stack:
        v, expanded = stack.pop()
        if expanded:
            order.append(v)
            continue
        if id(v) in seen:
            continue
        seen.add(id(v))
        if len(seen) > limit:
            return order, True
        stack.append((v, True))
        for c in reversed(_children(v)):
            if id(c) not in seen:
                stack.append((c, False))
    return order, False


def _local(parent, slot):
    """d parent / d (its child in position `slot`), from the parent's op and the data in
    the graph, or None when the op is not one the widget knows."""
    kids = _children(parent)
    op = str(getattr(parent, "_op", "") or "")
    out = _num(getattr(parent, "data", None))
    data = [_num(getattr(k, "data", None)) for k in kids]
    if None in data or out is None:
        return None
    if op == "+":
        return 1.0
    if op == "*":
        if len(kids) == 1:            # a*a stored as a set of one child
            return 2.0 * data[0]
        return math.prod(d for j, d in enumerate(data) if j != slot)
    if op == "tanh":
        return 1.0 - out * out
    if op == "exp":
        return out
    if op in ("ReLU", "relu"):
        return 1.0 if out > 0 else 0.0
    if op in ("-", "neg"):
        return -1.0 if (len(kids) == 1 or slot == 1) else 1.0
    m = re.fullmatch(r"\*\*\s*(-?[0-9.]+)", op)
    if m and len(kids) == 1:
        k = float(m.group(1))
        try:
            return k * data[0] ** (k - 1)
        except (ZeroDivisionError, OverflowError, ValueError):
            return None
    return None


def _formula(v, depth=0):
    """A short formula for an unlabelled node, like 'w×x', from its inputs' labels; None if long."""
    label = str(getattr(v, "label", "") or "")
    if label and depth:
        return label
    kids = _children(v)
    if not kids:
        d = _num(getattr(v, "data", None))
        return None if d is None or depth == 0 else num(d, 3)
    if depth > 2:
        return None
    names = [_formula(k, depth + 1) for k in kids]
    if None in names:
        return None
    op = str(getattr(v, "_op", "") or "")
    if op == "+":
        text = "+".join(names)
    elif op == "*":
        names = [f"({n})" if "+" in n else n for n in names]
        text = "\u00d7".join(names) if len(names) > 1 else f"{names[0]}\u00b2"
    elif len(names) == 1:
        text = f"{OP_TEXT.get(op, op)}({names[0]})"
    else:
        return None
    return text if len(text) <= 14 else None


@register
class ExpressionGraph(Widget):
    name = "expression_graph"
    width, height = 600, 140

    def configure(self, config):
        self.expr = config.pop("expr", None)
        leaves = config.pop("values", {})
        self.range = config.pop("range", [-3, 3])
        step = config.pop("step", 0.1)
        sliders = config.pop("sliders", True)
        self.stepper = flag(self.name, "stepper", config.pop("stepper", True))
        self.run_all = flag(self.name, "run_all", config.pop("run_all", True))
        self.empty = config.pop("empty", "Nothing drawn yet: run the cell that calls .show() on this widget.")
        super().configure(config)   # unknown options fail the build

        if not (isinstance(self.range, list) and len(self.range) == 2
                and all(isinstance(r, (int, float)) for r in self.range) and self.range[0] < self.range[1]):
            raise ValueError("expression_graph: range must be [min, max] with min < max")
        number(self.name, "step", step, 1e-9)
        if not isinstance(leaves, dict):
            raise ValueError("expression_graph: values must be a table like { w = 1.5, x = 1.0 }")
        self.statements, self.free = ([], []) if self.expr is None else _parse(self.expr)
        if self.expr is None and leaves:
            raise ValueError("expression_graph: values given but no expr to use them in")
        missing = [n for n in self.free if n not in leaves]
        if missing:
            raise ValueError(f"expression_graph: expr uses {', '.join(missing)} but values gives no number for it")
        unused = [n for n in leaves if n not in self.free]
        if unused:
            raise ValueError(f"expression_graph: values names {', '.join(unused)}, which expr never uses as an input")
        if sliders is True or sliders is False:
            self.sliders = list(self.free) if sliders else []
        elif isinstance(sliders, list) and all(s in self.free for s in sliders):
            self.sliders = list(sliders)
        else:
            raise ValueError(f"expression_graph: sliders must be true, false, or a list of the inputs {self.free}")
        lo, hi = self.range
        for n in self.free:
            knob = Slider(f"leaf:{n}", n, lo, hi, step, number(self.name, f"the value of {n}", leaves[n]),
                          fmt=lambda v: fixed(v, 2))
            knob.value = float(leaves[n])      # the lesson's number stands, even off the slider's grid
            self.knobs[knob.id] = knob
        self.knobs.update(step=Button("step", "Step backward", self._step), all=Button("all", "Run all", self._run_all),
                          reset=Button("reset", "Reset grads", self._reset))
        self.learner = None      # the object a cell showed, if any
        self.selected = None     # ("n" for a value box or "o" for an op circle, index in the topological order)
        self._rebuild()

    # State ------------------------------------------------------------------------------
    @property
    def leaves(self):
        return {n: self.knobs[f"leaf:{n}"].value for n in self.free}

    def _rebuild(self, finish=False):
        """(Re)make the built-in example from the current leaf values; finish: run backward through it."""
        self.own = _build(self.statements, self.leaves) if self.statements else None
        if self.learner is None:
            self._reset_steps()
            if self.own is not None and (finish or not self.stepper):
                self._run_all()

    @property
    def root(self):
        return self.learner if self.learner is not None else self.own

    def _graph(self):
        if self.root is None:
            return [], False
        return _walk(self.root)

    def _closures(self, order):
        """The nodes whose closure backward runs, output first (reverse topological order)."""
        return [v for v in reversed(order) if _children(v)]

    def _grads(self, order):
        return tuple(_num(getattr(v, "grad", None)) for v in order)

    def _reset_steps(self):
        self.seeded, self.ran, self.error, self.last = False, 0, "", ""
        self._snapshot = None

    def _sync(self, order):
        """If a cell changed the grads behind the stepper's back (say, by calling backward()),
        stop claiming to know which grads are final: show them as they are."""
        if self.seeded and self._snapshot != self._grads(order):
            self._reset_steps()

    def show(self, root):
        """Draw `root`'s graph: any object with .data and ._prev/._op (and .grad, .label).
        show(None) goes back to the built-in example."""
        if root is not None and not hasattr(root, "data"):
            raise TypeError(f"show() draws a Value-like object with .data, .grad, ._prev and ._op; "
                            f"got {type(root).__name__}")
        self.learner = root
        self.selected = None
        self._reset_steps()

    def _zero(self, order):
        for v in order:
            v.grad = 0.0

    def _reset(self):
        self._zero(self._graph()[0])
        self._reset_steps()
        if self.learner is None and not self.stepper:
            self._run_all()

    def _step(self):
        """One click of "Step backward": seed the output, then one closure per click."""
        order, too_big = self._graph()
        if not order or too_big:
            return False
        self._sync(order)
        closures = self._closures(order)
        root = self.root
        if not self.seeded:
            self._zero(order)
            root.grad = 1.0
            self.seeded, self.ran, self.error = True, 0, ""
            self.last = f"seeded {self._name(root)}.grad = 1 (the output's rate of change with itself)"
        elif self.ran < len(closures):
            v = closures[self.ran]
            fn = getattr(v, "_backward", None)
            if not callable(fn):
                self.error = f"{self._name(v)} has no _backward closure to run"
                return False
            try:
                fn()
            except Exception as exc:  # noqa: BLE001 - the learner's closure; show what it raised
                self.error = f"{self._name(v)}._backward() raised {type(exc).__name__}: {exc}"
                return False
            self.ran += 1
            self.error = ""
            self.last = f"ran the closure of {self._name(v)} ({v._op}): it passed {self._name(v)}.grad to its inputs"
        else:
            return False
        self._snapshot = self._grads(order)
        return True

    def _run_all(self):
        while self._step():
            pass

    def _done(self, order):
        return self.seeded and self.ran >= len(self._closures(order))

    def _status(self, order):
        """Per node: 'final', 'partial', 'pending', or None when the stepper is not running."""
        if not self.seeded:
            return [None] * len(order)
        closures = self._closures(order)
        ran = {id(v) for v in closures[:self.ran]}
        users = {id(v): set() for v in order}
        for p in order:
            for c in _children(p):
                if id(c) in users:
                    users[id(c)].add(id(p))
        out = []
        for v in order:
            us = users[id(v)]
            if v is self.root or (us and us <= ran):
                out.append("final")
            elif us & ran:
                out.append("partial")
            else:
                out.append("pending")
        return out

    def _true_grads(self):
        """d output / d node for every labelled node of the built-in example, computed afresh."""
        if self.own is None:
            return {}
        fresh = _build(self.statements, self.leaves)
        order, _ = _walk(fresh)
        fresh.grad = 1.0
        for v in reversed(order):
            v._backward()
        return {v.label: v.grad for v in order if v.label}


    def values(self):
        order, too_big = self._graph()
        self._sync(order)
        status = self._status(order)
        out = {"filled": sum(s == "final" for s in status), "total": len(order),
               "done": int(bool(order) and not too_big and self._done(order)),
               "steps": (1 + self.ran) if self.seeded else 0}
        for v in order:
            label = str(getattr(v, "label", "") or "")
            if NAME.match(label) and label not in RESERVED:
                out[label] = _num(v.data)
                out[f"grad_{label}"] = _num(getattr(v, "grad", None))
        if self.learner is None:
            out.update({f"d_{k}": g for k, g in self._true_grads().items()})
        return out

    def set_values(self, values):
        """Inputs first, then steps (that many stepper clicks from the start) or done = 1;
        anything else is computed, and must agree."""
        values = dict(values)
        inputs = {n: values.pop(n) for n in self.free if n in values}
        for n, v in inputs.items():
            knob = self.knobs[f"leaf:{n}"]
            if v != knob.value and not knob.set(v):
                raise ValueError(f"expression_graph: {n} cannot be set to {v!r}")
        if inputs:
            self._rebuild()
        steps, done = values.pop("steps", None), values.pop("done", None)
        if steps is not None:
            self._zero(self._graph()[0])
            self._reset_steps()
            for _ in range(int(steps)):
                self._step()
        if done:
            self._run_all()
        now = self.values()
        for key, v in values.items():
            if key not in now:
                raise KeyError(f"expression_graph cannot set {key!r}; it sets inputs {self.free}, steps and done")
            if now[key] != v:
                raise ValueError(f"expression_graph: {key} is computed ({now[key]!r}), so it cannot be set to {v!r}")

    # Events -----------------------------------------------------------------------------
    def handle(self, event):
        order, _ = self._graph()
        self._sync(order)
        for i in range(len(order)):         # a knob for every value box and op circle drawn
            for kind in "no":
                self.knobs.setdefault(f"{kind}{i}", Button(f"{kind}{i}", "", lambda k=(kind, i): self._pick(*k)))
        before, was_done = self.leaves, self._done(order)
        super().handle(event)
        if self.leaves != before:          # a slider moved: re-evaluate, and keep a finished backward finished
            self._rebuild(finish=was_done)

    def drag(self, handle, x, y):
        if handle in self.knobs:
            self.knobs[handle].set(None)

    def _pick(self, kind, i):
        if i < len(self._graph()[0]):
            self.selected = (kind, i)

    # The scene --------------------------------------------------------------------------
    def _name(self, v):
        """How text refers to a node: its label, else its formula if short, else its data."""
        label = str(getattr(v, "label", "") or "")
        return label or _formula(v) or f"[{fmt(_num(getattr(v, 'data', None)))}]"

    def _prepare(self):
        """Walk the graph and lay it out; sets the scene's size. Cheap for the sizes allowed."""
        order, too_big = self._graph()
        self._sync(order)
        if order and not too_big:
            index = {id(v): i for i, v in enumerate(order)}
            kids = [[index[id(c)] for c in _children(v) if id(c) in index] for v in order]
            self.grid = Layout(kids, BOX_W, BOX_H, GAP, ROW, 8, MARGIN + 2 * OP_R + 8)
            self.grid.shift(MARGIN)
            self.width, self.height = max(int(self.grid.right + MARGIN), 320), int(self.grid.height + MARGIN)
        else:
            self.width, self.height = 600, 90
        return order, too_big

    def scene(self):
        self._prepare()
        return super().scene()

    def shapes(self):
        order, too_big = self._prepare()
        if not order or too_big:
            text = self.empty if not too_big else (f"This graph has more than {MAX_NODES} nodes; "
                                                   f"the picture is for small expressions. Show a smaller one.")
            return [S.text(self.width / 2, self.height / 2 + 5, text, "label muted")]
        grid, sel = self.grid, self.selected
        index = {id(v): i for i, v in enumerate(order)}
        status = self._status(order) if self.stepper else [None] * len(order)
        closures = self._closures(order)
        ran = {id(v) for v in closures[:self.ran]} if self.seeded and self.stepper else set()
        nxt = id(closures[self.ran]) if self.stepper and self.seeded and self.ran < len(closures) else None
        edges, ops, boxes = [], [], []
        for i, v in enumerate(order):
            x, y = grid.x(grid.col[i]), grid.y[i]
            kids = _children(v)
            if kids:
                ox, op = x - GAP / 2, str(getattr(v, "_op", "") or "")
                edge = "accent" if id(v) in ran else "edge"      # its closure has run: grads went down these
                edges.append(S.line(ox + OP_R, y, x, y, edge))
                for kid, times in Counter(id(k) for k in kids).items():
                    if kid not in index:
                        continue
                    edges.append(S.link(grid.route(index[kid], i, (ox - OP_R, y)), edge))
                    if times > 1:         # a*a: one edge drawn, marked as used twice
                        edges.append(S.text(ox - OP_R - 12, y - 7, f"\u00d7{times}", "small accent2"))
                cls = "good" if id(v) in ran else "accent2" if id(v) == nxt else "op"
                circle = S.circle(ox, y, OP_R, cls + (" selected" if sel == ("o", i) else ""))
                symbol = OP_TEXT.get(op, op)
                ops += [S.handle(circle, f"o{i}", f"operation {op} making {self._name(v)}"),
                        S.text(ox, y + (4 if len(symbol) > 1 else 5), symbol, "small" if len(symbol) > 1 else "label")]
            data, grad = _num(getattr(v, "data", None)), _num(getattr(v, "grad", None))
            label = str(getattr(v, "label", "") or "")
            shown, label_cls = (label, "label") if label else (_formula(v) or "", "label muted")
            if len(shown) > 8:
                label_cls = label_cls.replace("label", "small")
            top, cx = y - BOX_H / 2, x + BOX_W / 2
            box = S.rect(x, top, BOX_W, BOX_H, ("good" if status[i] == "final" else "node")
                         + (" selected" if sel == ("n", i) else ""), rx=6)
            boxes.append(S.handle(box, f"n{i}", f"{self._name(v)}: data {fmt(data)}, grad {fmt(grad)}"))
            lines = [(shown, label_cls)] if shown else []      # without a name, data and grad sit lower
            lines += [(f"data {fmt(data)}", "small"), (f"grad {fmt(grad)}", GRAD_CLS.get(status[i], "small"))]
            rows = (16, 31, 45) if shown else (22, 38)
            boxes += [S.text(cx, top + dy, s, c) for dy, (s, c) in zip(rows, lines)]
        return edges + ops + boxes

    def _explain_op(self, v):
        kids = _children(v)
        op = str(getattr(v, "_op", "") or "")
        g = _num(getattr(v, "grad", None))
        name = self._name(v)
        if not kids:
            return f"{name} is an input: no operation made it."
        parts = []
        for slot, k in enumerate(kids):
            local = _local(v, slot)
            if local is None or g is None:
                return f"{name} was made by {op!r}; the widget doesn't know that operation's local derivative."
            parts.append(f"{self._name(k)} gets {fmt(local)} \u00d7 {fmt(g)} = {fmt(local * g)}")
        if op == "+":
            rule = "local derivative 1 for each input"
        elif op == "*" and len(kids) == 2:
            rule = "each input's local derivative is the other factor"
        elif op == "tanh":
            rule = f"local derivative 1 {MINUS} t\u00b2 = 1 {MINUS} {fmt(_num(v.data))}\u00b2"
        else:
            rule = f"op {op}"
        names = [self._name(k) for k in kids]
        if op in ("+", "*") and len(kids) > 1:
            formula = f" {OP_TEXT.get(op, op)} ".join(names)
        else:
            formula = f"{OP_TEXT.get(op, op)}({', '.join(names)})"
        head = f"{name} = {formula}" if getattr(v, "label", "") else formula
        return f"{head}: {rule}. " + "; ".join(parts) + "."

    def _explain_value(self, v, order):
        name = self._name(v)
        if v is self.root:
            return f"{name} is the output: backward seeds its grad with 1, since d{name}/d{name} = 1."
        terms, total = [], 0.0
        for p in order:
            for slot, k in enumerate(_children(p)):
                if k is v:
                    local, pg = _local(p, slot), _num(getattr(p, "grad", None))
                    if local is None or pg is None:
                        return f"{name} feeds {self._name(p)} through {p._op!r}, whose local rule the widget doesn't know."
                    terms.append(f"{fmt(local)} \u00d7 {fmt(pg)} (via {self._name(p)})")
                    total += local * pg
        if not terms:
            return f"{name} is not used by anything in this graph."
        how = "one term per use" if len(terms) > 1 else "local derivative \u00d7 user's grad"
        return f"grad of {name} = {' + '.join(terms)} = {fmt(total)} ({how})"

    def readouts(self):
        order, too_big = self._prepare()
        if not order or too_big:
            return []
        out = []
        root = self.root
        out.append({"label": self._name(root), "value": fmt(_num(root.data), 4)})
        if self.seeded and self.stepper:
            closures = self._closures(order)
            total = 1 + len(closures)
            line = f"step {1 + self.ran} of {total}: {self.last}."
            if self.ran < len(closures):
                nxt = closures[self.ran]
                line += f" Next: the closure of {self._name(nxt)} ({nxt._op})."
            else:
                line += " Done: every node holds its gradient."
            out.append({"label": "", "value": line})
        elif self.stepper:
            out.append({"label": "", "value": f"Step backward starts by seeding {self._name(root)}.grad = 1."})
        if self.error:
            out.append({"label": "", "value": self.error})
        if self.selected is not None:
            kind, i = self.selected
            if i < len(order):
                v = order[i]
                out.append({"label": "", "value": self._explain_op(v) if kind == "o" else self._explain_value(v, order)})
        else:
            out.append({"label": "", "value": "Click a node (or Tab to it and press Enter) to see its rule."})
        return out

    def controls(self):
        k = self.knobs
        out = [k[f"leaf:{n}"].control() for n in self.sliders] if self.learner is None and self.own is not None else []
        if self.stepper and self.root is not None:
            order, too_big = self._prepare()
            can_step = bool(order) and not too_big and not self._done(order)
            out.append({**k["step"].control(), "disabled": not can_step})
            if self.run_all:
                out.append({**k["all"].control(), "disabled": not can_step})
            out.append({**k["reset"].control(), "disabled": not order})
        return out

    def __repr__(self):
        root = self.root
        return f"<expression_graph {'empty' if root is None else self._name(root)}>"
