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

import re

from ..widgets import register
from ..widgets.base import Widget

MINUS = "\u2212"
CW, CH = 36, 24                 # one cell of a grid
GRID = 4 * CW                   # room for the widest grid (sizes go up to 4)
X = {"a": 20, "b": 20 + GRID + 46, "out": 20 + 2 * (GRID + 46)}
MAX_DIM, MAX_NDIM = 4, 2
# The upstream gradient G = dL/d(out): small integers, some negative, so the sums are worth reading.
G_TABLE = [[1, -2, 3, 0], [2, 1, -1, 2], [-1, 3, 2, 1], [0, 2, -2, 3]]
NAMES = {"a": "A", "b": "B"}


def num(v):
    """An integer the way a person writes it, with a real minus sign."""
    return str(v).replace("-", MINUS)


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
        row = []
        for k, d in enumerate(padded):
            if out[k] is None:
                row.append("clash")
            elif d is None:
                row.append("new")
            elif d == 1 and out[k] > 1:
                row.append("stretched")
            else:
                row.append("same")
        status[name] = row
    return (None if clash is not None else tuple(out)), status, clash


def view(shape):
    """A shape as (rows, cols) for drawing: a 1-D array is one row, a scalar one cell."""
    if len(shape) == 2:
        return shape
    if len(shape) == 1:
        return (1, shape[0])
    return (1, 1)


