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
from ..show import CHARS, commas, fixed
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number, one_of, whole
from ..widgets.controls import Button, Choice, Slider, Text, Toggle

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


_RANKED = {}


def ranked_corpus_chars():
    """tiny-shakespeare's characters, most frequent first (computed once)."""
    if "all" not in _RANKED:
        from mlmath.data import shakespeare
        counts = Counter(shakespeare())
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
        self.slider = flag(self.name, "slider", config.pop("slider", False))
        self.toggle = flag(self.name, "toggle", config.pop("toggle", False))
        scale = one_of(self.name, "scale", config.pop("scale", "count"), ("count", "row"))
        show = config.pop("show", [])
        show = [show] if isinstance(show, str) else show
        if not isinstance(show, list) or any(s not in SHOWS for s in show):
            raise ValueError(f"next_char_table: show takes a list drawn from {', '.join(SHOWS)}; got {show!r}")
        self.show = list(show)
        if "generate" in self.show and "stick" not in self.show:
            self.show.append("stick")
        seed = whole(self.name, "seed", config.pop("seed", 0), 0, 99)
        u = number(self.name, "u", config.pop("u", 0.5), 0, 0.999)
        row = config.pop("row", None)
        if self.source == "typed" and self.slider:
            raise ValueError("next_char_table: slider only applies to source = 'shakespeare'")
        super().configure(config)
        self.knobs = {
            "text": Text("text", "Text", text, limit=MAX_TYPED),
            "slice": Choice("slice", "characters counted", SLICES, chars, fmt=commas),
            "scale": Toggle("scale", "Show row probabilities", "Show counts", scale == "row"),
            "seed": Slider("seed", "seed", 0, 99, 1, seed),
            "next": Button("next", "Sample next character", self._draw),
            "more": Button("more", "Sample 20 more", self._more),
            "reset": Button("reset", "Start over", self._start_over),
            "u": Slider("u", "u", 0, 0.999, 0.001, u, fine=0.01, coarse=0.1)}
        self._cache = {}
        self.fn = None
        self.fn_note = ""
        self._recount(None)
        self.row = self._char_of(row) if row is not None else self.alphabet[0]
        if self.row not in self.alphabet:
            raise ValueError(f"next_char_table: row {row!r} is not in this table's alphabet")
        self._restart()

    @property
    def text(self):
        return self.knobs["text"].text

    @property
    def n(self):
        return self.knobs["slice"].value

    @property
    def scale(self):
        return "row" if self.knobs["scale"].value else "count"

    @property
    def seed(self):
        return self.knobs["seed"].value

    @property
    def u(self):
        return self.knobs["u"].value

    # Counting ------------------------------------------------------------------------
    def _char_of(self, name):
        """A goal or config names the bucket "other"; everything else is the character itself."""
        if name == "other":
            return OTHER
        if not isinstance(name, str) or len(name) != 1:
            raise ValueError(f"next_char_table: a row is one character or 'other', not {name!r}")
        return name if name in self.alphabet else OTHER if OTHER in self.alphabet else name

    def _recount(self, row):
        """Count the table again; `row` stays selected if the new alphabet has it."""
        if self.source == "shakespeare":
            if self.n not in self._cache:
                ranked = ranked_corpus_chars()
                alphabet = ranked[:self.top_n] + ([OTHER] if len(ranked) > self.top_n else [])
                from mlmath.data import shakespeare
                text = bucket(shakespeare()[:self.n], set(alphabet))
                self._cache = {self.n: (alphabet, count_pairs(text))}   # keep one: memory stays small
            self.alphabet, self.pairs = self._cache[self.n]
        else:
            freq = Counter(self.text)
            alphabet = sorted(freq)
            if len(alphabet) > TYPED_KEEP + 1:
                alphabet = sorted(sorted(freq, key=lambda c: (-freq[c], c))[:TYPED_KEEP]) + [OTHER]
            self.alphabet = alphabet
            self.pairs = count_pairs(bucket(self.text, set(alphabet)))
        order = {c: i for i, c in enumerate(self.alphabet)}
        self.rows = {a: {} for a in self.alphabet}
        for (a, b), n in sorted(self.pairs.items(), key=lambda kv: order[kv[0][1]]):
            self.rows[a][b] = n
        self.max_count = max(self.pairs.values(), default=0)
        if row is not None:
            self.row = row if row in self.alphabet else self.alphabet[0] if self.alphabet else OTHER

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
        self.row = current
        self.knobs["u"].value = u         # exact, not snapped to the slider: the stick shows what picked
        self.generated += chosen
        self.last = (current, u, chosen)
        return True

    def _more(self):
        for _ in range(20):
            if not self._draw():
                break

    def _start_over(self):
        self.row = self.gen_start
        self._restart()

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
        best = max((max(r.values()) / sum(r.values()) for r in self.rows.values() if r), default=0.0)
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
        settable = {"text": "text", "n": "slice", "u": "u", "seed": "seed"}
        for key, knob in settable.items():
            if key in values and not self.knobs[knob].assign(values[key]):
                raise ValueError(f"next_char_table: {key} cannot be set to {values[key]!r}")
        if "text" in values or "n" in values:
            self._recount(self.row)
        if "scale" in values:
            self.knobs["scale"].assign(one_of(self.name, "scale", values.pop("scale"), ("count", "row")) == "row")
        if "row" in values:
            self.row = self._char_of(values.pop("row"))
            self._restart()
        elif "seed" in values or ("text" in values and "generate" in self.show):
            self._start_over()
        for _ in range(values.pop("steps", 0)):
            if not self._draw():
                break
        super().set_values({k: v for k, v in values.items() if k not in settable})

    # Events --------------------------------------------------------------------------
    def handle(self, event):
        """Row labels pick a row (a drag along them, Enter, or Up/Down in the list); the rest
        goes to the knobs, after which a new text or slice recounts and a new seed restarts."""
        h, kind = str(event.get("handle", "")), event.get("type")
        if h.startswith("row:") and kind in ("drag", "key") and self.alphabet:
            i = self.alphabet.index(self.row) if self.row in self.alphabet else 0
            if kind == "drag":
                i = int((float(event.get("y", 0)) - TOP) // CELL)
            else:
                key = event.get("key")
                i = int(h[4:]) if key == "Enter" else {"Home": 0, "End": len(self.alphabet) - 1}.get(
                    key, i + {"ArrowUp": -1, "ArrowLeft": -1, "ArrowDown": 1, "ArrowRight": 1}.get(key, 0))
            self._new_row(self.alphabet[min(max(i, 0), len(self.alphabet) - 1)])
            return
        before = self.text, self.n, self.seed
        super().handle(event)
        if (self.text, self.n) != before[:2]:
            self._recount(self.row)
            if "generate" in self.show:
                self._restart()
        if self.seed != before[2]:
            self._start_over()

    def drag(self, handle, x, y):
        if handle == "u":
            self.knobs["u"].set(min(max((x - LEFT) / self._stick_w, 0.0), 0.999))

    def _new_row(self, ch):
        if ch != self.row:
            self.row = ch
            if "generate" in self.show:
                self._restart()

    # Geometry --------------------------------------------------------------------------
    _stick_w = width - LEFT - 30

    @property
    def _stick_y(self):
        return TOP + max(len(self.alphabet), 1) * CELL + 34

    @property
    def height(self):
        return self._stick_y + 74 if "stick" in self.show else TOP + max(len(self.alphabet) * CELL, 60) + 16

    # The scene -------------------------------------------------------------------------
    def shapes(self):
        if self.source == "typed" and not self.pairs:
            return [S.text(self.width / 2, TOP + 40,
                           "Type at least two characters: every neighbouring pair adds one count.", "label muted")]
        k = len(self.alphabet)
        gw = k * CELL
        out = [S.text(LEFT + gw / 2, 14, "next character \u2192", "small muted"),
               S.text(4, 14, "before \u2193", "small muted", "start")]
        for i in range(k + 1):
            out.append(S.line(LEFT, TOP + i * CELL, LEFT + gw, TOP + i * CELL, "grid"))
            out.append(S.line(LEFT + i * CELL, TOP, LEFT + i * CELL, TOP + gw, "grid"))
        out += [S.text(LEFT + j * CELL + CELL / 2, TOP - 8, show_char(b), "small muted" if b == OTHER else "small")
                for j, b in enumerate(self.alphabet)]
        for i, a in enumerate(self.alphabet):          # the row labels are the handles
            sel = a == self.row
            out.append(S.handle(S.rect(6, TOP + i * CELL + 2, LEFT - 10, CELL - 4, "node selected" if sel else "node",
                                       rx=4), f"row:{i}",
                                f"row {quoted(a)}: {sum(self.rows[a].values())} pairs start with it. "
                                "Enter selects, arrows move.", f"row {show_char(a)}{' (selected)' if sel else ''}"))
            lift = 3 if a == " " else 0      # the ␣ glyph sits low; raise it inside its box
            out.append(S.text(6 + (LEFT - 10) / 2, TOP + i * CELL + CELL / 2 + 5 - lift, show_char(a),
                              "label accent2" if sel else "label"))
        if "stick" in self.show:         # here, so it keeps its place as the squares and pieces change
            out.append(self._u_handle())
        # the squares: area proportional to count (or to probability within the row)
        picked = self.last if self.last and self.last[2] is not None else None
        for i, a in enumerate(self.alphabet):
            row = self.rows[a]
            total = sum(row.values())
            for j, b in enumerate(self.alphabet):
                if b not in row:
                    continue
                share = row[b] / (self.max_count if self.scale == "count" else total)
                side = max((CELL - 4) * math.sqrt(share), 3.0)
                lit = picked and (a, b) == (picked[0], picked[2])
                out.append(S.rect(LEFT + j * CELL + (CELL - side) / 2, TOP + i * CELL + (CELL - side) / 2, side, side,
                                  "accent3" if lit else "accent2" if a == self.row else "accent"))
        if self.row in self.alphabet:     # outline the selected row, hiding nothing
            y = TOP + self.alphabet.index(self.row) * CELL
            out.append(S.rect(LEFT, y, gw, CELL, "accent2 nofill"))
        out += self._row_panel(LEFT + gw + 26)
        if "stick" in self.show:
            out += self._stick()
        return out

    def _row_panel(self, x0):
        row = self.row_counts()
        total = sum(row.values())
        out = [S.text(x0, 14, f"after {quoted(self.row)}:" if self.row != OTHER else "after \u2022 (any other):",
                      "label accent2", "start")]
        if not total:
            return out + [S.text(x0, TOP + 10, "nothing ever follows it here", "small muted", "start")]
        bar_max = self.width - x0 - 110
        top_p = max(row.values()) / total
        for r, (b, n) in enumerate(row.items()):
            y, p = TOP - 14 + r * 18, n / total
            out += [S.text(x0 + 8, y + 12, show_char(b), "small"),
                    S.rect(x0 + 18, y + 2, max(bar_max * p / top_p, 1.5), 12, "accent2"),
                    S.text(self.width - 6, y + 12, f"{n} \u00b7 {fmt_p(p)}", "small", "end")]
        return out

    def _stick(self):
        row = self.row_counts()
        total = sum(row.values())
        y, w = self._stick_y, self._stick_w
        out = [S.text(LEFT, y - 10, f"row {show_char(self.row)} laid end to end from 0 to 1: "
                                    "each piece is as wide as its probability", "small muted", "start")]
        if not total:
            return out
        chosen = pick(row, self.u)
        run = 0
        for b, n in row.items():
            x, pw = LEFT + w * run / total, w * n / total
            out.append(S.rect(x, y, pw, 24, "accent3" if b == chosen else "node"))
            if pw >= 11:
                out.append(S.text(x + pw / 2, y + 17, show_char(b), "small label" if b == chosen else "small"))
            run += n
        ux = LEFT + w * self.u
        return out + [S.text(LEFT, y + 40, "0", "small muted"), S.text(LEFT + w, y + 40, "1", "small muted"),
                      S.line(ux, y - 2, ux, y + 44, "accent2")]

    def _u_handle(self):
        row = self.row_counts()
        chosen = pick(row, self.u) if row else None
        return S.handle(S.circle(LEFT + self._stick_w * self.u, self._stick_y + 52, 9, "accent2"), "u",
                        "u, a uniform random number in [0, 1): drag it or use the arrow keys",
                        f"u = {fixed(self.u, 3)}, picks {quoted(chosen)}")

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
        shown = [("text", self.source == "typed"), ("slice", self.slider), ("scale", self.toggle)]
        shown += [(key, "generate" in self.show) for key in ("seed", "next", "more", "reset")]
        return [self.knobs[key].control() for key, on in shown if on]

    def __repr__(self):
        return f"<next_char_table {self.source} row {quoted(self.row)}>"
