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
computed), processed (or computed), order (the nodes picked, like "L d c"), and in
backward mode early (nodes processed before all their consumers), wrong (nodes whose
grad differs from the true derivative) and grad_<name> for every node. set_values
takes done = 1 (a correct walk) or order = "L d c" (pick the named nodes in that order).
"""

from ..expr import ExprError, parse_statements
from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number, one_of
from ..widgets.controls import Button

RESERVED = {"done", "processed", "computed", "order", "early", "wrong"}
BOX_W, BOX_H = 120, 60
GAP = 76            # between one column's boxes and the next
ROW = 86            # vertical pitch of rows
MARGIN = 12
MAX_NODES = 12
TIMES = "\u00d7"


def fmt(v):
    """A node's number as the picture writes it (3, −12, 0.25), or ? before it has one."""
    return "?" if v is None else num(v, 4)


def parse(expr):
    """'c = a*b; L = c + a' -> ([(name, op, left, right)], leaves in first-use order)."""
    try:
        statements = parse_statements(expr, ops={"+", "*"})
    except ExprError as exc:
        raise ValueError(f"backward_walk: cannot read expr {expr!r}: {exc}") from None
    ops, leaves = [], []
    for name, e in statements:
        if name is None or e.op not in ("+", "*") or any(a.op != "var" for a in e.args):
            raise ValueError("backward_walk: each statement is `name = x + y` or `name = x * y` "
                             "with names for x and y, like \"c = a*b\"")
        left, right = (a.name for a in e.args)
        if name in leaves or any(name == o[0] for o in ops):
            raise ValueError(f"backward_walk: {name!r} is defined twice; give every node its own name")
        if left == right:
            raise ValueError(f"backward_walk: {name} = {left} {e.op} {right} uses {left} twice in one operation; "
                             f"the picture needs two different inputs")
        leaves += [n for n in (left, right) if n not in leaves and all(n != o[0] for o in ops)]
        ops.append((name, e.op, left, right))
    for n in [o[0] for o in ops] + leaves:
        if n in RESERVED or len(n) > 6:
            raise ValueError(f"backward_walk: {n!r} is not a usable name (at most 6 letters, not {sorted(RESERVED)})")
    return ops, leaves


