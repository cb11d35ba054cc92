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
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.controls import Choice, Slider
from .heads import HEAD_CLS, divisors, head_fill

CELL, ROW = 34, 28
TOP_Y = 44            # top of the (T, C) grid
GAP = 22              # between heads in the split view
MOVES = {"ArrowRight": (0, 1), "ArrowLeft": (0, -1), "ArrowDown": (1, 0), "ArrowUp": (-1, 0)}


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
            raise ValueError(f"{self.name}: at must be [t, c] inside the {T}×{C} grid, not {at!r}")
        super().configure(config)
        self.T, self.C = T, C
        self.knobs = {"n_head": Choice("n_head", "n_head", divisors(C), n_head, fmt=lambda h: f"{h} of width {C // h}"),
                      "t": Slider("t", "row t", 0, T - 1, 1, at[0]), "c": Slider("c", "column c", 0, C - 1, 1, at[1])}

    # The map --------------------------------------------------------------------------------
    @property
    def n_head(self):
        return self.knobs["n_head"].value

    @property
    def t(self):
        return self.knobs["t"].value

    @property
    def c(self):
        return self.knobs["c"].value

    @property
    def d_k(self):
        return self.C // self.n_head

    def where(self, t, c):
        """Where X[t][c] lands after the split: (head, t, col)."""
        return c // self.d_k, t, c % self.d_k

    def values(self):
        head, t, col = self.where(self.t, self.c)
        return {**super().values(), "T": self.T, "C": self.C, "d_k": self.d_k, "head": head, "col": col}

    def set_values(self, values):
        if "n_head" in values:        # a number that is no n_head would be read as a position on the slider
            one_of(self.name, "n_head", values["n_head"], self.knobs["n_head"].options)
        super().set_values(values)

    # Events: both markers are one entry, moved in two directions --------------------------------
    def handle(self, event):
        if event.get("type") == "key" and event.get("handle") in ("top", "split"):
            key = event.get("key")
            dt, dc = MOVES.get(key, (0, 0))
            self.knobs["t"].set(self.t + dt)
            self.knobs["c"].set({"Home": 0, "End": self.C - 1}.get(key, self.c + dc))
        else:
            super().handle(event)

    def drag(self, handle, x, y):
        if handle == "top":
            self.knobs["c"].set((x - self.top_x(0)) // CELL)
            self.knobs["t"].set((y - TOP_Y) // ROW)
        elif handle == "split":
            self.knobs["c"].set(min(range(self.C), key=lambda c: abs(self.split_x(c) + CELL / 2 - x)))
            self.knobs["t"].set((y - self.split_y) // ROW)

    def __repr__(self):
        head, t, col = self.where(self.t, self.c)
        return f"<head_split_merge X[{self.t}][{self.c}] -> heads[{head}][{t}][{col}] with {self.n_head} heads>"

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

    # The scene ------------------------------------------------------------------------------
    def _entry(self, x, y, t, c):
        """The cell holding X[t][c], in its head's colour, at (x, y)."""
        return [S.rect(x, y, CELL, ROW, **head_fill(c // self.d_k)),
                S.text(x + CELL / 2, y + ROW / 2 + 5, label(t, c), "small label")]

    def shapes(self):
        T, C, H, dk = self.T, self.C, self.n_head, self.d_k
        head, _, col = self.where(self.t, self.c)
        out = [S.text(self.width / 2, 14, f"X, shape (T, C) = ({T}, {C})", "label")]
        out += [S.text(self.top_x(c) + CELL / 2, TOP_Y - 6, str(c), "small muted") for c in range(C)]
        for t in range(T):
            out.append(S.text(self.top_x(0) - 8, TOP_Y + t * ROW + ROW / 2 + 4, str(t), "small muted", "end"))
            for c in range(C):
                out += self._entry(self.top_x(c), TOP_Y + t * ROW, t, c)
        yb, ys = TOP_Y + T * ROW + 8, self.split_y - 22   # a bracket under each head's columns, a line to its panel
        for h in range(H):
            cls = HEAD_CLS[h % 3]
            a, b = self.top_x(h * dk) + 2, self.top_x((h + 1) * dk) - 2
            sa, sb = self.split_x(h * dk), self.split_x(h * dk + dk - 1) + CELL
            out += [S.path([[(a, yb - 4), (a, yb), (b, yb), (b, yb - 4)]], f"bracket {cls}"),
                    S.line((a + b) / 2, yb, (sa + sb) / 2, ys - 16, "muted"),
                    S.text((sa + sb) / 2, ys - 4, f"head {h}", f"small {cls}")]
        out.append(S.text(self.width / 2, self.split_y + T * ROW + 30,
                          f"heads, shape (n_head, T, C/n_head) = ({H}, {T}, {dk})", "label"))
        for c in range(C):
            out.append(S.text(self.split_x(c) + CELL / 2, self.split_y - 6, str(c % dk), "small muted"))
            for t in range(T):
                out += self._entry(self.split_x(c), self.split_y + t * ROW, t, c)
        out += [S.text(self.split_x(0) - 8, self.split_y + t * ROW + ROW / 2 + 4, str(t), "small muted", "end")
                for t in range(T)]
        # the two markers, last so they take the pointer; only the slider changes the count before them
        name = f"X[{self.t}][{self.c}] = {label(self.t, self.c)}"
        return out + [
            S.handle(S.rect(self.top_x(self.c) + 1, TOP_Y + self.t * ROW + 1, CELL - 2, ROW - 2, "selected nofill"),
                     "top", "marker in X", name),
            S.handle(S.rect(self.split_x(self.c) + 1, self.split_y + self.t * ROW + 1, CELL - 2, ROW - 2, "selected nofill"),
                     "split", "marker in the heads", f"heads[{head}][{self.t}][{col}] = {label(self.t, self.c)}")]

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
        return [self.knobs["n_head"].control()]
