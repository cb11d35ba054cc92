"""Logit lens on a small trained GPT: decode the residual stream after each block.

Columns are the positions of a prompt, rows the depth: the stream as the embedding left it,
then after block 1, 2, 3. Each cell shows the character the lens ranks first there (the final
LayerNorm, then the tied unembedding, applied to the stream at that depth) and is shaded by the
probability it gives the character that really comes next. Click a column's character (or focus
it and use the arrow keys: left/right moves along the prompt, up/down changes depth) to read the
top five at that cell. Type a new prompt in the box. Lesson m16-l03.
"""

import math

from ..widgets import register
from ..widgets.base import Widget, whole
from . import l03_lens as L
from ..show import char

MAX_CHARS = 24


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
        self.error = ""
        if not self.set_prompt(prompt):
            raise ValueError(f"logit_lens_grid: bad prompt {prompt!r}: {self.error}")

    # -- state -------------------------------------------------------------------
    def set_prompt(self, text):
        text = str(text)
        bad = sorted(set(text) - set(self.model.chars))
        if len(text) < 2 or len(text) > MAX_CHARS or bad:
            self.error = (f"Use 2 to {MAX_CHARS} characters" if not bad
                          else f"not in the model's alphabet: {''.join(bad)!r}")
            return False
        self.error, self.prompt = "", text
        ids = self.model.encode(text)
        self.rec = L.forward(self.model, ids[:-1])
        self.probs = L.lens_table(self.model, self.rec)
        self.targets = ids[1:]
        self.pos = max(0, min(self.pos, len(self.targets) - 1))
        return True

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
        if "prompt" in values:
            self.set_prompt(values["prompt"])
        if "pos" in values:
            self.pos = max(0, min(int(values["pos"]), len(self.targets) - 1))
        if "depth" in values:
            self.depth = max(0, min(int(values["depth"]), self.depths - 1))

    def handle(self, event):
        kind = event.get("type")
        if kind == "input" and event.get("id") == "prompt":
            self.set_prompt(event.get("value", ""))
            return
        h = event.get("handle") or ""
        if kind == "drag" and h.startswith("pos"):
            self.pos = max(0, min(int(h[3:]), len(self.targets) - 1))
        elif kind == "drag" and h.startswith("depth"):
            self.depth = max(0, min(int(h[5:]), self.depths - 1))
        elif kind == "key":
            key = event.get("key")
            if key == "ArrowRight":
                self.pos = min(self.pos + 1, len(self.targets) - 1)
            elif key == "ArrowLeft":
                self.pos = max(self.pos - 1, 0)
            elif key == "ArrowUp":
                self.depth = min(self.depth + 1, self.depths - 1)
            elif key == "ArrowDown":
                self.depth = max(self.depth - 1, 0)

    # -- picture -------------------------------------------------------------------
    def row_name(self, d):
        return "embedding only" if d == 0 else f"after block {d}"

    def geometry(self):
        n = len(self.targets)
        x0, cw = 132, min(28.0, (self.width - 140) / n)
        return x0, cw, 40, 34  # left, cell width, top of the grid, row height

    def row_y(self, d, top, rh):
        return top + (self.depths - 1 - d) * rh  # the deepest row on top, like a stack

    def shapes(self):
        x0, cw, top, rh = self.geometry()
        chars, n = self.model.chars, len(self.targets)
        base = top + self.depths * rh
        out = []
        # handles first, at fixed indices: one per position, one per depth
        for t in range(n):
            cx = x0 + (t + 0.5) * cw
            out.append({"t": "text", "x": round(cx, 1), "y": base + 22, "s": char(self.prompt[t]),
                        "anchor": "middle", "cls": "handle selected" if t == self.pos else "handle",
                        "handle": f"pos{t}", "label": f"position {t + 1}, reads {char(self.prompt[t])}",
                        "value": f"next is {char(self.prompt[t + 1])}"})
        for d in range(self.depths):
            y = self.row_y(d, top, rh)
            out.append({"t": "text", "x": 8, "y": y + rh / 2 + 4, "s": self.row_name(d), "anchor": "start",
                        "cls": "handle selected" if d == self.depth else "handle", "handle": f"depth{d}",
                        "label": f"depth: {self.row_name(d)}", "value": f"loss {self.loss(d):.2f}"})
        out.append({"t": "text", "x": 8, "y": base + 22, "s": "reads", "cls": "small muted", "anchor": "start"})
        out.append({"t": "text", "x": 8, "y": top - 10, "s": "next is", "cls": "small muted", "anchor": "start"})
        for t in range(n):
            cx = x0 + (t + 0.5) * cw
            out.append({"t": "text", "x": round(cx, 1), "y": top - 10, "s": char(self.prompt[t + 1]),
                        "anchor": "middle", "cls": "small accent"})
            for d in range(self.depths):
                y = self.row_y(d, top, rh)
                p = self.p_next(d, t)
                best = self.top(d, t)[0]
                out.append({"t": "rect", "x": round(x0 + t * cw + 1, 1), "y": y + 1, "w": round(cw - 2, 1),
                            "h": rh - 2, "cls": "accent3 nostroke", "opacity": round(0.08 + 0.8 * p, 3)})
                out.append({"t": "text", "x": round(cx, 1), "y": y + rh / 2 + 5, "s": char(chars[best]),
                            "anchor": "middle", "cls": "good" if best == self.targets[t] else "muted"})
        sx = x0 + self.pos * cw
        sy = self.row_y(self.depth, top, rh)
        out.append({"t": "rect", "x": round(sx, 1), "y": sy, "w": round(cw, 1), "h": rh, "cls": "accent2 nofill"})
        # the selected cell's top five
        out.append({"t": "text", "x": 8, "y": base + 50, "anchor": "start", "s":
                    f"{self.row_name(self.depth)}, after {char(self.prompt[self.pos])}: the lens's top five",
                    "cls": "small"})
        for i, c in enumerate(self.top(self.depth, self.pos, 5)):
            x = 8 + i * 100
            p = self.probs[self.depth][self.pos][c]
            out.append({"t": "rect", "x": x, "y": base + 58, "w": round(90 * p, 1) + 1, "h": 14,
                        "cls": "accent3" if c == self.targets[self.pos] else "accent"})
            out.append({"t": "text", "x": x, "y": base + 86, "s": f"{char(chars[c])}  {p:.2f}", "cls": "small", "anchor": "start"})
        return out

    def readouts(self):
        t, d = self.pos, self.depth
        nxt = char(self.prompt[t + 1])
        out = [{"label": f"p({nxt} | {self.row_name(d)})",
                "value": f"{self.p_next(d, t):.3f}, loss −ln p = {-math.log(self.p_next(d, t)):.2f}"}]
        out += [{"label": f"mean loss, {self.row_name(k)}",
                 "value": f"{self.loss(k):.2f} nats, {self.hits(k)} of {len(self.targets)} ranked first"}
                for k in range(self.depths)]
        if self.error:
            out.append({"label": "prompt", "value": self.error})
        return out

    def controls(self):
        return [{"kind": "text", "id": "prompt", "label": f"prompt (up to {MAX_CHARS} characters)", "value": self.prompt}]
