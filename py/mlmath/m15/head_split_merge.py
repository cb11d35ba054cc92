"""Splitting a (T, C) matrix into heads, and merging it back: an index map, not arithmetic.

Entry X[t][c] holds the number 10*t + c (shown as two digits, row then column), so
wherever it lands you can read where it came from. Splitting into n_head heads of width
d_k = C / n_head sends column c to head c // d_k, column c % d_k, and leaves the row
alone: X[t][c] becomes heads[c // d_k][t][c % d_k]. Merging is the same map backwards.

Two markers, one in each view, always point at the same number. Drag either (or focus
it and use the arrow keys); the slider sets n_head to a divisor of C.

    ```widget head_split_merge
    id = "split"
    T = 3             # rows (tokens), 2 to 4
    C = 8             # columns (channels), 4, 6 or 8
    n_head = 2        # a divisor of C
    at = [0, 0]       # the marked entry, [t, c]
    goal = { text = "...", check = "n_head == 4 and head == 3 and t == 1 and col == 0", solution = { n_head = 4, t = 1, c = 6 } }
    ```

values() for goals: T, C, n_head, d_k, t, c (the marked entry of X), head and col
(where it lands: heads[head][t][col]).
"""

from ..widgets import register
from ..widgets.base import Widget, one_of, whole

CELL, ROW = 34, 28
TOP_Y = 44            # top of the (T, C) grid
HEAD_CLS = ("accent", "accent2", "accent3")
GAP = 22              # between heads in the split view


def divisors(n):
    return [k for k in range(1, n + 1) if n % k == 0]


def head_fill(h, strong=0.3, faint=0.18):
    """Class and opacity of head h's cells: three colours in turn, neighbours told apart by shade."""
    return {"cls": f"{HEAD_CLS[h % 3]} grid", "opacity": strong if h % 2 == 0 else faint}


def label(t, c):
    return f"{t}{c}"


