"""A formula drawn as its computation graph, with a local derivative on every edge.

The learner types a formula (or the lesson fixes one) built from +, *, tanh(),
numbers and names. Every input name becomes one node (a name used twice is one
node with two outgoing edges), every operation becomes one node holding its value,
and the operation itself sits on the edges where they meet: a small circle marked
+, × or tanh. Each edge carries a tag; clicking it (or focusing it and pressing
Enter) reveals that edge's local derivative, the rate at which the node it enters
moves when only that input is nudged, with a numeric nudge to back it up. Sliders
change the inputs and the whole graph re-evaluates at once.

    ```widget formula_graph
    id = "edges"
    expr = "a*b + c"
    values = { a = 2, b = -3, c = 10 }
    goal = { text = "...", check = "picked == 1 and local == -3", solution = { edge = "a -> a×b" } }
    ```

Options:
    expr         the formula shown first, e.g. "tanh(w*x + b)" (required)
    values       a number for inputs by name; any input without one starts at 1
    name         the output node's name (default "L"); the text box is labelled "<name> ="
    editable     true: a text box lets the learner type their own formula (default false)
    sliders      true: a slider for every input (default); false: none
    range        [min, max] of the sliders (default [-5, 5]); step: slider step (default 0.5)
    derivatives  true: edges carry local-derivative tags (default); false: plain edges
    reveal       true: every tag shows its number from the start (default false: on click);
                 a button toggles this either way

values() for goals: ok (1 if the typed text is a formula the widget drew), nodes,
edges, inputs, ops, n_add, n_mul, n_tanh, reused (nodes with two or more outgoing
edges), out (the output's value), every input's value under its name, picked (1 when
an edge is selected), local (that edge's local derivative, else 0), edge (its name,
like "a -> a×b", else ""), local_tanh (the local derivative on the edge into the first
tanh, else 0). set_values takes expr, input names, and edge (a name, or "" for none).
"""

import math
import re

from ..expr import APPLY, FUNCTIONS, ExprError
from ..expr import parse as parse_expr
from ..show import MINUS, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number
from ..widgets.controls import Button, Slider, Text, Toggle
from .graph_layout import Layout

BOX_W, BOX_H = 84, 44       # a value node
GAP = 136                   # between columns of boxes; edges, their tags and op circles live here
ROW = BOX_H + 22            # vertical pitch of boxes in one column
OP_R = 15                   # op circle radius
OP_SHIFT = 28               # op circle centre sits this far left of its node's box
TAG_W, TAG_H = 46, 17       # an edge's derivative tag
MARGIN = 12
MAX_NODES = 20
MAX_TEXT = 60
NUDGE = 0.001
TIMES = "\u00d7"
NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{0,7}$")
RESERVED = {"ok", "nodes", "edges", "inputs", "ops", "n_add", "n_mul", "n_tanh", "reused", "out",
            "picked", "local", "edge", "local_tanh", "expr", "tanh", "abs", "round", "min", "max",
            "and", "or", "not", "in", "is", "if", "else", "True", "False", "None", "lambda"}
SYMBOL = {"+": "+", "*": TIMES, "tanh": "tanh"}
OPS = set(SYMBOL)


def fmt(v):
    """A number as the picture shows it: at most 3 decimals, trailing zeros dropped, a real minus."""
    return num(v, 3)


class Node:
    __slots__ = ("op", "name", "kids", "value")

    def __init__(self, op, name="", kids=()):
        self.op = op            # "input", "const", "+", "*", "tanh"
        self.name = name        # an input's name or a constant's text; set later for op nodes
        self.kids = list(kids)  # indices of the nodes this one reads
        self.value = 0.0


