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

The readouts never state the last legal start (a lesson's goal asks the learner to find
it by sliding). values() for goals: start (of the selected window), last (= n - T - 1, the last legal
start), sel, n, T, B, draws, window_loss and batch_loss (rounded to 3 places; 0 when
loss is off).

A cell can hand the widget its own sampler, `widget("id").use(get_batch)`: the widget
calls get_batch(data, B, T, rng) on the strip's ids (rng a random.Random), draws what
comes back, and says what is wrong with it when x and y are not windows shifted by one.
"""

import math
import random
from collections import Counter

from ..show import CHARS, char, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, whole
from ..widgets.controls import Button, Slider
from ..widgets.views import bars

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
        # one knob per window, its start; the strip's handle moves the selected one
        self.knobs = {f"w{b}": Slider(f"w{b}", f"window {b + 1}", 0, self.last, 1, 0, coarse=5) for b in range(B)}
        self.knobs["resample"] = Button("resample", "Draw a new batch", self._resample)
        self.starts = self._draw()
        if self.starts[0] == self.last:            # so a goal on the last start is never met at the outset
            self.knobs["w0"].set(self.last // 2)
        if loss:
            bigram_nll()

    # The batch ---------------------------------------------------------------------
    @property
    def last(self):
        return self.n - self.T - 1

    @property
    def starts(self):
        return [self.knobs[f"w{b}"].value for b in range(self.B)]

    @starts.setter
    def starts(self, starts):
        for b, s in enumerate(starts):
            self.knobs[f"w{b}"].set(s)

    def _rng(self):
        return random.Random(self.seed * 1000 + self.draws)

    def _draw(self):
        rng = self._rng()
        return [rng.randrange(self.n - self.T) for _ in range(self.B)]

    def _resample(self):
        self.draws += 1
        if self.fn is not None:
            self._learner_batch()
        if self.fn is None or self.problem:
            self.starts = self._draw()

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

    def values(self):
        return {"start": self.starts[self.sel], "last": self.last, "sel": self.sel, "n": self.n, "T": self.T,
                "B": self.B, "draws": self.draws,
                "window_loss": round(self.window_loss(self.sel), 3) if self.loss else 0,
                "batch_loss": round(self.batch_loss(), 3) if self.loss else 0}

    def set_values(self, values):
        """sel picks a window and start moves it; everything else is computed and must agree."""
        values = dict(values)
        if "sel" in values:
            self.sel = whole(self.name, "sel", values.pop("sel"), 0, self.B - 1)
        if "start" in values:
            self.knobs[f"w{self.sel}"].set(whole(self.name, "start", values.pop("start"), 0, self.last))
        super().set_values(values)

    # Losses --------------------------------------------------------------------------
    def pair_nll(self, s):
        table = bigram_nll()["nll"]
        return [table[(self.strip[s + t], self.strip[s + t + 1])] for t in range(self.T)]

    def window_loss(self, b):
        return sum(self.pair_nll(self.starts[b])) / self.T

    def batch_loss(self):
        return sum(sum(self.pair_nll(s)) for s in self.starts) / (self.B * self.T)

    # Events: touching a window's bar selects it; the strip's handle stands for the selected window
    def handle(self, event):
        h = event.get("handle")
        if h in self.knobs and h.startswith("w"):
            self.sel = int(h[1:])
        if h == "strip" and event.get("type") == "key":
            event = {**event, "handle": f"w{self.sel}"}
        super().handle(event)

    def drag(self, handle, x, y):
        cell = int((x - X0) // self.cw)
        if handle == "strip":
            self.knobs[f"w{self.sel}"].set(cell)
        elif handle in self.knobs:
            self.knobs[handle].set(cell - self.T // 2)      # the bar is centred under the pointer

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
            out.append(S.rect(x, CELL_Y, cw, CELL_H, "grid nofill"))
            out.append(S.text(x + cw / 2, CELL_Y + 17, char(ch), "small" if ch in CHARS else ""))
        strip = S.rect(X0, CELL_Y, cw * self.n, CELL_H, "nostroke", opacity=0)
        out.append(S.handle(strip, "strip", f"the text; click a character to start window {self.sel + 1} there",
                            f"window {self.sel + 1} starts at {self.starts[self.sel]}"))
        for b, s in enumerate(self.starts):
            bar = S.rect(X0 + s * cw, self.lane_y(b), T * cw, 7, "accent" + (" selected" if b == self.sel else ""), rx=2)
            out.append(S.handle(bar, f"w{b}", f"window {b + 1}: inputs x", f"starts at {s}"))
        for b, s in enumerate(self.starts):
            out.append(S.rect(X0 + (s + 1) * cw, self.lane_y(b) + 8, T * cw, 7, "accent2", rx=2, opacity=0.8))
        # 2. labels and the selected window's outline on the strip
        out.append(S.text(X0, CELL_Y - 6, "position 0", "small muted", "start"))
        out.append(S.text(X0 + self.n * cw, CELL_Y - 6, str(self.n - 1), "small muted", "end"))
        s = self.starts[self.sel]
        out.append(S.rect(X0 + s * cw, CELL_Y - 2, T * cw, CELL_H + 4, "accent nofill"))
        out.append(S.rect(X0 + (s + 1) * cw, CELL_Y + 1, T * cw, CELL_H - 2, "accent2 nofill"))
        # 3. the selected window's pairs
        ty = self.table_y
        col = min(46.0, (self.width - 60) / T)
        left = 44
        out.append(S.text(4, ty + 16, "x", "accent", "start"))
        out.append(S.text(4, ty + 62, "y", "accent2", "start"))
        for t in range(T):
            cx = left + t * col + col / 2
            a, c = self.strip[s + t], self.strip[s + t + 1]
            out.append(S.text(cx, ty + 14, char(a), "accent"))
            out.append(S.text(cx, ty + 27, str(self.stoi[a]), "small muted"))
            out += S.arrow(cx, ty + 32, cx, ty + 46, "edge", head=5)
            out.append(S.text(cx, ty + 60, char(c), "accent2"))
            out.append(S.text(cx, ty + 73, str(self.stoi[c]), "small muted"))
        if self.loss:
            base, top_v = ty + 160, 8.0
            V = bigram_nll()["V"]
            out += bars([min(v, top_v) for v in self.pair_nll(s)], (left, base - 76, left + T * col, base),
                        top=top_v, cls="accent3", fmt=fixed)
            yu = base - math.log(V) * 76 / top_v
            out.append(S.line(left, yu, left + T * col, yu, "bad"))
            out.append(S.text(left + T * col + 4, yu + 4, f"ln {V} (uniform)", "small bad", "start"))
            out.append(S.text(4, base - 40, "\u2212ln p", "small muted", "start"))
        return out

    def readouts(self):
        s = self.starts[self.sel]
        out = [
            {"label": f"window {self.sel + 1}", "value": f"x = data[{s}:{s + self.T}], y = data[{s + 1}:{s + self.T + 1}]"},
            {"label": "starts", "value": ", ".join(str(v) for v in self.starts)},
            {"label": "predictions in the batch, B\u00b7T", "value": f"{self.B}\u00b7{self.T} = {self.B * self.T}"},
        ]
        if self.loss:
            out.append({"label": f"mean \u2212ln p, window {self.sel + 1}", "value": fixed(self.window_loss(self.sel), 3)})
            out.append({"label": f"batch loss, mean over all {self.B * self.T}", "value": fixed(self.batch_loss(), 3)})
        if self.fn is not None:
            out.append({"label": "your get_batch", "value": self.problem or "every row is a window, y = x shifted by one"})
        return out

    def controls(self):
        return [self.knobs["resample"].control()]