@register
class HeadSplitMerge(Widget):
    name = "head_split_merge"
    width = 600

    def configure(self, config):
        T = whole(self.name, "T", config.pop("T", 3), 2, 4)
        C = one_of(self.name, "C", config.pop("C", 8), (4, 6, 8))
        n_head = one_of(self.name, "n_head", config.pop("n_head", 2), divisors(C))
        at = config.pop("at", [0, 0])
        if (not isinstance(at, list) or len(at) != 2 or any(isinstance(v, bool) or not isinstance(v, int) for v in at)
                or not (0 <= at[0] < T and 0 <= at[1] < C)):
            raise ValueError(f"head_split_merge: at must be [t, c] inside the {T}×{C} grid, not {at!r}")
        super().configure(config)
        self.T, self.C, self.n_head = T, C, n_head
        self.t, self.c = at
        self.start = (n_head, at[0], at[1])

    # The map --------------------------------------------------------------------------------
    @property
    def d_k(self):
        return self.C // self.n_head

    def where(self, t, c):
        """Where X[t][c] lands after the split: (head, t, col)."""
        return c // self.d_k, t, c % self.d_k

    def values(self):
        head, t, col = self.where(self.t, self.c)
        return {"T": self.T, "C": self.C, "n_head": self.n_head, "d_k": self.d_k,
                "t": self.t, "c": self.c, "head": head, "col": col}

    def set_values(self, values):
        for key, value in values.items():
            if key == "n_head":
                self.n_head = one_of(self.name, "n_head", value, divisors(self.C))
            elif key == "t":
                self.t = min(max(int(value), 0), self.T - 1)
            elif key == "c":
                self.c = min(max(int(value), 0), self.C - 1)
            else:
                raise KeyError(f"head_split_merge sets n_head, t and c, not {key!r}")

    def reset(self):
        self.n_head, self.t, self.c = self.start

    # Geometry -------------------------------------------------------------------------------
    @property
    def split_y(self):
        return TOP_Y + self.T * ROW + 78

    @property
    def height(self):
        return self.split_y + self.T * ROW + 40

    def top_x(self, c):
        return (self.width - self.C * CELL) / 2 + c * CELL

    def split_x(self, c):
        """Left edge of the split view's cell for original column c (heads side by side, with gaps)."""
        total = self.C * CELL + (self.n_head - 1) * GAP
        return (self.width - total) / 2 + c * CELL + (c // self.d_k) * GAP

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            if event.get("id") == "n_head":
                try:
                    i = int(event.get("value"))
                except (TypeError, ValueError):
                    return
                ds = divisors(self.C)
                self.n_head = ds[min(max(i, 0), len(ds) - 1)]
            return
        which = event.get("handle")
        if which not in ("top", "split"):
            return
        if kind == "drag":
            try:
                x, y = float(event["x"]), float(event["y"])
            except (KeyError, TypeError, ValueError):
                return
            if which == "top":
                self.c = min(max(int((x - self.top_x(0)) // CELL), 0), self.C - 1)
                self.t = min(max(int((y - TOP_Y) // ROW), 0), self.T - 1)
            else:
                self.c = min(range(self.C), key=lambda c: abs(self.split_x(c) + CELL / 2 - x))
                self.t = min(max(int((y - self.split_y) // ROW), 0), self.T - 1)
        elif kind == "key":
            key = event.get("key")
            dc = {"ArrowRight": 1, "ArrowLeft": -1}.get(key, 0)
            dt = {"ArrowDown": 1, "ArrowUp": -1}.get(key, 0)
            if key == "Home":
                self.c = 0
            elif key == "End":
                self.c = self.C - 1
            self.c = min(max(self.c + dc, 0), self.C - 1)
            self.t = min(max(self.t + dt, 0), self.T - 1)

    def __repr__(self):
        head, t, col = self.where(self.t, self.c)
        return f"<head_split_merge X[{self.t}][{self.c}] -> heads[{head}][{t}][{col}] with {self.n_head} heads>"

    # The scene ------------------------------------------------------------------------------
    def shapes(self):
        T, C, H, dk = self.T, self.C, self.n_head, self.d_k
        out = [{"t": "text", "x": self.width / 2, "y": 14, "s": f"X, shape (T, C) = ({T}, {C})", "cls": "label"}]
        head, _, col = self.where(self.t, self.c)
        for c in range(C):
            out.append({"t": "text", "x": self.top_x(c) + CELL / 2, "y": TOP_Y - 6, "s": str(c), "cls": "small muted"})
        for t in range(T):
            out.append({"t": "text", "x": self.top_x(0) - 8, "y": TOP_Y + t * ROW + ROW / 2 + 4, "s": str(t),
                        "cls": "small muted", "anchor": "end"})
            for c in range(C):
                out += self._entry(self.top_x(c), TOP_Y + t * ROW, t, c)
        # a bracket under each head's block of columns, and the same bracket over its panel
        yb = TOP_Y + T * ROW + 8
        ys = self.split_y - 22
        for h in range(H):
            cls = HEAD_CLS[h % 3]
            a, b = self.top_x(h * dk) + 2, self.top_x((h + 1) * dk) - 2
            out.append({"t": "path", "d": f"M {a:.1f} {yb - 4} V {yb} H {b:.1f} V {yb - 4}", "cls": f"bracket {cls}"})
            sa, sb = self.split_x(h * dk), self.split_x(h * dk + dk - 1) + CELL
            out.append({"t": "path", "d": f"M {(a + b) / 2:.1f} {yb} L {(sa + sb) / 2:.1f} {ys - 16}", "cls": "muted"})
            out.append({"t": "text", "x": (sa + sb) / 2, "y": ys - 4, "s": f"head {h}", "cls": f"small {cls}"})
        out.append({"t": "text", "x": self.width / 2, "y": self.split_y + T * ROW + 30,
                    "s": f"heads, shape (n_head, T, C/n_head) = ({H}, {T}, {dk})", "cls": "label"})
        for c in range(C):
            out.append({"t": "text", "x": self.split_x(c) + CELL / 2, "y": self.split_y - 6, "s": str(c % dk),
                        "cls": "small muted"})
            for t in range(T):
                out += self._entry(self.split_x(c), self.split_y + t * ROW, t, c)
        for t in range(T):
            out.append({"t": "text", "x": self.split_x(0) - 8, "y": self.split_y + t * ROW + ROW / 2 + 4,
                        "s": str(t), "cls": "small muted", "anchor": "end"})
        # the two markers: the same number in both views
        name = f"X[{self.t}][{self.c}] = {label(self.t, self.c)}"
        out.append({"t": "rect", "x": self.top_x(self.c) + 1, "y": TOP_Y + self.t * ROW + 1, "w": CELL - 2, "h": ROW - 2,
                    "cls": "selected nofill", "handle": "top", "label": "marker in X", "value": name})
        out.append({"t": "rect", "x": self.split_x(self.c) + 1, "y": self.split_y + self.t * ROW + 1, "w": CELL - 2,
                    "h": ROW - 2, "cls": "selected nofill", "handle": "split", "label": "marker in the heads",
                    "value": f"heads[{head}][{self.t}][{col}] = {label(self.t, self.c)}"})
        return out

    def _entry(self, x, y, t, c):
        """The cell holding X[t][c], in its head's colour, at (x, y)."""
        return [{"t": "rect", "x": x, "y": y, "w": CELL, "h": ROW, **head_fill(c // self.d_k)},
                {"t": "text", "x": x + CELL / 2, "y": y + ROW / 2 + 5, "s": label(t, c), "cls": "small label"}]

    def readouts(self):
        head, t, col = self.where(self.t, self.c)
        dk = self.d_k
        return [
            {"label": "d_k = C // n_head", "value": f"{self.C} // {self.n_head} = {dk}"},
            {"label": "head = c // d_k", "value": f"{self.c} // {dk} = {head}"},
            {"label": "column in the head = c % d_k", "value": f"{self.c} % {dk} = {col}"},
            {"label": "split", "value": f"X[{self.t}][{self.c}] → heads[{head}][{t}][{col}]"},
            {"label": "merge", "value": f"heads[{head}][{t}][{col}] → X[{t}][{head} * {dk} + {col}] = X[{t}][{self.c}]"},
        ]

    def controls(self):
        ds = divisors(self.C)
        return [{"kind": "range", "id": "n_head", "label": "n_head", "min": 0, "max": len(ds) - 1, "step": 1,
                 "value": ds.index(self.n_head), "display": f"{self.n_head} of width {self.d_k}"}]
