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

from ..show import char
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget
from ..widgets.controls import Button, Text
from .l01_tokenizers import CHARS

MAX_TEXT = 40
COLS = 13
CW, CH = 46, 38          # a vocabulary cell
GX, GY = 31, 28          # the grid's top-left corner
CHIP_W, CHIP_H = 34, 22  # a character of the learner's text
PER_LINE = 17
STRIP_Y = GY + 5 * CH + 40
CELLS = {f"c:{i}": c for i, c in enumerate(CHARS)}


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
        self.target = target
        self.knobs = {"text": Text("text", "Text", text, limit=MAX_TEXT),
                      "clear": Button("clear", "Clear", lambda: self.knobs["text"].set(""))}

    @property
    def text(self):
        return self.knobs["text"].value

    def ids(self):
        """The text's ids, None for a character outside the vocabulary."""
        return [CHARS.index(c) if c in CHARS else None for c in self.text]

    def values(self):
        ids = self.ids()
        return {**super().values(), "length": len(self.text), "unknown": ids.count(None),
                "matches": int(self.target is not None and ids == self.target),
                "round_trip": int(None not in ids and "".join(CHARS[i] for i in ids) == self.text)}

    # A cell is a button: a click or Enter appends its character, Backspace deletes the last one.
    def drag(self, handle, x, y):
        if handle in CELLS:
            self.knobs["text"].set(self.text + CELLS[handle])

    def handle(self, event):
        cell, key = event.get("handle"), event.get("key")
        if event.get("type") == "key" and cell in CELLS and key in ("Enter", " "):
            self.drag(cell, 0, 0)
        elif event.get("type") == "key" and cell in CELLS and key in ("Backspace", "Delete"):
            self.knobs["text"].set(self.text[:-1])
        else:
            super().handle(event)

    # The scene -------------------------------------------------------------------------
    @property
    def height(self):
        lines = max(1, -(-len(self.text) // PER_LINE))
        return STRIP_Y + lines * (CHIP_H + 24) + 8

    def shapes(self):
        out = [S.text(GX, 16, "the vocabulary: all 65 characters of tiny-shakespeare, sorted; the small number is the id",
                      "small muted", "start")]
        used = set(self.text)
        for i, c in enumerate(CHARS):
            r, q = divmod(i, COLS)
            x, y = GX + q * CW, GY + r * CH
            on = c in used
            cell = S.rect(x + 2, y + 2, CW - 4, CH - 4, "node selected" if on else "node", rx=4)
            out.append(S.handle(cell, f"c:{i}", f"id {i}, the character {named(c)}. Enter appends it, "
                                "Backspace deletes the last one.", f"{i}: {named(c)}{' (in your text)' if on else ''}"))
            out.append(S.text(x + CW / 2 - 6, y + CH / 2 + 5, char(c), "label accent2" if on else "label"))
            out.append(S.text(x + CW - 6, y + CH - 7, str(i), "small accent2" if on else "small muted", "end"))
        out.append(S.text(GX, STRIP_Y - 14, "your text, one character at a time, and the id the model is handed for each"
                          if self.text else "type in the box, or click cells, to encode some text", "small muted", "start"))
        for k, (c, i) in enumerate(zip(self.text, self.ids())):
            line, q = divmod(k, PER_LINE)
            x, y = GX + q * (CHIP_W + 2), STRIP_Y + line * (CHIP_H + 24)
            out.append(S.rect(x, y, CHIP_W, CHIP_H, "node" if i is not None else "bad", rx=3))
            out.append(S.text(x + CHIP_W / 2, y + 16, char(c), "label"))
            out.append(S.text(x + CHIP_W / 2, y + CHIP_H + 14, "?" if i is None else str(i),
                              "small accent" if i is not None else "small bad"))
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
        return [self.knobs["text"].control(), self.knobs["clear"].control()]
