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

from ..show import char, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider

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
        self.knobs = {"width": Slider("width", "beam width", 1, MAX_W, 1, whole(self.name, "width", width, 1, MAX_W)),
                      "depth": Slider("depth", "characters to generate", 1, MAX_D, 1,
                                      whole(self.name, "depth", depth, 1, MAX_D))}
        self.prompt = prompt
        self._memo = {}

    @property
    def w(self):
        return self.knobs["width"].value

    @property
    def d(self):
        return self.knobs["depth"].value

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
        return {**super().values(), "best": beams[0][1], "greedy": greedy[1],
                "beats": int(beams[0][1] > greedy[1] + 1e-9),
                "forwards": n + self.w * (self.d - 1) if self.d > 1 else n,
                "greedy_forwards": n + self.d - 1}

    def _node(self, x, y, i, score, cls):
        """One kept character: a box with the character and the total ln p so far."""
        return [S.rect(x, y, 40, 28, f"node {cls}", rx=4, opacity=0.25),
                S.text(x + 20, y + 13, show(self.m.chars[i]), "small"),
                S.text(x + 20, y + 25, fixed(score, 1), "small muted")]

    def shapes(self):
        out = [S.text(10, TOP + 20, "prompt", "small muted", "start"),
               S.text(10, TOP + 36, show(self.prompt[-12:]), "small", "start")]
        out += [S.text(LEFT + s * COL + 20, TOP - 14, f"step {s + 1}", "small " + ("accent2" if s < self.d else "muted"))
                for s in range(MAX_D)]
        y_of = lambda r: TOP + r * ROW
        for s, row in enumerate(self.search()):
            x = LEFT + s * COL
            for r, (b, i, score) in enumerate(row):
                if s == 0:
                    out.append(S.line(100, TOP + 16, x, y_of(r) + 14, "edge"))
                else:
                    out.append(S.line(x - COL + 40, y_of(b) + 14, x, y_of(r) + 14, "edge"))
                out += self._node(x, y_of(r), i, score, "accent3" if r == 0 else "accent")
        # greedy underneath
        gy = TOP + MAX_W * ROW + 22
        out.append(S.text(10, gy + 18, "greedy (width 1)", "small accent2", "start"))
        for s, row in enumerate(self.search(1, self.d)):
            x = LEFT + s * COL
            if s:
                out.append(S.line(x - COL + 40, gy + 14, x, gy + 14, "edge"))
            out += self._node(x, gy, row[0][1], row[0][2], "accent2")
        out.append(S.text(W - 8, H - 8, "numbers: total ln p so far (closer to 0 is likelier)", "small muted", "end"))
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
        return [self.knobs["width"].control(), self.knobs["depth"].control()]
