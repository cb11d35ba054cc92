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

from ..widgets import register
from ..widgets.base import Widget, arrow_step
from ..numeric import softmax
from ..show import char

TOKENS = [["e", 1.2, 0.9], ["t", -0.6, 1.3], ["a", 1.4, -0.5], ["o", -1.1, -0.9], [" ", 0.2, -1.4]]
LIMIT = 3.0


def _point(value, what):
    if (not isinstance(value, (list, tuple)) or len(value) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) <= LIMIT for v in value)):
        raise ValueError(f"tied_unembedding_scores: {what} must be [x, y] with both within \u00b1{LIMIT}, not {value!r}")
    return [float(value[0]), float(value[1])]


@register
class TiedUnembeddingScores(Widget):
    name = "tied_unembedding_scores"
    width, height = 640, 300
    PX, PY, PS = 20, 10, 280          # the plane: left, top, side
    BX = 350                          # the bars' left edge

    def configure(self, config):
        self.h = _point(config.pop("h", [-0.4, 0.6]), "h")
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

    # The numbers -----------------------------------------------------------------------------
    def logits(self):
        hx, hy = self.h
        return [hx * x + hy * y for _, x, y in self.tokens]

    def probs(self):
        return softmax(self.logits())

    def values(self):
        zs, ps = self.logits(), self.probs()
        best = max(range(len(ps)), key=ps.__getitem__)
        chars = [t[0] for t in self.tokens]
        return {"hx": round(self.h[0], 6), "hy": round(self.h[1], 6), "norm": math.hypot(*self.h),
                "top": chars[best], "p_top": ps[best], "p": dict(zip(chars, ps)), "logit": dict(zip(chars, zs))}

    def set_values(self, values):
        unknown = set(values) - {"hx", "hy"}
        if unknown:
            raise KeyError(f"tied_unembedding_scores sets hx and hy, not {sorted(unknown)}")
        self.h = _point([values.get("hx", self.h[0]), values.get("hy", self.h[1])], "h")

    # Events -----------------------------------------------------------------------------------
    def to_plane(self, x, y):
        u = self.PS / (2 * LIMIT)
        return self.PX + self.PS / 2 + x * u, self.PY + self.PS / 2 - y * u

    def from_plane(self, px, py):
        u = self.PS / (2 * LIMIT)
        return (px - self.PX - self.PS / 2) / u, (self.PY + self.PS / 2 - py) / u

    def handle(self, event):
        if event.get("handle") != "h":
            return
        clamp = lambda v: round(min(max(v, -LIMIT), LIMIT), 2)
        if event.get("type") == "drag":
            try:
                x, y = self.from_plane(float(event["x"]), float(event["y"]))
            except (KeyError, TypeError, ValueError):
                return
            self.h = [clamp(round(x * 20) / 20), clamp(round(y * 20) / 20)]
        elif event.get("type") == "key":
            key = event.get("key")
            step = arrow_step(key, 0.1, 0.5)
            if key in ("ArrowUp", "ArrowDown"):
                self.h[1] = clamp(self.h[1] + step)
            else:
                self.h[0] = clamp(self.h[0] + step)

    def __repr__(self):
        v = self.values()
        return f"<tied_unembedding_scores h = ({v['hx']:.2f}, {v['hy']:.2f}): top {v['top']!r} at {v['p_top']:.2f}>"

    # The scene --------------------------------------------------------------------------------
    def shapes(self):
        out, (ox, oy) = [], self.to_plane(0, 0)
        out.append({"t": "rect", "x": self.PX, "y": self.PY, "w": self.PS, "h": self.PS, "cls": "grid nofill"})
        for k in range(-2, 3):
            gx, gy = self.to_plane(k, k)
            out.append({"t": "line", "x1": gx, "y1": self.PY, "x2": gx, "y2": self.PY + self.PS,
                        "cls": "axis" if k == 0 else "grid"})
            out.append({"t": "line", "x1": self.PX, "y1": gy, "x2": self.PX + self.PS, "y2": gy,
                        "cls": "axis" if k == 0 else "grid"})
        ps = self.probs()
        best = max(range(len(ps)), key=ps.__getitem__)
        for i, (ch, x, y) in enumerate(self.tokens):
            tx, ty = self.to_plane(x, y)
            cls = "accent3" if i == best else "muted"
            out.append({"t": "line", "x1": ox, "y1": oy, "x2": round(tx, 1), "y2": round(ty, 1), "cls": cls})
            out.append({"t": "circle", "cx": round(tx, 1), "cy": round(ty, 1), "r": 3, "cls": cls})
            lx, ly = self.to_plane(x * 1.18, y * 1.18)
            out.append({"t": "text", "x": round(lx, 1), "y": round(ly + 5, 1), "s": char(ch),
                        "cls": "accent3" if i == best else "label"})
        hx, hy = self.to_plane(*self.h)
        out.append({"t": "line", "x1": ox, "y1": oy, "x2": round(hx, 1), "y2": round(hy, 1), "cls": "accent2 bracket"})
        out.append({"t": "text", "x": round(hx + 12, 1), "y": round(hy - 8, 1), "s": "h", "cls": "accent2"})
        out.append({"t": "circle", "cx": round(hx, 1), "cy": round(hy, 1), "r": 9, "cls": "accent2", "handle": "h",
                    "label": "h, the final vector at one position",
                    "value": f"h = ({self.h[0]:.2f}, {self.h[1]:.2f})"})
        # the scores, one row per character
        zs = self.logits()
        for x, anchor, head in ((self.BX + 8, "middle", "char"), (self.BX + 90, "end", "h\u00b7wte[v]"),
                                (self.BX + 108, "start", "probability")):
            out.append({"t": "text", "x": x, "y": 24, "anchor": anchor, "cls": "small muted", "s": head})
        row_h = min(44, 250 / len(self.tokens))
        for i, (ch, _, _) in enumerate(self.tokens):
            y = 40 + i * row_h
            out.append({"t": "text", "x": self.BX + 8, "y": y + 15, "s": char(ch),
                        "cls": "accent3" if i == best else "label"})
            out.append({"t": "text", "x": self.BX + 90, "y": y + 15, "anchor": "end", "s": f"{zs[i]:+.2f}",
                        "cls": "label"})
            out.append({"t": "rect", "x": self.BX + 108, "y": y + 3, "w": 150, "h": 16, "cls": "grid nofill"})
            out.append({"t": "rect", "x": self.BX + 108, "y": y + 3, "w": max(0.5, round(150 * ps[i], 1)), "h": 16,
                        "cls": "accent3" if i == best else "accent", "opacity": 0.7})
            out.append({"t": "text", "x": self.BX + 266, "y": y + 15, "anchor": "start", "s": f"{ps[i]:.2f}",
                        "cls": "small label"})
        return out

    def readouts(self):
        v = self.values()
        return [
            {"label": "h", "value": f"({v['hx']:.2f}, {v['hy']:.2f}), length |h| = {v['norm']:.2f}"},
            {"label": "most likely next character", "value": f"{char(v['top'])} with probability {v['p_top']:.2f}"},
        ]
