"""A small expression graph that the learner walks by hand, choosing every next node.

Each statement in `expr` is one operation, so every node has a name:

    ```widget backward_walk
    id = "reuse"
    expr = "c = a*b; d = a + c; L = d*c"     # the last statement is the output
    values = { a = 3, b = 2 }
    rows = { a = 0, b = 1, c = 1, d = 0, L = 0.5 }   # optional: where each node sits
    goal = { text = "...", check = "done == 1", solution = { done = 1 } }
    ```

mode = "backward" (the default): the learner presses Seed (the output's grad
becomes 1), then clicks nodes (or Tabs to one and presses Enter) to *process* them.
Processing a node sends its grad back along each input edge, multiplied by that
edge's local derivative, and adds (+=) the share into the input's grad. Every edge
shows its local derivative; a node used more than once shows how many of its
shares have arrived. With strict = true (the default) a node whose consumers have
not all been processed is refused, and the readout says what would go wrong, with
the numbers. With strict = false the widget lets the mistake happen: the early
node passes on a partial grad, shares that reach it later are stranded, and the
readout lists the grads that came out wrong.

mode = "forward": nodes start without values; clicking a node computes it once all
of its inputs have values. The order the learner picks is a topological order.

values() for goals: done (1 once every operation has been processed, or, forward,
computed), processed (or computed), early (nodes processed before all their
consumers), wrong (nodes whose grad differs from the true derivative), and
grad_<name> for every node. set_values takes done = 1 (a correct walk) or
order = "L d c" (process, or compute, the named nodes in that order).
"""

import math
import re

from ..widgets import register
from ..widgets.base import Widget

NAME = r"[A-Za-z][A-Za-z0-9_]{0,5}"
STATEMENT = re.compile(rf"^\s*({NAME})\s*=\s*({NAME})\s*([+*])\s*({NAME})\s*$")
RESERVED = {"done", "processed", "computed", "early", "wrong", "abs", "round", "min", "max",
            "and", "or", "not", "in", "is", "if", "else", "True", "False", "None"}
BOX_W, BOX_H = 120, 60
GAP = 76            # between one column's boxes and the next
ROW = 86            # vertical pitch of rows
MARGIN = 12
MAX_NODES = 12
MINUS = "\u2212"
TIMES = "\u00d7"
MODES = ("backward", "forward")


def fmt(v):
    """A number the way the picture writes it: 3, −12, 0.25, 1.5; a real minus sign."""
    if v is None:
        return "?"
    v = round(float(v), 4)
    if v == 0:
        v = 0.0
    text = str(int(v)) if v == int(v) else f"{v:.4f}".rstrip("0")
    return text.replace("-", MINUS)


def parse(expr):
    """'c = a*b; L = c + a' -> ([(name, op, left, right)], leaves in first-use order)."""
    if not isinstance(expr, str) or not expr.strip():
        raise ValueError("backward_walk: expr must be statements like \"c = a*b; L = c + a\"")
    ops, defined, leaves = [], set(), []
    for part in [p for p in re.split(r"[;\n]", expr) if p.strip()]:
        m = STATEMENT.match(part)
        if not m:
            raise ValueError(f"backward_walk: each statement is `name = x + y` or `name = x * y` "
                             f"with names for x and y; cannot read {part.strip()!r}")
        name, left, op, right = m.groups()
        if name in defined or name in leaves:
            raise ValueError(f"backward_walk: {name!r} is defined twice; give every node its own name")
        if left == right:
            raise ValueError(f"backward_walk: {part.strip()!r} uses {left} twice in one operation; "
                             f"the picture needs two different inputs")
        for n in (left, right):
            if n not in defined and n not in leaves:
                leaves.append(n)
        ops.append((name, op, left, right))
        defined.add(name)
    for n in list(defined) + leaves:
        if n in RESERVED:
            raise ValueError(f"backward_walk: {n!r} is not a usable name")
    return ops, leaves


