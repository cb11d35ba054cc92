"""Broadcasting, forward and backward: out = A + B for two small arrays of (almost) any shapes.

The picture has three bands:

* shapes, aligned right, one column per axis: a missing axis shows as a dot, an axis
  that gets stretched (a missing one, or a 1 facing a bigger size) is drawn in orange,
  and a clash (two different sizes, neither of them 1) in red;
* the forward add: A's and B's real cells, and the faint copies broadcasting makes of
  a stretched operand, then their sum;
* the backward pass: an upstream gradient G = dL/d(out) with the output's shape, and
  the gradients of A and B, each with its own operand's shape. A stretched operand's
  gradient is G summed over the stretched axes: every copy passed back its share.

Click a cell of A, B or the output (or Tab to it and press Enter) to see which output
cells it feeds and the sum that makes its gradient, numbers filled in.

    ```widget broadcast_add
    id = "bcast"
    a = [3, 4]                  # A's shape (0 to 2 axes, sizes 1 to 4)
    b = [4]                     # B's shape
    edit = ["b"]                # which shapes the learner may type (default both)
    backward = true             # draw the gradient band (default true)
    goal = { text = "...", check = "out == (3, 4) and b_axes == (1,)", solution = { b = [3, 1] } }
    ```

values() for goals: a, b, out (shapes as tuples; out is None when they clash),
ok (1 if they broadcast), a_axes, b_axes (the output axes each gradient sums over,
as a tuple), a_size, b_size (number of entries).
"""

import math
import re

from ..show import MINUS, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag
from ..widgets.controls import Button, Text

CW, CH = 36, 24                 # one cell of a grid
GRID = 4 * CW                   # room for the widest grid (sizes go up to 4)
X = {"a": 20, "b": 20 + GRID + 46, "out": 20 + 2 * (GRID + 46)}
MAX_DIM, MAX_NDIM = 4, 2
# The upstream gradient G = dL/d(out): small integers, some negative, so the sums are worth reading.
G_TABLE = [[1, -2, 3, 0], [2, 1, -1, 2], [-1, 3, 2, 1], [0, 2, -2, 3]]
NAMES = {"a": "A", "b": "B"}
GROWN = ("new", "stretched")


def shape_text(shape):
    """numpy's spelling: (3, 4), (4,), ()."""
    if len(shape) == 1:
        return f"({shape[0]},)"
    return "(" + ", ".join(str(d) for d in shape) + ")"


def parse_shape(value):
    """A shape from a list/tuple of ints or from text like '3, 4', '(4,)', '3x1', '()' or ''."""
    if isinstance(value, str):
        text = value.strip().strip("()[]").strip()
        parts = [p for p in re.split(r"[\s,x\u00d7*]+", text) if p]
        if not all(p.isdigit() for p in parts):
            raise ValueError(f"can't read {value.strip()!r} as a shape: write sizes like 3, 4 or 4 or ()")
        dims = [int(p) for p in parts]
    elif isinstance(value, (list, tuple)):
        if not all(isinstance(d, int) and not isinstance(d, bool) for d in value):
            raise ValueError(f"a shape is a list of whole numbers, not {value!r}")
        dims = list(value)
    else:
        raise ValueError(f"a shape is a list like [3, 4] or text like '3, 4', not {value!r}")
    if len(dims) > MAX_NDIM:
        raise ValueError(f"at most {MAX_NDIM} axes here, and {shape_text(tuple(dims))} has {len(dims)}")
    if not all(1 <= d <= MAX_DIM for d in dims):
        raise ValueError(f"every size must be from 1 to {MAX_DIM} here, so the picture fits")
    return tuple(dims)


