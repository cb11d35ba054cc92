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

import math

from ..widgets import register
from ..widgets.base import Widget, arrow_step, whole
from .l01_tokenizers import CHARS, MERGES, held_out, pieces, subword_curve, word_vocab

X0, X1, Y0, Y1 = 78, 630, 26, 246     # the plot box
LOG_MIN, LOG_MAX = math.log10(40), math.log10(6000)
Y_MAX = 22000


def xof(v):
    return X0 + (X1 - X0) * (math.log10(v) - LOG_MIN) / (LOG_MAX - LOG_MIN)


def yof(t):
    return Y1 - (Y1 - Y0) * t / Y_MAX


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
        self.k = whole(self.name, "merges", config.pop("merges", 0), 0, len(MERGES))
        self.d_model = whole(self.name, "d_model", config.pop("d_model", 64), 1, 4096)
        self.context = whole(self.name, "context", config.pop("context", 64), 1, 4096)
        super().configure(config)

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

    def set_values(self, values):
        values = dict(values)
        unknown = set(values) - {"merges"}
        if unknown:
            raise KeyError(f"vocab_length_tradeoff cannot set {sorted(unknown)}")
        self.k = min(max(int(values.get("merges", self.k)), 0), len(MERGES))

    def handle(self, event):
        kind = event.get("type")
        if kind == "drag" and event.get("handle") == "k":
            x = min(max(float(event.get("x", X0)), X0), X1)
            v = 10 ** (LOG_MIN + (x - X0) / (X1 - X0) * (LOG_MAX - LOG_MIN))
            self.k = min(max(round(v) - len(CHARS), 0), len(MERGES))
        elif kind == "key" and event.get("handle") == "k":
            key = event.get("key")
            if key == "Home":
                self.k = 0
            elif key == "End":
                self.k = len(MERGES)
            else:
                self.k = min(max(self.k + int(arrow_step(key, 1, 25)), 0), len(MERGES))
        elif kind == "input" and event.get("id") == "merges":
            self.k = min(max(int(event.get("value") or 0), 0), len(MERGES))

    def shapes(self):
        d = data()
        out = [{"t": "line", "x1": X0, "y1": Y1, "x2": X1, "y2": Y1, "cls": "axis"},
               {"t": "line", "x1": X0, "y1": Y0, "x2": X0, "y2": Y1, "cls": "axis"}]
        for v in (50, 100, 200, 500, 1000, 2000, 5000):
            x = round(xof(v), 1)
            out.append({"t": "line", "x1": x, "y1": Y0, "x2": x, "y2": Y1, "cls": "grid"})
            out.append({"t": "text", "x": x, "y": Y1 + 16, "s": f"{v:,}", "cls": "small muted"})
        for t in (0, 5000, 10000, 15000, 20000):
            y = round(yof(t), 1)
            out.append({"t": "line", "x1": X0, "y1": y, "x2": X1, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": X0 - 6, "y": y + 4, "anchor": "end", "s": f"{t:,}", "cls": "small muted"})
        out.append({"t": "text", "x": (X0 + X1) / 2, "y": Y1 + 36, "cls": "small",
                    "s": "vocabulary size (log scale) \u2192 rows in the embedding table"})
        out.append({"t": "text", "x": 14, "y": Y0 - 10, "anchor": "start", "cls": "small",
                    "s": f"tokens for the held-out {d['n']:,} characters"})
        curve = d["curve"]
        pts = [[round(xof(len(CHARS) + k), 1), round(yof(curve[k]), 1)]
               for k in list(range(0, 20)) + list(range(20, len(curve), 5)) + [len(curve) - 1]]
        out.append({"t": "path", "d": "M " + " L ".join(f"{x} {y}" for x, y in pts), "cls": "accent"})
        cx, cy = xof(len(CHARS)), yof(curve[0])
        out.append({"t": "circle", "cx": round(cx, 1), "cy": round(cy, 1), "r": 4, "cls": "accent"})
        out.append({"t": "text", "x": round(cx + 8, 1), "y": round(cy - 8, 1), "anchor": "start", "cls": "small",
                    "s": "character = 0 merges"})
        wx, wy = xof(d["word_v"]), yof(d["word_t"])
        out.append({"t": "circle", "cx": round(wx, 1), "cy": round(wy, 1), "r": 6, "cls": "accent3"})
        out.append({"t": "text", "x": round(wx, 1), "y": round(wy + 24, 1), "anchor": "end", "cls": "small",
                    "s": f"word: {d['word_t']:,} tokens, {d['word_unk']:,} of them UNK"})
        end = len(curve) - 1
        out.append({"t": "text", "x": round(xof(len(CHARS) + end) + 6, 1), "y": round(yof(curve[end]) + 16, 1),
                    "anchor": "start", "cls": "small muted", "s": f"{end} merges"})
        hx, hy = xof(len(CHARS) + self.k), yof(curve[self.k])
        out.append({"t": "line", "x1": round(hx, 1), "y1": round(hy, 1), "x2": round(hx, 1), "y2": Y1, "cls": "accent2"})
        out.append({"t": "circle", "cx": round(hx, 1), "cy": round(hy, 1), "r": 9, "cls": "accent2", "handle": "k",
                    "label": "subword tokenizer: drag along the curve, or use the arrow keys, to change the number of merges",
                    "value": f"{self.k} merges, vocabulary {len(CHARS) + self.k}, {curve[self.k]:,} tokens"})
        return out

    def readouts(self):
        d, v = data(), self.values()
        return [
            {"label": "subword merges", "value": f"{v['merges']} \u2192 vocabulary {v['vocab']:,} (65 characters + {v['merges']} merged tokens)"},
            {"label": "tokens for the passage", "value": f"{v['tokens']:,} for {d['n']:,} characters: {v['chars_per_token']:.3f} characters per token"},
            {"label": f"a {self.context}-token context covers", "value": f"about {v['reach']:.1f} characters"},
            {"label": f"embedding table ({v['vocab']:,} \u00d7 {self.d_model})", "value": f"{v['embed']:,} parameters"},
            {"label": "word tokenizer, for comparison", "value": f"vocabulary {d['word_v']:,}, {d['word_t']:,} tokens "
             f"({d['word_unk']:,} UNK), embedding table {d['word_v'] * self.d_model:,} parameters"},
        ]

    def controls(self):
        return [{"kind": "range", "id": "merges", "label": "merges", "min": 0, "max": len(MERGES), "step": 1,
                 "value": self.k, "display": str(self.k)}]
