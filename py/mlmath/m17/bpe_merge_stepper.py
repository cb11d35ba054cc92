"""Training byte-pair encoding one merge at a time: the sequence shrinks, the merge table grows.

The text starts as its UTF-8 bytes, one token per byte (ids 0 to 255). The panel on the
left lists the adjacent pairs by how often they occur, most first; a tie goes to the
pair that appears first in the sequence, so the order is fixed. "Merge top pair" does
what training does: it merges the top row into a new token, id 256, 257, ... in turn,
and writes the merge into the table on the right. Clicking any other row (or focusing
it and pressing Enter) merges that pair instead, so the learner can see that the
greedy choice is the one that shortens the sequence most.

    ```widget bpe_merge_stepper
    id = "steps"
    text = "peter piper picked a peck of pickled peppers"   # at most 60 bytes of UTF-8
    max_merges = 10                                       # 1 to 12
    goal = { text = "...", check = "merges >= 4 and greedy == 1", solution = { merges = 4 } }
    ```

values() for goals: merges (made so far), length (tokens in the sequence now), bytes
(its length at the start), vocab (256 + merges), greedy (1 while every merge made was
the top pair at the time, else 0), top (the top pair's count now, 0 when none is left).
set_values({"merges": k}) starts over and makes k greedy merges.
"""

from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Button
from .l02_bpe import count_pairs, label, merge

TEXT = "peter piper picked a peck of pickled peppers"
MAX_BYTES = 60
ROWS = 6
ARROW = "\u2192"


def ranked(ids):
    """[(pair, count, first position)] most frequent first; ties keep first-seen order."""
    counts, first = count_pairs(ids), {}
    for i, pair in enumerate(zip(ids, ids[1:])):
        first.setdefault(pair, i)
    return [(p, c, first[p]) for p, c in sorted(counts.items(), key=lambda kv: -kv[1])]