def parse(text):
    """Formula text -> nodes in creation order (every node after the nodes it reads); a name
    used twice is one node."""
    if isinstance(text, str) and len(text) > MAX_TEXT:
        raise ExprError(f"keep it under {MAX_TEXT} characters")
    nodes, names = [], {}

    def add(node):
        nodes.append(node)
        if len(nodes) > MAX_NODES:
            raise ExprError(f"that makes more than {MAX_NODES} nodes; this picture is for short formulas")
        return len(nodes) - 1

    def walk(e):
        if e.op == "var":
            if not NAME.match(e.name) or e.name in RESERVED:
                raise ExprError(f"{e.name!r} can't be an input's name here; try a short name like x or w1")
            if e.name not in names:
                names[e.name] = add(Node("input", e.name))
            return names[e.name]
        if e.op == "num":
            node = Node("const", fmt(e.value))
            node.value = e.value
            return add(node)
        return add(Node(e.op, kids=[walk(a) for a in e.args]))

    walk(parse_expr(text, ops=OPS))
    if nodes[-1].op in ("input", "const"):
        raise ExprError("add an operation: a lone name or number has no edges to draw")
    return nodes


def _formula(nodes, i, top):
    """Short text for an op node in terms of its inputs' names, like 'a×b' or 'tanh(n1)'."""
    node = nodes[i]
    names = [nodes[k].name for k in node.kids]
    if node.op == "tanh":
        return f"tanh({names[0]})"
    if node.op == "*":
        names = [f"({n})" if nodes[k].op == "+" and not top.get(k) else n for n, k in zip(names, node.kids)]
    return (TIMES if node.op == "*" else "+").join(names)


def name_nodes(nodes, output):
    """Give every op node a display name: its short formula, or n1, n2, ... when that runs long."""
    fallback = 0
    plain = {}
    taken = {n.name for n in nodes if n.op == "input"}
    for i, node in enumerate(nodes):
        if node.op in ("input", "const"):
            continue
        if i == len(nodes) - 1:
            node.name = output
            continue
        text = _formula(nodes, i, plain)
        if len(text) > 9:
            fallback += 1
            while f"n{fallback}" in taken:
                fallback += 1
            text = f"n{fallback}"
            plain[i] = True
        node.name = text


def apply(op, args):
    """One operation of the course parser on plain numbers."""
    return (APPLY.get(op) or FUNCTIONS[op])(*args)


def evaluate(nodes, leaves):
    for node in nodes:
        if node.op == "input":
            node.value = leaves[node.name]
        elif node.kids:
            node.value = apply(node.op, [nodes[k].value for k in node.kids])
    if not all(math.isfinite(n.value) for n in nodes):
        raise ExprError("a value overflowed; use smaller numbers")


def local_derivative(nodes, parent, slot):
    """d(parent) / d(its input in position slot), holding its other input fixed."""
    node = nodes[parent]
    if node.op == "+":
        return 1.0
    if node.op == "*":
        return nodes[node.kids[1 - slot]].value
    return 1.0 - node.value ** 2


