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

from ..show import char, commas
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider

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
            raise ValueError(f"{self.name}: seed must be a non-empty string, not {seed!r}")
        super().configure(config)
        self.knobs = {"p": Slider("p", "position", 0, SLOTS - 1, 1, p, coarse=8)}
        self.wte, self.wpe = tables(seed)

    @property
    def p(self):
        return self.knobs["p"].value

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

    def drag(self, handle, x, y):
        if handle == "p":
            self.knobs["p"].set((x - self.x0) / self.cw - 0.5)

    # Drawing -----------------------------------------------------------------------------
    def cx(self, i):
        return self.x0 + (i + 0.5) * self.cw

    def _bars(self, row, yc, cls, label, note):
        """One row of 64 numbers as thin bars up (positive) or down from a base line at yc."""
        out = [S.text(8, yc - 4, label, f"small {cls}", "start"), S.text(8, yc + 12, note, "small muted", "start"),
               S.line(self.bx0 - 4, yc, self.bx0 + DIMS * self.bw, yc, "grid")]
        if row is None:
            return out + [S.text(self.bx0 + DIMS * self.bw / 2, yc + 5,
                                 f"no row {self.p}: the table has rows 0 to {ROWS - 1} only", "small bad")]
        runs = [[(self.bx0 + (j + 0.5) * self.bw, yc), (self.bx0 + (j + 0.5) * self.bw, yc - max(-27.0, min(27.0, v * self.scale)))]
                for j, v in enumerate(row)]
        return out + [S.path(runs, f"bracket {cls}")]

    def shapes(self):
        ty, p = 38, self.p
        out = [S.text(8, 16, "the context window: one character per position", "small muted", "start")]
        for i, ch in enumerate(TEXT):
            cls = "label accent" if i == p else ("small muted" if i >= ROWS else "small")
            out.append(S.text(self.cx(i), ty, char(ch), cls))
        out += [S.text(self.cx(i), ty + 16, str(i), "small muted") for i in range(0, SLOTS, 8)]
        top, h = ty + 24, 40           # the table: one strip per row, under its position
        out.append(S.text(self.x0 - 6, top + 24, "wpe", "small accent", "end"))
        out += [S.rect(self.x0 + i * self.cw + 1, top, self.cw - 2, h, "accent" if i == p else "grid nofill")
                for i in range(ROWS)]
        gap_x = self.cx(ROWS) + (SLOTS - ROWS - 1) * self.cw / 2
        out += [S.text(gap_x, top + 18, "no rows", "small bad"), S.text(gap_x, top + 32, "past 63", "small bad")]
        hy, ch = top + h + 14, TEXT[p]
        out.append(S.line(self.cx(p), top + h, self.cx(p), hy, "accent"))
        out.append(S.handle(S.circle(self.cx(p), hy, 7, "accent"), "p", "position: drag along the window, or use the arrow keys",
                            f"position {p}, character {ch!r}" + ("" if self.has_row() else ", no row in the table")))
        y1 = hy + 52                   # the three rows for this position
        name = repr(ch) if ch in "\n " else f"'{ch}'"
        out += self._bars(self.row_of(ch), y1, "accent2", f"wte[{name}]", "the character's row")
        out += self._bars(self.wpe[p] if self.has_row() else None, y1 + 66, "accent", f"+ wpe[{p}]", "the position's row")
        out += self._bars(self.input_at(p), y1 + 132, "accent3", "= x, the input", "what block 1 reads")
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
