"""Learned absolute positions: a lookup table with one row per position, added to the character's own row.

The capstone (module 18) reads text through two tables, as nanoGPT does: wte, one row
of 64 numbers per character, and wpe, one row of 64 numbers per position 0..63. The
input at position p is x = wte[character] + wpe[p]. This widget shows the first 72
characters of tiny-shakespeare in a window, the 64 rows of wpe under their positions,
and the three rows (wte, wpe, their sum) as bar charts for the position you pick.
Past position 63 there is no row: the table is all the positions the model has.

The numbers are the capstone's own starting weights for a seed (nanoGPT's init: normal,
standard deviation 0.02, wte then wpe, from the same seeded generator as
mlmath.gpt.model.init_params), so before training every row is noise.

    ```widget learned_position_rows
    id = "table"
    p = 5                 # the position picked at the start
    seed = "mlmath"       # the capstone's default seed
    ```

Goal checks see p, has_row (1 if wpe has a row for p, else 0) and rows (64).
"""

from ..widgets import register
from ..show import char, commas
from ..widgets.base import Widget, arrow_step, whole

# The first 72 characters of tiny-shakespeare, and its 65-character vocabulary (sorted), as the capstone tokenizes it.
TEXT = "First Citizen:\nBefore we proceed any further, hear me speak.\n\nAll:\nSpeak"
VOCAB = "\n !$&',-.3:;?ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ROWS, DIMS, STD = 64, 64, 0.02          # the capstone's block_size, n_embd and init std
SLOTS = len(TEXT)


def tables(seed):
    """(wte, wpe) as the capstone initialises them for `seed`: lists of rows."""
    from mlmath.gpt.prng import Rng
    rng = Rng(seed, "init")
    wte = [[rng.normal() * STD for _ in range(DIMS)] for _ in range(len(VOCAB))]
    wpe = [[rng.normal() * STD for _ in range(DIMS)] for _ in range(ROWS)]
    return wte, wpe