@register
class FormulaGraph(Widget):
    name = "formula_graph"
    width, height = 600, 160

    def configure(self, config):
        expr = config.pop("expr", "a*b + c")
        values = config.pop("values", {})
        self.output = config.pop("name", "L")
        editable = flag(self.name, "editable", config.pop("editable", False))
        self.sliders = flag(self.name, "sliders", config.pop("sliders", True))
        self.range = config.pop("range", [-5, 5])
        self.step_size = config.pop("step", 0.5)
        self.derivatives = flag(self.name, "derivatives", config.pop("derivatives", True))
        reveal = flag(self.name, "reveal", config.pop("reveal", False))
        super().configure(config)   # unknown options fail the build

        if not (isinstance(self.output, str) and NAME.match(self.output) and self.output not in RESERVED):
            raise ValueError("formula_graph: name must be a short name like \"L\"")
        if not (isinstance(self.range, list) and len(self.range) == 2
                and all(isinstance(r, (int, float)) and not isinstance(r, bool) for r in self.range)
                and self.range[0] < self.range[1]):
            raise ValueError("formula_graph: range must be [min, max] with min < max")
        number(self.name, "step", self.step_size, 1e-9)
        if not isinstance(values, dict):
            raise ValueError("formula_graph: values must be a table like { a = 2, b = -3 }")
        for n, v in values.items():
            number(self.name, f"the value of {n}", v, *self.range)
        try:
            nodes = self._check(parse(expr))
        except ExprError as exc:
            raise ValueError(f"formula_graph: cannot draw expr {expr!r}: {exc}") from None
        unused = sorted(set(values) - {n.name for n in nodes if n.op == "input"})
        if unused:
            raise ValueError(f"formula_graph: values names {', '.join(unused)}, which expr never uses")
        self.leaves = {n: float(v) for n, v in values.items()}
        self.drawn = expr
        self.editable = editable
        self.selected = None        # ("n", node index) or ("e", edge index)
        self.knobs = {"expr": Text("expr", f"{self.output} =", expr, self._check_text),
                      "reveal": Toggle("reveal", "Show every local derivative", "Hide local derivatives", reveal)}
        self._load(nodes)

    # State --------------------------------------------------------------------------------
    def _check(self, nodes):
        if any(n.op == "input" and n.name == self.output for n in nodes):
            raise ExprError(f"{self.output} is the output's name; use another name for an input")
        return nodes

    def _check_text(self, text):
        return self._check(parse(text))

    @property
    def reveal(self):
        return self.knobs["reveal"].value

    @property
    def error(self):
        return self.knobs["expr"].error

    def _load(self, nodes):
        """Make `nodes` the drawn graph: name them, give new inputs a value, evaluate, lay out,
        and make a knob for every slider and every clickable node and edge."""
        for n in nodes:
            if n.op == "input" and n.name not in self.leaves:
                self.leaves[n.name] = 1.0
        name_nodes(nodes, self.output)
        evaluate(nodes, self.leaves)
        self.nodes = nodes
        self.edge_list = [(k, i, slot) for i, n in enumerate(nodes) for slot, k in enumerate(n.kids)]
        keep = {k: self.knobs[k] for k in ("expr", "reveal")}
        lo, hi = self.range
        self.knobs = {f"leaf:{n}": Slider(f"leaf:{n}", n, lo, hi, self.step_size, self.leaves[n], fmt=fmt)
                      for n in self._inputs()} if self.sliders else {}
        self.knobs.update(keep)
        for i in range(len(nodes)):
            self.knobs[f"n{i}"] = Button(f"n{i}", "", lambda i=i: self._select("n", i))
        for k in range(len(self.edge_list) if self.derivatives else 0):
            self.knobs[f"e{k}"] = Button(f"e{k}", "", lambda k=k: self._select("e", k))
        self._layout()

    def _select(self, kind, i):
        self.selected = (kind, i)

    def edge_name(self, k):
        child, parent, _ = self.edge_list[k]
        return f"{self.nodes[child].name} -> {self.nodes[parent].name}"

    def _inputs(self):
        return [n.name for n in self.nodes if n.op == "input"]

    # Events -------------------------------------------------------------------------------
    def handle(self, event):
        if event.get("id") == "expr" and not self.editable:
            return
        text = self.knobs["expr"]
        before = text.value
        super().handle(event)
        if text.value is not before:                 # a new formula that parsed: draw it
            self.drawn, self.selected = text.text, None
            self._load(text.value)
        for name in self._inputs():
            if f"leaf:{name}" in self.knobs:
                self.leaves[name] = float(self.knobs[f"leaf:{name}"].value)
        evaluate(self.nodes, self.leaves)

    def drag(self, handle, x, y):
        if handle in self.knobs:
            self.knobs[handle].set(None)

    # Goals --------------------------------------------------------------------------------
    def values(self):
        nodes = self.nodes
        out_degree = [0] * len(nodes)
        for child, _, _ in self.edge_list:
            out_degree[child] += 1
        ops = [n.op for n in nodes]
        picked = self.selected is not None and self.selected[0] == "e"
        edge = self.edge_list[self.selected[1]] if picked else None
        tanh_at = next((i for i, n in enumerate(nodes) if n.op == "tanh"), None)
        out = {
            "ok": int(not self.error), "expr": self.drawn, "nodes": len(nodes), "edges": len(self.edge_list),
            "inputs": ops.count("input"), "ops": len(nodes) - ops.count("input") - ops.count("const"),
            "n_add": ops.count("+"), "n_mul": ops.count("*"), "n_tanh": ops.count("tanh"),
            "reused": sum(d >= 2 for d in out_degree), "out": nodes[-1].value,
            "picked": int(picked),
            "local": local_derivative(nodes, edge[1], edge[2]) if picked else 0.0,
            "edge": self.edge_name(self.selected[1]) if picked else "",
            "local_tanh": local_derivative(nodes, tanh_at, 0) if tanh_at is not None else 0.0,
        }
        for name in self._inputs():
            out[name] = self.leaves[name]
        return out

    def set_values(self, values):
        """expr first (it decides which inputs exist), then the inputs, then edge (a name, or
        "" for none); anything else must agree with what the widget computes."""
        values = dict(values)
        if "expr" in values:
            text = values.pop("expr")
            if text != self.drawn:
                editable, self.editable = self.editable, True
                self.handle({"type": "input", "id": "expr", "value": text})
                self.editable = editable
                if self.error:
                    raise ValueError(f"formula_graph cannot draw {text!r}: {self.error}")
        edge = values.pop("edge", None)
        for name in [n for n in values if n in self._inputs()]:
            self.leaves[name] = float(values.pop(name))
            if f"leaf:{name}" in self.knobs:
                self.knobs[f"leaf:{name}"].set(self.leaves[name])
                self.leaves[name] = float(self.knobs[f"leaf:{name}"].value)
        evaluate(self.nodes, self.leaves)
        if edge is not None:
            names = [self.edge_name(k) for k in range(len(self.edge_list))]
            if edge and edge not in names:
                raise KeyError(f"formula_graph has no edge {edge!r}; its edges are {names}")
            self.selected = ("e", names.index(edge)) if edge else None
        now = self.values()
        for key, v in values.items():
            if key not in now:
                raise KeyError(f"formula_graph cannot set {key!r}; it sets expr, edge and the inputs "
                               f"{self._inputs()}")
            if now[key] != v:
                raise ValueError(f"formula_graph: {key} is computed ({now[key]!r}), so it cannot be set to {v!r}")

    # Layout -------------------------------------------------------------------------------
    def _layout(self):
        self.grid = Layout([n.kids for n in self.nodes], BOX_W, BOX_H, GAP, ROW, TAG_H, MARGIN)
        self.grid.shift(MARGIN)
        self._place_tags()
        high = min(ty - TAG_H / 2 for _, ty in self.tags)
        if high < MARGIN / 2:          # a bowed edge's tag pokes out at the top: move everything down
            self.grid.shift(MARGIN / 2 - high)
            self._place_tags()
        bottom = max([self.grid.height] + [ty + TAG_H / 2 for _, ty in self.tags])
        self.width = max(int(self.grid.right + MARGIN), 360)
        self.height = int(bottom + MARGIN)

    def _edge_geometry(self, k):
        """(edge k as a shapes.link: its points and bow, the cubic its tag rides on as four points)."""
        child, parent, slot = self.edge_list[k]
        kids = self.nodes[parent].kids
        x2 = self.grid.x(self.grid.col[parent]) - OP_SHIFT - OP_R
        y2 = self.grid.y[parent] + ((slot - (len(kids) - 1) / 2) * 12 if len(kids) > 1 else 0)
        bow = 0.0
        if len(kids) == 2 and kids[0] == kids[1]:       # x*x: two edges between the same ends
            bow = -34.0 if slot == 0 else 34.0
        points = self.grid.route(child, parent, (x2, y2))
        (xa, ya), (xb, yb) = points[-2:]               # the tag rides on the last bend
        mid = (xa + xb) / 2
        return (points, bow), ((xa, ya), (mid, ya + bow), (mid, yb + bow), (xb, yb))

    def _place_tags(self):
        """Each edge's path and a spot for its tag on it, clear of boxes, op circles and earlier tags."""
        taken = []
        for i, n in enumerate(self.nodes):
            x, y = self.grid.x(self.grid.col[i]), self.grid.y[i]
            taken.append((x, y - BOX_H / 2, x + BOX_W, y + BOX_H / 2))
            if n.kids:
                ox = x - OP_SHIFT
                taken.append((ox - OP_R, y - OP_R, ox + OP_R, y + OP_R))
        self.paths, self.tags = [], []
        for k in range(len(self.edge_list)):
            d, (p0, p1, p2, p3) = self._edge_geometry(k)
            spots = []
            for t in (0.5, 0.4, 0.6, 0.3, 0.7, 0.22, 0.78):
                u = 1 - t
                spots.append(tuple(u ** 3 * a + 3 * u * u * t * b + 3 * u * t * t * c + t ** 3 * e
                                   for a, b, c, e in zip(p0, p1, p2, p3)))

            def overlap(spot):
                x0, y0 = spot[0] - TAG_W / 2 - 2, spot[1] - TAG_H / 2 - 2
                x1, y1 = spot[0] + TAG_W / 2 + 2, spot[1] + TAG_H / 2 + 2
                return sum(max(0.0, min(x1, b) - max(x0, a)) * max(0.0, min(y1, e) - max(y0, c))
                           for a, c, b, e in taken)
            tx, ty = min(spots, key=overlap)     # the first clear spot, else the least crowded
            taken.append((tx - TAG_W / 2, ty - TAG_H / 2, tx + TAG_W / 2, ty + TAG_H / 2))
            self.paths.append(d)
            self.tags.append((tx, ty))

    # The scene ----------------------------------------------------------------------------
    def shapes(self):
        nodes, sel = self.nodes, self.selected
        edges, tags, ops, boxes = [], [], [], []
        for k, (child, parent, slot) in enumerate(self.edge_list):
            (points, bow), (tx, ty) = self.paths[k], self.tags[k]
            chosen = sel == ("e", k)
            edges.append(S.link(points, "accent" if chosen else "edge", bow))
            if not self.derivatives:
                continue
            shown = self.reveal or chosen
            local = fmt(local_derivative(nodes, parent, slot))
            label = f"edge from {nodes[child].name} into {nodes[parent].name}" + (
                f", local derivative {local}" if shown else ", press Enter to read its local derivative")
            tag = S.rect(tx - TAG_W / 2, ty - TAG_H / 2, TAG_W, TAG_H, ("node" if shown else "op")
                         + (" selected" if chosen else ""), rx=8)
            tags += [S.handle(tag, f"e{k}", label),
                     S.text(tx, ty + 4, local if shown else "\u2202 ?", "small accent" if shown else "small muted")]
        for i, n in enumerate(nodes):
            x, y = self.grid.x(self.grid.col[i]), self.grid.y[i]
            if n.kids:
                ox, symbol = x - OP_SHIFT, SYMBOL[n.op]
                ops += [S.line(ox + OP_R, y, x, y, "edge"), S.circle(ox, y, OP_R, "op"),
                        S.text(ox, y + (4 if len(symbol) > 1 else 5), symbol, "small" if len(symbol) > 1 else "label")]
            top = y - BOX_H / 2
            box = S.rect(x, top, BOX_W, BOX_H, "node" + (" selected" if sel == ("n", i) else ""), rx=6)
            name_cls = ("label" if len(n.name) <= 6 else "small") + (" muted" if n.op == "const" else "")
            boxes += [S.handle(box, f"n{i}", f"node {n.name}, value {fmt(n.value)}"),
                      S.text(x + BOX_W / 2, top + 18, n.name, name_cls),
                      S.text(x + BOX_W / 2, top + 35, fmt(n.value), "small accent")]
        return edges + ops + tags + boxes

    def _explain_node(self, i):
        n, nodes = self.nodes[i], self.nodes
        if n.op == "input":
            uses = sum(1 for c, _, _ in self.edge_list if c == i)
            how = "its slider sets it" if self.sliders else "the lesson sets it"
            return (f"{n.name} is an input: it holds {fmt(n.value)} ({how}) and feeds "
                    f"{uses} edge{'s' if uses != 1 else ''}.")
        if n.op == "const":
            return f"{n.name} is a constant: a fixed number, so it has no slider."
        args = [nodes[k] for k in n.kids]
        if n.op == "tanh":
            calc = f"tanh({fmt(args[0].value)}) = {fmt(n.value)}"
            formula = f"tanh({args[0].name})"
        else:
            sym = f" {SYMBOL[n.op]} "
            calc = sym.join(fmt(a.value) for a in args) + f" = {fmt(n.value)}"
            formula = sym.join(a.name for a in args)
        head = f"{n.name} = {formula}" if n.name != formula.replace(" ", "") else n.name
        return f"{head} = {calc}. It reads its input{'s' if len(args) > 1 else ''} from the left."

    def _explain_edge(self, k):
        child, parent, slot = self.edge_list[k]
        nodes = self.nodes
        c, p = nodes[child], nodes[parent]
        local = local_derivative(nodes, parent, slot)
        if p.op == "+":
            rule = "a sum passes any nudge through unchanged, so it is 1"
        elif p.op == "*":
            other = nodes[p.kids[1 - slot]]
            rule = f"for a product it is the other factor, {other.name} = {fmt(other.value)}"
        else:
            rule = f"for tanh it is 1 {MINUS} (its output)\u00b2 = 1 {MINUS} {fmt(p.value)}\u00b2 = {fmt(local)}"
        args = [nodes[j].value for j in p.kids]
        bumped = list(args)
        bumped[slot] += NUDGE
        if len(p.kids) == 2 and p.kids[0] == p.kids[1]:
            note = f" (Nudging {c.name} itself would move both of its edges into {p.name} at once.)"
        else:
            note = ""
        change = apply(p.op, bumped) - apply(p.op, args)
        top, low = (f"({x.name})" if any(ch in x.name for ch in f"+{TIMES}") else x.name for x in (p, c))
        return (f"Edge {c.name} \u2192 {p.name}: local derivative \u2202{top}/\u2202{low} = {fmt(local)}; "
                f"{rule}. Check it: nudge this input by {NUDGE} and {p.name} moves by "
                f"{change:+.6f}".replace("-", MINUS) + f", which is {fmt(change / NUDGE)} \u00d7 the nudge.{note}")

    def readouts(self):
        out = [{"label": self.output, "value": fmt(self.nodes[-1].value)}]
        if self.error:
            out.append({"label": "", "value": f"Can't draw that yet: {self.error}. Still showing the last formula "
                                              f"that worked."})
        counts = self.values()
        out.append({"label": "", "value": f"{counts['nodes']} nodes ({counts['inputs']} inputs), "
                                          f"{counts['edges']} edges"})
        if self.selected is None:
            hint = "Click a node (or Tab to it and press Enter) to see how its value was computed."
            if self.derivatives:
                hint = hint[:-1] + "; click an edge's \u2202 tag to read its local derivative."
            out.append({"label": "", "value": hint})
        elif self.selected[0] == "n":
            out.append({"label": "", "value": self._explain_node(self.selected[1])})
        else:
            out.append({"label": "", "value": self._explain_edge(self.selected[1])})
        return out

    def controls(self):
        k = self.knobs
        out = [k["expr"].control()] if self.editable else []
        out += [k[f"leaf:{name}"].control() for name in self._inputs()] if self.sliders else []
        return out + ([k["reveal"].control()] if self.derivatives else [])

    def __repr__(self):
        return f"<formula_graph {self.output} = {self.drawn}>"
