"""The tied unembedding in two dimensions: a logit is a dot product with a row of wte.

A toy token table wte with a few characters and C = 2, so every row is an arrow in the plane.
The learner drags h, the final vector at one position (what ln_f hands the unembedding), or
focuses it and moves it with the arrow keys (PageUp/PageDown: bigger steps along x). Each
character's logit is h . wte[v], the same rows the embedding looked up at the bottom of the
network; softmax turns the logits into next-character probabilities, drawn as bars.

    ```widget tied_unembedding_scores
    id = "tied"
    h = [-0.4, 0.6]                                    # where h starts
    tokens = [["e", 1.2, 0.9], ["t", -0.6, 1.3]]       # optional: [character, x, y] rows of wte
    goal = { text = "...", check = "top == 'e' and p_top >= 0.6", solution = { hx = 1.5, hy = 1.5 } }
    ```

values() for goals: hx, hy, norm (|h|), top (the most likely character), p_top (its probability),
p (a dict character -> probability) and logit (a dict character -> logit).
"""

import math

from ..numeric import argmax, softmax
from ..show import char, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget
from ..widgets.controls import Slider
from ..widgets.plane import Plane

TOKENS = [["e", 1.2, 0.9], ["t", -0.6, 1.3], ["a", 1.4, -0.5], ["o", -1.1, -0.9], [" ", 0.2, -1.4]]
LIMIT = 3.0
PLANE = Plane(span=LIMIT, box=(20, 10, 300, 290))
BX = 350                          # the bars' left edge


def _point(value, what):
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) <= LIMIT for v in value)):
        raise ValueError(f"tied_unembedding_scores: {what} must be [x, y] with both within \u00b1{LIMIT}, not {value!r}")
    return [float(value[0]), float(value[1])]


@register
class TiedUnembeddingScores(Widget):
    name = "tied_unembedding_scores"
    width, height = 640, 300

    def configure(self, config):
        h = _point(config.pop("h", [-0.4, 0.6]), "h")
        tokens = config.pop("tokens", TOKENS)
        if not isinstance(tokens, list) or not 2 <= len(tokens) <= 8:
            raise ValueError("tied_unembedding_scores: tokens must list 2 to 8 [character, x, y] rows")
        self.tokens = []
        for row in tokens:
            if not isinstance(row, (list, tuple)) or len(row) != 3 or not isinstance(row[0], str) or len(row[0]) != 1:
                raise ValueError(f"tied_unembedding_scores: each token is [character, x, y], not {row!r}")
            self.tokens.append((row[0], *_point(list(row[1:]), f"the row of {row[0]!r}")))
        if len({t[0] for t in self.tokens}) != len(self.tokens):
            raise ValueError("tied_unembedding_scores: each character may appear once")
        super().configure(config)
        # keys step h by 0.1 (0.5 with PageUp/PageDown), a drag by 0.05; the grid keeps any start
        self.knobs = {k: Slider(k, k, -LIMIT, LIMIT, 0.01, v, fine=0.1, coarse=0.5) for k, v in zip(("hx", "hy"), h)}

    @property
    def h(self):
        return [self.knobs["hx"].value, self.knobs["hy"].value]

    # The numbers -----------------------------------------------------------------------------
    def logits(self):
        hx, hy = self.h
        return [hx * x + hy * y for _, x, y in self.tokens]

    def probs(self):
        return softmax(self.logits())

    def values(self):
        zs, ps = self.logits(), self.probs()
        best = argmax(ps)
        chars = [t[0] for t in self.tokens]
        return {"hx": round(self.h[0], 6), "hy": round(self.h[1], 6), "norm": math.hypot(*self.h),
                "top": chars[best], "p_top": ps[best], "p": dict(zip(chars, ps)), "logit": dict(zip(chars, zs))}

    # Events -----------------------------------------------------------------------------------
    def handle(self, event):
        if event.get("handle") == "h" and event.get("type") == "key":
            key = event.get("key")      # up and down move h's y, every other key its x
            self.knobs["hy" if key in ("ArrowUp", "ArrowDown") else "hx"].key(key)
        else:
            super().handle(event)

    def drag(self, handle, x, y):
        if handle == "h":
            for knob, v in zip(self.knobs.values(), PLANE.value(x, y)):
                knob.set(round(v * 20) / 20)

    def __repr__(self):
        v = self.values()
        return f"<tied_unembedding_scores h = ({v['hx']:.2f}, {v['hy']:.2f}): top {v['top']!r} at {v['p_top']:.2f}>"

    # The scene --------------------------------------------------------------------------------
    def shapes(self):
        ps = self.probs()
        best = argmax(ps)
        out = PLANE.frame()
        for i, (ch, x, y) in enumerate(self.tokens):
            out += PLANE.vector((x, y), "accent3" if i == best else "muted")
            out.append(PLANE.text(x * 1.18, y * 1.18, char(ch), "accent3" if i == best else "label", dy=5))
        hx, hy = PLANE.at(*self.h)
        out.append(S.text(hx + 12, hy - 8, "h", "accent2"))
        out += PLANE.vector(self.h, "accent2", handle="h", label="h, the final vector at one position",
                            value=f"h = ({fixed(self.h[0])}, {fixed(self.h[1])})")
        # the scores, one row per character
        zs = self.logits()
        for x, anchor, head in ((BX + 8, "middle", "char"), (BX + 90, "end", "h\u00b7wte[v]"),
                                (BX + 108, "start", "probability")):
            out.append(S.text(x, 24, head, "small muted", anchor))
        row_h = min(44, 250 / len(self.tokens))
        for i, (ch, _, _) in enumerate(self.tokens):
            y, cls = 40 + i * row_h, "accent3" if i == best else "accent"
            out.append(S.text(BX + 8, y + 15, char(ch), "accent3" if i == best else "label"))
            out.append(S.text(BX + 90, y + 15, fixed(zs[i]), "label", "end"))
            out.append(S.rect(BX + 108, y + 3, 150, 16, "grid nofill"))
            out.append(S.rect(BX + 108, y + 3, max(0.5, 150 * ps[i]), 16, cls, opacity=0.7))
            out.append(S.text(BX + 266, y + 15, fixed(ps[i]), "small label", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [
            {"label": "h", "value": f"({fixed(v['hx'])}, {fixed(v['hy'])}), length |h| = {fixed(v['norm'])}"},
            {"label": "most likely next character", "value": f"{char(v['top'])} with probability {fixed(v['p_top'])}"},
        ]
