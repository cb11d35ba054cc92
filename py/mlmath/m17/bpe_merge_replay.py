"""Encoding new text with a trained merge table: bytes first, then the merges replayed in order.

Top row: the text's characters, each over the UTF-8 bytes that spell it (a letter is one
byte; "é" is two; an emoji is four). Below: the tokens after the first k merges of the
table have been replayed, each chip spanning the bytes it covers, with its id under it.
The slider sets k, from 0 (raw bytes) to the whole table, so the learner can watch the
sequence collapse merge by merge. Every id in the bottom row is one the vocabulary has:
256 bytes plus one id per merge, so nothing ever needs an "unknown" token.

With `letter`, chips that are exactly that letter are filled, and chips that hide it
inside a longer token are outlined, so the learner can see how many of the letter an
"ids only" reader could count.

    ```widget bpe_merge_replay
    id = "berry"
    text = "strawberry"        # the starting text; at most 24 bytes of it are drawn
    k = 0                      # merges replayed at the start (default: the whole table)
    letter = "r"               # optional: one ASCII letter to track
    editable = true            # show a text box (default true)
    goal = { text = "...", check = "letter_alone < letter_count", solution = { k = 50 } }
    ```

The default table is the lesson's: 50 merges trained on the first 4,000 characters of
tiny-shakespeare (mlmath.m17.l02_bpe.MERGES). A cell can hand over its own table with
`widget("berry").use(merges)`, a dict {(a, b): new_id} in training order.

values() for goals: text, chars, bytes, tokens, k, merges (table size), roundtrip (1 when the
ids decode back to the text), unknown (always 0: ids outside the vocabulary), fired
(merges that changed this text); with `letter`: letter_count (times the letter is in
the text), letter_alone (tokens that are exactly the letter), letter_hidden (tokens
longer than one byte that contain it). set_values takes text and k.
"""

from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, whole
from ..widgets.controls import Slider, Text
from .l02_bpe import label, merge, table, vocab

MAX_BYTES = 24
CELL = 28           # one byte's width in the picture
ARROW = "\u2192"


def _check_table(merges):
    if isinstance(merges, (list, tuple)):
        merges = {tuple(p): 256 + k for k, p in enumerate(merges)}
    if not isinstance(merges, dict):
        raise TypeError(f"use() needs a merge table, a dict {{(a, b): new_id}}, not {type(merges).__name__}")
    out = {}
    for k, (pair, new_id) in enumerate(merges.items()):
        if new_id != 256 + k:
            raise ValueError(f"merge #{k + 1} makes id {new_id!r}; ids must run 256, 257, ... in training order")
        if not (isinstance(pair, tuple) and len(pair) == 2 and all(isinstance(x, int) and 0 <= x < new_id for x in pair)):
            raise ValueError(f"merge #{k + 1}: {pair!r} is not a pair of ids made before {new_id}")
        out[pair] = new_id
    return out


def whole_chars(text):
    """The longest run of whole characters from the start that fits in MAX_BYTES bytes."""
    kept, n = "", 0
    for ch in text:
        n += len(ch.encode("utf-8"))
        if n > MAX_BYTES:
            break
        kept += ch
    return kept


