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

from ..numeric import softmax
from ..show import fixed
from ..widgets import register
from ..widgets.base import Widget, number, one_of, whole

STEP = math.pi / 3                   # 60 degrees of position-circle per token
BETA_MAX, BETA_STEP = 8.0, 0.5
CELL = 24                             # one heatmap cell, in widget units
TOP = 64                              # top of the heatmaps


def position_code(t):
    return [math.cos(t * STEP), math.sin(t * STEP)]


def char_codes(text):
    """Each distinct character (in order of first appearance) gets a point on the unit circle."""
    kinds = list(dict.fromkeys(text))
    m = len(kinds)
    return {c: [math.cos(2 * math.pi * i / m), math.sin(2 * math.pi * i / m)] for i, c in enumerate(kinds)}


def dot(a, b):
    return sum(x * y for x, y in zip(a, b))


def queries_keys(text, pos, char):
    """The 4-number query and key of every token (lists of T lists)."""
    codes = char_codes(text)
    qs = [[pos * v for v in position_code(t - 1)] + [char * v for v in codes[c]] for t, c in enumerate(text)]
    ks = [position_code(s) + codes[c] for s, c in enumerate(text)]
    return qs, ks


def attention(qs, ks, lo, hi):
    """Causal softmax weights of one head that reads numbers lo..hi-1 of each query and key."""
    return [softmax([dot(q[lo:hi], k[lo:hi]) for k in ks[:t + 1]]) for t, q in enumerate(qs)]


def cell_text(w):
    """A weight in a heatmap cell: '.45', or '1' once it rounds to 1."""
    text = f"{w:.2f}"
    return "1" if text == "1.00" else text[1:]


def snap(value):
    """A knob's value clamped to 0..BETA_MAX and rounded to a step of the slider (an int when whole)."""
    value = round(min(max(value, 0.0), BETA_MAX) / BETA_STEP) * BETA_STEP
    return int(value) if value == int(value) else value


