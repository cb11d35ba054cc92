"""One text, three tokenizers, side by side: character, word and subword, each token drawn as a
chip with the id the model would be handed, unknown tokens in red.

    ```widget tokenizer_compare
    id = "side"
    text = "To be, or not to be"
    words = 100000          # the word vocabulary is every piece seen in the first `words` characters
    merges = 500            # the subword tokenizer replays the first `merges` merges (0 to 500)
    sliders = ["words", "merges"]
    ```

The three tokenizers live in mlmath/m17/l01_tokenizers.py. Ids: a character's id is its place in
the 65 sorted characters; a word's id is its place in the sorted word vocabulary (UNK gets the id
after the last word); a subword's id is its character id, or 65 + the merge's rank for a merged token.

values() for goals: text, words, merges, char_tokens, word_tokens, sub_tokens, char_unk, word_unk,
sub_unk, word_vocab, sub_vocab.
"""

from ..widgets import register
from ..widgets.base import Widget, one_of, whole
from .l01_tokenizers import CHARS, MERGES, TRAIN_CHARS, UNK, show, tokenize, word_vocab

MAX_TEXT = 60
SLICES = (10_000, 50_000, 100_000, 200_000)
SLIDERS = ("words", "merges")
ROWS = (("char", "character"), ("word", "word"), ("subword", "subword"))
LEFT = 8
CHIP_H = 22
LINE = CHIP_H + 20
# A merged token's id is 65 + the rank of the first merge that makes its text.
RANK_OF = {a + b: r for r, (a, b) in reversed(list(enumerate(MERGES)))}


def chip_w(token):
    return max(20, 8 * len(show(token)) + 10)


