"""Attention patterns over a short string: one head of width 4, or two heads of width 2,
built from the same queries and keys.

Every token x_t is 4 numbers. The first two are its position, a point on a circle at
angle t * 60 degrees. The last two are its character, a point on a circle at an angle
set by which character it is (with 3 different characters: 0, 120, 240 degrees).
Queries and keys are the same in both modes:

    q_t = [pos * (position code of t - 1), char * (character code of t)]
    k_s = [position code of s, character code of s]

The first half of q_t . k_s is pos * cos((t - 1 - s) * 60 deg): largest one step back.
The second half is char * cos(angle between the characters): char when they match,
less when they don't. One head of width 4 adds the halves and takes one softmax per
row. Two heads of width 2 stop each dot product halfway and take two softmaxes per row.
Both are causal: row t sees keys 0..t.

    ```widget multihead_patterns
    id = "one"
    text = "banana"       # 2 to 6 characters, at most 4 different ones
    heads = 1             # 1: one head of width 4; 2: two heads of width 2
    pos = 2               # how strongly the query looks one step back, 0 to 8
    char = 2              # how strongly it looks for its own character, 0 to 8
    row = 5               # the query row shown in numbers
    goal = { text = "...", check = "prev_min >= 0.8", solution = { pos = 8, char = 0 } }
    ```

values() for goals: pos, char, row; prev and same (the selected row's weight on the
previous token and on tokens with its own character, from head 0 and head 1 when there
are two heads, both from the one head otherwise); prev_min (the smallest prev over rows
1..T-1) and same_min (the smallest same over all rows).
"""

import math

from ..numeric import dot, softmax
from ..show import fixed, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of, whole
from ..widgets.controls import Slider
from ..widgets.views import cell

STEP = math.pi / 3                   # 60 degrees of position-circle per token
BETA_MAX, BETA_STEP = 8.0, 0.5
CELL = 24                             # one heatmap cell, in widget units
TOP = 64                              # top of the heatmaps
DOWN = {"ArrowDown": "ArrowUp", "ArrowUp": "ArrowDown", "PageUp": "Home", "PageDown": "End"}   # row 0 is on top


def position_code(t):
    return [math.cos(t * STEP), math.sin(t * STEP)]


def char_codes(text):
    """Each distinct character (in order of first appearance) gets a point on the unit circle."""
    kinds = list(dict.fromkeys(text))
    m = len(kinds)
    return {c: [math.cos(2 * math.pi * i / m), math.sin(2 * math.pi * i / m)] for i, c in enumerate(kinds)}


def queries_keys(text, pos, char):
    """The 4-number query and key of every token (lists of T lists)."""
    codes = char_codes(text)
    qs = [[pos * v for v in position_code(t - 1)] + [char * v for v in codes[c]] for t, c in enumerate(text)]
    ks = [position_code(s) + codes[c] for s, c in enumerate(text)]
    return qs, ks


def attention(qs, ks, lo, hi):
    """Causal softmax weights of one head that reads numbers lo..hi-1 of each query and key
    (unscaled: the knobs already set how sharp each head is)."""
    return [softmax([dot(q[lo:hi], k[lo:hi]) for k in ks[:t + 1]]) for t, q in enumerate(qs)]


