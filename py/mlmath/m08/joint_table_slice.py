"""A joint table you can edit: marginals are its row and column sums, and conditioning on
a row is taking that slice and renormalising it.

Rows are X (the weather), columns Y (how you get to work); each cell holds a count of
days, and the joint probability is count / total. Drag a cell's bar up or down (or focus
it and use the arrow keys) to change its count. Click a row's name (or focus it and press
Enter) to condition on it: the slice is drawn twice on the right, as it stands in the
table (blue) (its entries add up to P(X = x)) and divided by P(X = x), which is P(Y | X = x) (orange).

    ```widget joint_table_slice
    id = "table"
    counts = [[9, 3, 2], [4, 5, 3], [1, 5, 4]]
    row = "none"                  # or a row name: "sunny", "cloudy", "rainy"
    goal = { text = "...", check = "row == 'rainy' and abs(c2 - 0.5) < 1e-9", solution = { row = "rainy", n21 = 3 } }
    ```

values(): n00..n22 (the counts), row (the conditioning row, or "none"), total, py0..py2 (the
column marginals P(Y = walk), P(Y = bus), P(Y = car)), px (P(X = row)),
c0, c1, c2 (P(Y = column | X = row); 0 with no row or an empty row).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.views import bars, cell

ROWS = ["sunny", "cloudy", "rainy"]
COLS = ["walk", "bus", "car"]
MAX = 12
LEFT, TOP, CW, CH = 96, 56, 62, 44


@register
class JointTableSlice(Widget):
    name = "joint_table_slice"
    width, height = 600, 300

    def configure(self, config):
        counts = config.pop("counts", [[9, 3, 2], [4, 5, 3], [1, 5, 4]])
        if (not isinstance(counts, list) or len(counts) != 3 or any(
                not isinstance(r, list) or len(r) != 3 or any(isinstance(c, bool) or not isinstance(c, int)
                                                              or not 0 <= c <= MAX for c in r) for r in counts)):
            raise ValueError(f"{self.name}: counts must be 3 rows of 3 whole numbers from 0 to {MAX}, not {counts!r}")
        row = one_of(self.name, "row", config.pop("row", "none"), ["none"] + ROWS)
        self.knobs = {f"n{i}{j}": Slider(f"n{i}{j}", f"days {ROWS[i]} and {COLS[j]}", 0, MAX, 1, counts[i][j])
                      for i in range(3) for j in range(3)}
        self.knobs["row"] = Choice("row", "condition on the weather", ["none"] + ROWS, row)
        super().configure(config)

    def counts(self):
        return [[self.knobs[f"n{i}{j}"].value for j in range(3)] for i in range(3)]

    def values(self):
        n = self.counts()
        total = sum(map(sum, n))
        v = {f"n{i}{j}": n[i][j] for i in range(3) for j in range(3)}
        row = self.knobs["row"].value
        r = n[ROWS.index(row)] if row != "none" else [0, 0, 0]
        v.update({f"py{j}": (sum(n[i][j] for i in range(3)) / total if total else 0.0) for j in range(3)})
        v.update(row=row, total=total, px=sum(r) / total if total else 0.0,
                 **{f"c{j}": (r[j] / sum(r) if sum(r) else 0.0) for j in range(3)})
        return v

    def handle(self, event):
        name = str(event.get("handle", ""))
        if name in ("r0", "r1", "r2") and (event.get("type") == "drag" or event.get("key") == "Enter"):
            self.knobs["row"].assign(ROWS[int(name[1])])
            return
        super().handle(event)

    def drag(self, handle, x, y):
        if handle in self.knobs and handle.startswith("n"):
            i = int(handle[1])
            bottom = TOP + (i + 1) * CH - 4
            self.knobs[handle].set((bottom - y) / (CH - 8) * MAX)

    def shapes(self):
        n, v = self.counts(), self.values()
        total = v["total"] or 1
        out = []
        for i in range(3):        # nine count bars (a fixed number of shapes before the handles)
            for j in range(3):
                h = (CH - 8) * n[i][j] / MAX
                out.append(S.rect(LEFT + (j + 1) * CW - 12, TOP + (i + 1) * CH - 4 - h, 8, h, "accent2 nostroke"))
        for i in range(3):        # then the handles: nine tracks over the bars, three row names
            for j in range(3):
                out.append(S.handle(S.rect(LEFT + (j + 1) * CW - 12, TOP + i * CH + 4, 8, CH - 8, "grid", opacity=0),
                                    f"n{i}{j}", f"days {ROWS[i]} and {COLS[j]}", str(n[i][j])))
        for i, r in enumerate(ROWS):
            out.append(S.handle(S.rect(4, TOP + i * CH + 6, LEFT - 10, CH - 12,
                                       "node selected" if v["row"] == r else "node"),
                                f"r{i}", f"condition on weather {r}"))
            out.append(S.text(LEFT - 10, TOP + (i + 0.5) * CH + 4, r, "label", "end"))
        for i in range(3):
            for j in range(3):
                x, y = LEFT + j * CW, TOP + i * CH
                out.append(cell(x, y, CW - 14, CH, n[i][j] / total, 0, 0.3))
                out.append(S.rect(x, y, CW, CH, "grid nofill"))
                out.append(S.text(x + CW / 2 - 7, y + CH / 2 + 4, num(n[i][j] / total, 3), "small"))
        for j, c in enumerate(COLS):
            out.append(S.text(LEFT + (j + 0.5) * CW, TOP - 8, c, "label"))
            col = sum(n[i][j] for i in range(3)) / total
            out.append(S.text(LEFT + (j + 0.5) * CW, TOP + 3 * CH + 20, num(col, 3), "small accent"))
        out.append(S.text(LEFT - 8, TOP + 3 * CH + 20, "P(Y)", "small accent", "end"))
        out.append(S.text(LEFT + 3 * CW + 30, TOP - 8, "P(X)", "small accent"))
        for i in range(3):
            out.append(S.text(LEFT + 3 * CW + 30, TOP + (i + 0.5) * CH + 4, num(sum(n[i]) / total, 3), "small accent"))
        if v["row"] != "none":
            i = ROWS.index(v["row"])
            out.append(S.rect(LEFT - 2, TOP + i * CH - 2, 3 * CW + 4, CH + 4, "accent2 nofill"))
            box = (400, 84, 590, 220)
            out += bars([n[i][j] / total for j in range(3)], box, top=1, width=0.36, shift=-0.2, fmt=lambda p: num(p, 2))
            out += bars([v[f"c{j}"] for j in range(3)], box, top=1, cls="accent2", width=0.36, shift=0.2,
                        fmt=lambda p: num(p, 2))
            for j, c in enumerate(COLS):
                out.append(S.text(400 + (j + 0.5) * (190 / 3), 236, c, "small"))
            out.append(S.text(400, 30, f"the {v['row']} row: blue as it stands,", "small", "start"))
            out.append(S.text(400, 44, "orange divided by its total", "small", "start"))
            out.append(S.text(400, 58, f"P(X = {v['row']}) = {num(v['px'], 3)}", "small", "start"))
        else:
            out.append(S.text(495, 130, "Click a row name to condition on it.", "small"))
        out.append(S.text(LEFT + 1.5 * CW, TOP + 3 * CH + 44, f"{total} days in all; each cell: count / {total}", "small"))
        return out

    def readouts(self):
        v = self.values()
        if v["row"] == "none":
            return [{"label": "total days", "value": str(v["total"])}]
        r = v["row"]
        return [{"label": f"P(X = {r})", "value": num(v["px"], 3)}] + [
            {"label": f"P({c} | {r})", "value": num(v[f"c{j}"], 3)} for j, c in enumerate(COLS)]

    def controls(self):
        return [self.knobs["row"].control()]
