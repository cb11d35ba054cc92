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

from functools import lru_cache

from ..show import commas
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.controls import Choice, Slider, Text
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


def sub_id(token):
    return CHARS.index(token) if len(token) == 1 else len(CHARS) + RANK_OF[token]


@lru_cache(maxsize=8)
def tokens(text, words, merges):
    """{kind: [(token, known, id)]}: the id the model is handed, None where there is none (the
    word tokenizer hands every unknown piece UNK, whose id follows the last word's)."""
    vocab = word_vocab(words)
    index = {w: i for i, w in enumerate(vocab)}
    return {"char": [(t, ok, CHARS.index(t) if ok else None) for t, ok in tokenize(text, "char")],
            "word": [(t, ok, index[t] if ok else len(vocab)) for t, ok in tokenize(text, "word", n=words)],
            "subword": [(t, ok, sub_id(t) if ok else None) for t, ok in tokenize(text, "subword", k=merges)]}


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
        self.sliders = sliders
        self.knobs = {"text": Text("text", "Text", text, limit=MAX_TEXT),
                      "words": Choice("words", "word vocabulary built from", SLICES, words,
                                      fmt=lambda n: f"the first {commas(n)} characters"),
                      "merges": Slider("merges", "subword merges", 0, len(MERGES), 1, merges)}

    @property
    def words(self):
        return self.knobs["words"].value

    @property
    def merges(self):
        return self.knobs["merges"].value

    @property
    def rows(self):
        return tokens(self.knobs["text"].value, self.words, self.merges)

    @property
    def vocab_sizes(self):
        return {"char": len(CHARS), "word": len(word_vocab(self.words)) + 1, "subword": len(CHARS) + self.merges}

    def values(self):
        r, sizes = self.rows, self.vocab_sizes
        return {**super().values(),
                "char_tokens": len(r["char"]), "word_tokens": len(r["word"]), "sub_tokens": len(r["subword"]),
                "char_unk": sum(not ok for _, ok, _ in r["char"]),
                "word_unk": sum(not ok for _, ok, _ in r["word"]),
                "sub_unk": sum(not ok for _, ok, _ in r["subword"]),
                "word_vocab": sizes["word"], "sub_vocab": sizes["subword"]}

    # The scene -------------------------------------------------------------------------
    def _layout(self):
        """[(kind, y of the title, [(x, y, w, token, ok, id)])] and the total height."""
        out, y = [], 18
        for kind, _ in ROWS:
            chips, x, line_y = [], LEFT, y + 10
            for t, ok, i in self.rows[kind]:
                w = chip_w(t)
                if x + w > self.width - LEFT and x > LEFT:
                    x, line_y = LEFT, line_y + LINE
                chips.append((x, line_y, w, t, ok, i))
                x += w + 3
            out.append((kind, y, chips))
            y = line_y + LINE + 22
        return out, y - 18

    @property
    def height(self):
        return self._layout()[1]

    def _caption(self, kind):
        n, v = len(self.rows[kind]), self.vocab_sizes[kind]
        unk = sum(not ok for _, ok, _ in self.rows[kind])
        head = {"char": "character: one token per character",
                "word": f"word: vocabulary from the first {commas(self.words)} characters",
                "subword": f"subword: 65 characters + {self.merges} merges"}[kind]
        return f"{head} \u2014 {n} tokens \u00b7 vocabulary {commas(v)}" + (f" \u00b7 {unk} unknown" if unk else "")

    def shapes(self):
        rows, _ = self._layout()
        out = []
        for kind, y, chips in rows:
            out.append(S.text(LEFT, y, self._caption(kind), "label", "start"))
            if not chips:
                out.append(S.text(LEFT, y + 26, "type some text in the box", "small muted", "start"))
            for x, cy, w, t, ok, i in chips:
                out.append(S.rect(x, cy, w, CHIP_H, "node" if ok else "bad", rx=3))
                out.append(S.text(x + w / 2, cy + 16, show(t) if ok or kind != "word" else UNK, "small"))
                out.append(S.text(x + w / 2, cy + CHIP_H + 13, "?" if i is None else str(i),
                                  "small accent" if ok else "small bad"))
        return out

    def readouts(self):
        out = [{"label": f"{title} ids", "value": "[" + ", ".join("?" if i is None else str(i)
                                                                 for _, _, i in self.rows[kind]) + "]"}
               for kind, title in ROWS]
        unk = [t for t, ok, _ in self.rows["word"] if not ok]
        if unk:
            out.append({"label": "word tokenizer never saw", "value": ", ".join(repr(t) for t in unk)
                        + f" \u2192 all become {UNK} (id {self.vocab_sizes['word'] - 1})"})
        bad = sorted({t for t, ok, _ in self.rows["char"] if not ok})
        if bad:
            out.append({"label": "not one of the 65 characters", "value": ", ".join(map(repr, bad))})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in ("text", *SLIDERS) if k == "text" or k in self.sliders]
