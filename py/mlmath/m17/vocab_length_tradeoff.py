"""The trade every tokenizer makes: a bigger vocabulary buys shorter sequences. Drag a point along
the subword tokenizer's curve (one point per merge count) and read what it costs and what it buys
on a passage the tokenizers never trained on: the last 20,000 characters of tiny-shakespeare.

    ```widget vocab_length_tradeoff
    id = "cost"
    merges = 0              # where the handle starts, 0 to 500
    d_model = 64            # embedding width, for the embedding table's parameter count
    context = 64            # tokens the model reads at once, for how many characters that covers
    ```

The character tokenizer is the curve's first point (0 merges); the word tokenizer is drawn as its own
point, with how many of its tokens are UNK. values(): merges, vocab, tokens, unk, chars_per_token,
reach (characters a context of `context` tokens covers on average), prev_reach (the same one merge
earlier), embed (vocab x d_model).
"""

from ..show import commas, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .l01_tokenizers import CHARS, MERGES, held_out, pieces, subword_curve, word_vocab

PLOT = Plot(x=(40, 6000), y=(0, 22000), box=(78, 26, 630, 246), xlog=True)
X0, X1 = PLOT.x.start, PLOT.x.end

_DATA = {}


def data():
    """(subword tokens per merge count, word vocabulary size incl. UNK, word tokens, word UNKs, passage length)."""
    if not _DATA:
        text = held_out()
        vocab = set(word_vocab())
        ps = pieces(text)
        _DATA.update(curve=subword_curve(text), word_v=len(vocab) + 1, word_t=len(ps),
                     word_unk=sum(p not in vocab for p in ps), n=len(text))
    return _DATA


@register
class VocabLengthTradeoff(Widget):
    name = "vocab_length_tradeoff"
    width, height = 660, 290

    def configure(self, config):
        merges = whole(self.name, "merges", config.pop("merges", 0), 0, len(MERGES))
        self.d_model = whole(self.name, "d_model", config.pop("d_model", 64), 1, 4096)
        self.context = whole(self.name, "context", config.pop("context", 64), 1, 4096)
        super().configure(config)
        self.knobs = {"merges": Slider("merges", "merges", 0, len(MERGES), 1, merges, coarse=25)}

    @property
    def k(self):
        return self.knobs["merges"].value

    def _reach(self, k):
        d = data()
        return round(self.context * d["n"] / d["curve"][k], 1)

    def values(self):
        d = data()
        t = d["curve"][self.k]
        v = len(CHARS) + self.k
        return {"merges": self.k, "vocab": v, "tokens": t, "unk": 0, "chars_per_token": round(d["n"] / t, 3),
                "reach": self._reach(self.k), "prev_reach": self._reach(self.k - 1) if self.k else 0.0,
                "embed": v * self.d_model}

    def drag(self, handle, x, y):
        """Along the curve: the vocabulary size under the pointer, less the 65 characters."""
        self.knobs["merges"].set(round(PLOT.x.value(x)) - len(CHARS))

    def shapes(self):
        d, curve = data(), data()["curve"]
        out = PLOT.frame(xticks=[50, 100, 200, 500, 1000, 2000, 5000], yticks=[0, 5000, 10000, 15000, 20000])
        out.append(S.text(354, PLOT.y.start + 36, "vocabulary size (log scale) \u2192 rows in the embedding table", "small"))
        out.append(S.text(14, PLOT.y.end - 10, f"tokens for the held-out {commas(d['n'])} characters", "small", "start"))
        ks = list(range(0, 20)) + list(range(20, len(curve), 5)) + [len(curve) - 1]
        out.append(PLOT.polyline([(len(CHARS) + k, curve[k]) for k in ks]))
        out.append(PLOT.point(len(CHARS), curve[0]))
        out.append(PLOT.text(len(CHARS), curve[0], "character = 0 merges", "small", "start", dx=8, dy=-8))
        out.append(PLOT.point(d["word_v"], d["word_t"], "accent3", r=6))
        out.append(PLOT.text(d["word_v"], d["word_t"], f"word: {commas(d['word_t'])} tokens, "
                             f"{commas(d['word_unk'])} of them UNK", "small", "end", dy=24))
        end = len(curve) - 1
        out.append(PLOT.text(len(CHARS) + end, curve[end], f"{end} merges", "small muted", "start", dx=6, dy=16))
        vocab, tokens = len(CHARS) + self.k, curve[self.k]
        out.append(PLOT.segment(vocab, tokens, vocab, 0, "accent2"))
        out.append(PLOT.handle("merges", vocab, tokens, "subword tokenizer: drag along the curve, or use the arrow "
                               "keys, to change the number of merges",
                               f"{self.k} merges, vocabulary {vocab}, {commas(tokens)} tokens", "accent2", r=9))
        return out

    def readouts(self):
        d, v = data(), self.values()
        return [
            {"label": "subword merges", "value": f"{v['merges']} \u2192 vocabulary {commas(v['vocab'])} "
                                                 f"(65 characters + {v['merges']} merged tokens)"},
            {"label": "tokens for the passage", "value": f"{commas(v['tokens'])} for {commas(d['n'])} characters: "
                                                         f"{fixed(v['chars_per_token'], 3)} characters per token"},
            {"label": f"a {self.context}-token context covers", "value": f"about {fixed(v['reach'], 1)} characters"},
            {"label": f"embedding table ({commas(v['vocab'])} \u00d7 {self.d_model})",
             "value": f"{commas(v['embed'])} parameters"},
            {"label": "word tokenizer, for comparison", "value": f"vocabulary {commas(d['word_v'])}, "
             f"{commas(d['word_t'])} tokens ({commas(d['word_unk'])} UNK), embedding table "
             f"{commas(d['word_v'] * self.d_model)} parameters"},
        ]

    def controls(self):
        return [self.knobs["merges"].control()]