def broadcast(sa, sb):
    """(out shape or None, {name: [status per axis]}, clash axis or None), numpy's rule.

    Shapes are aligned at the right. Per axis (counted from the right), each operand is
    'same' (its size is the output's), 'stretched' (size 1, output bigger), 'new' (the
    operand has no such axis), or 'absent' (neither has one); a clash is two different
    sizes, neither of them 1.
    """
    n = max(len(sa), len(sb))
    pa, pb = (None,) * (n - len(sa)) + sa, (None,) * (n - len(sb)) + sb
    out, clash = [], None
    for k, (da, db) in enumerate(zip(pa, pb)):
        x, y = da or 1, db or 1
        if x != y and x != 1 and y != 1:
            clash = k
            out.append(None)
        else:
            out.append(max(x, y))
    status = {}
    for name, padded in (("a", pa), ("b", pb)):
        status[name] = ["clash" if out[k] is None else "new" if d is None else
                        "stretched" if d == 1 and out[k] > 1 else "same" for k, d in enumerate(padded)]
    return (None if clash is not None else tuple(out)), status, clash


def spell(shape):
    """A shape as a learner types it: 3, 4 or 4 or ()."""
    return ", ".join(map(str, shape)) or "()"


def view(shape):
    """A shape as (rows, cols) for drawing: a 1-D array is one row, a scalar one cell."""
    return tuple(shape) if len(shape) == 2 else (1, shape[0]) if shape else (1, 1)


def index_text(shape, i, j):
    return f"[{i}, {j}]" if len(shape) == 2 else f"[{j}]" if shape else ""


