"""A strip of tiny-shakespeare with B training windows on it, and the (x, y) pairs of one.

A language model trains on windows cut from one long stream of ids. A window of T
inputs needs T targets, each one position further on, so it spans T + 1 characters:
x = data[s : s+T] and y = data[s+1 : s+T+1]. The widget draws `n` characters of the
text as a strip, B windows under it (x in one colour, y the same bar shifted one cell
right), and for the selected window a table of its T (input -> target) pairs.

Click a window's bar to select it and drag it along the text; click the strip to start
the selected window at that character; focus a bar (or the strip) and use the arrow
keys, Home and End. "Draw a new batch" draws B fresh starts, uniformly from the n - T
legal ones (0 .. n - T - 1), as `random.randrange(n - T)` does.

    ```widget batch_window_sampler
    id = "windows"
    offset = 0          # where in tiny-shakespeare the strip starts
    n = 48              # characters on the strip (16 to 48)
    T = 8               # window length, the context size (2 to 12)
    B = 3               # windows in the batch (1 to 4)
    seed = 0            # the first batch's draw
    loss = false        # true: score every position with a bigram model and show the batch mean
    ```

With loss = true each pair gets its negative log-likelihood -ln p(y_t | x_t) under a
bigram model counted (add-one smoothed) on the first 200,000 characters: a stand-in for
the transformer's prediction, so the mean over all B*T positions is the batched loss.

values() for goals: start (of the selected window), last (= n - T - 1, the last legal
start), sel, n, T, B, draws, window_loss and batch_loss (rounded to 3 places; 0 when
loss is off).

A cell can hand the widget its own sampler, `widget("id").use(get_batch)`: the widget
calls get_batch(data, B, T, rng) on the strip's ids (rng a random.Random), draws what
comes back, and says what is wrong with it when x and y are not windows shifted by one.
"""

import math
import random
from collections import Counter

from ..widgets import register
from ..widgets.base import Widget, arrow_step, flag, whole
from ..show import CHARS, char

X0, CELL_Y, CELL_H = 12, 22, 24
LANE_Y, LANE_H = 54, 18
COUNT_CHARS = 200_000

_BIGRAM = {}


def bigram_nll():
    """-ln p(b | a) for every pair, from add-one smoothed counts on the first 200,000 characters."""
    if not _BIGRAM:
        from mlmath.data import shakespeare
        text = shakespeare()
        chars = sorted(set(text))
        part = text[:COUNT_CHARS]
        pairs, firsts = Counter(zip(part, part[1:])), Counter(part[:-1])
        V = len(chars)
        _BIGRAM["V"] = V
        _BIGRAM["nll"] = {(a, b): -math.log((pairs[(a, b)] + 1) / (firsts[a] + V)) for a in chars for b in chars}
    return _BIGRAM