def index_text(shape, i, j):
    if len(shape) == 2:
        return f"[{i}, {j}]"
    if len(shape) == 1:
        return f"[{j}]"
    return ""


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
        backward = config.pop("backward", True)
        if not isinstance(backward, bool):
            raise ValueError("broadcast_add: backward must be true or false")
        super().configure(config)
        self.edit, self.backward = list(edit), backward
        self.start = dict(shapes)
        self.shape_of = dict(shapes)
        self.text = {k: self._spell(v) for k, v in shapes.items()}
        self.error = ""
        self.selected = self._default_selection()

    @staticmethod
    def _spell(shape):
        return ", ".join(str(d) for d in shape) if shape else "()"

    # The arithmetic ---------------------------------------------------------------------
    def _rule(self):
        return broadcast(self.shape_of["a"], self.shape_of["b"])

    def entry(self, name, i, j):
        """The operand's value at view position (i, j): A counts 1, 2, 3...; B counts 10, 20, 30..."""
        rows, cols = view(self.shape_of[name])
        flat = i * cols + j
        return flat + 1 if name == "a" else 10 * (flat + 1)

    def upstream(self, i, j):
        return G_TABLE[i][j]

    def _source(self, name, i, j):
        """Which cell of operand `name` the output cell (i, j) reads."""
        rows, cols = view(self.shape_of[name])
        return (i if rows > 1 else 0, j if cols > 1 else 0)

    def users(self, name, i0, j0):
        """The output cells (view positions) that read operand cell (i0, j0)."""
        out, _, _ = self._rule()
        if out is None:
            return []
        R, C = view(out)
        return [(i, j) for i in range(R) for j in range(C) if self._source(name, i, j) == (i0, j0)]

    def grad(self, name, i0, j0):
        return sum(self.upstream(i, j) for i, j in self.users(name, i0, j0))

    def grad_array(self, name):
        """The operand's gradient as nested lists (or a number), in its own shape."""
        shape = self.shape_of[name]
        rows, cols = view(shape)
        if len(shape) == 2:
            return [[self.grad(name, i, j) for j in range(cols)] for i in range(rows)]
        if len(shape) == 1:
            return [self.grad(name, 0, j) for j in range(cols)]
        return self.grad(name, 0, 0)

    def summed_axes(self, name):
        """Output axes (0-based, left to right) over which the operand's gradient is summed."""
        out, status, _ = self._rule()
        if out is None:
            return ()
        return tuple(k for k, s in enumerate(status[name]) if s in ("new", "stretched"))

    # State -------------------------------------------------------------------------------
    def _default_selection(self):
        """Start by pointing at the first cell of a stretched operand, else at B's first cell."""
        out, status, _ = self._rule()
        if out is not None:
            for name in ("b", "a"):
                if any(s in ("new", "stretched") for s in status[name]):
                    return (name, 0, 0)
        return ("b", 0, 0)

    def values(self):
        out, _, _ = self._rule()
        size = {k: 1 for k in ("a", "b")}
        for k in size:
            for d in self.shape_of[k]:
                size[k] *= d
        return {"a": self.shape_of["a"], "b": self.shape_of["b"], "out": out, "ok": int(out is not None),
                "a_axes": self.summed_axes("a"), "b_axes": self.summed_axes("b"),
                "a_size": size["a"], "b_size": size["b"]}

    def set_values(self, values):
        for key, value in dict(values).items():
            if key not in ("a", "b"):
                raise KeyError(f"broadcast_add sets the shapes a and b, not {key!r}")
            self._set_shape(key, parse_shape(value))

    def _set_shape(self, key, shape):
        self.shape_of[key] = shape
        self.text[key] = self._spell(shape)
        self.error = ""
        self.selected = self._default_selection()

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            cid = str(event.get("id", ""))
            key = cid[6:] if cid.startswith("shape:") else None
            if key not in self.edit:
                return
            typed = str(event.get("value", ""))
            try:
                shape = parse_shape(typed)
            except ValueError as exc:
                self.text[key] = typed
                self.error = f"shape of {NAMES[key]}: {exc}"
                return
            self.shape_of[key] = shape
            self.text[key] = typed
            self.error = ""
            self.selected = self._default_selection()
        elif kind in ("drag", "key"):
            if kind == "key" and event.get("key") not in ("Enter", " "):
                return
            parts = str(event.get("handle", "")).split(":")
            if len(parts) != 3 or parts[0] not in ("a", "b", "out") or not (parts[1].isdigit() and parts[2].isdigit()):
                return
            name, i, j = parts[0], int(parts[1]), int(parts[2])
            out, _, _ = self._rule()
            if name == "out" and out is None:
                return
            rows, cols = view(out if name == "out" else self.shape_of[name])
            if i < rows and j < cols:
                self.selected = (name, i, j)

    def reset(self):
        for k in ("a", "b"):
            self._set_shape(k, self.start[k])

    def __repr__(self):
        out, _, _ = self._rule()
        a, b = shape_text(self.shape_of["a"]), shape_text(self.shape_of["b"])
        return f"<broadcast_add {a} + {b} -> {shape_text(out) if out is not None else 'no broadcast'}>"

    # Drawing ---------------------------------------------------------------------------------
    def _layout(self):
        out, _, _ = self._rule()
        rows = max(view(out)[0] if out is not None else 1, view(self.shape_of["a"])[0], view(self.shape_of["b"])[0])
        y_forward = 148
        y_back = y_forward + rows * CH + 56
        return rows, y_forward, y_back

    @property
    def height(self):
        out, _, _ = self._rule()
        rows, y_forward, y_back = self._layout()
        if out is None or not self.backward:
            return y_forward + rows * CH + 34
        return y_back + rows * CH + 40

    def _cell(self, x, y, text, cls="node", text_cls="label", handle=None, label=None):
        shape = {"t": "rect", "x": x, "y": y, "w": CW, "h": CH, "cls": cls}
        if handle:
            shape.update(handle=handle, label=label or handle)
        return [shape, {"t": "text", "x": x + CW / 2, "y": y + CH / 2 + 5, "s": text, "cls": text_cls}]

    @staticmethod
    def _ring(x, y, cls):
        """An outline drawn over a cell (a path, so it never fills)."""
        return {"t": "path", "d": f"M {x + 1.5} {y + 1.5} h {CW - 3} v {CH - 3} h {-(CW - 3)} Z", "cls": f"bracket {cls}"}

    def _shape_band(self, out, status, clash):
        """The shapes, aligned right: one column per axis, counted from the right."""
        shapes = [("a", "A", self.shape_of["a"]), ("b", "B", self.shape_of["b"]), ("out", "A + B", out)]
        n = max(len(self.shape_of["a"]), len(self.shape_of["b"]))      # 0: two scalars, no axes to draw
        col_x = {k: 150 + (MAX_NDIM - n + k) * 52 for k in range(n)}     # right-aligned columns
        found = [{"t": "text", "x": 20, "y": 18, "s": "shapes, aligned right", "anchor": "start", "cls": "small muted"}]
        for k in range(n):
            found.append({"t": "text", "x": col_x[k] + 22, "y": 18, "s": f"axis {MINUS}{n - k}", "cls": "small muted"})
        for r, (key, label, shape) in enumerate(shapes):
            y = 26 + r * 30
            found.append({"t": "text", "x": 20, "y": y + 16, "s": label, "anchor": "start", "cls": "label"})
            if key == "out" and shape is None:
                found.append({"t": "text", "x": col_x[0], "y": y + 16, "s": "no shape: the sizes clash",
                              "anchor": "start", "cls": "label bad"})
                continue
            padded = (None,) * (n - len(shape)) + tuple(shape)
            for k, d in enumerate(padded):
                x = col_x[k]
                st = status[key][k] if key in status else "same"
                if key == "out":
                    cls, tcls, text = "node", "label", "\u00b7" if d is None else str(d)
                elif st == "clash":
                    cls, tcls, text = "node", "label bad", str(d) if d else "\u00b7"
                elif st == "new":
                    cls, tcls, text = "node", "label accent2", f"\u00b7\u2192{out[k]}" if out is not None else "\u00b7"
                elif st == "stretched":
                    cls, tcls, text = "node", "label accent2", f"1\u2192{out[k]}" if out is not None else "1"
                else:
                    cls, tcls, text = "node", "label" if d else "label muted", str(d) if d else "\u00b7"
                found.append({"t": "rect", "x": x, "y": y, "w": 44, "h": 22, "rx": 4, "cls": cls})
                if st in ("new", "stretched", "clash") and key != "out":
                    found.append({"t": "path", "d": f"M {x + 1.5} {y + 1.5} h 41 v 19 h -41 Z",
                                  "cls": "bracket " + ("bad" if st == "clash" else "accent2")})
                found.append({"t": "text", "x": x + 22, "y": y + 16, "s": text, "cls": tcls})
            words = shape_text(shape)
            if key != "out":
                grown = [f"axis {k}" for k, s in enumerate(status[key]) if s in ("new", "stretched")]
                if any(s == "clash" for s in status[key]):
                    words += "   clash"
                elif grown:
                    words += "   copied along " + " and ".join(grown)
            found.append({"t": "text", "x": 150 + MAX_NDIM * 52 + 14, "y": y + 16, "s": words, "anchor": "start",
                          "cls": "small " + ("bad" if "clash" in words else "accent2" if "copied" in words else "muted")})
        return found

    def _grid_label(self, x, y, text, cls="small"):
        return {"t": "text", "x": x, "y": y, "s": text, "anchor": "start", "cls": cls}

    def shapes(self):
        out, status, clash = self._rule()
        rows, yf, yb = self._layout()
        found = self._shape_band(out, status, clash)
        sel = self.selected
        # which cells to ring, by (grid, i, j) -> class
        rings = {}
        if out is not None and sel is not None:
            name, i0, j0 = sel
            if name == "out":
                rings[("out", i0, j0)] = "accent"
                rings[("g", i0, j0)] = "accent"
                for k in ("a", "b"):
                    si, sj = self._source(k, i0, j0)
                    rings[(k, si, sj)] = "accent2"
                    rings[("d" + k, si, sj)] = "accent2"
            else:
                rings[(name, i0, j0)] = "accent"
                rings[("d" + name, i0, j0)] = "accent"
                for i, j in self.users(name, i0, j0):
                    rings[("out", i, j)] = "accent2"
                    rings[("g", i, j)] = "accent2"
                    rings[("copy" + name, i, j)] = "accent2"
        # Forward: A + B = out
        for key in ("a", "b"):
            shape = self.shape_of[key]
            r, c = view(shape)
            x0 = X[key]
            found.append(self._grid_label(x0, yf - 8, f"{NAMES[key]} {shape_text(shape)}"))
            if out is not None:
                R, C = view(out)
                for i in range(R):
                    for j in range(C):
                        if i < r and j < c:
                            continue
                        si, sj = self._source(key, i, j)
                        x, y = x0 + j * CW, yf + i * CH
                        found += self._cell(x, y, num(self.entry(key, si, sj)), "muted", "small muted")
                        if ("copy" + key, i, j) in rings:
                            found.append(self._ring(x, y, rings[("copy" + key, i, j)]))
            for i in range(r):
                for j in range(c):
                    x, y = x0 + j * CW, yf + i * CH
                    v = self.entry(key, i, j)
                    found += self._cell(x, y, num(v), handle=f"{key}:{i}:{j}",
                                        label=f"{NAMES[key]}{index_text(shape, i, j)} = {num(v)}")
                    if (key, i, j) in rings:
                        found.append(self._ring(x, y, rings[(key, i, j)]))
        found.append({"t": "text", "x": X["b"] - 23, "y": yf + 17, "s": "+", "cls": "label"})
        found.append({"t": "text", "x": X["out"] - 23, "y": yf + 17, "s": "=", "cls": "label"})
        if out is None:
            found.append({"t": "text", "x": X["out"], "y": yf + 17, "s": "no sum: shapes clash",
                          "anchor": "start", "cls": "small bad"})
            return found
        R, C = view(out)
        found.append(self._grid_label(X["out"], yf - 8, f"A + B {shape_text(out)}"))
        for i in range(R):
            for j in range(C):
                x, y = X["out"] + j * CW, yf + i * CH
                ai, aj = self._source("a", i, j)
                bi, bj = self._source("b", i, j)
                v = self.entry("a", ai, aj) + self.entry("b", bi, bj)
                found += self._cell(x, y, num(v), handle=f"out:{i}:{j}",
                                    label=f"out{index_text(out, i, j)} = {num(v)}")
                if ("out", i, j) in rings:
                    found.append(self._ring(x, y, rings[("out", i, j)]))
        if not self.backward:
            return found
        # Backward: the gradients, each in its own operand's shape; G in the output's.
        found.append({"t": "line", "x1": 20, "y1": yb - 40, "x2": self.width - 20, "y2": yb - 40, "cls": "grid"})
        found.append(self._grid_label(20, yb - 26, "backward: every cell passes its G back to the cells it read",
                                      "small muted"))
        for key in ("a", "b"):
            shape = self.shape_of[key]
            r, c = view(shape)
            x0 = X[key]
            found.append(self._grid_label(x0, yb - 8, f"\u2202L/\u2202{NAMES[key]} {shape_text(shape)}"))
            for i in range(r):
                for j in range(c):
                    x, y = x0 + j * CW, yb + i * CH
                    found += self._cell(x, y, num(self.grad(key, i, j)), "node", "label")
                    if ("d" + key, i, j) in rings:
                        found.append(self._ring(x, y, rings[("d" + key, i, j)]))
            axes = self.summed_axes(key)
            text = ("= G summed over axis " + " and ".join(str(k) for k in axes)) if axes else "= G, cell for cell"
            found.append(self._grid_label(x0, yb + rows * CH + 18, text,
                                          "small accent2" if axes else "small muted"))
        found.append(self._grid_label(X["out"], yb - 8, f"G = \u2202L/\u2202(A + B) {shape_text(out)}"))
        for i in range(R):
            for j in range(C):
                x, y = X["out"] + j * CW, yb + i * CH
                found += self._cell(x, y, num(self.upstream(i, j)), "node", "label")
                if ("g", i, j) in rings:
                    found.append(self._ring(x, y, rings[("g", i, j)]))
        return found

    def _explain(self):
        out, _, _ = self._rule()
        if out is None or self.selected is None:
            return ""
        name, i0, j0 = self.selected
        if name == "out":
            ai, aj = self._source("a", i0, j0)
            bi, bj = self._source("b", i0, j0)
            a, b = self.entry("a", ai, aj), self.entry("b", bi, bj)
            at = f"A{index_text(self.shape_of['a'], ai, aj)}"
            bt = f"B{index_text(self.shape_of['b'], bi, bj)}"
            g = self.upstream(i0, j0)
            line = f"out{index_text(out, i0, j0)} = {at} + {bt} = {num(a)} + {num(b)} = {num(a + b)}."
            if self.backward:
                line += f" Backward, its G = {num(g)} goes to {at} and to {bt} (local derivative 1 for each)."
            return line
        shape = self.shape_of[name]
        where = f"{NAMES[name]}{index_text(shape, i0, j0)}"
        used = self.users(name, i0, j0)
        cells = ", ".join(f"out{index_text(out, i, j)}" for i, j in used)
        times = "once" if len(used) == 1 else f"{len(used)} times"
        line = f"{where} = {num(self.entry(name, i0, j0))} is used {times}: {cells}."
        if self.backward:
            terms = [self.upstream(i, j) for i, j in used]
            spelled = " + ".join(f"({num(t)})" if t < 0 else num(t) for t in terms)
            total = sum(terms)
            if len(terms) == 1:
                line += f" So \u2202L/\u2202{where} = G{index_text(out, *used[0])} = {num(total)}."
            else:
                line += f" So \u2202L/\u2202{where} = {spelled} = {num(total)}: one share per copy, added."
        return line

    def readouts(self):
        out, status, clash = self._rule()
        a, b = shape_text(self.shape_of["a"]), shape_text(self.shape_of["b"])
        found = []
        if out is None:
            n = len(status["a"])
            sizes = [((None,) * (n - len(s)) + s)[clash] for s in (self.shape_of["a"], self.shape_of["b"])]
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
                                               f"\u2192 shape {shape_text(self.shape_of[key])}"})
            text = self._explain()
            if text:
                found.append({"label": "", "value": text})
        if self.error:
            found.append({"label": "", "value": self.error})
        return found

    def controls(self):
        return [{"kind": "text", "id": f"shape:{k}", "label": f"shape of {NAMES[k]}", "value": self.text[k]}
                for k in ("a", "b") if k in self.edit]