@register
class BroadcastAdd(Widget):
    name = "broadcast_add"
    width = 20 + 3 * GRID + 2 * 46 + 20

    def configure(self, config):
        shapes = {}
        for k in ("a", "b"):
            try:
                shapes[k] = parse_shape(config.pop(k, [3, 4] if k == "a" else [4]))
            except ValueError as exc:
                raise ValueError(f"broadcast_add: {k}: {exc}") from None
        edit = config.pop("edit", ["a", "b"])
        if not isinstance(edit, list) or any(e not in ("a", "b") for e in edit):
            raise ValueError("broadcast_add: edit must be a list drawn from 'a' and 'b'")
        self.backward = flag(self.name, "backward", config.pop("backward", True))
        super().configure(config)
        self.fixed = {k: s for k, s in shapes.items() if k not in edit}     # the shapes the learner may not type
        for k in edit:
            self.knobs[k] = Text(k, f"shape of {NAMES[k]}", spell(shapes[k]), parse_shape)
        # Every cell that can exist is a button: a click, or Enter on it, points at it.
        for name in ("a", "b", "out"):
            for i in range(MAX_DIM):
                for j in range(MAX_DIM):
                    self.knobs[f"{name}:{i}:{j}"] = Button(f"{name}:{i}:{j}", "", lambda c=(name, i, j): self._pick(c))
        self._picked = None

    # The arithmetic ---------------------------------------------------------------------
    def shape_of(self, name):
        return self.knobs[name].value if name in self.knobs else self.fixed[name]

    def _rule(self):
        return broadcast(self.shape_of("a"), self.shape_of("b"))

    def entry(self, name, i, j):
        """The operand's value at view position (i, j): A counts 1, 2, 3...; B counts 10, 20, 30..."""
        flat = i * view(self.shape_of(name))[1] + j + 1
        return flat if name == "a" else 10 * flat

    def _source(self, name, i, j):
        """Which cell of operand `name` the output cell (i, j) reads."""
        rows, cols = view(self.shape_of(name))
        return (i if rows > 1 else 0, j if cols > 1 else 0)

    def users(self, name, i0, j0):
        """The output cells (view positions) that read operand cell (i0, j0)."""
        out = self._rule()[0]
        if out is None:
            return []
        R, C = view(out)
        return [(i, j) for i in range(R) for j in range(C) if self._source(name, i, j) == (i0, j0)]

    def grad(self, name, i0, j0):
        return sum(G_TABLE[i][j] for i, j in self.users(name, i0, j0))

    def grad_array(self, name):
        """The operand's gradient as nested lists (or a number), in its own shape."""
        shape = self.shape_of(name)
        rows, cols = view(shape)
        grid = [[self.grad(name, i, j) for j in range(cols)] for i in range(rows)]
        return grid if len(shape) == 2 else grid[0] if shape else grid[0][0]

    def summed_axes(self, name):
        """Output axes (0-based, left to right) over which the operand's gradient is summed."""
        out, status, _ = self._rule()
        return () if out is None else tuple(k for k, s in enumerate(status[name]) if s in GROWN)

    # State -------------------------------------------------------------------------------
    def _pick(self, cell):
        name, i, j = cell
        out = self._rule()[0]
        shape = out if name == "out" else self.shape_of(name)
        if shape is not None and i < view(shape)[0] and j < view(shape)[1]:
            self._picked = cell

    def _shapes(self):
        return self.shape_of("a"), self.shape_of("b")

    @property
    def selected(self):
        """The cell pointed at; until one is, the first cell of a stretched operand, else B's first cell."""
        if self._picked:
            return self._picked
        out, status, _ = self._rule()
        stretched = [n for n in ("b", "a") if out is not None and any(s in GROWN for s in status[n])]
        return (stretched[0] if stretched else "b", 0, 0)

    def values(self):
        out = self._rule()[0]
        sa, sb = self._shapes()
        return {"a": sa, "b": sb, "out": out, "ok": int(out is not None),
                "a_axes": self.summed_axes("a"), "b_axes": self.summed_axes("b"),
                "a_size": math.prod(sa), "b_size": math.prod(sb)}

    def set_values(self, values):
        """Shapes come as lists (a lesson's solution) or tuples (values()); a typed shape's
        box then shows it as a learner would type it."""
        shapes = self._shapes()
        super().set_values({k: (spell(parse_shape(v)) if k in self.knobs else parse_shape(v)) if k in NAMES else v
                            for k, v in values.items()})
        if self._shapes() != shapes:        # new shapes: the cell pointed at may be gone
            self._picked = None

    def handle(self, event):
        shapes = self._shapes()
        super().handle(event)
        if self._shapes() != shapes:
            self._picked = None

    def drag(self, handle, x, y):
        if isinstance(self.knobs.get(handle), Button):
            self.knobs[handle].set(None)

    def __repr__(self):
        out = self._rule()[0]
        a, b = shape_text(self.shape_of("a")), shape_text(self.shape_of("b"))
        return f"<broadcast_add {a} + {b} -> {shape_text(out) if out is not None else 'no broadcast'}>"

    # Drawing ---------------------------------------------------------------------------------
    def _layout(self):
        out = self._rule()[0]
        rows = max(view(out)[0] if out is not None else 1, view(self.shape_of("a"))[0], view(self.shape_of("b"))[0])
        y_forward = 148
        return rows, y_forward, y_forward + rows * CH + 56

    @property
    def height(self):
        rows, y_forward, y_back = self._layout()
        if self._rule()[0] is None or not self.backward:
            return y_forward + rows * CH + 34
        return y_back + rows * CH + 40

    def _shape_band(self, out, status):
        """The shapes, aligned right: one column per axis, counted from the right."""
        rows = [("a", "A", self.shape_of("a")), ("b", "B", self.shape_of("b")), ("out", "A + B", out)]
        n = max(len(self.shape_of("a")), len(self.shape_of("b")))        # 0: two scalars, no axes to draw
        col_x = [150 + (MAX_NDIM - n + k) * 52 for k in range(n)]         # right-aligned columns
        found = [S.text(20, 18, "shapes, aligned right", "small muted", "start")]
        found += [S.text(col_x[k] + 22, 18, f"axis {MINUS}{n - k}", "small muted") for k in range(n)]
        for r, (key, label, shape) in enumerate(rows):
            y = 26 + r * 30
            found.append(S.text(20, y + 16, label, "label", "start"))
            if shape is None:
                found.append(S.text(col_x[0], y + 16, "no shape: the sizes clash", "label bad", "start"))
                continue
            padded = (None,) * (n - len(shape)) + tuple(shape)
            for k, d in enumerate(padded):
                st = "same" if key == "out" else status[key][k]
                text = "\u00b7" if d is None else str(d)
                if st in GROWN and out is not None:
                    text = f"{text}\u2192{out[k]}"
                tcls = "label" if key == "out" else {"clash": "label bad", "new": "label accent2",
                                                     "stretched": "label accent2"}.get(st, "label" if d else "label muted")
                found.append(S.rect(col_x[k], y, 44, 22, "node", rx=4))
                if st != "same":
                    found.append(S.rect(col_x[k] + 1.5, y + 1.5, 41, 19,
                                        f"bracket nofill {'bad' if st == 'clash' else 'accent2'}"))
                found.append(S.text(col_x[k] + 22, y + 16, text, tcls))
            words, cls = shape_text(shape), "muted"
            if key != "out":
                grown = [f"axis {k}" for k, s in enumerate(status[key]) if s in GROWN]
                if "clash" in status[key]:
                    words, cls = words + "   clash", "bad"
                elif grown:
                    words, cls = words + "   copied along " + " and ".join(grown), "accent2"
            found.append(S.text(150 + MAX_NDIM * 52 + 14, y + 16, words, f"small {cls}", "start"))
        return found

    def _rings(self, out):
        """{(grid, i, j): class} for the cells to outline around the selection: the cell
        itself in blue, what it feeds or reads from in orange."""
        if out is None:
            return {}
        name, i0, j0 = self.selected
        if name == "out":
            rings = {("out", i0, j0): "accent", ("g", i0, j0): "accent"}
            for k in ("a", "b"):
                rings[(k, *self._source(k, i0, j0))] = rings[("d" + k, *self._source(k, i0, j0))] = "accent2"
            return rings
        rings = {(name, i0, j0): "accent", ("d" + name, i0, j0): "accent"}
        for i, j in self.users(name, i0, j0):
            rings[("out", i, j)] = rings[("g", i, j)] = rings[("copy" + name, i, j)] = "accent2"
        return rings

    def shapes(self):
        out, status, _ = self._rule()
        rows, yf, yb = self._layout()
        found = self._shape_band(out, status)
        where = {}          # (grid, i, j) -> the cell's corner, for the rings drawn last

        def cell(grid, i, j, x0, y0, text, cls="node", text_cls="label", handle=None, label=""):
            x, y = x0 + j * CW, y0 + i * CH
            where[(grid, i, j)] = (x, y)
            box = S.rect(x, y, CW, CH, cls)
            return [S.handle(box, handle, label, text) if handle else box,
                    S.text(x + CW / 2, y + CH / 2 + 5, text, text_cls)]

        # Forward: A + B = out, with a stretched operand's faint copies filling out its grid
        for key in ("a", "b"):
            shape = self.shape_of(key)
            r, c = view(shape)
            found.append(S.text(X[key], yf - 8, f"{NAMES[key]} {shape_text(shape)}", "small", "start"))
            if out is not None:
                R, C = view(out)
                for i, j in ((i, j) for i in range(R) for j in range(C) if not (i < r and j < c)):
                    found += cell("copy" + key, i, j, X[key], yf, num(self.entry(key, *self._source(key, i, j))),
                                  "muted", "small muted")
            for i in range(r):
                for j in range(c):
                    v = num(self.entry(key, i, j))
                    found += cell(key, i, j, X[key], yf, v, handle=f"{key}:{i}:{j}",
                                  label=f"{NAMES[key]}{index_text(shape, i, j)} = {v}")
        found.append(S.text(X["b"] - 23, yf + 17, "+", "label"))
        found.append(S.text(X["out"] - 23, yf + 17, "=", "label"))
        if out is None:
            return found + [S.text(X["out"], yf + 17, "no sum: shapes clash", "small bad", "start")]
        R, C = view(out)
        found.append(S.text(X["out"], yf - 8, f"A + B {shape_text(out)}", "small", "start"))
        for i in range(R):
            for j in range(C):
                v = num(sum(self.entry(k, *self._source(k, i, j)) for k in ("a", "b")))
                found += cell("out", i, j, X["out"], yf, v, handle=f"out:{i}:{j}", label=f"out{index_text(out, i, j)} = {v}")
        if self.backward:
            found += self._backward(out, rows, yb, cell)
        rings = self._rings(out)
        return found + [S.rect(where[c][0] + 1.5, where[c][1] + 1.5, CW - 3, CH - 3, f"bracket nofill {cls}")
                        for c, cls in rings.items() if c in where]

    def _backward(self, out, rows, yb, cell):
        """G in the output's shape, and each operand's gradient in its own shape."""
        found = [S.line(20, yb - 40, self.width - 20, yb - 40, "grid"),
                 S.text(20, yb - 26, "backward: every cell passes its G back to the cells it read", "small muted", "start")]
        for key in ("a", "b"):
            shape = self.shape_of(key)
            r, c = view(shape)
            found.append(S.text(X[key], yb - 8, f"\u2202L/\u2202{NAMES[key]} {shape_text(shape)}", "small", "start"))
            for i in range(r):
                for j in range(c):
                    found += cell("d" + key, i, j, X[key], yb, num(self.grad(key, i, j)))
            axes = self.summed_axes(key)
            text = ("= G summed over axis " + " and ".join(map(str, axes))) if axes else "= G, cell for cell"
            found.append(S.text(X[key], yb + rows * CH + 18, text, "small accent2" if axes else "small muted", "start"))
        found.append(S.text(X["out"], yb - 8, f"G = \u2202L/\u2202(A + B) {shape_text(out)}", "small", "start"))
        R, C = view(out)
        for i in range(R):
            for j in range(C):
                found += cell("g", i, j, X["out"], yb, num(G_TABLE[i][j]))
        return found

    def _explain(self):
        out = self._rule()[0]
        if out is None:
            return ""
        name, i0, j0 = self.selected
        if name == "out":
            (ai, aj), (bi, bj) = self._source("a", i0, j0), self._source("b", i0, j0)
            a, b = self.entry("a", ai, aj), self.entry("b", bi, bj)
            at, bt = f"A{index_text(self.shape_of('a'), ai, aj)}", f"B{index_text(self.shape_of('b'), bi, bj)}"
            line = f"out{index_text(out, i0, j0)} = {at} + {bt} = {num(a)} + {num(b)} = {num(a + b)}."
            if self.backward:
                line += f" Backward, its G = {num(G_TABLE[i0][j0])} goes to {at} and to {bt} (local derivative 1 for each)."
            return line
        where = f"{NAMES[name]}{index_text(self.shape_of(name), i0, j0)}"
        used = self.users(name, i0, j0)
        cells = ", ".join(f"out{index_text(out, i, j)}" for i, j in used)
        times = "once" if len(used) == 1 else f"{len(used)} times"
        line = f"{where} = {num(self.entry(name, i0, j0))} is used {times}: {cells}."
        if self.backward:
            terms = [G_TABLE[i][j] for i, j in used]
            total = num(sum(terms))
            if len(terms) == 1:
                line += f" So \u2202L/\u2202{where} = G{index_text(out, *used[0])} = {total}."
            else:
                spelled = " + ".join(f"({num(t)})" if t < 0 else num(t) for t in terms)
                line += f" So \u2202L/\u2202{where} = {spelled} = {total}: one share per copy, added."
        return line

    def readouts(self):
        out, status, clash = self._rule()
        a, b = shape_text(self.shape_of("a")), shape_text(self.shape_of("b"))
        found = []
        if out is None:
            n = len(status["a"])
            sizes = [((None,) * (n - len(s)) + s)[clash] for s in self._shapes()]
            found.append({"label": "", "value": f"{a} + {b}: no broadcast. Axis {MINUS}{n - clash} has sizes "
                                                f"{sizes[0]} and {sizes[1]}; neither is 1."})
        else:
            found.append({"label": "", "value": f"{a} + {b} \u2192 {shape_text(out)}"})
            if self.backward:
                for key in ("a", "b"):
                    axes = self.summed_axes(key)
                    if axes:
                        found.append({"label": f"\u2202L/\u2202{NAMES[key]}",
                                      "value": f"G summed over axis {' and '.join(map(str, axes))} "
                                               f"\u2192 shape {shape_text(self.shape_of(key))}"})
            found.append({"label": "", "value": self._explain()})
        found += [{"label": "", "value": f"shape of {NAMES[k]}: {self.knobs[k].error}"}
                  for k in ("a", "b") if k in self.knobs and self.knobs[k].error]
        return found

    def controls(self):
        return [self.knobs[k].control() for k in ("a", "b") if k in self.knobs]