@register
class LearnedPositionRows(Widget):
    name = "learned_position_rows"
    width, height = 640, 340
    x0, cw = 52, 8                 # the character strip: slot i spans x0 + i*cw .. + cw
    bx0, bw = 176, 7               # the bar charts: dimension j at bx0 + j*bw
    scale = 380                    # pixels per unit in the bar charts

    def configure(self, config):
        p = whole(self.name, "p", config.pop("p", 5), 0, SLOTS - 1)
        seed = config.pop("seed", "mlmath")
        if not isinstance(seed, str) or not seed:
            raise ValueError(f"learned_position_rows: seed must be a non-empty string, not {seed!r}")
        super().configure(config)
        self.start, self.seed, self.p = p, seed, p
        self.wte, self.wpe = tables(seed)

    def reset(self):
        self.p = self.start

    # State -------------------------------------------------------------------------------
    def has_row(self, p=None):
        return (self.p if p is None else p) < ROWS

    def row_of(self, ch):
        return self.wte[VOCAB.index(ch)]

    def input_at(self, p):
        """x = wte[character at p] + wpe[p], or None where the table has no row."""
        if not self.has_row(p):
            return None
        return [a + b for a, b in zip(self.row_of(TEXT[p]), self.wpe[p])]

    def values(self):
        return {"p": self.p, "has_row": 1 if self.has_row() else 0, "rows": ROWS}

    def set_values(self, values):
        unknown = set(values) - {"p"}
        if unknown:
            raise KeyError(f"learned_position_rows can set only p, not {sorted(unknown)}")
        self.p = self._pos(values["p"])

    def _pos(self, v):
        return min(max(int(round(float(v))), 0), SLOTS - 1)

    def handle(self, event):
        if event.get("handle") != "p":
            return
        if event.get("type") == "drag":
            self.p = self._pos((float(event["x"]) - self.x0) / self.cw - 0.5)
        elif event.get("type") == "key":
            key = event.get("key")
            target = {"Home": 0, "End": SLOTS - 1}.get(key)
            self.p = target if target is not None else self._pos(self.p + arrow_step(key, fine=1, coarse=8))

    # Drawing -----------------------------------------------------------------------------
    def cx(self, i):
        return round(self.x0 + (i + 0.5) * self.cw, 1)

    def _bars(self, row, yc, cls, label, note):
        out = [{"t": "text", "x": 8, "y": yc - 4, "s": label, "anchor": "start", "cls": f"small {cls}"},
               {"t": "text", "x": 8, "y": yc + 12, "s": note, "anchor": "start", "cls": "small muted"},
               {"t": "line", "x1": self.bx0 - 4, "y1": yc, "x2": self.bx0 + DIMS * self.bw, "y2": yc, "cls": "grid"}]
        if row is None:
            out.append({"t": "text", "x": self.bx0 + DIMS * self.bw / 2, "y": yc + 5, "cls": "small bad",
                        "s": f"no row {self.p}: the table has rows 0 to {ROWS - 1} only"})
            return out
        d = []
        for j, v in enumerate(row):
            h = max(-27.0, min(27.0, v * self.scale))
            x = self.bx0 + j * self.bw + self.bw / 2
            d.append(f"M {x:.1f} {yc} V {yc - h:.1f}")
        out.append({"t": "path", "d": " ".join(d), "cls": f"bracket {cls}"})
        return out

    def shapes(self):
        out = [{"t": "text", "x": 8, "y": 16, "anchor": "start", "cls": "small muted",
                "s": "the context window: one character per position"}]
        ty = 38
        for i, ch in enumerate(TEXT):
            cls = "label" if i == self.p else ("small muted" if i >= ROWS else "small")
            out.append({"t": "text", "x": self.cx(i), "y": ty, "s": char(ch),
                        "cls": f"{cls} accent" if i == self.p else cls})
        for i in range(0, SLOTS, 8):
            out.append({"t": "text", "x": self.cx(i), "y": ty + 16, "s": str(i), "cls": "small muted"})
        # the table: one strip per row, under its position
        top, h = ty + 24, 40
        out.append({"t": "text", "x": self.x0 - 6, "y": top + 24, "s": "wpe", "anchor": "end", "cls": "small accent"})
        for i in range(ROWS):
            out.append({"t": "rect", "x": round(self.x0 + i * self.cw + 1, 1), "y": top, "w": self.cw - 2, "h": h,
                        "cls": "accent" if i == self.p else "grid nofill"})
        out.append({"t": "text", "x": self.cx(ROWS) + (SLOTS - ROWS) * self.cw / 2 - self.cw / 2, "y": top + 18,
                    "s": "no rows", "cls": "small bad"})
        out.append({"t": "text", "x": self.cx(ROWS) + (SLOTS - ROWS) * self.cw / 2 - self.cw / 2, "y": top + 32,
                    "s": "past 63", "cls": "small bad"})
        hy = top + h + 14
        x = self.cx(self.p)
        out.append({"t": "line", "x1": x, "y1": top + h, "x2": x, "y2": hy, "cls": "accent"})
        ch = TEXT[self.p]
        out.append({"t": "circle", "cx": x, "cy": hy, "r": 7, "cls": "accent", "handle": "p",
                    "label": "position: drag along the window, or use the arrow keys",
                    "value": f"position {self.p}, character {ch!r}" + ("" if self.has_row() else ", no row in the table")})
        # the three rows for this position
        y1 = hy + 52
        name = repr(ch) if ch in "\n " else f"'{ch}'"
        out += self._bars(self.row_of(ch), y1, "accent2", f"wte[{name}]", "the character's row")
        out += self._bars(self.wpe[self.p] if self.has_row() else None, y1 + 66, "accent", f"+ wpe[{self.p}]",
                          "the position's row")
        out += self._bars(self.input_at(self.p), y1 + 132, "accent3", "= x, the input", "what block 1 reads")
        return out

    def readouts(self):
        ch = TEXT[self.p]
        return [
            {"label": "position", "value": str(self.p)},
            {"label": "character", "value": repr(ch)},
            {"label": "wpe row", "value": f"row {self.p}" if self.has_row() else f"none (rows 0 to {ROWS - 1})"},
            {"label": "table size", "value": f"{ROWS} rows \u00d7 {DIMS} numbers = {commas(ROWS * DIMS)} parameters"},
        ]

    def __repr__(self):
        return f"<learned_position_rows p = {self.p}>"