@register
class BackwardWalk(Widget):
    name = "backward_walk"

    def configure(self, config):
        expr = config.pop("expr", "p = x*y; q = z + w; L = p*q")
        values = config.pop("values", {"x": 2, "y": -3, "z": 5, "w": -1})
        rows = config.pop("rows", None)
        self.mode = one_of(self.name, "mode", config.pop("mode", "backward"), ("backward", "forward"))
        self.strict = flag(self.name, "strict", config.pop("strict", True))
        super().configure(config)      # unknown options fail the build

        self.ops, leaves = parse(expr)
        if not isinstance(values, dict):
            raise ValueError("backward_walk: values must be a table giving every input a number, like { a = 3 }")
        missing = [n for n in leaves if n not in values]
        if missing:
            raise ValueError(f"backward_walk: values gives no number for {', '.join(missing)}")
        extra = [n for n in values if n not in leaves]
        if extra:
            raise ValueError(f"backward_walk: values names {', '.join(extra)}, which is not an input of expr")
        self.leaves = leaves
        self.names = leaves + [op[0] for op in self.ops]
        if len(self.names) > MAX_NODES:
            raise ValueError(f"backward_walk: at most {MAX_NODES} nodes, so the picture stays readable")
        self.root = self.ops[-1][0]
        self.spec = {name: (op, (a, b)) for name, op, a, b in self.ops}
        self.users = {n: [u for u, _, a, b in self.ops if n in (a, b)] for n in self.names}
        unused = [n for n in self.names if n != self.root and not self.users[n]]
        if unused:
            raise ValueError(f"backward_walk: {', '.join(unused)} is computed but never used; "
                             f"the last statement must be the output")

        self.data = {n: float(number(self.name, f"the value of {n}", values[n])) for n in leaves}
        for name, op, a, b in self.ops:
            x, y = self.data[a], self.data[b]
            self.data[name] = x + y if op == "+" else x * y
        self.true = self._true_grads()
        self._place(rows)
        self.knobs = {f"n:{n}": Button(f"n:{n}", n, lambda n=n: self.act(n)) for n in self.names}
        self.knobs.update(seed=Button("seed", f"Seed {self.root}.grad = 1", self.seed),
                          undo=Button("undo", "Undo", self.undo), reset=Button("reset", "Reset", self.reset))
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
                row.update({n: i - (len(members) - 1) / 2 for i, n in enumerate(members)})
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
        self.sent = {}                  # (user, input) -> (local, grad, share) sent along that edge
        self.history = []
        self.message = ""
        self._held = None

    def _snapshot(self):
        return (self.seeded, dict(self.grad), list(self.order), list(self.early), dict(self.stranded),
                dict(self.sent), self.message)

    def undo(self):
        if self.history:
            (self.seeded, self.grad, self.order, self.early, self.stranded, self.sent,
             self.message) = self.history.pop()

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
            one = len(need) == 1
            self.message = (f"Not yet: {n} = {a} {sym} {b} needs {' and '.join(need)}, which "
                            f"{'has' if one else 'have'} no value yet. Compute {'it' if one else 'them'} first.")
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
        who, one = " and ".join(waiting), len(waiting) == 1
        if self.arrived(n) == 0:
            return (f"Not yet: {n}.grad is still 0 because nothing has reached it. {n} is used by {who}; "
                    f"process {'that' if one else 'those'} first.")
        return (f"Not yet: {n} is used by {' and '.join(self.users[n])}, and {who} {'has' if one else 'have'} not "
                f"sent {'its' if one else 'their'} share back. {n}.grad is {fmt(g)} so far; "
                f"its full grad is {fmt(full)}. Going now would pass on {fmt(g)} and lose the rest.")

    # Widget contract ------------------------------------------------------------------------
    def values(self):
        out = {"done": int(self.done()), "processed" if self.mode == "backward" else "computed": len(self.order),
               "order": " ".join(self.order)}
        if self.mode == "backward":
            out["early"] = len(self.early)
            out["wrong"] = len(self.wrong()) if self.done() else 0
            out.update({f"grad_{n}": self.grad[n] for n in self.names})
        return out

    def set_values(self, values):
        """done = 1 walks a correct order; order = "L d c" picks those nodes (it wins over done).
        Anything else must agree with what the walk computes."""
        values = dict(values)
        done, order = values.pop("done", None), values.pop("order", None)
        if order is None and done:
            order = " ".join(name for name, *_ in (self.ops if self.mode == "forward" else reversed(self.ops)))
        if order is not None:
            self.reset()
            picks = str(order).replace(",", " ").split()
            if picks:
                self.seed()
            for n in picks:
                before = len(self.order)
                if n in self.names:
                    self.act(n)
                if len(self.order) == before:
                    raise ValueError(f"backward_walk: {n} was not accepted: {self.message}")
        elif done is not None:
            self.reset()
        now = self.values()
        for key, v in values.items():
            if key not in now:
                raise KeyError(f"backward_walk sets done and order, not {key!r}")
            if now[key] != v:
                raise ValueError(f"backward_walk: {key} is computed ({now[key]!r}), so it cannot be set to {v!r}")

    def handle(self, event):
        if event.get("type") != "drag":
            self._held = None
        super().handle(event)

    def drag(self, handle, x, y):
        # A click sends one drag; holding and moving sends more for the same node. Act once.
        if handle != self._held and handle in self.knobs:
            self._held = handle
            self.knobs[handle].set(None)

    # Picture -------------------------------------------------------------------------------
    def _formula(self, n):
        if n in self.leaves:
            return n
        op, (a, b) = self.spec[n]
        return f"{n} = {a} {TIMES if op == '*' else '+'} {b}"

    def _edge_cls(self, name, inp):
        if self.mode == "forward":
            return "accent" if name in self.order else "edge"
        if (name, inp) not in self.sent:
            return "edge"
        late = inp in self.order and self.order.index(inp) < self.order.index(name)
        return "bad" if name in self.early or late else "accent"

    def shapes(self):
        edges, labels, boxes = [], [], []
        for name, op, a, b in self.ops:
            bx, by = self.box(name)
            for slot, inp in enumerate((a, b)):
                ix, iy = self.box(inp)
                x1, y1 = ix + BOX_W, iy + BOX_H / 2
                x2, y2 = bx, by + BOX_H / 2 + (slot - 0.5) * 18
                cls = self._edge_cls(name, inp)
                edges.append(S.link([(x1, y1), (x2, y2)], cls))
                if self.mode == "forward":
                    continue
                if (name, inp) in self.sent:
                    local, g, share = self.sent[(name, inp)]
                    text, tcls = f"{fmt(local)}\u00b7{fmt(g)} = {fmt(share)}", f"small {cls}"
                else:
                    text, tcls = fmt(self.local(name, inp)), "small accent3"
                # the label sits just above the curve's midpoint, on a pale pill the curve can't strike through
                lx, ly, pw = (x1 + x2) / 2, (y1 + y2) / 2 - 6, 6.2 * len(text) + 8
                labels += [S.rect(lx - pw / 2, ly - 11, pw, 15, "grid", rx=7), S.text(lx, ly, text, tcls)]
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
            boxes.append(S.handle(S.rect(x, y, BOX_W, BOX_H, cls, rx=6), f"n:{n}", desc))
            cx = x + BOX_W / 2
            if self.mode == "forward":
                boxes += [S.text(cx, y + 24, self._formula(n), "label"),
                          S.text(cx, y + 44, f"data {fmt(data)}", "small" if data is not None else "small muted")]
                continue
            grad = f"grad {fmt(self.grad[n])}"
            uses = len(self.users[n])
            if uses > 1 and self.seeded:
                grad += f" ({self.arrived(n)} of {uses})"
            if n in self.stranded or self._off(n):
                gcls = "small bad"
            else:
                gcls = {"final": "small good", "partial": "small accent2", "pending": "small muted"}[st]
            boxes += [S.text(cx, y + 18, self._formula(n), "label"), S.text(cx, y + 34, f"data {fmt(data)}", "small"),
                      S.text(cx, y + 50, grad, gcls)]
        return edges + labels + boxes

    def readouts(self):
        say = []
        if self.mode == "forward":
            say.append(self.message or "Click a node to compute it (or Tab to it and press Enter).")
        elif not self.seeded:
            say.append(f"Press Seed to set {self.root}.grad = 1. Then click the nodes (or Tab to one and press "
                       f"Enter) in the order you choose. Edge numbers are local derivatives.")
        elif self.message:
            say.append(self.message)
        out = [{"label": "", "value": s} for s in say]
        if self.order:
            out.append({"label": "your order", "value": ", ".join(self.order)})
        if not self.done():
            return out
        wrong = self.wrong() if self.mode == "backward" else []
        if self.mode == "forward":
            end = (f"Done: {self.root} = {fmt(self.data[self.root])}. Every node came after the nodes it needs.")
        elif not wrong:
            end = (f"Done: every grad is final. Read backward, your order is {', '.join(reversed(self.order))}: "
                   f"a forward order.")
        else:
            bad = ", ".join(f"{n} ({fmt(self.grad[n])}, should be {fmt(self.true[n])})" for n in wrong)
            end = f"Done, but {', '.join(self.early)} went early. Wrong grads: {bad}."
        return out + [{"label": "", "value": end}]

    def controls(self):
        k = self.knobs
        out = [{**k["seed"].control(), "disabled": self.seeded}] if self.mode == "backward" else []
        return out + [{**k["undo"].control(), "disabled": not self.history},
                      {**k["reset"].control(), "disabled": not (self.history or self.seeded)}]

    def __repr__(self):
        return f"<backward_walk {self.mode} {', '.join(self.order) or 'not started'}>"