@register
class BackwardWalk(Widget):
    name = "backward_walk"

    def configure(self, config):
        expr = config.pop("expr", None)
        values = config.pop("values", None)
        rows = config.pop("rows", None)
        self.mode = config.pop("mode", "backward")
        self.strict = config.pop("strict", True)
        super().configure(config)      # unknown options fail the build

        if self.mode not in MODES:
            raise ValueError(f"backward_walk: mode is \"backward\" or \"forward\", not {self.mode!r}")
        if not isinstance(self.strict, bool):
            raise ValueError("backward_walk: strict must be true or false")
        self.ops, leaves = parse(expr)
        if not isinstance(values, dict):
            raise ValueError("backward_walk: values must be a table giving every input a number, like { a = 3 }")
        missing = [n for n in leaves if n not in values]
        if missing:
            raise ValueError(f"backward_walk: values gives no number for {', '.join(missing)}")
        extra = [n for n in values if n not in leaves]
        if extra:
            raise ValueError(f"backward_walk: values names {', '.join(extra)}, which is not an input of expr")
        for n, v in values.items():
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise ValueError(f"backward_walk: the value of {n} must be a finite number")
        self.leaves = leaves
        self.names = leaves + [op[0] for op in self.ops]
        if len(self.names) > MAX_NODES:
            raise ValueError(f"backward_walk: at most {MAX_NODES} nodes, so the picture stays readable")
        self.root = self.ops[-1][0]
        self.spec = {name: (op, (a, b)) for name, op, a, b in self.ops}
        self.users = {n: [] for n in self.names}
        for name, _, a, b in self.ops:
            self.users[a].append(name)
            self.users[b].append(name)
        unused = [n for n in self.names if n != self.root and not self.users[n]]
        if unused:
            raise ValueError(f"backward_walk: {', '.join(unused)} is computed but never used; "
                             f"the last statement must be the output")

        self.data = {n: float(values[n]) for n in leaves}
        for name, op, a, b in self.ops:
            x, y = self.data[a], self.data[b]
            self.data[name] = x + y if op == "+" else x * y
        self.true = self._true_grads()
        self._place(rows)
        self.reset()

    # Graph facts ------------------------------------------------------------------------
    def local(self, node, inp):
        """d node / d inp: 1 for +, the other factor for *."""
        op, (a, b) = self.spec[node]
        if op == "+":
            return 1.0
        return self.data[b] if inp == a else self.data[a]

    def _true_grads(self):
        grad = {n: 0.0 for n in self.names}
        grad[self.root] = 1.0
        for name, _, a, b in reversed(self.ops):
            for inp in (a, b):
                grad[inp] += self.local(name, inp) * grad[name]
        return grad

    def _place(self, rows):
        col = {n: 0 for n in self.leaves}
        for name, _, a, b in self.ops:
            col[name] = 1 + max(col[a], col[b])
        for n in self.leaves:            # an input sits just left of its first user
            col[n] = min(col[u] for u in self.users[n]) - 1
        self.col = col
        if rows is None:
            row = {}
            for c in sorted(set(col.values())):
                members = [n for n in self.names if col[n] == c]
                for i, n in enumerate(members):
                    row[n] = i - (len(members) - 1) / 2
        else:
            if not isinstance(rows, dict) or set(rows) != set(self.names) or any(
                    isinstance(v, bool) or not isinstance(v, (int, float)) for v in rows.values()):
                raise ValueError(f"backward_walk: rows must give every node ({', '.join(self.names)}) a number")
            row = {n: float(rows[n]) for n in self.names}
        top = min(row.values())
        self.row = {n: r - top for n, r in row.items()}
        ncol = max(col.values()) + 1
        self.width = int(2 * MARGIN + ncol * BOX_W + (ncol - 1) * GAP)
        self.height = int(2 * MARGIN + max(self.row.values()) * ROW + BOX_H)

    def box(self, n):
        """Top-left corner of node n's box."""
        return MARGIN + self.col[n] * (BOX_W + GAP), MARGIN + self.row[n] * ROW

    # State -------------------------------------------------------------------------------
    def reset(self):
        self.seeded = False
        self.grad = {n: 0.0 for n in self.names}
        self.order = []                 # nodes processed (backward) or computed (forward), in order
        self.early = []                 # processed before all their users had been
        self.stranded = {}              # node -> share that arrived after it had passed its grad on
        self.sent = {}                  # (user, input) -> share sent along that edge
        self.history = []
        self.message = ""
        self._last_drag = None

    def _snapshot(self):
        return (self.seeded, dict(self.grad), list(self.order), list(self.early), dict(self.stranded),
                dict(self.sent), self.message)

    def _restore(self, snap):
        (self.seeded, self.grad, self.order, self.early, self.stranded, self.sent, self.message) = snap

    def known(self, n):
        return n in self.data if self.mode == "backward" else (n in self.leaves or n in self.order)

    def arrived(self, n):
        """How many of n's users have sent their share back."""
        return sum(u in self.order for u in self.users[n])

    def status(self, n):
        """'final', 'partial' or 'pending': whether n's grad holds every share it will get."""
        if not self.seeded:
            return "pending"
        if n == self.root:
            return "final"
        got, need = self.arrived(n), len(self.users[n])
        return "final" if got == need else "partial" if got else "pending"

    def done(self):
        if self.mode == "forward":
            return self.root in self.order
        return len(self.order) == len(self.ops)

    def _off(self, n):
        """n's grad is final, and it is wrong: only possible after a node went early."""
        return self.mode == "backward" and self.status(n) == "final" and n in self.wrong()

    def wrong(self):
        return [n for n in self.names if abs(self.grad[n] - self.true[n]) > 1e-9 * max(1.0, abs(self.true[n]))]

    # Actions ------------------------------------------------------------------------------
    def seed(self):
        if self.mode != "backward" or self.seeded:
            return
        self.history.append(self._snapshot())
        self.seeded = True
        self.grad[self.root] = 1.0
        self.message = (f"Seeded {self.root}.grad = 1: nudge {self.root} by a little and it moves by "
                        f"that same little. Now pick the node to process first.")

    def act(self, n):
        """The learner picked node n."""
        if n not in self.names:
            return
        if self.mode == "forward":
            self._compute(n)
        else:
            self._process(n)

    def _compute(self, n):
        if n in self.leaves:
            self.message = f"{n} is an input: its value {fmt(self.data[n])} is given, nothing to compute."
            return
        op, (a, b) = self.spec[n]
        sym = TIMES if op == "*" else "+"
        if n in self.order:
            self.message = f"{n} already has its value, {fmt(self.data[n])}."
            return
        need = [x for x in (a, b) if not self.known(x)]
        if need:
            self.message = (f"Not yet: {n} = {a} {sym} {b} needs {' and '.join(need)}, which "
                            f"{'has' if len(need) == 1 else 'have'} no value yet. Compute "
                            f"{'it' if len(need) == 1 else 'them'} first.")
            return
        self.history.append(self._snapshot())
        self.order.append(n)
        self.message = (f"Computed {n} = {a} {sym} {b} = {fmt(self.data[a])} {sym} {fmt(self.data[b])} "
                        f"= {fmt(self.data[n])}.")

    def _process(self, n):
        if not self.seeded:
            self.message = (f"Every grad is still 0, so there is nothing to pass back yet. "
                            f"Press Seed first: {self.root}.grad = 1.")
            return
        if n in self.leaves:
            got, need = self.arrived(n), len(self.users[n])
            self.message = (f"{n} is an input: nothing feeds it, so it has nothing to pass back. Its grad is "
                            f"final once every node that uses it has been processed ({got} of {need} so far).")
            return
        if n in self.order:
            self.message = (f"{n} has already passed its grad back. Processing it again would add "
                            f"its shares a second time.")
            return
        waiting = [u for u in self.users[n] if u not in self.order]
        if waiting and self.strict:
            self.message = self._refusal(n, waiting)
            return
        self.history.append(self._snapshot())
        self.order.append(n)
        g = self.grad[n]
        parts = []
        for inp in self.spec[n][1]:
            local = self.local(n, inp)
            share = local * g
            self.grad[inp] += share
            self.sent[(n, inp)] = (local, g, share)
            text = f"{inp}.grad += {fmt(local)}\u00b7{fmt(g)} = {fmt(share)}, now {fmt(self.grad[inp])}"
            if inp in self.order:
                self.stranded[inp] = self.stranded.get(inp, 0.0) + share
                text += f" (but {inp} already passed its grad on, so this {fmt(share)} never goes further)"
            parts.append(text)
        head = f"Processed {n}: "
        if waiting:
            self.early.append(n)
            head = (f"Processed {n} early: {' and '.join(waiting)} still had to send {n} a share, so {n} "
                    f"passed on {fmt(g)} instead of its full {fmt(self.true[n])}. ")
        self.message = head + "; ".join(parts) + "."

    def _refusal(self, n, waiting):
        g, full = self.grad[n], self.true[n]
        who = " and ".join(waiting)
        if self.arrived(n) == 0:
            return (f"Not yet: {n}.grad is still 0 because nothing has reached it. {n} is used by {who}; "
                    f"process {'that' if len(waiting) == 1 else 'those'} first.")
        users = " and ".join(self.users[n])
        return (f"Not yet: {n} is used by {users}, and {who} {'has' if len(waiting) == 1 else 'have'} not "
                f"sent {'its' if len(waiting) == 1 else 'their'} share back. {n}.grad is {fmt(g)} so far; "
                f"its full grad is {fmt(full)}. Going now would pass on {fmt(g)} and lose the rest.")

    def undo(self):
        if self.history:
            self._restore(self.history.pop())

    # Widget contract ------------------------------------------------------------------------
    def values(self):
        out = {"done": int(self.done()), "processed" if self.mode == "backward" else "computed": len(self.order)}
        if self.mode == "backward":
            out["early"] = len(self.early)
            out["wrong"] = len(self.wrong()) if self.done() else 0
            out.update({f"grad_{n}": self.grad[n] for n in self.names})
        return out

    def set_values(self, values):
        values = dict(values)
        done, order = values.pop("done", None), values.pop("order", None)
        if values:
            raise KeyError(f"backward_walk sets done and order, not {sorted(values)}")
        if done is not None:
            self.reset()
            if done:
                order = " ".join(name for name, *_ in (self.ops if self.mode == "forward" else reversed(self.ops)))
        if order is not None:
            self.reset()
            self.seed()
            for n in str(order).replace(",", " ").split():
                before = len(self.order)
                self.act(n)
                if len(self.order) == before:
                    raise ValueError(f"backward_walk: {n} was not accepted: {self.message}")

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            self._last_drag = None
            key = event.get("id")
            if key == "seed":
                self.seed()
            elif key == "undo":
                self.undo()
            elif key == "reset":
                self.reset()
            return
        handle = str(event.get("handle", ""))
        if not handle.startswith("n:"):
            return
        if kind == "drag":
            # A click sends one drag; holding and moving sends more for the same node. Act once.
            if handle == self._last_drag:
                return
            self._last_drag = handle
        elif kind == "key":
            if event.get("key") not in ("Enter", " "):
                return
            self._last_drag = None
        else:
            return
        self.act(handle[2:])

    # Picture -------------------------------------------------------------------------------
    def _formula(self, n):
        if n in self.leaves:
            return n
        op, (a, b) = self.spec[n]
        return f"{n} = {a} {TIMES if op == '*' else '+'} {b}"

    def shapes(self):
        edges, labels, boxes = [], [], []
        for name, op, a, b in self.ops:
            bx, by = self.box(name)
            for slot, inp in enumerate((a, b)):
                ix, iy = self.box(inp)
                x1, y1 = ix + BOX_W, iy + BOX_H / 2
                x2, y2 = bx, by + BOX_H / 2 + (slot - 0.5) * 18
                mid = (x1 + x2) / 2
                d = f"M {x1:.1f} {y1:.1f} C {mid:.1f} {y1:.1f} {mid:.1f} {y2:.1f} {x2:.1f} {y2:.1f}"
                if self.mode == "forward":
                    cls = "accent" if name in self.order else "edge"
                    edges.append({"t": "path", "d": d, "cls": cls})
                    continue
                sent = (name, inp) in self.sent
                cls = "edge"
                if sent:
                    cls = "bad" if name in self.early or (inp in self.order and self.order.index(inp)
                                                          < self.order.index(name)) else "accent"
                edges.append({"t": "path", "d": d, "cls": cls})
                # the label sits on the curve's midpoint, just above it
                lx, ly = mid, (y1 + y2) / 2 - 6
                if sent:
                    local, g, share = self.sent[(name, inp)]
                    text = f"{fmt(local)}\u00b7{fmt(g)} = {fmt(share)}"
                    tcls = "small bad" if cls == "bad" else "small accent"
                else:
                    text, tcls = fmt(self.local(name, inp)), "small accent3"
                # a pale pill behind the label keeps the curve from striking through it
                pw = 6.2 * len(text) + 8
                labels.append({"t": "rect", "x": round(lx - pw / 2, 1), "y": round(ly - 11, 1), "w": round(pw, 1),
                               "h": 15, "rx": 7, "cls": "grid"})
                labels.append({"t": "text", "x": round(lx, 1), "y": round(ly, 1), "s": text, "cls": tcls})
        for n in self.names:
            x, y = self.box(n)
            st = self.status(n)
            if self.mode == "forward":
                cls = "good" if self.known(n) and n not in self.leaves else "node"
            elif n in self.early or self._off(n):
                cls = "bad"
            elif n in self.order or (self.seeded and n in self.leaves and st == "final"):
                cls = "good"
            else:
                cls = "node"
            data = self.data[n] if self.known(n) else None
            desc = f"{self._formula(n)}: data {fmt(data)}"
            if self.mode == "backward":
                desc += f", grad {fmt(self.grad[n])} ({st})"
            boxes.append({"t": "rect", "x": x, "y": y, "w": BOX_W, "h": BOX_H, "rx": 6, "cls": cls,
                          "handle": f"n:{n}", "label": desc})
            cx = x + BOX_W / 2
            if self.mode == "forward":
                boxes.append({"t": "text", "x": cx, "y": y + 24, "s": self._formula(n), "cls": "label"})
                boxes.append({"t": "text", "x": cx, "y": y + 44, "s": f"data {fmt(data)}",
                              "cls": "small" if data is not None else "small muted"})
                continue
            boxes.append({"t": "text", "x": cx, "y": y + 18, "s": self._formula(n), "cls": "label"})
            boxes.append({"t": "text", "x": cx, "y": y + 34, "s": f"data {fmt(data)}", "cls": "small"})
            grad = f"grad {fmt(self.grad[n])}"
            uses = len(self.users[n])
            if uses > 1 and self.seeded:
                grad += f" ({self.arrived(n)} of {uses})"
            if n in self.stranded or self._off(n):
                gcls = "small bad"
            else:
                gcls = {"final": "small good", "partial": "small accent2", "pending": "small muted"}[st]
            boxes.append({"t": "text", "x": cx, "y": y + 50, "s": grad, "cls": gcls})
        return edges + labels + boxes

    def readouts(self):
        out = []
        if self.mode == "forward":
            if self.message:
                out.append({"label": "", "value": self.message})
            else:
                out.append({"label": "", "value": "Click a node to compute it (or Tab to it and press Enter)."})
            if self.order:
                out.append({"label": "your order", "value": ", ".join(self.order)})
            if self.done():
                out.append({"label": "", "value": f"Done: {self.root} = {fmt(self.data[self.root])}. Every node "
                            f"came after the nodes it needs."})
            return out
        if not self.seeded:
            out.append({"label": "", "value": f"Press Seed to set {self.root}.grad = 1. Then click the nodes "
                        f"(or Tab to one and press Enter) in the order you choose. Edge numbers are local "
                        f"derivatives."})
        elif self.message:
            out.append({"label": "", "value": self.message})
        if self.order:
            out.append({"label": "your order", "value": ", ".join(self.order)})
        if self.done():
            wrong = self.wrong()
            if not wrong:
                fwd = ", ".join(reversed(self.order))
                out.append({"label": "", "value": f"Done: every grad is final. Read backward, your order is "
                            f"{fwd}: a forward order."})
            else:
                bad = ", ".join(f"{n} ({fmt(self.grad[n])}, should be {fmt(self.true[n])})" for n in wrong)
                out.append({"label": "", "value": f"Done, but {', '.join(self.early)} went early. Wrong grads: "
                            f"{bad}."})
        return out

    def controls(self):
        out = []
        if self.mode == "backward":
            out.append({"kind": "button", "id": "seed", "label": f"Seed {self.root}.grad = 1",
                        "disabled": self.seeded})
        out.append({"kind": "button", "id": "undo", "label": "Undo", "disabled": not self.history})
        out.append({"kind": "button", "id": "reset", "label": "Reset",
                    "disabled": not (self.history or self.seeded)})
        return out

    def __repr__(self):
        return f"<backward_walk {self.mode} {', '.join(self.order) or 'not started'}>"
