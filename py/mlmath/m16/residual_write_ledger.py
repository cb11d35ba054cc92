"""The residual stream as a ledger of terms, for one token of a small trained GPT.

At one position of a prompt, the final stream is a sum of seven vectors: the embedding
x0 = wte[id] + wpe[pos], then what attention and the MLP of blocks 1, 2, 3 each wrote.
Each term is a row with its length |term|; click its switch (or focus it and press Space or
Enter) to leave it out of the sum. The bars on the right decode whatever sum is left through
the final LayerNorm and the tied unembedding: the model's next-character distribution.
Removing a term here does not re-run the later sub-layers; it shows what that one term
contributes to the sum the model decodes. Lesson m16-l03.
"""

import math

from ..widgets import register
from ..widgets.base import Widget, whole
from . import l03_lens as L
from ..numeric import softmax
from ..show import char


def norm(v):
    return math.sqrt(sum(x * x for x in v))


@register
class ResidualWriteLedger(Widget):
    name = "residual_write_ledger"
    width, height = 640, 270

    def configure(self, config):
        self.model = L.load()
        self.prompt = str(config.pop("prompt", "ROMEO:\nWhat say you now?"))
        pos = whole(self.name, "pos", config.pop("pos", len(self.prompt) - 2), 0, len(self.prompt) - 2)
        super().configure(config)
        ids = self.model.encode(self.prompt)
        self.rec = L.forward(self.model, ids[:-1])
        self.targets = ids[1:]
        self.names = ["embedding x\u2080"] + self.model.names
        self.set_pos(pos)

    def set_pos(self, pos):
        self.pos = max(0, min(int(pos), len(self.targets) - 1))
        t = self.pos
        self.terms = [self.rec.x0[t]] + [w[t] for w in self.rec.writes]
        self.on = [True] * len(self.terms)
        self._worst = None

    def stream(self, on=None):
        on = self.on if on is None else on
        total = [0.0] * len(self.terms[0])
        for keep, term in zip(on, self.terms):
            if keep:
                total = [a + b for a, b in zip(total, term)]
        return total

    def probs(self, on=None):
        on = self.on if on is None else on
        if not any(on):
            return None  # an all-zero stream has no LayerNorm direction
        return softmax(L.lens(self.model, self.stream(on)))

    def p_next(self, on=None):
        p = self.probs(on)
        return None if p is None else p[self.targets[self.pos]]

    def worst(self):
        """The single write (not the embedding) whose removal leaves the lowest p(next)."""
        if self._worst is None:
            scores = []
            for k in range(1, len(self.terms)):
                on = [True] * len(self.terms)
                on[k] = False
                scores.append((self.p_next(on), k))
            self._worst = self.names[min(scores)[1]]
        return self._worst

    def values(self):
        off = [n for n, keep in zip(self.names, self.on) if not keep]
        p = self.p_next()
        return {"pos": self.pos, "mask": "".join("1" if k else "0" for k in self.on),
                "off": off[0] if len(off) == 1 else ("" if not off else "several"),
                "n_on": sum(self.on), "worst": self.worst(),
                "p": -1.0 if p is None else round(p, 4)}

    def set_values(self, values):
        if "pos" in values:
            self.set_pos(values["pos"])
        if "mask" in values:
            self.on = [c == "1" for c in values["mask"]][:len(self.terms)]
            self.on += [True] * (len(self.terms) - len(self.on))
        if "off" in values:
            self.on = [n != values["off"] for n in self.names]

    def handle(self, event):
        kind, h = event.get("type"), event.get("handle") or ""
        if kind == "input" and event.get("id") == "pos":
            self.set_pos(int(float(event.get("value", 0))))
        elif kind == "input" and event.get("id") == "all":
            self.on = [True] * len(self.terms)
        elif h.startswith("term") and (kind == "drag" or (kind == "key" and event.get("key") in (" ", "Enter"))):
            k = int(h[4:])
            self.on[k] = not self.on[k]

    def shapes(self):
        out, top, rh = [], 34, 32
        n = len(self.terms)
        for k in range(n):  # handles first, at fixed indices
            y = top + k * rh
            out.append({"t": "circle", "cx": 16, "cy": y + 12, "r": 8,
                        "cls": "handle selected" if self.on[k] else "handle nofill", "handle": f"term{k}",
                        "label": f"include {self.names[k]} in the sum", "value": "on" if self.on[k] else "off"})
        big = max(norm(v) for v in self.terms)
        out.append({"t": "text", "x": 8, "y": 18, "anchor": "start", "s": f"position {self.pos + 1}, reads {char(self.prompt[self.pos])}:"
                    " the terms of the stream", "cls": "small"})
        for k, term in enumerate(self.terms):
            y = top + k * rh
            size = norm(term)
            cls = "accent" if k == 0 else ("accent2" if k % 2 else "accent3")
            if self.on[k]:
                out.append({"t": "circle", "cx": 16, "cy": y + 12, "r": 4, "cls": "accent3"})
            out.append({"t": "text", "x": 32, "y": y + 16, "s": self.names[k], "cls": "" if self.on[k] else "muted", "anchor": "start"})
            out.append({"t": "rect", "x": 140, "y": y + 4, "w": round(150 * size / big, 1) + 1, "h": 16,
                        "cls": cls, "opacity": 1.0 if self.on[k] else 0.2})
            out.append({"t": "text", "x": 298, "y": y + 16, "s": f"|{size:.2f}|", "cls": "small muted", "anchor": "start"})
        # the decoded distribution
        px, chars, target = 360, self.model.chars, self.targets[self.pos]
        out.append({"t": "line", "x1": px - 16, "y1": top, "x2": px - 16, "y2": top + n * rh, "cls": "grid"})
        p = self.probs()
        if p is None:
            out.append({"t": "text", "x": px, "y": top + 40, "s": "nothing left to decode", "cls": "muted", "anchor": "start"})
            return out
        ranked = sorted(range(len(p)), key=lambda i: (-p[i], i))[:6]
        if target not in ranked:
            ranked[-1] = target
        out.append({"t": "text", "x": px + 10, "y": 18, "anchor": "start", "s": f"decoded (next is really {char(chars[target])})",
                    "cls": "small"})
        for i, c in enumerate(ranked):
            y = top + i * 36
            out.append({"t": "text", "x": px, "y": y + 16, "s": char(chars[c]), "cls": "good" if c == target else "", "anchor": "start"})
            out.append({"t": "rect", "x": px + 20, "y": y + 4, "w": round(200 * p[c], 1) + 1, "h": 16,
                        "cls": "accent3" if c == target else "accent"})
            out.append({"t": "text", "x": px + 230, "y": y + 16, "s": f"{p[c]:.2f}", "cls": "small", "anchor": "start"})
        return out

    def readouts(self):
        t = self.pos
        p = self.p_next()
        nxt = char(self.prompt[t + 1])
        on = [n for n, k in zip(self.names, self.on) if k]
        return [{"label": "terms in the sum", "value": f"{len(on)} of {len(self.terms)}"},
                {"label": f"p({nxt}) from this sum",
                 "value": "none: the sum is empty" if p is None else f"{p:.3f}, loss −ln p = {-math.log(p):.2f}"}]

    def controls(self):
        return [{"kind": "range", "id": "pos", "label": "position", "min": 0, "max": len(self.targets) - 1,
                 "step": 1, "value": self.pos,
                 "display": f"{self.pos + 1}: {char(self.prompt[self.pos])} → {char(self.prompt[self.pos + 1])}"},
                {"kind": "button", "id": "all", "label": "Switch every term back on"}]
