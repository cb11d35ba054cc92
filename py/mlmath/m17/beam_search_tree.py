"""Beam search against greedy decoding on a small trained GPT, drawn as a tree.

The model is lesson m16-l03's trained GPT, run in pure Python by mlmath.m17.l05_decode. After the
prompt, beam search keeps the `width` likeliest partial continuations by their total
log-probability (the sum of ln p of each character given everything before it), extends each by
all 65 characters, and keeps the best `width` again, `depth` times. Each column of the picture is
one step: its boxes are the beams kept, best on top, joined to the beam they grew from. Greedy
decoding (width 1) is drawn underneath for comparison, with its own total.

    ```widget beam_search_tree
    id = "beam"
    prompt = "ROMEO:\\n"
    width = 1                          # starting beam width, 1 to 4
    depth = 1                          # starting number of characters, 1 to 8
    goal = { text = "...", check = "best > greedy + 0.01", solution = { width = 2, depth = 6 } }
    ```

values() for goals: width, depth, best (total log-prob of the best beam), greedy (of greedy's
continuation), beats (1 when best > greedy + 1e-9), forwards (position-forwards the beams cost,
counting the prompt once), greedy_forwards.
"""

from ..widgets import register
from ..widgets.base import Widget, whole
from ..show import char, fixed

MAX_W, MAX_D = 4, 8
LEFT, COL, TOP, ROW = 150, 62, 40, 40
W, H = 700, 290


def show(text):
    return "".join(map(char, text))