@register
class TokenizerCompare(Widget):
    name = "tokenizer_compare"
    width = 660

    def configure(self, config):
        text = config.pop("text", "To be, or not to be")
        if not isinstance(text, str) or len(text) > MAX_TEXT:
            raise ValueError(f"tokenizer_compare: text must be a string of at most {MAX_TEXT} characters")
        words = one_of(self.name, "words", config.pop("words", TRAIN_CHARS), SLICES)
        merges = whole(self.name, "merges", config.pop("merges", len(MERGES)), 0, len(MERGES))
        sliders = config.pop("sliders", [])
        if not isinstance(sliders, list) or any(s not in SLIDERS for s in sliders):
            raise ValueError(f"tokenizer_compare: sliders takes a list drawn from {', '.join(SLIDERS)}")
        super().configure(config)
        self.text, self.words, self.merges, self.sliders = text, words, merges, list(sliders)
        self._tokenize()

    # The tokenizers --------------------------------------------------------------------
    def _tokenize(self):
        vocab = word_vocab(self.words)
        index = {w: i for i, w in enumerate(vocab)}

        def sub_id(t):
            return CHARS.index(t) if len(t) == 1 else len(CHARS) + RANK_OF[t]

        self.rows = {
            "char": [(t, ok, CHARS.index(t) if ok else None) for t, ok in tokenize(self.text, "char")],
            "word": [(t, ok, index[t] if ok else len(vocab)) for t, ok in tokenize(self.text, "word", n=self.words)],
            "subword": [(t, ok, sub_id(t) if ok else None) for t, ok in tokenize(self.text, "subword", k=self.merges)]}
        self.vocab_sizes = {"char": len(CHARS), "word": len(vocab) + 1, "subword": len(CHARS) + self.merges}

    def values(self):
        r = self.rows
        return {"text": self.text, "words": self.words, "merges": self.merges,
                "char_tokens": len(r["char"]), "word_tokens": len(r["word"]), "sub_tokens": len(r["subword"]),
                "char_unk": sum(not ok for _, ok, _ in r["char"]),
                "word_unk": sum(not ok for _, ok, _ in r["word"]),
                "sub_unk": sum(not ok for _, ok, _ in r["subword"]),
                "word_vocab": self.vocab_sizes["word"], "sub_vocab": self.vocab_sizes["subword"]}

    def set_values(self, values):
        values = dict(values)
        unknown = set(values) - {"text", "words", "merges"}
        if unknown:
            raise KeyError(f"tokenizer_compare cannot set {sorted(unknown)}")
        if "text" in values:
            self.text = str(values["text"])[:MAX_TEXT]
        if "words" in values:
            self.words = one_of(self.name, "words", values["words"], SLICES)
        if "merges" in values:
            self.merges = min(max(int(values["merges"]), 0), len(MERGES))
        self._tokenize()

    def handle(self, event):
        if event.get("type") != "input":
            return
        cid, value = event.get("id"), event.get("value")
        if cid == "text":
            self.text = str(value or "")[:MAX_TEXT]
        elif cid == "words":
            self.words = SLICES[min(max(int(value), 0), len(SLICES) - 1)]
        elif cid == "merges":
            self.merges = min(max(int(value), 0), len(MERGES))
        else:
            return
        self._tokenize()

    # The scene -------------------------------------------------------------------------
    def _layout(self):
        """[(kind, title, y of the title, [(x, y, token, ok, id)])] and the total height."""
        out, y = [], 18
        for kind, title in ROWS:
            chips, x, line_y = [], LEFT, y + 10
            for t, ok, i in self.rows[kind]:
                w = chip_w(t)
                if x + w > self.width - LEFT and x > LEFT:
                    x, line_y = LEFT, line_y + LINE
                chips.append((x, line_y, w, t, ok, i))
                x += w + 3
            out.append((kind, title, y, chips))
            y = line_y + LINE + 22
        return out, y - 18

    @property
    def height(self):
        return self._layout()[1]

    def _caption(self, kind):
        n, v = len(self.rows[kind]), self.vocab_sizes[kind]
        unk = sum(not ok for _, ok, _ in self.rows[kind])
        head = {"char": "character: one token per character",
                "word": f"word: vocabulary from the first {self.words:,} characters",
                "subword": f"subword: 65 characters + {self.merges} merges"}[kind]
        tail = f"{n} tokens \u00b7 vocabulary {v:,}"
        return head + " \u2014 " + tail + (f" \u00b7 {unk} unknown" if unk else "")

    def shapes(self):
        rows, _ = self._layout()
        out = []
        for kind, title, y, chips in rows:
            out.append({"t": "text", "x": LEFT, "y": y, "anchor": "start", "cls": "label", "s": self._caption(kind)})
            if not chips:
                out.append({"t": "text", "x": LEFT, "y": y + 26, "anchor": "start", "cls": "small muted",
                            "s": "type some text in the box"})
            for x, cy, w, t, ok, i in chips:
                out.append({"t": "rect", "x": x, "y": cy, "w": w, "h": CHIP_H, "rx": 3,
                            "cls": "node" if ok else "bad"})
                out.append({"t": "text", "x": x + w / 2, "y": cy + 16, "s": show(t) if ok or kind != "word" else UNK,
                            "cls": "small"})
                out.append({"t": "text", "x": x + w / 2, "y": cy + CHIP_H + 13,
                            "s": "?" if i is None else str(i), "cls": "small accent" if ok else "small bad"})
        return out

    def readouts(self):
        out = []
        for kind, title in ROWS:
            toks = self.rows[kind]
            out.append({"label": f"{title} ids", "value": "[" + ", ".join("?" if i is None else str(i)
                                                                            for _, _, i in toks) + "]"})
        unk = [t for t, ok, _ in self.rows["word"] if not ok]
        if unk:
            out.append({"label": "word tokenizer never saw",
                        "value": ", ".join(repr(t) for t in unk) + f" \u2192 all become {UNK} (id {self.vocab_sizes['word'] - 1})"})
        bad = sorted({t for t, ok, _ in self.rows["char"] if not ok})
        if bad:
            out.append({"label": "not one of the 65 characters", "value": ", ".join(map(repr, bad))})
        return out

    def controls(self):
        out = [{"kind": "text", "id": "text", "label": "Text", "value": self.text}]
        if "words" in self.sliders:
            out.append({"kind": "range", "id": "words", "label": "word vocabulary built from", "min": 0,
                        "max": len(SLICES) - 1, "step": 1, "value": SLICES.index(self.words),
                        "display": f"the first {self.words:,} characters"})
        if "merges" in self.sliders:
            out.append({"kind": "range", "id": "merges", "label": "subword merges", "min": 0, "max": len(MERGES),
                        "step": 1, "value": self.merges, "display": str(self.merges)})
        return out
