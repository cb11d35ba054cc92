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

from ..numeric import dot, softmax
from ..show import char, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Button, Slider, Toggle
from . import l03_lens as L

TOP, ROW = 34, 32           # the first term's row, and the rows' pitch
PX = 360                    # where the decoded distribution starts


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
        shown = lambda t: f"{t + 1}: {char(self.prompt[t])} \u2192 {char(self.prompt[t + 1])}"  # noqa: E731
        self.knobs = {"pos": Slider("pos", "position", 0, len(self.targets) - 1, 1, pos, fmt=shown),
                      "all": Button("all", "Switch every term back on", self.all_on)}
        self.knobs.update((f"term{k}", Toggle(f"term{k}", "", "", True)) for k in range(len(self.names)))
        self._worst = {}

    def all_on(self):
        for k in range(len(self.names)):
            self.knobs[f"term{k}"].value = True

    @property
    def pos(self):
        return self.knobs["pos"].value

    @property
    def on(self):
        return [self.knobs[f"term{k}"].value for k in range(len(self.names))]

    @property
    def terms(self):
        t = self.pos
        return [self.rec.x0[t]] + [w[t] for w in self.rec.writes]

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
        if self.pos not in self._worst:
            alone = [[k != j for j in range(len(self.names))] for k in range(1, len(self.names))]
            self._worst[self.pos] = self.names[min((self.p_next(on), k) for k, on in enumerate(alone, 1))[1]]
        return self._worst[self.pos]

    def values(self):
        off = [n for n, keep in zip(self.names, self.on) if not keep]
        p = self.p_next()
        return {"pos": self.pos, "mask": "".join("1" if k else "0" for k in self.on),
                "off": off[0] if len(off) == 1 else ("" if not off else "several"),
                "n_on": sum(self.on), "worst": self.worst(),
                "p": -1.0 if p is None else round(p, 4)}

    def set_values(self, values):
        values = dict(values)
        if "pos" in values:
            self.knobs["pos"].set(values.pop("pos"))
        if "mask" in values:
            mask = values.pop("mask")       # a short mask leaves the later terms on
            for k in range(len(self.names)):
                self.knobs[f"term{k}"].value = k >= len(mask) or mask[k] == "1"
        if "off" in values:
            off = values.pop("off")
            for k, n in enumerate(self.names):
                self.knobs[f"term{k}"].value = n != off
        super().set_values(values)

    def handle(self, event):
        pos = self.pos
        super().handle(event)
        if self.pos != pos:         # a new position starts with every term in the sum
            self.all_on()

    def drag(self, handle, x, y):
        if handle in self.knobs and handle.startswith("term"):
            self.knobs[handle].set(None)

    def shapes(self):
        on, terms, n = self.on, self.terms, len(self.names)
        # the switches first, at fixed indices
        out = [S.handle(S.circle(16, TOP + k * ROW + 12, 8, "selected" if on[k] else "nofill"), f"term{k}",
                        f"include {self.names[k]} in the sum", "on" if on[k] else "off") for k in range(n)]
        sizes = [math.sqrt(dot(v, v)) for v in terms]
        out.append(S.text(8, 18, f"position {self.pos + 1}, reads {char(self.prompt[self.pos])}: the terms of the stream",
                          "small", "start"))
        for k, size in enumerate(sizes):
            y = TOP + k * ROW
            if on[k]:
                out.append(S.circle(16, y + 12, 4, "accent3"))
            out.append(S.text(32, y + 16, self.names[k], "" if on[k] else "muted", "start"))
            out.append(S.rect(140, y + 4, 150 * size / max(sizes) + 1, 16,
                              "accent" if k == 0 else ("accent2" if k % 2 else "accent3"), opacity=1.0 if on[k] else 0.2))
            out.append(S.text(298, y + 16, f"|{fixed(size)}|", "small muted", "start"))
        # the decoded distribution: the six likeliest characters, the true next one among them
        chars, target = self.model.chars, self.targets[self.pos]
        out.append(S.line(PX - 16, TOP, PX - 16, TOP + n * ROW, "grid"))
        p = self.probs()
        if p is None:
            return out + [S.text(PX, TOP + 40, "nothing left to decode", "muted", "start")]
        ranked = sorted(range(len(p)), key=lambda i: (-p[i], i))[:6]
        if target not in ranked:
            ranked[-1] = target
        out.append(S.text(PX + 10, 18, f"decoded (next is really {char(chars[target])})", "small", "start"))
        for i, c in enumerate(ranked):
            y = TOP + i * 36
            out.append(S.text(PX, y + 16, char(chars[c]), "good" if c == target else "", "start"))
            out.append(S.rect(PX + 20, y + 4, 200 * p[c] + 1, 16, "accent3" if c == target else "accent"))
            out.append(S.text(PX + 230, y + 16, fixed(p[c]), "small", "start"))
        return out

    def readouts(self):
        p = self.p_next()
        return [{"label": "terms in the sum", "value": f"{sum(self.on)} of {len(self.names)}"},
                {"label": f"p({char(self.prompt[self.pos + 1])}) from this sum",
                 "value": "none: the sum is empty" if p is None else f"{fixed(p, 3)}, loss \u2212ln p = {fixed(-math.log(p))}"}]

    def controls(self):
        return [self.knobs["pos"].control(), self.knobs["all"].control()]
