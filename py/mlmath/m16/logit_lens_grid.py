"""Logit lens on a small trained GPT: decode the residual stream after each block.

Columns are the positions of a prompt, rows the depth: the stream as the embedding left it,
then after block 1, 2, 3. Each cell shows the character the lens ranks first there (the final
LayerNorm, then the tied unembedding, applied to the stream at that depth) and is shaded by the
probability it gives the character that really comes next. Click a column's character (or focus
it and use the arrow keys: left/right moves along the prompt, up/down changes depth) to read the
top five at that cell. Type a new prompt in the box. Lesson m16-l03.
"""

import math

from ..show import char, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Text
from ..widgets.views import cell
from . import l03_lens as L

MAX_CHARS = 24
LEFT, TOP, ROW = 132, 40, 34      # the grid's left edge and top, and a row's height
MOVES = {"ArrowRight": (1, 0), "ArrowLeft": (-1, 0), "ArrowUp": (0, 1), "ArrowDown": (0, -1)}


@register
class LogitLensGrid(Widget):
    name = "logit_lens_grid"
    width, height = 640, 300

    def configure(self, config):
        self.model = L.load()
        prompt = config.pop("prompt", "ROMEO:\nWhat say you now?")
        self.pos = whole(self.name, "pos", config.pop("pos", 0), 0, MAX_CHARS - 2)
        self.depth = whole(self.name, "depth", config.pop("depth", 0), 0, self.model.cfg.n_layer)
        super().configure(config)
        try:
            self.knobs = {"prompt": Text("prompt", f"prompt (up to {MAX_CHARS} characters)", prompt, self.check)}
        except ValueError as exc:
            raise ValueError(f"logit_lens_grid: bad prompt {prompt!r}: {exc}") from None
        self.read()

    def check(self, text):
        bad = sorted(set(text) - set(self.model.chars))
        if bad:
            raise ValueError(f"not in the model's alphabet: {''.join(bad)!r}")
        if not 2 <= len(text) <= MAX_CHARS:
            raise ValueError(f"Use 2 to {MAX_CHARS} characters")
        return text

    def read(self):
        """Run the model and the lens on the prompt, if it changed."""
        if getattr(self, "prompt", None) == self.knobs["prompt"].value:
            return
        self.prompt = self.knobs["prompt"].value
        ids = self.model.encode(self.prompt)
        self.rec = L.forward(self.model, ids[:-1])
        self.probs = L.lens_table(self.model, self.rec)
        self.targets = ids[1:]
        self.pos = min(self.pos, len(self.targets) - 1)

    @property
    def error(self):
        return self.knobs["prompt"].error

    @property
    def depths(self):
        return len(self.probs)

    def p_next(self, d, t):
        return self.probs[d][t][self.targets[t]]

    def top(self, d, t, k=1):
        p = self.probs[d][t]
        return sorted(range(len(p)), key=lambda i: (-p[i], i))[:k]

    def loss(self, d):
        n = len(self.targets)
        return sum(-math.log(self.p_next(d, t)) for t in range(n)) / n

    def hits(self, d):
        return sum(self.top(d, t)[0] == self.targets[t] for t in range(len(self.targets)))

    def values(self):
        d, t, last = self.depth, self.pos, self.depths - 1
        return {"pos": t, "depth": d, "prompt": self.prompt,
                "p": round(self.p_next(d, t), 4),
                "right_at_0": self.top(0, t)[0] == self.targets[t],
                "right_at_top": self.top(last, t)[0] == self.targets[t],
                "gain": round(self.p_next(last, t) - self.p_next(0, t), 4)}

    def set_values(self, values):
        values = dict(values)
        if "prompt" in values and not self.knobs["prompt"].set(values.pop("prompt")):
            raise ValueError(f"logit_lens_grid: prompt: {self.error}")
        self.read()
        self.select(values.pop("pos", self.pos), values.pop("depth", self.depth))
        super().set_values(values)

    def select(self, pos, depth):
        self.pos = min(max(int(pos), 0), len(self.targets) - 1)
        self.depth = min(max(int(depth), 0), self.depths - 1)

    def handle(self, event):
        kind, h = event.get("type"), str(event.get("handle") or "")
        if kind == "drag" and h[:3] == "pos" and h[3:].isdigit():
            self.select(int(h[3:]), self.depth)
        elif kind == "drag" and h[:5] == "depth" and h[5:].isdigit():
            self.select(self.pos, int(h[5:]))
        elif kind == "key":
            dt, dd = MOVES.get(event.get("key"), (0, 0))
            self.select(self.pos + dt, self.depth + dd)
        else:
            super().handle(event)
            self.read()

    # -- picture -------------------------------------------------------------------
    def row_name(self, d):
        return "embedding only" if d == 0 else f"after block {d}"

    def row_y(self, d):
        return TOP + (self.depths - 1 - d) * ROW  # the deepest row on top, like a stack

    def shapes(self):
        chars, n = self.model.chars, len(self.targets)
        cw = min(28.0, (self.width - 140) / n)
        base = TOP + self.depths * ROW
        mid = [LEFT + (t + 0.5) * cw for t in range(n)]
        # handles first, at fixed indices: one per position, one per depth
        out = [S.handle(S.text(mid[t], base + 22, char(self.prompt[t]), "selected" if t == self.pos else ""),
                        f"pos{t}", f"position {t + 1}, reads {char(self.prompt[t])}", f"next is {char(self.prompt[t + 1])}")
               for t in range(n)]
        out += [S.handle(S.text(8, self.row_y(d) + ROW / 2 + 4, self.row_name(d), "selected" if d == self.depth else "",
                                "start"), f"depth{d}", f"depth: {self.row_name(d)}", f"loss {fixed(self.loss(d))}")
                for d in range(self.depths)]
        out.append(S.text(8, base + 22, "reads", "small muted", "start"))
        out.append(S.text(8, TOP - 10, "next is", "small muted", "start"))
        for t in range(n):
            out.append(S.text(mid[t], TOP - 10, char(self.prompt[t + 1]), "small accent"))
            for d in range(self.depths):
                y, best = self.row_y(d), self.top(d, t)[0]
                out.append(cell(LEFT + t * cw + 1, y + 1, cw - 2, ROW - 2, self.p_next(d, t)))
                out.append(S.text(mid[t], y + ROW / 2 + 5, char(chars[best]), "good" if best == self.targets[t] else "muted"))
        out.append(S.rect(LEFT + self.pos * cw, self.row_y(self.depth), cw, ROW, "accent2 nofill"))
        # the selected cell's top five
        out.append(S.text(8, base + 50, f"{self.row_name(self.depth)}, after {char(self.prompt[self.pos])}: "
                                        "the lens's top five", "small", "start"))
        for i, c in enumerate(self.top(self.depth, self.pos, 5)):
            p = self.probs[self.depth][self.pos][c]
            out.append(S.rect(8 + i * 100, base + 58, 90 * p + 1, 14, "accent3" if c == self.targets[self.pos] else "accent"))
            out.append(S.text(8 + i * 100, base + 86, f"{char(chars[c])}  {fixed(p)}", "small", "start"))
        return out

    def readouts(self):
        t, d = self.pos, self.depth
        p = self.p_next(d, t)
        out = [{"label": f"p({char(self.prompt[t + 1])} | {self.row_name(d)})",
                "value": f"{fixed(p, 3)}, loss \u2212ln p = {fixed(-math.log(p))}"}]
        out += [{"label": f"mean loss, {self.row_name(k)}",
                 "value": f"{fixed(self.loss(k))} nats, {self.hits(k)} of {len(self.targets)} ranked first"}
                for k in range(self.depths)]
        if self.error:
            out.append({"label": "prompt", "value": self.error})
        return out

    def controls(self):
        return [self.knobs["prompt"].control()]