@register
class BpeMergeReplay(Widget):
    name = "bpe_merge_replay"
    width, height = 700, 228

    def configure(self, config):
        text = config.pop("text", "strawberry")
        if not isinstance(text, str):
            raise ValueError("bpe_merge_replay: text must be a string")
        letter = config.pop("letter", None)
        if letter is not None and not (isinstance(letter, str) and len(letter) == 1 and letter.isascii()):
            raise ValueError("bpe_merge_replay: letter must be a single ASCII character")
        self.editable = flag(self.name, "editable", config.pop("editable", True))
        k = config.pop("k", len(table()))
        super().configure(config)
        self.letter = letter
        self.knobs = {"text": Text("text", "Text", text)}
        self.use(None)
        self.knobs["k"].set(whole(self.name, "k", k, 0, len(self.merges)))

    def use(self, merges):
        """Replay the learner's own merge table; use(None) goes back to the lesson's."""
        self.merges = table() if merges is None else _check_table(merges)
        self.vocab = vocab(self.merges)
        self.knobs["k"] = Slider("k", "merges replayed", 0, len(self.merges), 1, len(self.merges))
        return self

    @property
    def text(self):
        return self.knobs["text"].value

    @property
    def shown(self):
        return whole_chars(self.text)

    @property
    def k(self):
        return self.knobs["k"].value

    def replay(self):
        """(ids after the first k merges, the merges that changed the text, how often merge k fired)."""
        ids, fired, last_count = list(self.shown.encode("utf-8")), [], 0
        for n, (pair, new_id) in enumerate(list(self.merges.items())[:self.k]):
            after = merge(ids, pair, new_id)
            if len(after) != len(ids):
                fired.append(n)
            last_count = len(ids) - len(after)
            ids = after
        return ids, fired, last_count

    @property
    def ids(self):
        return self.replay()[0]

    # Numbers -------------------------------------------------------------------------
    def values(self):
        raw = self.shown.encode("utf-8")
        ids, fired, _ = self.replay()
        out = {"text": self.text, "chars": len(self.shown), "bytes": len(raw), "tokens": len(ids), "k": self.k,
               "merges": len(self.merges), "fired": len(fired),
               "roundtrip": int(b"".join(self.vocab[i] for i in ids) == raw),
               "unknown": sum(1 for i in ids if i not in self.vocab)}
        if self.letter:
            one = self.letter.encode()
            out["letter_count"] = self.shown.count(self.letter)
            out["letter_alone"] = sum(1 for i in ids if self.vocab[i] == one)
            out["letter_hidden"] = sum(1 for i in ids if len(self.vocab[i]) > 1 and one in self.vocab[i])
        return out

    def handle(self, event):
        if self.editable or event.get("id") != "text":     # no text box, no typing
            super().handle(event)

    # Drawing -------------------------------------------------------------------------
    def shapes(self):
        out, x0 = [], 14
        raw = self.shown.encode("utf-8")
        if not raw:
            return [S.text(self.width / 2, 110, "Type some text to see its bytes and tokens.", "label muted")]
        ids, _, last_count = self.replay()
        out.append(S.text(x0, 16, f"characters ({len(self.shown)}) over their UTF-8 bytes ({len(raw)})",
                          "small muted", "start"))
        pos = 0
        for ch in self.shown:
            n = len(ch.encode("utf-8"))
            x = x0 + pos * CELL
            out.append(S.text(x + n * CELL / 2, 36, label(ch.encode("utf-8")), "label"))
            if n > 1:
                out.append(S.line(x + 2, 42, x + n * CELL - 2, 42, "accent3"))
            pos += n
        for i, b in enumerate(raw):
            x = x0 + i * CELL
            out.append(S.rect(x, 48, CELL - 2, 20, "muted", rx=3, opacity=0.08))
            out.append(S.text(x + CELL / 2 - 1, 62, str(b), "small"))
        # tokens after k merges, each spanning its bytes
        out.append(S.text(x0, 96, f"tokens after replaying merges 1 to {self.k} of {len(self.merges)}: {len(ids)}",
                          "small muted", "start"))
        one = self.letter.encode() if self.letter else None
        pos = 0
        for tok in ids:
            bs = self.vocab[tok]
            x, w = x0 + pos * CELL, len(bs) * CELL - 2
            if one is not None and bs == one:
                cls, op = "accent2", 0.6
            elif one is not None and one in bs:
                cls, op = "accent3 nofill", None
            else:
                cls, op = ("accent" if tok >= 256 else "muted"), (0.3 if tok >= 256 else 0.08)
            out.append(S.rect(x, 104, w, 24, cls, rx=4, **({} if op is None else {"opacity": op})))
            text = label(bs)
            if len(text) * 7 > w + 4:
                text = text[: max(1, (w + 4) // 7 - 1)] + "\u2026"
            out.append(S.text(x + w / 2, 121, text, "label"))
            out.append(S.text(x + w / 2, 142, str(tok), "small muted"))
            pos += len(bs)
        out.append(S.text(x0, 170, "what the model receives: " + " ".join(str(i) for i in ids)[:110], "small muted", "start"))
        if self.k:
            (a, b), new_id = list(self.merges.items())[self.k - 1]
            note = (f"merge #{self.k}: {label(self.vocab[a])} + {label(self.vocab[b])} {ARROW} "
                    f"{label(self.vocab[new_id])} (id {new_id}), "
                    + (f"fired {last_count}\u00d7 here" if last_count else "not in this text"))
        else:
            note = "no merges replayed: one token per byte"
        out.append(S.text(x0, 192, note, "small", "start"))
        if one is not None:
            v = self.values()
            out.append(S.text(x0, 214, f"{self.letter!r} in the text: {v['letter_count']};  tokens that are just "
                              f"{self.letter!r}: {v['letter_alone']};  tokens hiding it: {v['letter_hidden']}",
                              "small accent2", "start"))
        if len(self.shown) < len(self.text):
            out.append(S.text(self.width - 14, 16, f"(showing the first {len(self.shown)} characters, {len(raw)} bytes)",
                              "small muted", "end"))
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "characters", "value": str(v["chars"])},
               {"label": "UTF-8 bytes", "value": str(v["bytes"])},
               {"label": "tokens", "value": str(v["tokens"])},
               {"label": "decodes back to the text", "value": "yes" if v["roundtrip"] else "no"},
               {"label": "unknown tokens", "value": str(v["unknown"])}]
        if self.letter:
            out.append({"label": f"tokens that are exactly {self.letter!r}",
                        "value": f"{v['letter_alone']} (the text has {v['letter_count']})"})
        return out

    def controls(self):
        return [self.knobs[key].control() for key in ("text", "k") if key == "k" or self.editable]

    def __repr__(self):
        return f"<bpe_merge_replay {self.shown!r}: {len(self.ids)} tokens after {self.k} merges>"