@register
class BatchWindowSampler(Widget):
    name = "batch_window_sampler"
    width = 600

    def configure(self, config):
        offset = config.pop("offset", 0)
        n = config.pop("n", 48)
        T = config.pop("T", 8)
        B = config.pop("B", 3)
        seed = config.pop("seed", 0)
        loss = config.pop("loss", False)
        super().configure(config)
        if not isinstance(seed, int) or isinstance(seed, bool):
            raise ValueError(f"batch_window_sampler: seed must be a whole number, not {seed!r}")
        whole(self.name, "n", n, 16, 48)
        whole(self.name, "T", T, 2, min(12, n - 4))     # at least 4 legal starts
        whole(self.name, "B", B, 1, 4)
        flag(self.name, "loss", loss)
        from mlmath.data import shakespeare
        text = shakespeare()
        whole(self.name, "offset", offset, 0, len(text) - n)
        self.chars = sorted(set(text))
        self.stoi = {c: i for i, c in enumerate(self.chars)}
        self.strip = text[offset:offset + n]
        self.ids = [self.stoi[c] for c in self.strip]
        self.n, self.T, self.B, self.seed, self.loss = n, T, B, seed, loss
        self.cw = (self.width - 2 * X0) / n
        self.draws, self.sel, self.fn, self.problem = 0, 0, None, ""
        self.starts = self._draw()
        if self.starts[0] == self.last:            # so a goal on the last start is never met at the outset
            self.starts[0] = self.last // 2
        if loss:
            bigram_nll()

    # The batch ---------------------------------------------------------------------
    @property
    def last(self):
        return self.n - self.T - 1

    def _rng(self):
        return random.Random(self.seed * 1000 + self.draws)

    def _draw(self):
        rng = self._rng()
        return [rng.randrange(self.n - self.T) for _ in range(self.B)]

    def use(self, get_batch=None):
        """Draw batches with the learner's get_batch(data, B, T, rng); use() goes back to the widget's own."""
        if get_batch is not None and not callable(get_batch):
            raise TypeError("use() takes your get_batch function")
        self.fn = get_batch
        self.problem = ""
        if get_batch is not None:
            self._learner_batch()
        return self

    def _learner_batch(self):
        """Run the learner's get_batch; keep its starts if its rows are real windows, else say why not."""
        self.problem = ""
        try:
            x, y = self.fn(list(self.ids), self.B, self.T, self._rng())
            x, y = [list(r) for r in x], [list(r) for r in y]
        except Exception as e:                       # the learner's code: report, never crash the page
            self.problem = f"get_batch raised {type(e).__name__}: {e}"
            return
        if len(x) != self.B or len(y) != self.B:
            self.problem = f"get_batch returned {len(x)} x rows and {len(y)} y rows; B is {self.B}"
            return
        starts = []
        for b, (xr, yr) in enumerate(zip(x, y)):
            s = next((s for s in range(self.n - self.T + 1) if self.ids[s:s + self.T] == xr), None)
            if s is not None and s + self.T >= self.n:
                self.problem = f"row {b} starts at {s}: its last target would be past the end of the data"
                return
            if len(xr) != self.T or len(yr) != self.T:
                self.problem = f"row {b}: x has {len(xr)} ids and y has {len(yr)}; each needs T = {self.T}"
                return
            if s is None:
                self.problem = f"row {b}: x is not {self.T} consecutive ids of the data"
                return
            if self.ids[s + 1:s + self.T + 1] != yr:
                self.problem = f"row {b}: y should be x shifted one place on (data[{s + 1}:{s + self.T + 1}])"
                return
            starts.append(s)
        self.starts = starts
        self.sel = min(self.sel, self.B - 1)

    def values(self):
        return {"start": self.starts[self.sel], "last": self.last, "sel": self.sel, "n": self.n, "T": self.T,
                "B": self.B, "draws": self.draws,
                "window_loss": round(self.window_loss(self.sel), 3) if self.loss else 0,
                "batch_loss": round(self.batch_loss(), 3) if self.loss else 0}

    def set_values(self, values):
        if "sel" in values:
            self.sel = min(max(int(values["sel"]), 0), self.B - 1)
        if "start" in values:
            self.starts[self.sel] = min(max(int(values["start"]), 0), self.last)

    # Losses --------------------------------------------------------------------------
    def pair_nll(self, s):
        table = bigram_nll()["nll"]
        return [table[(self.strip[s + t], self.strip[s + t + 1])] for t in range(self.T)]

    def window_loss(self, b):
        return sum(self.pair_nll(self.starts[b])) / self.T

    def batch_loss(self):
        return sum(sum(self.pair_nll(s)) for s in self.starts) / (self.B * self.T)

    # Events --------------------------------------------------------------------------
    def _cell(self, x):
        return int((float(x) - X0) // self.cw)

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            if event.get("id") == "resample":
                self.draws += 1
                if self.fn is not None:
                    self._learner_batch()
                    if self.problem:
                        self.starts = self._draw()
                else:
                    self.starts = self._draw()
            return
        h = event.get("handle", "")
        if h == "strip":
            b = self.sel
        elif h.startswith("w") and h[1:].isdigit() and int(h[1:]) < self.B:
            b = self.sel = int(h[1:])
        else:
            return
        s = self.starts[b]
        if kind == "drag":
            try:
                cell = self._cell(event["x"])
            except (KeyError, TypeError, ValueError):
                return
            s = cell if h == "strip" else cell - self.T // 2
        elif kind == "key":
            key = event.get("key")
            if key == "Home":
                s = 0
            elif key == "End":
                s = self.last
            else:
                s += int(arrow_step(key, 1, 5))
        self.starts[b] = min(max(s, 0), self.last)

    # Scene -----------------------------------------------------------------------------
    def lane_y(self, b):
        return LANE_Y + b * LANE_H

    @property
    def table_y(self):
        return LANE_Y + self.B * LANE_H + 14

    @property
    def height(self):
        return self.table_y + (170 if self.loss else 78)

    def shapes(self):
        cw, T = self.cw, self.T
        out = []
        # 1. the strip: fixed count (2n + 1), then the handles, so handle indices never move
        for i, ch in enumerate(self.strip):
            x = X0 + i * cw
            out.append({"t": "rect", "x": x, "y": CELL_Y, "w": cw, "h": CELL_H, "cls": "grid nofill"})
            out.append({"t": "text", "x": x + cw / 2, "y": CELL_Y + 17, "s": char(ch), "anchor": "middle",
                        "cls": "small" if ch in CHARS else ""})
        out.append({"t": "rect", "x": X0, "y": CELL_Y, "w": cw * self.n, "h": CELL_H, "opacity": 0,
                    "cls": "nostroke", "handle": "strip",
                    "label": f"the text; click a character to start window {self.sel + 1} there",
                    "value": f"window {self.sel + 1} starts at {self.starts[self.sel]}"})
        for b, s in enumerate(self.starts):
            y = self.lane_y(b)
            sel = b == self.sel
            out.append({"t": "rect", "x": X0 + s * cw, "y": y, "w": T * cw, "h": 7, "rx": 2,
                        "cls": "accent" + (" selected" if sel else ""), "handle": f"w{b}",
                        "label": f"window {b + 1}: inputs x", "value": f"starts at {s}"})
        for b, s in enumerate(self.starts):
            y = self.lane_y(b)
            out.append({"t": "rect", "x": X0 + (s + 1) * cw, "y": y + 8, "w": T * cw, "h": 7, "rx": 2,
                        "cls": "accent2", "opacity": 0.8})
        # 2. labels and the selected window's outline on the strip
        out.append({"t": "text", "x": X0, "y": CELL_Y - 6, "s": "position 0", "anchor": "start", "cls": "small muted"})
        out.append({"t": "text", "x": X0 + self.n * cw, "y": CELL_Y - 6, "s": f"{self.n - 1}", "anchor": "end",
                    "cls": "small muted"})
        s = self.starts[self.sel]
        out.append({"t": "rect", "x": X0 + s * cw, "y": CELL_Y - 2, "w": T * cw, "h": CELL_H + 4,
                    "cls": "accent nofill"})
        out.append({"t": "rect", "x": X0 + (s + 1) * cw, "y": CELL_Y + 1, "w": T * cw, "h": CELL_H - 2,
                    "cls": "accent2 nofill"})
        # 3. the selected window's pairs
        ty = self.table_y
        col = min(46.0, (self.width - 60) / T)
        left = 44
        out.append({"t": "text", "x": 4, "y": ty + 16, "s": "x", "anchor": "start", "cls": "accent"})
        out.append({"t": "text", "x": 4, "y": ty + 62, "s": "y", "anchor": "start", "cls": "accent2"})
        for t in range(T):
            cx = left + t * col + col / 2
            a, c = self.strip[s + t], self.strip[s + t + 1]
            out.append({"t": "text", "x": cx, "y": ty + 14, "s": char(a), "anchor": "middle", "cls": "accent"})
            out.append({"t": "text", "x": cx, "y": ty + 27, "s": str(self.stoi[a]), "anchor": "middle",
                        "cls": "small muted"})
            out.append({"t": "line", "x1": cx, "y1": ty + 32, "x2": cx, "y2": ty + 44, "cls": "edge"})
            out.append({"t": "poly", "pts": [[cx - 3, ty + 41], [cx + 3, ty + 41], [cx, ty + 46]], "cls": "solid muted"})
            out.append({"t": "text", "x": cx, "y": ty + 60, "s": char(c), "anchor": "middle", "cls": "accent2"})
            out.append({"t": "text", "x": cx, "y": ty + 73, "s": str(self.stoi[c]), "anchor": "middle",
                        "cls": "small muted"})
        if self.loss:
            nll = self.pair_nll(s)
            base, top_v, scale = ty + 160, 8.0, 76 / 8.0
            uni = math.log(bigram_nll()["V"])
            out.append({"t": "line", "x1": left, "y1": base, "x2": left + T * col, "y2": base, "cls": "axis"})
            yu = base - uni * scale
            out.append({"t": "line", "x1": left, "y1": yu, "x2": left + T * col, "y2": yu, "cls": "bad"})
            out.append({"t": "text", "x": left + T * col + 4, "y": yu + 4, "s": f"ln {bigram_nll()['V']} (uniform)",
                        "anchor": "start", "cls": "small bad"})
            out.append({"t": "text", "x": 4, "y": base - 40, "s": "\u2212ln p", "anchor": "start", "cls": "small muted"})
            for t, v in enumerate(nll):
                h = min(v, top_v) * scale
                x = left + t * col + col * 0.2
                out.append({"t": "rect", "x": x, "y": base - h, "w": col * 0.6, "h": h, "cls": "accent3"})
                out.append({"t": "text", "x": x + col * 0.3, "y": base - h - 3, "s": f"{v:.2f}", "anchor": "middle",
                            "cls": "small"})
        return out

    def readouts(self):
        s = self.starts[self.sel]
        out = [
            {"label": f"window {self.sel + 1}", "value": f"x = data[{s}:{s + self.T}], y = data[{s + 1}:{s + self.T + 1}]"},
            {"label": "starts", "value": ", ".join(str(v) for v in self.starts)},
            {"label": "legal starts", "value": f"0 \u2026 {self.last} ({self.n - self.T} of them)"},
            {"label": "predictions in the batch, B\u00b7T", "value": f"{self.B}\u00b7{self.T} = {self.B * self.T}"},
        ]
        if self.loss:
            out.append({"label": f"mean \u2212ln p, window {self.sel + 1}", "value": f"{self.window_loss(self.sel):.3f}"})
            out.append({"label": f"batch loss, mean over all {self.B * self.T}", "value": f"{self.batch_loss():.3f}"})
        if self.fn is not None:
            out.append({"label": "your get_batch", "value": self.problem or "every row is a window, y = x shifted by one"})
        return out

    def controls(self):
        return [{"kind": "button", "id": "resample", "label": "Draw a new batch"}]