@register
class MultiheadPatterns(Widget):
    name = "multihead_patterns"
    width = 600

    def configure(self, config):
        text = config.pop("text", "banana")
        if not isinstance(text, str) or not 2 <= len(text) <= 6 or not text.isprintable() or " " in text:
            raise ValueError(f"{self.name}: text must be 2 to 6 visible characters, not {text!r}")
        if len(set(text)) > 4:
            raise ValueError(f"{self.name}: text may hold at most 4 different characters")
        self.text = text
        self.heads = one_of(self.name, "heads", config.pop("heads", 2), (1, 2))
        pos = number(self.name, "pos", config.pop("pos", 2), 0, BETA_MAX)
        char = number(self.name, "char", config.pop("char", 2), 0, BETA_MAX)
        row = whole(self.name, "row", config.pop("row", len(text) - 1), 0, len(text) - 1)
        super().configure(config)
        one = self.heads == 1
        self.knobs = {"pos": Slider("pos", "look one step back" + ("" if one else " (head 0)"), 0, BETA_MAX, BETA_STEP, pos),
                      "char": Slider("char", "look for my character" + ("" if one else " (head 1)"), 0, BETA_MAX,
                                     BETA_STEP, char),
                      "row": Slider("row", "query row", 0, len(text) - 1, 1, row)}

    @property
    def row(self):
        return self.knobs["row"].value

    # The attention ------------------------------------------------------------------------
    def weights(self):
        """One list of causal weight rows per head."""
        qs, ks = queries_keys(self.text, self.knobs["pos"].value, self.knobs["char"].value)
        if self.heads == 1:
            return [attention(qs, ks, 0, 4)]
        return [attention(qs, ks, 0, 2), attention(qs, ks, 2, 4)]

    def prev_share(self, rows, t):
        return rows[t][t - 1] if t >= 1 else None

    def same_share(self, rows, t):
        return sum(w for s, w in enumerate(rows[t]) if self.text[s] == self.text[t])

    def values(self):
        heads = self.weights()
        prev_rows, same_rows = heads[0], heads[-1]
        T = len(self.text)
        prev = [self.prev_share(prev_rows, t) for t in range(1, T)]
        same = [self.same_share(same_rows, t) for t in range(T)]
        return {**super().values(),
                "prev": round(self.prev_share(prev_rows, self.row) or 0.0, 6),
                "same": round(self.same_share(same_rows, self.row), 6),
                "prev_min": round(min(prev), 6), "same_min": round(min(same), 6)}

    def handle(self, event):
        if event.get("type") == "key" and event.get("handle") == "row":
            event = {**event, "key": DOWN.get(event.get("key"), event.get("key"))}
        super().handle(event)

    def drag(self, handle, x, y):
        if handle == "row":
            self.knobs["row"].set((y - TOP) // CELL)

    def __repr__(self):
        v = self.values()
        return f"<multihead_patterns {self.heads} head(s), pos = {v['pos']:g}, char = {v['char']:g}, row = {self.row}>"

    # The scene ------------------------------------------------------------------------------
    @property
    def height(self):
        return TOP + len(self.text) * CELL + (60 if self.heads == 1 else 46)

    def _panels(self):
        """(left x of the heatmap, head title, bar parts) for each head."""
        grid = len(self.text) * CELL
        if self.heads == 1:
            return [(150, "one head, width 4: q·k over all 4 numbers", ("prev", "same"))]
        return [(80, "head 0: first two numbers (position)", ("prev",)),
                (80 + grid + 126, "head 1: last two numbers (character)", ("same",))]

    def shapes(self):
        T = len(self.text)
        grid = T * CELL
        panels = self._panels()
        # The row handle comes first, at a fixed index, so it keeps keyboard focus while the number
        # of shapes after it changes with the selected row. Nothing is drawn over it.
        out = [S.handle(S.circle(panels[0][0] - 44, TOP + self.row * CELL + CELL / 2, 8, "accent3"), "row", "query row",
                        f"row {self.row}, {self.text[self.row]!r}")]
        for (x0, title, parts), rows in zip(panels, self.weights()):
            out += [S.text(x0 + grid / 2 + 20, 16, title, "small label"),
                    S.text(x0 - 20, TOP - 24, "key →", "small muted", "end"),
                    S.text(x0 - 20, TOP - 8, "query ↓", "small muted", "end")]
            for s, c in enumerate(self.text):
                out += [S.text(x0 + s * CELL + CELL / 2, TOP - 22, str(s), "small muted"),
                        S.text(x0 + s * CELL + CELL / 2, TOP - 7, c, "label")]
            for t in range(T):
                y = TOP + t * CELL
                out.append(S.text(x0 - 8, y + CELL / 2 + 5, f"{t} {self.text[t]}", "label" if t == self.row else "small muted", "end"))
                for s in range(T):
                    x = x0 + s * CELL
                    # past the diagonal, the causal mask: a query never sees a later key
                    out.append(cell(x, y, CELL, CELL, rows[t][s]) if s <= t else S.rect(x, y, CELL, CELL, "grid nofill"))
                    if t == self.row and s <= t:
                        out.append(S.text(x + CELL / 2, y + CELL / 2 + 4, num(rows[t][s], 1), "small label"))
            out.append(S.rect(x0 - 2, TOP + self.row * CELL - 2, grid + 4, CELL + 4, "selected nofill"))
            out += self._bar(x0 + grid + 22, rows, parts)
        return out

    def _bar(self, x, rows, parts):
        """The selected row's budget of 1, stacked: previous token, same character, the rest."""
        H, t = len(self.text) * CELL, self.row
        shares = {"prev": self.prev_share(rows, t) or 0.0, "same": self.same_share(rows, t)}
        cls = {"prev": "accent", "same": "accent2"}
        out, y = [S.rect(x, TOP, 22, H, "grid")], TOP + H
        for p in parts:
            y -= H * shares[p]
            out.append(S.rect(x, y, 22, H * shares[p], cls[p], opacity=0.85))
        out += [S.text(x + 11, TOP + H + 16, f"row {t}", "small muted"), S.text(x + 11, TOP - 8, "1", "small muted")]
        out += [S.text(x + 11, TOP + H + 32 + 14 * i, f"{p} {fixed(shares[p])}", f"small {cls[p]}")
                for i, p in enumerate(parts)]
        return out

    def readouts(self):
        t, c = self.row, self.text[self.row]
        prev_name = f"{self.text[t - 1]!r} at {t - 1}" if t else "none: row 0 has no previous token"
        same_at = [str(s) for s in range(t + 1) if self.text[s] == c]
        v = self.values()
        who = ("the head", "the head") if self.heads == 1 else ("head 0", "head 1")
        return [
            {"label": "query", "value": f"{c!r} at position {t}"},
            {"label": f"{who[0]}: weight on the previous token ({prev_name})",
             "value": fixed(v["prev"]) if t else "—"},
            {"label": f"{who[1]}: weight on its own character (position{'s' if len(same_at) > 1 else ''} "
                      f"{', '.join(same_at)})", "value": fixed(v["same"])},
            {"label": "lowest over rows 1 and up: previous token", "value": fixed(v["prev_min"])},
            {"label": "lowest over all rows: own character", "value": fixed(v["same_min"])},
        ]

    def controls(self):
        return [self.knobs["pos"].control(), self.knobs["char"].control()]