@register
class BpeMergeStepper(Widget):
    name = "bpe_merge_stepper"
    width, height = 700, 390

    def configure(self, config):
        text = config.pop("text", TEXT)
        if not isinstance(text, str) or not 2 <= len(text.encode("utf-8")) <= MAX_BYTES:
            raise ValueError(f"bpe_merge_stepper: text must be a string of 2 to {MAX_BYTES} bytes of UTF-8")
        self.max_merges = whole(self.name, "max_merges", config.pop("max_merges", 10), 1, 12)
        super().configure(config)
        self.text = text
        self.start = list(text.encode("utf-8"))
        self.knobs = {"top": Button("top", "Merge top pair", self.merge_top),
                      "undo": Button("undo", "Undo", self.undo),
                      "reset": Button("reset", "Start over", self.reset)}
        self.reset()

    # State ---------------------------------------------------------------------------
    def reset(self):
        self.ids = list(self.start)
        self.vocab = {i: bytes([i]) for i in range(256)}
        self.merges = []          # [(pair, new id, count when merged, was it the top pair)]
        self.history = []         # the sequence before each merge, for Undo

    def do_merge(self, pair):
        if len(self.merges) >= self.max_merges:
            return False
        table = ranked(self.ids)
        counts = {p: c for p, c, _ in table}
        if pair not in counts:
            return False
        new_id = 256 + len(self.merges)
        self.history.append(self.ids)
        self.ids = merge(self.ids, pair, new_id)
        self.vocab[new_id] = self.vocab[pair[0]] + self.vocab[pair[1]]
        self.merges.append((pair, new_id, counts[pair], pair == table[0][0]))
        return True

    def merge_top(self):
        table = ranked(self.ids)
        return bool(table) and self.do_merge(table[0][0])

    def undo(self):
        if self.merges:
            del self.vocab[self.merges.pop()[1]]
            self.ids = self.history.pop()

    def values(self):
        table = ranked(self.ids)
        return {"merges": len(self.merges), "length": len(self.ids), "bytes": len(self.start),
                "vocab": 256 + len(self.merges), "greedy": int(all(m[3] for m in self.merges)),
                "top": table[0][1] if table else 0}

    def set_values(self, values):
        """merges = k starts over and makes k greedy merges; the rest is computed and must agree."""
        values = dict(values)
        if "merges" in values:
            k = whole(self.name, "merges", values.pop("merges"), 0, self.max_merges)
            self.reset()
            while len(self.merges) < k and self.merge_top():
                pass
        super().set_values(values)

    # Events: a pair's row is a button; a click or Enter merges that pair ------------------
    def drag(self, handle, x, y):
        try:
            a, b = (int(v) for v in handle[len("pair:"):].split(","))
        except (TypeError, ValueError):
            return
        self.do_merge((a, b))     # a pair that is gone (already merged) is ignored, so a drag cannot merge twice

    def handle(self, event):
        if event.get("type") == "key" and str(event.get("handle")).startswith("pair:"):
            if event.get("key") in ("Enter", " "):
                self.drag(event["handle"], 0, 0)
        else:
            super().handle(event)

    # Drawing -------------------------------------------------------------------------
    def _name(self, pair):
        return label(self.vocab[pair[0]]) + " + " + label(self.vocab[pair[1]])

    def _chips(self):
        out, x, y, left, right = [], 14, 40, 14, self.width - 14
        newest = self.merges[-1][1] if self.merges else None
        out.append(S.text(14, 20, f"the sequence: {len(self.ids)} tokens (it started as {len(self.start)} bytes)",
                          "label", "start"))
        for tok in self.ids:
            text = label(self.vocab[tok])
            w = max(24, 8 * len(text) + 10)
            if x + w > right:
                x, y = left, y + 44
            cls = "accent2" if tok == newest else "accent" if tok >= 256 else "muted"
            out.append(S.rect(x, y, w, 22, cls, rx=4, opacity=0.35 if tok >= 256 else 0.08))
            out.append(S.text(x + w / 2, y + 15, text, "label"))
            out.append(S.text(x + w / 2, y + 34, str(tok), "small muted"))
            x += w + 4
        return out, y + 44

    def shapes(self):
        out, top = self._chips()
        top = max(top + 8, 150)
        # pair counts, most frequent first ------------------------------------------------
        table = ranked(self.ids)
        full = len(self.merges) >= self.max_merges
        out.append(S.text(14, top, "pairs, most frequent first (ties: first seen)", "label", "start"))
        most = table[0][1] if table else 1
        for r, (pair, count, first) in enumerate(table[:ROWS]):
            y = top + 12 + r * 30
            cls = "accent2" if r == 0 else "accent"
            # the count bar goes under the row, so a click anywhere on the row reaches its button
            out.append(S.rect(130, y + 7, 120 * count / most, 12, f"{cls} nostroke", opacity=0.7))
            row = S.rect(14, y, 330, 26, "" if not full else "grid", rx=4, opacity=0.06)
            out.append(S.handle(row, f"pair:{pair[0]},{pair[1]}", f"merge the pair {self._name(pair)}, seen {count} times",
                                f"{count} times, first at position {first}"))
            out.append(S.text(22, y + 18, self._name(pair), "label", "start"))
            out.append(S.text(256, y + 18, f"{count}\u00d7", "label", "start"))
            out.append(S.text(338, y + 18, "top pick" if r == 0 else f"first at {first}", "small muted", "end"))
        if not table:
            out.append(S.text(22, top + 30, "one token left: nothing to merge", "small muted", "start"))
        elif len(table) > ROWS:
            out.append(S.text(22, top + 12 + ROWS * 30 + 12, f"... and {len(table) - ROWS} more pairs", "small muted", "start"))
        # the merge table ------------------------------------------------------------
        x0 = 372
        out.append(S.text(x0, top, f"merge table ({len(self.merges)} of {self.max_merges})", "label", "start"))
        for n, (pair, new_id, count, greedy) in enumerate(self.merges):
            y = top + 20 + n * 18
            out.append(S.text(x0, y, f"#{n + 1}  {self._name(pair)} {ARROW} {label(self.vocab[new_id])}   (id {new_id}, "
                              f"{count}\u00d7{'' if greedy else ', not the top pair'})", "small" if greedy else "small bad", "start"))
        if not self.merges:
            out.append(S.text(x0, top + 20, "empty: the vocabulary is the 256 bytes", "small muted", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "merges made", "value": str(v["merges"])},
                {"label": "vocabulary size", "value": f"256 + {v['merges']} = {v['vocab']}"},
                {"label": "sequence length", "value": f"{v['bytes']} bytes {ARROW} {v['length']} tokens"},
                {"label": "every merge was the top pair", "value": "yes" if v["greedy"] else "no"}]

    def controls(self):
        # greyed out where a click would do nothing (the actions check for themselves too)
        off = {"top": len(self.merges) >= self.max_merges or not ranked(self.ids),
               "undo": not self.merges, "reset": not self.merges}
        return [{**knob.control(), "disabled": off[key]} for key, knob in self.knobs.items()]

    def __repr__(self):
        return f"<bpe_merge_stepper {len(self.merges)} merges, {len(self.ids)} tokens>"
