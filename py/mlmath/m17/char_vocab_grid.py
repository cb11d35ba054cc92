"""The character vocabulary of tiny-shakespeare as a grid of 65 cells, each with its id, and the
learner's text encoded below it, character by character.

    ```widget char_vocab_grid
    id = "grid"
    text = "Hi"                      # the text to start with (at most 40 characters)
    target = [20, 39, 56, 49, 2]     # optional: ids the learner must produce (a decoding puzzle)
    ```

The learner types into the box, or clicks a cell (or focuses it and presses Enter) to append its
character; Backspace on a focused cell removes the last character. A character outside the 65 is
drawn in red: the character tokenizer has no id for it.

values() for goals: text, length, unknown (characters with no id), matches (1 when the text's ids
equal target), round_trip (1 when decode(encode(text)) == text).
"""

from ..widgets import register
from ..widgets.base import Widget
from .l01_tokenizers import CHARS
from ..show import char

MAX_TEXT = 40
COLS = 13
CW, CH = 46, 38          # a vocabulary cell
GX, GY = 31, 28          # the grid's top-left corner
CHIP_W, CHIP_H = 34, 22  # a character of the learner's text
PER_LINE = 17


def named(ch):
    return {" ": "space", "\n": "newline"}.get(ch, repr(ch))


@register
class CharVocabGrid(Widget):
    name = "char_vocab_grid"
    width = 660

    def configure(self, config):
        text = config.pop("text", "")
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise ValueError(f"char_vocab_grid: text must be a string of at most {MAX_TEXT} characters")
        target = config.pop("target", None)
        if target is not None:
            if (not isinstance(target, list) or not 1 <= len(target) <= MAX_TEXT
                    or any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < len(CHARS) for i in target)):
                raise ValueError(f"char_vocab_grid: target must be a list of 1 to {MAX_TEXT} ids from 0 to 64")
        super().configure(config)
        self.text = text
        self.target = target

    # The tokenizer ---------------------------------------------------------------------
    def ids(self):
        """The text's ids, None for a character outside the vocabulary."""
        return [CHARS.index(c) if c in CHARS else None for c in self.text]

    def values(self):
        ids = self.ids()
        known = None not in ids
        return {"text": self.text, "length": len(self.text), "unknown": ids.count(None),
                "matches": int(self.target is not None and ids == self.target),
                "round_trip": int(known and "".join(CHARS[i] for i in ids) == self.text)}

    def set_values(self, values):
        values = dict(values)
        unknown = set(values) - {"text"}
        if unknown:
            raise KeyError(f"char_vocab_grid cannot set {sorted(unknown)}")
        if "text" in values:
            self.text = str(values["text"])[:MAX_TEXT]

    def handle(self, event):
        kind, h = event.get("type"), event.get("handle")
        if kind == "input" and event.get("id") == "text":
            self.text = str(event.get("value") or "")[:MAX_TEXT]
        elif kind == "input" and event.get("id") == "clear":
            self.text = ""
        elif kind == "drag" and isinstance(h, str) and h.startswith("c:"):
            self._append(int(h[2:]))
        elif kind == "key" and isinstance(h, str) and h.startswith("c:"):
            key = event.get("key")
            if key in ("Enter", " "):
                self._append(int(h[2:]))
            elif key in ("Backspace", "Delete"):
                self.text = self.text[:-1]

    def _append(self, i):
        if 0 <= i < len(CHARS) and len(self.text) < MAX_TEXT:
            self.text += CHARS[i]

    # The scene -------------------------------------------------------------------------
    @property
    def _strip_y(self):
        return GY + 5 * CH + 40

    @property
    def height(self):
        lines = max(1, -(-len(self.text) // PER_LINE))
        return self._strip_y + lines * (CHIP_H + 24) + 8

    def shapes(self):
        out = [{"t": "text", "x": GX, "y": 16, "anchor": "start", "cls": "small muted",
                "s": "the vocabulary: all 65 characters of tiny-shakespeare, sorted; the small number is the id"}]
        used = set(self.text)
        for i, c in enumerate(CHARS):
            r, q = divmod(i, COLS)
            x, y = GX + q * CW, GY + r * CH
            on = c in used
            out.append({"t": "rect", "x": x + 2, "y": y + 2, "w": CW - 4, "h": CH - 4, "rx": 4,
                        "cls": "node selected" if on else "node", "handle": f"c:{i}",
                        "label": f"id {i}, the character {named(c)}. Enter appends it, Backspace deletes the last one.",
                        "value": f"{i}: {named(c)}{' (in your text)' if on else ''}"})
            out.append({"t": "text", "x": x + CW / 2 - 6, "y": y + CH / 2 + 5,
                        "s": char(c), "cls": "label accent2" if on else "label"})
            out.append({"t": "text", "x": x + CW - 6, "y": y + CH - 7, "anchor": "end",
                        "s": str(i), "cls": "small accent2" if on else "small muted"})
        y0 = self._strip_y
        out.append({"t": "text", "x": GX, "y": y0 - 14, "anchor": "start", "cls": "small muted",
                    "s": "your text, one character at a time, and the id the model is handed for each"
                    if self.text else "type in the box, or click cells, to encode some text"})
        for k, (c, i) in enumerate(zip(self.text, self.ids())):
            line, q = divmod(k, PER_LINE)
            x, y = GX + q * (CHIP_W + 2), y0 + line * (CHIP_H + 24)
            bad = i is None
            out.append({"t": "rect", "x": x, "y": y, "w": CHIP_W, "h": CHIP_H, "rx": 3,
                        "cls": "bad" if bad else "node"})
            out.append({"t": "text", "x": x + CHIP_W / 2, "y": y + 16, "s": char(c), "cls": "label"})
            out.append({"t": "text", "x": x + CHIP_W / 2, "y": y + CHIP_H + 14,
                        "s": "?" if bad else str(i), "cls": "small bad" if bad else "small accent"})
        return out

    def readouts(self):
        ids = self.ids()
        out = [{"label": "ids", "value": "[" + ", ".join("?" if i is None else str(i) for i in ids) + "]"}]
        missing = sorted({c for c, i in zip(self.text, ids) if i is None})
        if missing:
            out.append({"label": "no id for", "value": ", ".join(named(c) for c in missing)
                        + ": encode would fail, the vocabulary was fixed when the tokenizer was built"})
        elif self.text:
            back = "".join(CHARS[i] for i in ids)
            out.append({"label": "decode(ids)", "value": repr(back) + (" \u2713 the same text" if back == self.text else "")})
        if self.target is not None:
            out.append({"label": "target ids", "value": "[" + ", ".join(map(str, self.target)) + "]"
                        + (" \u2713 matched" if ids == self.target else "")})
        return out

    def controls(self):
        return [{"kind": "text", "id": "text", "label": "Text", "value": self.text},
                {"kind": "button", "id": "clear", "label": "Clear"}]
