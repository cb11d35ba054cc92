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

from ..expr import ExprError, parse_statements
from ..widgets import register
from ..widgets.base import Widget

BOX_W, BOX_H = 104, 52     # a value node's box
GAP = 64                   # between a child's box and its parent's box; the op circle sits here
ROW = BOX_H + 18           # vertical pitch of boxes in one column
OP_R = 16                  # radius of an op circle
MARGIN = 14
MAX_NODES = 40             # a bigger graph is refused with a message, so scenes stay small
MINUS = "\u2212"
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,11}$")
RESERVED = {"filled", "total", "done", "steps", "abs", "round", "min", "max",
            "and", "or", "not", "in", "is", "if", "else", "True", "False", "None", "tanh"}
OP_TEXT = {"*": "\u00d7", "-": MINUS, "neg": MINUS, "tanh": "tanh", "exp": "exp", "ReLU": "relu", "relu": "relu"}


def fmt(v, places=3):
    """A float as the picture shows it: 3 places, a real minus sign, no '−0.000'."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "?" if v is None else str(v)
    if not math.isfinite(v):
        return str(v)
    text = f"{v:.{places}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", MINUS)


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
        return None if d is None or depth == 0 else fmt(d).rstrip("0").rstrip(".")
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
        if not isinstance(leaves, dict):
            raise ValueError("expression_graph: values must be a table like { w = 1.5, x = 1.0 }")
        self.range = config.pop("range", [-3, 3])
        self.step_size = config.pop("step", 0.1)
        sliders = config.pop("sliders", True)
        self.stepper = config.pop("stepper", True)
        self.run_all = config.pop("run_all", True)
        self.empty = config.pop("empty", "Nothing drawn yet: run the cell that calls .show() on this widget.")
        super().configure(config)   # unknown options fail the build

        if not (isinstance(self.range, list) and len(self.range) == 2
                and all(isinstance(r, (int, float)) for r in self.range) and self.range[0] < self.range[1]):
            raise ValueError("expression_graph: range must be [min, max] with min < max")
        if not isinstance(self.step_size, (int, float)) or self.step_size <= 0:
            raise ValueError("expression_graph: step must be a positive number")
        for key in ("stepper", "run_all"):
            if not isinstance(getattr(self, key), bool):
                raise ValueError(f"expression_graph: {key} must be true or false")

        self.statements, free = ([], []) if self.expr is None else _parse(self.expr)
        if self.expr is None and leaves:
            raise ValueError("expression_graph: values given but no expr to use them in")
        missing = [n for n in free if n not in leaves]
        if missing:
            raise ValueError(f"expression_graph: expr uses {', '.join(missing)} but values gives no number for it")
        unused = [n for n in leaves if n not in free]
        if unused:
            raise ValueError(f"expression_graph: values names {', '.join(unused)}, which expr never uses as an input")
        for n, v in leaves.items():
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ValueError(f"expression_graph: value of {n} must be a finite number")
        self.leaves = {n: float(leaves[n]) for n in free}
        if sliders is True:
            self.sliders = list(free)
        elif sliders is False:
            self.sliders = []
        elif isinstance(sliders, list) and all(s in self.leaves for s in sliders):
            self.sliders = list(sliders)
        else:
            raise ValueError(f"expression_graph: sliders must be true, false, or a list of the inputs {free}")

        self.learner = None      # the object a cell showed, if any
        self.selected = None     # index into the topological order
        self.error = ""
        self._rebuild()

    # State ------------------------------------------------------------------------------
    def _rebuild(self):
        """(Re)make the built-in example from the current leaf values."""
        self.own = _build(self.statements, self.leaves) if self.statements else None
        self._reset_steps()
        if self.own is not None and not self.stepper:
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
        values = dict(values)
        changed = False
        for key in list(values):
            if key in self.leaves:
                self.leaves[key] = float(values.pop(key))
                changed = True
        if changed:
            self._rebuild()
        steps, done = values.pop("steps", None), values.pop("done", None)
        if steps is not None:
            order, _ = self._graph()
            self._zero(order)
            self._reset_steps()
            for _ in range(int(steps)):
                self._step()
        if done:
            self._run_all()
        now = self.values()     # anything else is computed, and must agree
        for key, v in values.items():
            if key not in now:
                raise KeyError(f"expression_graph cannot set {key!r}; it sets inputs "
                               f"{sorted(self.leaves)}, steps and done")
            if now[key] != v:
                raise ValueError(f"expression_graph: {key} is computed ({now[key]!r}), so it cannot be set to {v!r}")

    def handle(self, event):
        kind = event.get("type")
        order, _ = self._graph()
        self._sync(order)
        if kind == "input":
            key = str(event.get("id", ""))
            if key == "step":
                self._step()
            elif key == "all":
                self._run_all()
            elif key == "reset":
                self._zero(order)
                self._reset_steps()
                if self.learner is None and not self.stepper:
                    self._run_all()
            elif key.startswith("leaf:") and key[5:] in self.leaves and self.learner is None:
                v = _num(event.get("value"))
                if v is None or not math.isfinite(v):
                    return
                lo, hi = self.range
                was_done = self._done(order)
                self.leaves[key[5:]] = min(max(v, lo), hi)
                self._rebuild()
                if was_done:
                    self._run_all()
        elif kind in ("drag", "key"):
            if kind == "key" and event.get("key") not in ("Enter", " "):
                return
            handle = str(event.get("handle", ""))
            if handle[:1] in ("n", "o") and handle[1:].isdigit() and int(handle[1:]) < len(order):
                self.selected = (handle[0], int(handle[1:]))

    # Layout -----------------------------------------------------------------------------
    def _layout(self, order):
        """Column and y centre of every node: the output at the right, each node one column
        left of its leftmost user, rows ordered to follow their users."""
        index = {id(v): i for i, v in enumerate(order)}
        depth = [0] * len(order)
        for i in reversed(range(len(order))):          # users before the nodes they use
            for c in _children(order[i]):
                j = index.get(id(c))
                if j is not None:
                    depth[j] = max(depth[j], depth[i] + 1)
        deepest = max(depth, default=0)
        col = [deepest - d for d in depth]
        users = [[] for _ in order]
        for i, v in enumerate(order):
            for c in _children(v):
                j = index.get(id(c))
                if j is not None and i not in users[j]:
                    users[j].append(i)
        y = [0.0] * len(order)
        for c in range(deepest, -1, -1):
            members = [i for i in range(len(order)) if col[i] == c]
            want = {}
            for i in members:
                if users[i]:
                    ys = []
                    for u in users[i]:     # aim at the slot this child fills among the user's inputs
                        kids = [index.get(id(k)) for k in _children(order[u])]
                        kids = list(dict.fromkeys(k for k in kids if k is not None))
                        k = kids.index(i) if i in kids else 0
                        ys.append(y[u] + (k - (len(kids) - 1) / 2) * ROW)
                    want[i] = sum(ys) / len(ys)
                else:
                    want[i] = 0.0
            members.sort(key=lambda i: (want[i], i))
            placed = []
            for i in members:
                placed.append(want[i] if not placed else max(want[i], placed[-1] + ROW))
            shift = sum(p - want[i] for p, i in zip(placed, members)) / max(len(members), 1)
            for p, i in zip(placed, members):
                y[i] = p - shift
        # An edge that skips columns runs along a lane clear of the boxes it passes.
        lanes = {}
        for i, v in enumerate(order):
            for c in _children(v):
                j = index.get(id(c))
                if j is None or col[i] - col[j] < 2 or (i, j) in lanes:
                    continue
                between = [y[k] for k in range(len(order)) if col[j] < col[k] < col[i]]
                clear = lambda lane: all(abs(lane - b) >= BOX_H / 2 + 6 for b in between)  # noqa: E731
                above, below = min(between) - ROW / 2 - 4, max(between) + ROW / 2 + 4
                options = [y[j], y[i]] + sorted((above, below), key=lambda lane: abs(lane - y[j]))
                lanes[(i, j)] = next(lane for lane in options if clear(lane))
        top = min([v - BOX_H / 2 for v in y] + [lane - 8 for lane in lanes.values()], default=0.0)
        y = [v - top + MARGIN for v in y]
        lanes = {k: lane - top + MARGIN for k, lane in lanes.items()}
        return col, y, lanes

    def _x(self, column):
        return MARGIN + OP_R * 2 + 8 + column * (BOX_W + GAP)

    def _name(self, v):
        """How text refers to a node: its label, else its formula if short, else its data."""
        label = str(getattr(v, "label", "") or "")
        return label or _formula(v) or f"[{fmt(_num(getattr(v, 'data', None)))}]"

    # The scene --------------------------------------------------------------------------
    def _prepare(self):
        """Walk the graph and lay it out; sets the scene's size. Cheap for the sizes allowed."""
        order, too_big = self._graph()
        self._sync(order)
        if order and not too_big:
            self._cols, self._ys, self._lanes = self._layout(order)
            self.width = int(self._x(max(self._cols)) + BOX_W + MARGIN)
            self.height = int(max([y + BOX_H / 2 for y in self._ys]
                                  + [lane + 8 for lane in self._lanes.values()]) + MARGIN)
        else:
            self.width, self.height = 600, 90
        self.width = max(self.width, 320)
        return order, too_big

    def scene(self):
        self._prepare()
        return super().scene()

    def shapes(self):
        order, too_big = self._prepare()
        if not order or too_big:
            text = self.empty if not too_big else (f"This graph has more than {MAX_NODES} nodes; "
                                                   f"the picture is for small expressions. Show a smaller one.")
            return [{"t": "text", "x": self.width / 2, "y": self.height / 2 + 5, "s": text, "cls": "label muted"}]
        col, ys = self._cols, self._ys
        index = {id(v): i for i, v in enumerate(order)}
        status = self._status(order) if self.stepper else [None] * len(order)
        closures = self._closures(order)
        ran = {id(v) for v in closures[:self.ran]} if self.seeded and self.stepper else set()
        nxt = id(closures[self.ran]) if self.stepper and self.seeded and self.ran < len(closures) else None
        sel = self.selected
        edges, ops, boxes = [], [], []
        for i, v in enumerate(order):
            x, y = self._x(col[i]), ys[i]
            kids = _children(v)
            if kids:
                ox = x - GAP / 2
                op = str(getattr(v, "_op", "") or "")
                cls = "op"
                if id(v) in ran:
                    cls = "good"
                elif id(v) == nxt:
                    cls = "accent2"
                if sel == ("o", i):
                    cls += " selected"
                edges.append({"t": "line", "x1": ox + OP_R, "y1": y, "x2": x, "y2": y,
                              "cls": "accent" if id(v) in ran else "edge"})
                counts = {}
                for k in kids:
                    counts[id(k)] = counts.get(id(k), 0) + 1
                for kid_id, times in counts.items():
                    j = index.get(kid_id)
                    if j is None:
                        continue
                    x1, y1 = self._x(col[j]) + BOX_W, ys[j]
                    x2, y2 = ox - OP_R, y
                    lane = self._lanes.get((i, j))
                    if lane is None:
                        mid = (x1 + x2) / 2
                        d = f"M {x1:.1f} {y1:.1f} C {mid:.1f} {y1:.1f} {mid:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"
                    else:       # out of the child's column, along the lane, into the op circle
                        xb, xc = self._x(col[j] + 1), self._x(col[i] - 1) + BOX_W
                        m1, m2 = (x1 + xb) / 2, (xc + x2) / 2
                        d = (f"M {x1:.1f} {y1:.1f} C {m1:.1f} {y1:.1f} {m1:.1f} {lane:.1f} {xb:.1f} {lane:.1f} "
                             f"H {xc:.1f} C {m2:.1f} {lane:.1f} {m2:.1f} {y2:.1f} {x2:.1f} {y2:.1f}")
                    edges.append({"t": "path", "d": d, "cls": "accent" if id(v) in ran else "edge"})
                    if times > 1:
                        edges.append({"t": "text", "x": round(x2 - 12, 1), "y": round(y2 - 7, 1),
                                      "s": f"\u00d7{times}", "cls": "small accent2"})
                ops.append({"t": "circle", "cx": round(ox, 1), "cy": round(y, 1), "r": OP_R, "cls": cls,
                            "handle": f"o{i}", "label": f"operation {op} making {self._name(v)}"})
                symbol = OP_TEXT.get(op, op)
                ops.append({"t": "text", "x": round(ox, 1), "y": round(y + (4 if len(symbol) > 1 else 5), 1),
                            "s": symbol, "cls": "small" if len(symbol) > 1 else "label"})
            data, grad = _num(getattr(v, "data", None)), _num(getattr(v, "grad", None))
            st = status[i]
            cls = "good" if st == "final" else "node"
            if sel == ("n", i):
                cls += " selected"
            label = str(getattr(v, "label", "") or "")
            shown, label_cls = (label, "label") if label else (_formula(v) or "", "label muted")
            if len(shown) > 8:
                label_cls = label_cls.replace("label", "small")
            top = y - BOX_H / 2
            boxes.append({"t": "rect", "x": round(x, 1), "y": round(top, 1), "w": BOX_W, "h": BOX_H, "rx": 6,
                          "cls": cls, "handle": f"n{i}",
                          "label": f"{self._name(v)}: data {fmt(data)}, grad {fmt(grad)}"})
            cx = round(x + BOX_W / 2, 1)
            grad_cls = {"final": "small good", "partial": "small accent2", "pending": "small muted"}.get(st, "small")
            if shown:
                boxes.append({"t": "text", "x": cx, "y": round(top + 16, 1), "s": shown, "cls": label_cls})
                boxes.append({"t": "text", "x": cx, "y": round(top + 31, 1), "s": f"data {fmt(data)}", "cls": "small"})
                boxes.append({"t": "text", "x": cx, "y": round(top + 45, 1), "s": f"grad {fmt(grad)}", "cls": grad_cls})
            else:
                boxes.append({"t": "text", "x": cx, "y": round(top + 22, 1), "s": f"data {fmt(data)}", "cls": "small"})
                boxes.append({"t": "text", "x": cx, "y": round(top + 38, 1), "s": f"grad {fmt(grad)}", "cls": grad_cls})
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
        out = []
        if self.learner is None and self.own is not None:
            lo, hi = self.range
            for n in self.sliders:
                out.append({"kind": "range", "id": f"leaf:{n}", "label": n, "min": lo, "max": hi,
                            "step": self.step_size, "value": self.leaves[n], "display": fmt(self.leaves[n], 2)})
        if self.stepper and self.root is not None:
            order, too_big = self._prepare()
            can_step = bool(order) and not too_big and not self._done(order)
            out.append({"kind": "button", "id": "step", "label": "Step backward", "disabled": not can_step})
            if self.run_all:
                out.append({"kind": "button", "id": "all", "label": "Run all", "disabled": not can_step})
            out.append({"kind": "button", "id": "reset", "label": "Reset grads", "disabled": not bool(order)})
        return out

    def __repr__(self):
        root = self.root
        return f"<expression_graph {'empty' if root is None else self._name(root)}>"
