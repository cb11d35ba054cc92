"""Two dice: the 36 outcomes of the sample space as a grid, an event as the cells you pick.

Each cell is one outcome (first die, second die), each worth 1/36. Click or drag over
cells to add them to the event (or, with the mode switched, to take them out); Enter on
a focused cell flips it. The readouts give P(E) = (cells in E) / 36 and P(not E). Beside
the grid, the random variable S = first + second carries the same probabilities to the
numbers 2..12: each bar is P(S = s), and its coloured part is the share of it inside E.

    ```widget dice_event_grid
    id = "seven"
    cells = "11 66"            # the starting event, as "first second" digit pairs
    goal = { text = "...", check = "n == 6 and lo == 7 and hi == 7", solution = { cells = "16 25 34 43 52 61" } }
    ```

values(): cells (the event, sorted pairs), adding (the mode), n (outcomes in E), p (n / 36),
lo and hi (the smallest and largest sum inside E; 0 when E is empty).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget
from ..widgets.controls import Button, Toggle
from ..widgets.views import bars

LEFT, TOP, CELL = 56, 40, 34
OUTCOMES = [(i, j) for i in range(1, 7) for j in range(1, 7)]


def parse_cells(text):
    """'16 25' -> {(1, 6), (2, 5)}; ValueError for anything that is not a die pair."""
    out = set()
    for word in str(text).split():
        if len(word) != 2 or not all(c in "123456" for c in word):
            raise ValueError(f"{word!r} is not an outcome: write two die faces, like 16")
        out.add((int(word[0]), int(word[1])))
    return out


def spell(cells):
    return " ".join(f"{i}{j}" for i, j in sorted(cells))


def pmf_of_sum():
    """P(S = s) for the sum of two fair dice, as counts out of 36."""
    counts = {s: 0 for s in range(2, 13)}
    for i, j in OUTCOMES:
        counts[i + j] += 1
    return counts


@register
class DiceEventGrid(Widget):
    name = "dice_event_grid"
    width, height = 600, 300

    def configure(self, config):
        try:
            self.event = parse_cells(config.pop("cells", ""))
        except ValueError as exc:
            raise ValueError(f"{self.name}: cells: {exc}") from None
        self.knobs = {"adding": Toggle("adding", "Clicks take cells out: switch to adding",
                                        "Clicks add cells: switch to taking out", True),
                      "clear": Button("clear", "Empty the event", self.event.clear),
                      "all": Button("all", "Select every outcome", lambda: self.event.update(OUTCOMES))}
        super().configure(config)

    def values(self):
        sums = [i + j for i, j in self.event]
        n = len(self.event)
        return {"cells": spell(self.event), "adding": self.knobs["adding"].value, "n": n, "p": n / 36,
                "lo": min(sums, default=0), "hi": max(sums, default=0)}

    def set_values(self, values):
        values = dict(values)
        if "cells" in values:
            self.event = parse_cells(values.pop("cells"))
        super().set_values(values)

    def handle(self, event):
        name = str(event.get("handle", ""))
        if event.get("type") == "key" and name.startswith("c") and len(name) == 3:
            cell = (int(name[1]), int(name[2])) if name[1:] in {f"{i}{j}" for i, j in OUTCOMES} else None
            if cell and event.get("key") == "Enter":
                self.event ^= {cell}
            return
        super().handle(event)

    def drag(self, handle, x, y):
        """A press or a drag paints: every cell the pointer crosses joins (or leaves) the event."""
        i, j = int((y - TOP) // CELL) + 1, int((x - LEFT) // CELL) + 1
        if 1 <= i <= 6 and 1 <= j <= 6:
            (self.event.add if self.knobs["adding"].value else self.event.discard)((i, j))

    def shapes(self):
        out = []
        for i, j in OUTCOMES:     # the 36 cell handles first, so their indices never move
            on = (i, j) in self.event
            rect = S.rect(LEFT + (j - 1) * CELL, TOP + (i - 1) * CELL, CELL, CELL,
                          "accent" if on else "grid", **({"opacity": 0.55} if on else {}))
            out.append(S.handle(rect, f"c{i}{j}", f"outcome first die {i}, second die {j}",
                                "in the event" if on else "not in the event"))
        for i, j in OUTCOMES:
            out.append(S.text(LEFT + (j - 0.5) * CELL, TOP + (i - 0.5) * CELL + 4, str(i + j), "small"))
        for k in range(1, 7):
            out.append(S.text(LEFT + (k - 0.5) * CELL, TOP - 8, str(k), "small"))
            out.append(S.text(LEFT - 8, TOP + (k - 0.5) * CELL + 4, str(k), "small", "end"))
        out.append(S.text(LEFT + 3 * CELL, TOP - 24, "second die", "label"))
        out.append(S.text(LEFT - 30, TOP + 6 * CELL + 22, "first die ↓, numbers in cells: the sum", "small", "start"))
        counts = pmf_of_sum()
        inside = {s: 0 for s in counts}
        for i, j in self.event:
            inside[i + j] += 1
        box = (330, 50, 590, 250)
        labels = [str(s) for s in counts]
        pale = bars([c / 36 for c in counts.values()], box, labels, top=6 / 36)
        for shape in pale:
            if shape["t"] == "rect":
                shape["opacity"] = 0.25
        out += pale
        out += bars([c / 36 for c in inside.values()], box, labels=(), top=6 / 36, cls="accent")
        out.append(S.text(460, 40, "P(S = s); the part inside E is solid", "small"))
        out.append(S.text(460, 284, "s", "label"))
        return out

    def readouts(self):
        v = self.values()
        n = v["n"]
        return [{"label": "outcomes in E", "value": str(n)},
                {"label": "P(E)", "value": f"{n}/36 = {num(n / 36, 3)}"},
                {"label": "P(not E)", "value": f"{36 - n}/36 = {num(1 - n / 36, 3)}"}]

    def controls(self):
        return [self.knobs[k].control() for k in ("adding", "clear", "all")]
