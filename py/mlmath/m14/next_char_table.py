"""A bigram count table drawn as a heatmap: rows are "the character before", columns
"the character after". Click a row to read its next-character distribution, drag u
along the row's stick to see which character a draw picks, and generate text.

The table is counted from text the learner types, or from a slice of tiny-shakespeare:

    ```widget next_char_table
    id = "bard"
    source = "shakespeare"
    chars = 10000              # how much of the text to count; a slider if slider = true
    slider = true
    toggle = true              # a button switching the squares from counts to row probabilities
    row = "t"
    show = ["stick", "generate"]
    ```

To keep the picture readable, a typed text keeps its 15 most frequent characters and
tiny-shakespeare its `top` most frequent; every other character falls into one
bucket drawn as "•". A square's area is proportional to its count (or, with
scale = "row", to its probability within the row), so the eye reads it as an amount.

A cell can hand the widget its own sampler: `widget("gen").use(sample_next)` makes
the Sample buttons call `sample_next(row_probs, rng)` and grade it against the stick.
"""

import math
import random
from collections import Counter

from ..widgets import register
from ..show import CHARS, commas
from ..widgets.base import Widget, arrow_step, one_of, whole

OTHER = "\x00"                  # the bucket for characters outside the kept alphabet
SHOW_CHAR = {**CHARS, "\t": "\u21e5", "\r": "\u240d", OTHER: "\u2022"}
SHOWS = ("stick", "generate")
SLICES = (1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1115394)
MAX_TYPED = 600
TYPED_KEEP = 15
CELL = 22
LEFT = 40          # room for the row labels
TOP = 44           # room for the caption and column labels


def show_char(ch):
    """How a character is written in the picture: a space as ␣, a newline as ↵, the bucket as •."""
    return SHOW_CHAR.get(ch, ch)


def name_char(ch):
    """How a character is named in values() and goals: itself, or "other" for the bucket."""
    return "other" if ch == OTHER else ch


def quoted(ch):
    return "\u2022 (any other character)" if ch == OTHER else f"'{show_char(ch)}'"


def fmt_p(p):
    if 0 < p < 0.0005:
        return "<0.001"
    return f"{p:.3f}".rstrip("0").rstrip(".") if p not in (0, 1) else str(int(p))


def _corpus():
    from mlmath.data import shakespeare
    return shakespeare()


_RANKED = {}