@register
class BeamSearchTree(Widget):
    name = "beam_search_tree"
    width, height = W, H

    def configure(self, config):
        prompt = config.pop("prompt", "ROMEO:\n")
        width = config.pop("width", 1)
        depth = config.pop("depth", 1)
        super().configure(config)
        from mlmath.m17.l05_decode import model
        self.m = model()
        if not isinstance(prompt, str) or not prompt or any(c not in self.m.index for c in prompt) \
                or len(prompt) + MAX_D > self.m.cfg.block_size + 1:
            raise ValueError("beam_search_tree: prompt must be 1 to 25 characters the model knows")
        self.w = whole(self.name, "width", width, 1, MAX_W)
        self.d = whole(self.name, "depth", depth, 1, MAX_D)
        self.prompt = prompt
        self._memo = {}

    def search(self, width=None, depth=None):
        """One list per step of (parent, char id, total log-prob), best first."""
        from mlmath.m17.l05_decode import beam_steps
        key = (width or self.w, depth or self.d)
        if key not in self._memo:
            self._memo[key] = beam_steps(self.m, self.prompt, key[1], key[0])
        return self._memo[key]

    def texts(self, steps):
        from mlmath.m17.l05_decode import beam_texts
        return beam_texts(self.m, steps)

    def values(self):
        beams = self.texts(self.search())
        greedy = self.texts(self.search(1, self.d))[0]
        n = len(self.prompt)
        return {"width": self.w, "depth": self.d, "best": beams[0][1], "greedy": greedy[1],
                "beats": int(beams[0][1] > greedy[1] + 1e-9),
                "forwards": n + self.w * (self.d - 1) if self.d > 1 else n,
                "greedy_forwards": n + self.d - 1}

    def set_values(self, values):
        for key, v in dict(values).items():
            if key == "width":
                self.w = min(max(int(v), 1), MAX_W)
            elif key == "depth":
                self.d = min(max(int(v), 1), MAX_D)
            else:
                raise KeyError(f"beam_search_tree sets width and depth, not {key!r}")

    def handle(self, event):
        if event.get("type") != "input":
            return
        try:
            v = int(event.get("value"))
        except (TypeError, ValueError):
            return
        if event.get("id") == "width":
            self.w = min(max(v, 1), MAX_W)
        elif event.get("id") == "depth":
            self.d = min(max(v, 1), MAX_D)

    def shapes(self):
        steps = self.search()
        chars = self.m.chars
        out = [{"t": "text", "x": 10, "y": TOP + 20, "s": "prompt", "anchor": "start", "cls": "small muted"},
               {"t": "text", "x": 10, "y": TOP + 36, "s": show(self.prompt[-12:]), "anchor": "start", "cls": "small"}]
        for s in range(MAX_D):
            out.append({"t": "text", "x": LEFT + s * COL + 20, "y": TOP - 14, "s": f"step {s + 1}",
                        "cls": "small " + ("accent2" if s < self.d else "muted")})
        y_of = lambda r: TOP + r * ROW
        for s, row in enumerate(steps):
            x = LEFT + s * COL
            for r, (b, i, score) in enumerate(row):
                if s == 0:
                    out.append({"t": "line", "x1": 100, "y1": TOP + 16, "x2": x, "y2": y_of(r) + 14, "cls": "edge"})
                else:
                    out.append({"t": "line", "x1": x - COL + 40, "y1": y_of(b) + 14, "x2": x, "y2": y_of(r) + 14,
                                "cls": "edge"})
                best = r == 0
                out.append({"t": "rect", "x": x, "y": y_of(r), "w": 40, "h": 28, "rx": 4,
                            "cls": "node " + ("accent3" if best else "accent"), "opacity": 0.25})
                out.append({"t": "text", "x": x + 20, "y": y_of(r) + 13, "s": show(chars[i]), "cls": "small"})
                out.append({"t": "text", "x": x + 20, "y": y_of(r) + 25, "s": fixed(score, 1),
                            "cls": "small muted"})
        # greedy underneath
        gy = TOP + MAX_W * ROW + 22
        out.append({"t": "text", "x": 10, "y": gy + 18, "s": "greedy (width 1)", "anchor": "start", "cls": "small accent2"})
        for s, row in enumerate(self.search(1, self.d)):
            x = LEFT + s * COL
            b, i, score = row[0]
            if s:
                out.append({"t": "line", "x1": x - COL + 40, "y1": gy + 14, "x2": x, "y2": gy + 14, "cls": "edge"})
            out.append({"t": "rect", "x": x, "y": gy, "w": 40, "h": 28, "rx": 4, "cls": "node accent2", "opacity": 0.25})
            out.append({"t": "text", "x": x + 20, "y": gy + 13, "s": show(chars[i]), "cls": "small"})
            out.append({"t": "text", "x": x + 20, "y": gy + 25, "s": fixed(score, 1),
                        "cls": "small muted"})
        out.append({"t": "text", "x": W - 8, "y": H - 8, "s": "numbers: total ln p so far (closer to 0 is likelier)",
                    "anchor": "end", "cls": "small muted"})
        return out

    def readouts(self):
        v = self.values()
        beams = self.texts(self.search())
        greedy = self.texts(self.search(1, self.d))[0]
        out = [{"label": f"beam {r + 1}", "value": f"\u201c{show(t)}\u201d  total ln p = {fixed(s, 3)}"}
               for r, (t, s) in enumerate(beams)]
        out.append({"label": "greedy", "value": f"\u201c{show(greedy[0])}\u201d  total ln p = {fixed(greedy[1], 3)}"})
        if v["beats"]:
            verdict = f"beam search found a likelier continuation, by {fixed(v['best'] - v['greedy'], 3)} nats"
        else:
            verdict = "beam search's best is greedy's continuation" if beams[0][0] == greedy[0] else \
                "greedy's continuation is at least as likely"
        out.append({"label": "verdict", "value": verdict})
        out.append({"label": "position-forwards", "value": f"beams {v['forwards']}, greedy {v['greedy_forwards']}"})
        return out

    def controls(self):
        return [{"kind": "range", "id": "width", "label": "beam width", "min": 1, "max": MAX_W, "step": 1,
                 "value": self.w, "display": str(self.w)},
                {"kind": "range", "id": "depth", "label": "characters to generate", "min": 1, "max": MAX_D,
                 "step": 1, "value": self.d, "display": str(self.d)}]