@register
class MultiheadPatterns(Widget):
    name = "multihead_patterns"
    width = 600

    def configure(self, config):
        text = config.pop("text", "banana")
        if not isinstance(text, str) or not 2 <= len(text) <= 6 or not text.isprintable() or " " in text:
            raise ValueError(f"multihead_patterns: text must be 2 to 6 visible characters, not {text!r}")
        if len(set(text)) > 4:
            raise ValueError("multihead_patterns: text may hold at most 4 different characters")
        self.text = text
        self.heads = one_of(self.name, "heads", config.pop("heads", 2), (1, 2))
        self.pos = snap(number(self.name, "pos", config.pop("pos", 2), 0, BETA_MAX))
        self.char = snap(number(self.name, "char", config.pop("char", 2), 0, BETA_MAX))
        self.row = whole(self.name, "row", config.pop("row", len(text) - 1), 0, len(text) - 1)
        super().configure(config)
        self.start = (self.pos, self.char, self.row)

    # The attention ------------------------------------------------------------------------
    def weights(self):
        """One list of causal weight rows per head."""
        qs, ks = queries_keys(self.text, self.pos, self.char)
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
        return {"pos": self.pos, "char": self.char, "row": self.row,
                "prev": round(self.prev_share(prev_rows, self.row) or 0.0, 6),
                "same": round(self.same_share(same_rows, self.row), 6),
                "prev_min": round(min(prev), 6), "same_min": round(min(same), 6)}

    def set_values(self, values):
        for key, value in values.items():
            if key in ("pos", "char"):
                setattr(self, key, snap(number(self.name, key, value)))
            elif key == "row":
                self.row = min(max(int(value), 0), len(self.text) - 1)
            else:
                raise KeyError(f"multihead_patterns sets pos, char and row, not {key!r}")

    def reset(self):
        self.pos, self.char, self.row = self.start

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            try:
                value = float(event.get("value"))
            except (TypeError, ValueError):
                return
            if event.get("id") in ("pos", "char") and math.isfinite(value):
                setattr(self, event["id"], snap(value))
            return
        if event.get("handle") != "row":
            return
        T = len(self.text)
        if kind == "drag":
            try:
                y = float(event["y"])
            except (KeyError, TypeError, ValueError):
                return
            self.row = min(max(int((y - TOP) // CELL), 0), T - 1)
        elif kind == "key":
            key = event.get("key")
            step = {"ArrowDown": 1, "ArrowRight": 1, "ArrowUp": -1, "ArrowLeft": -1}.get(key, 0)
            row = {"Home": 0, "PageUp": 0, "End": T - 1, "PageDown": T - 1}.get(key, self.row + step)
            self.row = min(max(row, 0), T - 1)

    def __repr__(self):
        return f"<multihead_patterns {self.heads} head(s), pos = {self.pos}, char = {self.char}, row = {self.row}>"

    # The scene ------------------------------------------------------------------------------
    @property
    def height(self):
        return TOP + len(self.text) * CELL + (60 if self.heads == 1 else 46)

    def _panels(self):
        """(left x of the heatmap, head title, heatmap class, bar parts) for each head."""
        T = len(self.text)
        grid = T * CELL
        if self.heads == 1:
            return [(150, "one head, width 4: q·k over all 4 numbers", "accent3", ("prev", "same"))]
        left = 80
        return [(left, "head 0: first two numbers (position)", "accent", ("prev",)),
                (left + grid + 126, "head 1: last two numbers (character)", "accent2", ("same",))]

    def shapes(self):
        T = len(self.text)
        grid = T * CELL
        panels = self._panels()
        # The row handle comes first, at a fixed index, so it keeps keyboard focus while the number
        # of shapes after it changes with the selected row. Nothing is drawn over it.
        out = [{"t": "circle", "cx": panels[0][0] - 44, "cy": TOP + self.row * CELL + CELL / 2, "r": 8,
                "cls": "accent3", "handle": "row", "label": "query row",
                "value": f"row {self.row}, {self.text[self.row]!r}"}]
        for (x0, title, cls, parts), rows in zip(panels, self.weights()):
            out.append({"t": "text", "x": x0 + grid / 2 + 20, "y": 16, "s": title, "cls": "small label"})
            out.append({"t": "text", "x": x0 - 20, "y": TOP - 24, "s": "key →", "cls": "small muted", "anchor": "end"})
            out.append({"t": "text", "x": x0 - 20, "y": TOP - 8, "s": "query ↓", "cls": "small muted", "anchor": "end"})
            for s, c in enumerate(self.text):
                x = x0 + s * CELL + CELL / 2
                out.append({"t": "text", "x": x, "y": TOP - 22, "s": str(s), "cls": "small muted"})
                out.append({"t": "text", "x": x, "y": TOP - 7, "s": c, "cls": "label"})
            for t in range(T):
                y = TOP + t * CELL
                out.append({"t": "text", "x": x0 - 8, "y": y + CELL / 2 + 5, "s": f"{t} {self.text[t]}",
                            "cls": "label" if t == self.row else "small muted", "anchor": "end"})
                for s in range(T):
                    x = x0 + s * CELL
                    if s > t:      # the causal mask: a query never sees a later key
                        out.append({"t": "rect", "x": x, "y": y, "w": CELL, "h": CELL, "cls": "grid"})
                        continue
                    w = rows[t][s]
                    out.append({"t": "rect", "x": x, "y": y, "w": CELL, "h": CELL, "cls": f"{cls} grid",
                                "opacity": round(0.06 + 0.94 * w, 3)})
                    if t == self.row:
                        out.append({"t": "text", "x": x + CELL / 2, "y": y + CELL / 2 + 4, "s": cell_text(w),
                                    "cls": "small label"})
            out.append({"t": "rect", "x": x0 - 2, "y": TOP + self.row * CELL - 2, "w": grid + 4, "h": CELL + 4,
                        "cls": "selected nofill"})
            out += self._bar(x0 + grid + 22, rows, parts)
        return out

    def _bar(self, x, rows, parts):
        """The selected row's budget of 1, stacked: previous token, same character, the rest."""
        H = len(self.text) * CELL
        t = self.row
        shares = {"prev": self.prev_share(rows, t) or 0.0, "same": self.same_share(rows, t)}
        cls = {"prev": "accent", "same": "accent2"}
        out = [{"t": "rect", "x": x, "y": TOP, "w": 22, "h": H, "cls": "grid"}]
        y = TOP + H
        for p in parts:
            h = H * shares[p]
            y -= h
            out.append({"t": "rect", "x": x, "y": round(y, 1), "w": 22, "h": round(h, 1), "cls": cls[p], "opacity": 0.85})
        out.append({"t": "text", "x": x + 11, "y": TOP + H + 16, "s": f"row {t}", "cls": "small muted"})
        out.append({"t": "text", "x": x + 11, "y": TOP - 8, "s": "1", "cls": "small muted"})
        for i, p in enumerate(parts):
            out.append({"t": "text", "x": x + 11, "y": TOP + H + 32 + 14 * i, "s": f"{p} {fixed(shares[p])}",
                        "cls": f"small {cls[p]}"})
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
        one = self.heads == 1
        return [
            {"kind": "range", "id": "pos", "label": "look one step back" + ("" if one else " (head 0)"),
             "min": 0, "max": BETA_MAX, "step": BETA_STEP, "value": self.pos, "display": f"{self.pos:g}"},
            {"kind": "range", "id": "char", "label": "look for my character" + ("" if one else " (head 1)"),
             "min": 0, "max": BETA_MAX, "step": BETA_STEP, "value": self.char, "display": f"{self.char:g}"},
        ]