def ranked_corpus_chars():
    """tiny-shakespeare's characters, most frequent first (computed once)."""
    if "all" not in _RANKED:
        counts = Counter(_corpus())
        _RANKED["all"] = [c for c, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return _RANKED["all"]


def bucket(text, alphabet):
    """text with every character outside alphabet replaced by the bucket."""
    table = {ord(c): OTHER for c in set(text) if c not in alphabet}
    return text.translate(table) if table else text


def count_pairs(text):
    """{(before, after): count} over every adjacent pair of characters."""
    return Counter(zip(text, text[1:]))


def pick(row, u):
    """The character a draw u in [0, 1) picks from row {char: count}: walk the cumulative
    counts in row order and stop at the first whose running total exceeds u * total."""
    total = sum(row.values())
    if not total:
        return None
    target, run = u * total, 0
    for ch, n in row.items():
        run += n
        if target < run:
            return ch
    return ch


@register
class NextCharTable(Widget):
    name = "next_char_table"
    width = 660

    def configure(self, config):
        self.source = one_of(self.name, "source", config.pop("source", "typed"), ("typed", "shakespeare"))
        text = config.pop("text", "the cat sat on the mat")
        if not isinstance(text, str) or len(text) > MAX_TYPED:
            raise ValueError(f"next_char_table: text must be a string of at most {MAX_TYPED} characters")
        self.top_n = whole(self.name, "top", config.pop("top", 15), 2, 19)
        chars = one_of(self.name, "chars", config.pop("chars", 10000), SLICES)
        self.slider = bool(config.pop("slider", False))
        self.toggle = bool(config.pop("toggle", False))
        self.scale = one_of(self.name, "scale", config.pop("scale", "count"), ("count", "row"))
        show = config.pop("show", [])
        show = [show] if isinstance(show, str) else show
        if not isinstance(show, list) or any(s not in SHOWS for s in show):
            raise ValueError(f"next_char_table: show takes a list drawn from {', '.join(SHOWS)}; got {show!r}")
        self.show = list(show)
        if "generate" in self.show and "stick" not in self.show:
            self.show.append("stick")
        self.seed = whole(self.name, "seed", config.pop("seed", 0), 0, 99)
        self.u = config.pop("u", 0.5)
        if isinstance(self.u, bool) or not isinstance(self.u, (int, float)) or not 0 <= self.u < 1:
            raise ValueError("next_char_table: u must be a number in [0, 1)")
        row = config.pop("row", None)
        if self.source == "typed" and self.slider:
            raise ValueError("next_char_table: slider only applies to source = 'shakespeare'")
        super().configure(config)

        self.text = text
        self.n = chars
        self._cache = {}
        self.fn = None
        self.fn_note = ""
        self._recount()
        self.row = self._char_of(row) if row is not None else self.alphabet[0]
        if self.row not in self.alphabet:
            raise ValueError(f"next_char_table: row {row!r} is not in this table's alphabet")
        self.start = {"text": self.text, "n": self.n, "row": self.row, "u": self.u, "scale": self.scale,
                      "seed": self.seed}
        self._restart()

    # Counting ------------------------------------------------------------------------
    def _char_of(self, name):
        """A goal or config names the bucket "other"; everything else is the character itself."""
        if name == "other":
            return OTHER
        if not isinstance(name, str) or len(name) != 1:
            raise ValueError(f"next_char_table: a row is one character or 'other', not {name!r}")
        return name if name in self.alphabet else OTHER if OTHER in self.alphabet else name

    def _recount(self):
        if self.source == "shakespeare":
            key = self.n
            if key not in self._cache:
                ranked = ranked_corpus_chars()
                alphabet = ranked[:self.top_n]
                if len(ranked) > self.top_n:
                    alphabet = alphabet + [OTHER]
                text = bucket(_corpus()[:self.n], set(alphabet))
                self._cache = {key: (alphabet, count_pairs(text))}   # keep one: memory stays small
            self.alphabet, self.pairs = self._cache[key]
        else:
            freq = Counter(self.text)
            distinct = sorted(freq)
            if len(distinct) > TYPED_KEEP + 1:
                kept = sorted(sorted(freq, key=lambda c: (-freq[c], c))[:TYPED_KEEP])
                alphabet = kept + [OTHER]
            else:
                alphabet = distinct
            self.alphabet = alphabet
            self.pairs = count_pairs(bucket(self.text, set(alphabet)))
        self.rows = {a: {} for a in self.alphabet}
        for (a, b), n in self.pairs.items():
            self.rows[a][b] = n
        order = {c: i for i, c in enumerate(self.alphabet)}
        for a in self.rows:
            self.rows[a] = dict(sorted(self.rows[a].items(), key=lambda kv: order[kv[0]]))
        self.max_count = max(self.pairs.values(), default=0)

    def row_counts(self, ch=None):
        return self.rows.get(self.row if ch is None else ch, {})

    def row_probs(self, ch=None):
        row = self.row_counts(ch)
        total = sum(row.values())
        return {c: n / total for c, n in row.items()} if total else {}

    # Generating ------------------------------------------------------------------------
    def _restart(self):
        self.rng = random.Random(self.seed)
        self.generated = self.row if "generate" in self.show else ""
        self.gen_start = self.row
        self.last = None          # (row, u, picked) of the latest draw
        self.fn_note = ""

    def _draw(self):
        """One step of generation from the last generated character's row."""
        current = self.generated[-1]
        row = self.row_counts(current)
        if not row:
            self.last = (current, None, None)
            return False
        state = self.rng.getstate()
        u = self.rng.random()
        chosen = pick(row, u)
        if self.fn is not None:
            mine = random.Random()
            mine.setstate(state)
            probs = {name_char(c): n / sum(row.values()) for c, n in row.items()}
            try:
                got = self.fn(probs, mine)
            except Exception as exc:  # noqa: BLE001 - a learner's function may break; say so
                self.fn_note = f"{self._fn_name()} raised {type(exc).__name__}: {exc} \u2717"
                got = None
            else:
                if got == name_char(chosen):
                    self.fn_note = f"{self._fn_name()} picked {quoted(chosen)} \u2713"
                else:
                    self.fn_note = (f"{self._fn_name()} picked {got!r}, but u = {u:.3f} lands on "
                                    f"{quoted(chosen)} \u2717")
        self.row, self.u = current, u
        self.generated += chosen
        self.last = (current, u, chosen)
        return True

    def _fn_name(self):
        return f"{getattr(self.fn, '__name__', 'your sampler')}(row, rng)"

    def use(self, fn):
        """Let a learner's sampler pick the characters: fn(row_probs, rng) -> char.
        `use(None)` goes back to the widget's own stick."""
        if fn is not None and not callable(fn):
            raise TypeError(f"use() needs a function, like use(sample_next), not {type(fn).__name__}")
        self.fn = fn
        self.fn_note = ""

    # Goal values ----------------------------------------------------------------------
    def values(self):
        row = self.row_counts()
        total = sum(row.values())
        top = max(row, key=lambda c: row[c]) if row else None
        best = 0.0
        for r in self.rows.values():
            t = sum(r.values())
            if t:
                best = max(best, max(r.values()) / t)
        return {
            "text": self.text, "n": self.n, "row": name_char(self.row), "row_total": total,
            "distinct": len(row), "top": None if top is None else name_char(top),
            "top_p": round(row[top] / total, 6) if total else 0.0, "max_top_p": round(best, 6),
            "u": self.u, "pick": name_char(pick(row, self.u)) if row else None,
            "scale": self.scale, "seed": self.seed, "steps": max(len(self.generated) - 1, 0),
            "pairs": sum(self.pairs.values()),
        }

    def set_values(self, values):
        """text, n, row, u, scale, seed and steps set the table; the rest follow and must agree."""
        values = dict(values)
        computed = {k: values.pop(k) for k in list(values)
                    if k not in ("text", "n", "row", "u", "scale", "seed", "steps")}
        if "text" in values:
            self._set_text(values["text"])
        if "n" in values:
            if values["n"] not in SLICES:
                raise ValueError(f"n must be one of {SLICES}")
            self.n = values["n"]
            self._recount()
        if "scale" in values:
            self.scale = values["scale"]
        if "row" in values:
            self.row = self._char_of(values["row"])
        if "u" in values:
            self.u = min(max(float(values["u"]), 0.0), 0.999)
        if "seed" in values:
            self.seed = int(values["seed"])
        if "seed" in values or "row" in values:
            if "row" not in values:
                self.row = self.gen_start
            self._restart()
        for _ in range(values.get("steps", 0)):
            if not self._draw():
                break
        super().set_values(computed)

    def _set_text(self, text):
        self.text = str(text)[:MAX_TYPED]
        self._recount()
        if self.row not in self.alphabet:
            self.row = self.alphabet[0] if self.alphabet else OTHER
        if "generate" in self.show:
            self._restart()

    # Events --------------------------------------------------------------------------
    def _row_at(self, y):
        i = int((y - TOP) // CELL)
        return self.alphabet[min(max(i, 0), len(self.alphabet) - 1)]

    def _new_row(self, ch):
        if ch != self.row:
            self.row = ch
            if "generate" in self.show:
                self._restart()

    def handle(self, event):
        kind, h = event.get("type"), event.get("handle")
        if kind == "drag" and isinstance(h, str) and h.startswith("row:") and self.alphabet:
            self._new_row(self._row_at(event.get("y", 0)))
        elif kind == "drag" and h == "u":
            self.u = round(min(max((event.get("x", 0) - LEFT) / self._stick_w, 0.0), 0.999), 3)
        elif kind == "key" and isinstance(h, str) and h.startswith("row:") and self.alphabet:
            key = event.get("key")
            i = self.alphabet.index(self.row) if self.row in self.alphabet else 0
            if key in ("ArrowUp", "ArrowLeft"):
                i -= 1
            elif key in ("ArrowDown", "ArrowRight"):
                i += 1
            elif key == "Home":
                i = 0
            elif key == "End":
                i = len(self.alphabet) - 1
            elif key == "Enter":
                i = int(h.split(":", 1)[1])
            self._new_row(self.alphabet[min(max(i, 0), len(self.alphabet) - 1)])
        elif kind == "key" and h == "u":
            key = event.get("key")
            if key == "Home":
                self.u = 0.0
            elif key == "End":
                self.u = 0.999
            else:
                self.u = round(min(max(self.u + arrow_step(key, 0.01, 0.1), 0.0), 0.999), 3)
        elif kind == "input":
            cid, value = event.get("id"), event.get("value")
            if cid == "text":
                self._set_text(value or "")
            elif cid == "slice":
                i = min(max(int(value), 0), len(SLICES) - 1)
                self.n = SLICES[i]
                self._recount()
                if self.row not in self.alphabet:
                    self.row = self.alphabet[0]
            elif cid == "scale":
                self.scale = "row" if self.scale == "count" else "count"
            elif cid == "seed":
                self.seed = min(max(int(value), 0), 99)
                self.row = self.gen_start
                self._restart()
            elif cid == "next":
                self._draw()
            elif cid == "more":
                for _ in range(20):
                    if not self._draw():
                        break
            elif cid == "reset":
                self.row = self.gen_start
                self._restart()

    # Geometry --------------------------------------------------------------------------
    @property
    def _k(self):
        return len(self.alphabet)

    @property
    def _grid_h(self):
        return max(self._k, 1) * CELL

    @property
    def _stick_y(self):
        return TOP + self._grid_h + 34

    @property
    def _stick_w(self):
        return self.width - LEFT - 30

    @property
    def height(self):
        h = TOP + max(self._grid_h, 60) + 16
        if "stick" in self.show:
            h = self._stick_y + 74
        return h

    # The scene -------------------------------------------------------------------------
    def shapes(self):
        out = []
        k = self._k
        if self.source == "typed" and sum(self.pairs.values()) == 0:
            return [{"t": "text", "x": self.width / 2, "y": TOP + 40,
                     "s": "Type at least two characters: every neighbouring pair adds one count.",
                     "cls": "label muted"}]
        gw = k * CELL
        out.append({"t": "text", "x": LEFT + gw / 2, "y": 14, "s": "next character \u2192", "cls": "small muted"})
        out.append({"t": "text", "x": 4, "y": 14, "s": "before \u2193", "cls": "small muted", "anchor": "start"})
        # grid
        for i in range(k + 1):
            out.append({"t": "line", "x1": LEFT, "y1": TOP + i * CELL, "x2": LEFT + gw, "y2": TOP + i * CELL,
                        "cls": "grid"})
            out.append({"t": "line", "x1": LEFT + i * CELL, "y1": TOP, "x2": LEFT + i * CELL, "y2": TOP + gw,
                        "cls": "grid"})
        # column labels
        for j, b in enumerate(self.alphabet):
            out.append({"t": "text", "x": LEFT + j * CELL + CELL / 2, "y": TOP - 8, "s": show_char(b),
                        "cls": "small" if b != OTHER else "small muted"})
        # row labels: the handles
        for i, a in enumerate(self.alphabet):
            total = sum(self.rows[a].values())
            sel = a == self.row
            out.append({"t": "rect", "x": 6, "y": TOP + i * CELL + 2, "w": LEFT - 10, "h": CELL - 4, "rx": 4,
                        "cls": "node selected" if sel else "node", "handle": f"row:{i}",
                        "label": f"row {quoted(a)}: {total} pairs start with it. Enter selects, arrows move.",
                        "value": f"row {show_char(a)}{' (selected)' if sel else ''}"})
            lift = 3 if a == " " else 0      # the ␣ glyph sits low; raise it inside its box
            out.append({"t": "text", "x": 6 + (LEFT - 10) / 2, "y": TOP + i * CELL + CELL / 2 + 5 - lift,
                        "s": show_char(a), "cls": "label accent2" if sel else "label"})
        if "stick" in self.show:         # here, so it keeps its place as the squares and pieces change
            out.append(self._u_handle())
        # the squares: area proportional to count (or to probability within the row)
        inner = CELL - 4
        picked = self.last if self.last and self.last[2] is not None else None
        for i, a in enumerate(self.alphabet):
            row = self.rows[a]
            total = sum(row.values())
            for j, b in enumerate(self.alphabet):
                n = row.get(b, 0)
                if not n:
                    continue
                share = n / self.max_count if self.scale == "count" else n / total
                side = max(inner * math.sqrt(share), 3.0)
                cls = "accent2" if a == self.row else "accent"
                if picked and a == picked[0] and b == picked[2]:
                    cls = "accent3"
                out.append({"t": "rect", "x": round(LEFT + j * CELL + (CELL - side) / 2, 1),
                            "y": round(TOP + i * CELL + (CELL - side) / 2, 1),
                            "w": round(side, 1), "h": round(side, 1), "cls": cls})
        # outline the selected row (a path: no fill, so it hides nothing)
        if self.row in self.alphabet:
            i = self.alphabet.index(self.row)
            y0, y1 = TOP + i * CELL, TOP + (i + 1) * CELL
            out.append({"t": "path", "d": f"M {LEFT} {y0} H {LEFT + gw} V {y1} H {LEFT} Z", "cls": "accent2"})
        out += self._row_panel(LEFT + gw + 26)
        if "stick" in self.show:
            out += self._stick()
        return out

    def _row_panel(self, x0):
        out = []
        row = self.row_counts()
        total = sum(row.values())
        out.append({"t": "text", "x": x0, "y": 14, "anchor": "start", "cls": "label accent2",
                    "s": f"after {quoted(self.row)}:" if self.row != OTHER else "after • (any other):"})
        if not total:
            out.append({"t": "text", "x": x0, "y": TOP + 10, "anchor": "start", "cls": "small muted",
                        "s": "nothing ever follows it here"})
            return out
        bar_max = self.width - x0 - 110
        top_p = max(row.values()) / total
        for r, (b, n) in enumerate(row.items()):
            y = TOP - 14 + r * 18
            p = n / total
            out.append({"t": "text", "x": x0 + 8, "y": y + 12, "s": show_char(b), "cls": "small"})
            out.append({"t": "rect", "x": x0 + 18, "y": y + 2, "w": round(max(bar_max * p / top_p, 1.5), 1),
                        "h": 12, "cls": "accent2"})
            out.append({"t": "text", "x": self.width - 6, "y": y + 12, "anchor": "end", "cls": "small",
                        "s": f"{n} \u00b7 {fmt_p(p)}"})
        return out

    def _stick(self):
        out = []
        row = self.row_counts()
        total = sum(row.values())
        y, w = self._stick_y, self._stick_w
        out.append({"t": "text", "x": LEFT, "y": y - 10, "anchor": "start", "cls": "small muted",
                    "s": f"row {show_char(self.row)} laid end to end from 0 to 1: each piece is as wide as its probability"})
        if not total:
            return out
        chosen = pick(row, self.u)
        run = 0
        for b, n in row.items():
            x = LEFT + w * run / total
            pw = w * n / total
            out.append({"t": "rect", "x": round(x, 1), "y": y, "w": round(pw, 1), "h": 24,
                        "cls": "accent3" if b == chosen else "node"})
            if pw >= 11:
                out.append({"t": "text", "x": round(x + pw / 2, 1), "y": y + 17, "s": show_char(b),
                            "cls": "small" if b != chosen else "small label"})
            run += n
        ux = LEFT + w * self.u
        out.append({"t": "text", "x": LEFT, "y": y + 40, "s": "0", "cls": "small muted"})
        out.append({"t": "text", "x": LEFT + w, "y": y + 40, "s": "1", "cls": "small muted"})
        out.append({"t": "line", "x1": round(ux, 1), "y1": y - 2, "x2": round(ux, 1), "y2": y + 44, "cls": "accent2"})
        return out

    def _u_handle(self):
        row = self.row_counts()
        chosen = pick(row, self.u) if row else None
        return {"t": "circle", "cx": round(LEFT + self._stick_w * self.u, 1), "cy": self._stick_y + 52, "r": 9,
                "cls": "accent2", "handle": "u",
                "label": "u, a uniform random number in [0, 1): drag it or use the arrow keys",
                "value": f"u = {self.u:.3f}, picks {quoted(chosen)}"}

    def readouts(self):
        out = []
        if self.source == "shakespeare":
            out.append({"label": "counted", "value": f"the first {commas(self.n)} characters "
                                                     f"({commas(sum(self.pairs.values()))} pairs)"})
        else:
            out.append({"label": "pairs counted", "value": commas(sum(self.pairs.values()))})
        row = self.row_counts()
        total = sum(row.values())
        if total:
            best = max(row.values())
            tops = [c for c in row if row[c] == best]
            out.append({"label": f"pairs starting with {show_char(self.row)}", "value": commas(total)})
            if len(tops) == 1:
                value = f"{quoted(tops[0])}: {best} / {total} = {fmt_p(best / total)}"
            else:
                value = (f"a {len(tops)}-way tie, {', '.join(quoted(c) for c in tops)}: "
                         f"{best} / {total} = {fmt_p(best / total)} each")
            out.append({"label": f"most likely after {show_char(self.row)}", "value": value})
        elif self.alphabet:
            out.append({"label": "", "value": f"nothing follows {quoted(self.row)} in this text, so its row is empty"})
        if "stick" in self.show and total:
            chosen = pick(row, self.u)
            out.append({"label": "u", "value": f"{self.u:.3f}, which lands on {quoted(chosen)}"})
        if "generate" in self.show:
            shown = "".join(show_char(c) for c in self.generated)
            out.append({"label": f"generated (seed {self.seed})", "value": shown})
            if self.last and self.last[1] is None:
                out.append({"label": "", "value": f"stopped: nothing ever follows {quoted(self.last[0])}"})
            if self.fn_note:
                out.append({"label": "", "value": self.fn_note})
        return out

    def controls(self):
        out = []
        if self.source == "typed":
            out.append({"kind": "text", "id": "text", "label": "Text", "value": self.text})
        if self.slider:
            i = SLICES.index(self.n)
            out.append({"kind": "range", "id": "slice", "label": "characters counted", "min": 0,
                        "max": len(SLICES) - 1, "step": 1, "value": i, "display": commas(self.n)})
        if self.toggle:
            out.append({"kind": "button", "id": "scale",
                        "label": "Show row probabilities" if self.scale == "count" else "Show counts"})
        if "generate" in self.show:
            out.append({"kind": "range", "id": "seed", "label": "seed", "min": 0, "max": 99, "step": 1,
                        "value": self.seed, "display": str(self.seed)})
            out.append({"kind": "button", "id": "next", "label": "Sample next character"})
            out.append({"kind": "button", "id": "more", "label": "Sample 20 more"})
            out.append({"kind": "button", "id": "reset", "label": "Start over"})
        return out

    def __repr__(self):
        return f"<next_char_table {self.source} row {quoted(self.row)}>"
