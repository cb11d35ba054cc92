"""One row of the bigram model as bars, with the four ideas of scoring and sampling on it.

The row is "what comes after `context`" in the whole of tiny-shakespeare: one bar per
character that ever follows it, tallest first. On top of that row the widget shows

* the loss of one chosen next character (the *target*): its probability p, its
  NLL = -ln p and its perplexity e^NLL = 1/p. Click a bar (or drag across the chart,
  or focus the chart and use the arrow keys) to choose the target;
* with show "average": the average NLL over every real pair that starts with
  `context`, and its perplexity, the row's branching factor;
* with show "temperature": a slider for T. The logits are the log-counts
  z_b = ln N(context, b), and the bars become softmax(z / T). The most likely
  character is marked, and stays marked: dividing by T > 0 keeps the order;
* with show "topk": a slider for k. Only the k tallest bars survive, renormalised;
  the cut ones are drawn hollow. A cut target costs -ln 0 = infinity;
* with show "draws": a button that draws 40 next characters from the bars as they
  are now. The same 40 uniform numbers are reused as you move the sliders, so you
  see the same randomness land on a different distribution.

    ```widget sampling_knobs
    id = "knobs"
    context = "t"                     # the character before
    contexts = ["t", " ", "q"]        # optional: a slider picks among these
    target = "h"                      # optional: the next character to score (default: the most likely)
    show = ["average", "temperature", "topk", "draws"]
    T = 1                             # optional starting temperature, one of TEMPS
    k = 5                             # optional starting k (default: keep every bar)
    pmax = 1                          # the probability at the top of the chart
    ```

values() for goals: context, target, T, k (bars kept; n when none are cut), n (bars in
the row), p, nll, ppl (of the target), avg_nll, avg_ppl (over the row's real pairs),
top (the most likely character), p_top, kept (the probability the top k held before
renormalising) and draws (how many times Draw was pressed).

A cell can hand the widget its own functions, `widget("knobs").use(softmax_t, top_k)`:
the widget calls softmax_t(z, T) on the row's logits and top_k(p, k) on its bars, and
says whether they agree with the picture.
"""

import math
import random
import re
from collections import Counter

from ..widgets import register
from ..numeric import softmax
from ..show import MINUS, char as show_char, fixed, num
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.controls import Button, Choice, Slider
from ..widgets.plot import Plot

INF = "\u221e"
NAME_CHAR = {" ": "\u2423 (space)", "\n": "\u21b5 (newline)"}
SHOWS = ("average", "temperature", "topk", "draws")
TEMPS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2, 1.5, 2, 3, 5, 10)
DRAWS = 40
LEFT, RIGHT = 46, 590
TOP, BASE = 34, 214            # the chart's top (p = pmax) and its baseline (p = 0)


def name_char(ch):
    return NAME_CHAR.get(ch, ch)


def fmt(v, places=3):
    """A number for a readout: infinity as ∞, a real minus sign."""
    return INF if v == math.inf else fixed(v, places)


def fmt_p(p):
    """A probability: three decimals, or three significant digits when it is tiny (1/67009 -> 0.0000149)."""
    if p == 0:
        return "0"
    if p < 0.001:
        return f"{p:.{2 - math.floor(math.log10(p))}f}"
    return fmt(p)


def fmt_ppl(v):
    """A perplexity: two decimals, or whole numbers with separators once it is large."""
    if v == math.inf or v < 1000:
        return fmt(v, 2)
    return f"{v:,.0f}"


def fmt_t(t):
    return str(int(t)) if t == int(t) else str(t)


_ROWS = {}


def row_counts(context):
    """How often each character follows `context` in all of tiny-shakespeare, most frequent first
    (ties in character order). Counted once per context, with overlapping pairs counted."""
    if context not in _ROWS:
        from mlmath.data import shakespeare
        after = Counter(re.findall(re.escape(context) + "(?=(.))", shakespeare(), re.S))
        _ROWS[context] = dict(sorted(after.items(), key=lambda kv: (-kv[1], kv[0])))
    return dict(_ROWS[context])


@register
class SamplingKnobs(Widget):
    name = "sampling_knobs"
    width = 600

    def configure(self, config):
        context = config.pop("context", "t")
        contexts = config.pop("contexts", [context])
        if not isinstance(contexts, list) or not 1 <= len(contexts) <= 8 or not all(
                isinstance(c, str) and len(c) == 1 for c in contexts) or len(set(contexts)) != len(contexts):
            raise ValueError("sampling_knobs: contexts must be a list of 1 to 8 different single characters")
        if context not in contexts:
            raise ValueError(f"sampling_knobs: context {context!r} must be one of the contexts {contexts!r}")
        show = config.pop("show", [])
        show = [show] if isinstance(show, str) else show
        if not isinstance(show, list) or any(s not in SHOWS for s in show):
            raise ValueError(f"sampling_knobs: show takes a list drawn from {', '.join(SHOWS)}; got {show!r}")
        t = one_of(self.name, "T", config.pop("T", 1), TEMPS)
        if t != 1 and "temperature" not in show:
            raise ValueError("sampling_knobs: T other than 1 needs show 'temperature'")
        k = config.pop("k", None)
        target = config.pop("target", None)
        pmax = one_of(self.name, "pmax", config.pop("pmax", 1), (0.5, 1))
        super().configure(config)
        self.contexts, self.show, self.pmax = list(contexts), list(show), pmax
        for c in self.contexts:
            if not row_counts(c):
                raise ValueError(f"sampling_knobs: nothing ever follows {c!r} in tiny-shakespeare")
        self.fns = None
        self.start = (context, t, k, target)
        self.plot = Plot(x=(0, 1), y=(0, pmax), box=(LEFT, TOP, RIGHT, BASE), yfmt=lambda v: num(v, 3))
        self.knobs = {"context": Choice("context", "character before", self.contexts, context, fmt=name_char),
                      "T": Choice("T", "temperature T", TEMPS, t, fmt=fmt_t),
                      "draw": Button("draw", f"Draw {DRAWS} next characters", self._press)}
        self._reset(context, t, k, target)

    def _press(self):
        self.presses += 1

    def _reset(self, context, t, k, target):
        self.knobs["context"].assign(context)
        self._load(context)
        self.knobs["T"].assign(t)
        if k is not None:
            if "topk" not in self.show:
                raise ValueError("sampling_knobs: k needs show 'topk'")
            self.knobs["k"].assign(whole(self.name, "k", k, 1, self.n))
        if target is not None:
            if target not in self.chars:
                raise ValueError(f"sampling_knobs: {target!r} never follows {context!r}; pick one of {self.chars!r}")
            self.knobs["target"].assign(target)
        self.presses = 0

    def _load(self, context):
        """Switch to the row after `context`: every bar kept, the target on the most likely character."""
        self.context = context
        self.n_of = row_counts(context)
        self.chars = list(self.n_of)
        self.n = len(self.chars)
        self.total = sum(self.n_of.values())
        self.z = [math.log(self.n_of[c]) for c in self.chars]
        self.knobs["k"] = Slider("k", "top-k: bars kept", 1, self.n, 1, self.n,
                                 fmt=lambda k: f"{k}" + (" (all)" if k == self.n else f" of {self.n}"))
        self.knobs["target"] = Choice("target", "next character to score", self.chars, self.chars[0])

    @property
    def t(self):
        return self.knobs["T"].value

    @property
    def k(self):
        return self.knobs["k"].value

    @property
    def target(self):
        return self.knobs["target"].value

    # The arithmetic --------------------------------------------------------------------------
    @property
    def base(self):
        """The row as counted: N(context, b) / N(context)."""
        return [self.n_of[c] / self.total for c in self.chars]

    @property
    def tempered(self):
        return softmax([v / self.t for v in self.z])

    @property
    def probs(self):
        """What a draw uses: softmax(z / T), then only the k largest kept and renormalised."""
        q = self.tempered
        kept = sum(q[:self.k])
        return [v / kept if i < self.k else 0.0 for i, v in enumerate(q)]

    def _nll(self, p):
        return -math.log(p) if p > 0 else math.inf

    def _stats(self):
        q = self.probs
        p = q[self.chars.index(self.target)]
        nll = self._nll(p)
        avg = sum(self.n_of[c] * self._nll(v) for c, v in zip(self.chars, q)) / self.total
        top = max(range(self.n), key=lambda i: (q[i], -i))
        return {"p": p, "nll": nll, "ppl": math.exp(nll) if nll < 700 else math.inf,
                "avg_nll": avg, "avg_ppl": math.exp(avg) if avg < 700 else math.inf,
                "top": self.chars[top], "p_top": q[top], "kept": sum(self.tempered[:self.k])}

    def draw(self):
        """The 40 characters Draw gives: the same uniform numbers (seeded by the press count)
        walked along the bars as they are now."""
        if not self.presses:
            return ""
        rng = random.Random(self.presses)
        q, out = self.probs, []
        for _ in range(DRAWS):
            u, run = rng.random(), 0.0
            pick = self.chars[self.k - 1]
            for c, v in zip(self.chars, q):
                run += v
                if u < run:
                    pick = c
                    break
            out.append(pick)
        return "".join(out)

    # State -----------------------------------------------------------------------------------
    def values(self):
        out = {"context": self.context, "target": self.target, "T": self.t, "k": self.k, "n": self.n,
               "draws": self.presses}
        out.update(self._stats())
        return out

    def set_values(self, values):
        """context first (it loads a row, resetting k and target), then the knobs and draws."""
        values = dict(values)
        if "context" in values:
            c = values.pop("context")
            if not self.knobs["context"].assign(c):
                raise KeyError(f"sampling_knobs: context {c!r} is not one of {self.contexts!r}")
            self._load(c)
        if "draws" in values:
            self.presses = int(values.pop("draws"))
        super().set_values(values)

    def slot(self):
        return (RIGHT - LEFT) / self.n

    def x_of(self, i):
        """The centre of bar i."""
        return LEFT + (i + 0.5) * self.slot()

    def handle(self, event):
        context = self.context
        super().handle(event)
        if self.knobs["context"].value != context:
            self._load(self.knobs["context"].value)

    def drag(self, handle, x, y):
        if handle == "target":
            self.knobs["target"].index = min(max(int((x - LEFT) // self.slot()), 0), self.n - 1)

    def use(self, softmax_t=None, top_k=None):
        """Check the learner's softmax_t(z, T) and top_k(p, k) against the bars. use() with no
        arguments goes back to the widget's own arithmetic alone."""
        for fn in (softmax_t, top_k):
            if fn is not None and not callable(fn):
                raise TypeError(f"use() needs functions, like use(softmax_t, top_k), not {type(fn).__name__}")
        self.fns = (softmax_t, top_k) if (softmax_t or top_k) else None

    def reset(self):
        self.knobs["context"].assign(self.start[0])
        self._reset(*self.start)

    def counts(self, context=None):
        """The row's counts, {next character: how often it follows context}, most frequent first."""
        return row_counts(self.context if context is None else context)

    def __repr__(self):
        return f"<sampling_knobs after {name_char(self.context)!r}, T = {fmt_t(self.t)}, k = {self.k} of {self.n}>"

    # The learner's functions -----------------------------------------------------------------
    def _verdicts(self):
        out = []
        if not self.fns:
            return out
        softmax_fn, topk_fn = self.fns
        checks = []
        if softmax_fn:
            checks.append((f"{getattr(softmax_fn, '__name__', 'fn')}(z, {fmt_t(self.t)})",
                           lambda: softmax_fn(list(self.z), self.t), self.tempered))
        if topk_fn:
            checks.append((f"{getattr(topk_fn, '__name__', 'fn')}(p, {self.k})",
                           lambda: topk_fn(list(self.tempered), self.k), self.probs))
        for label, call, truth in checks:
            try:
                got = call()
                got = [float(v) for v in got]
            except Exception as exc:  # noqa: BLE001 - the learner reads their own error here
                out.append({"label": label, "value": f"raised {type(exc).__name__}: {exc} \u2717"})
                continue
            if len(got) != len(truth):
                out.append({"label": label, "value": f"gave {len(got)} numbers for {len(truth)} bars \u2717"})
                continue
            worst = max(range(len(truth)), key=lambda i: abs(got[i] - truth[i]))
            if abs(got[worst] - truth[worst]) < 1e-6:
                out.append({"label": label, "value": "matches the bars \u2713"})
            else:
                c = show_char(self.chars[worst])
                out.append({"label": label, "value": f"gives {c} {fmt(got[worst])}, the bars say {fmt(truth[worst])} \u2717"})
        return out

    # The scene ---------------------------------------------------------------------------------
    @property
    def stagger(self):
        """Narrow bars put every other label on a second line."""
        return self.slot() < 11

    @property
    def caret_y(self):
        return BASE + 19 + (11 if self.stagger else 0)

    @property
    def height(self):
        return self.caret_y + 34

    def y_of(self, p):
        return BASE - min(p, self.pmax) / self.pmax * (BASE - TOP)

    def shapes(self):
        plot = self.plot
        out = plot.frame(xticks=[], yticks=[self.pmax * j / 4 for j in range(5)])
        out.append(S.text(LEFT - 6, TOP - 14, "p", "small", "end"))
        stats = self._stats()
        q, base = self.probs, self.base
        reshaped = self.t != 1 or self.k < self.n
        slot = self.slot()
        w = max(slot * 0.72, 1.5)
        ti = self.chars.index(self.target)
        top = self.chars.index(stats["top"])
        for i, c in enumerate(self.chars):
            x, cut = self.x_of(i), i >= self.k
            if reshaped:        # the row as counted, for comparison
                out.append(S.rect(x - w / 2, plot.y(base[i]), w, BASE - plot.y(base[i]), "muted nofill"))
            if not cut:
                y = plot.y(min(q[i], self.pmax))
                out.append(S.rect(x - w / 2, y, w, BASE - y, "accent3" if i == ti else "accent"))
            ly = BASE + 14 + (11 if self.stagger and i % 2 else 0)
            out.append(S.text(x, ly, show_char(c), "small accent3" if i == ti else ("small muted" if cut else "small")))
        if self.k < self.n:
            xc = LEFT + self.k * slot
            out.append(S.line(xc, TOP - 4, xc, BASE + 4, "bad"))
            out.append(S.text(xc + 4, TOP + 8, f"top-k cut: {self.n - self.k} bars dropped", "small bad", "start"))
        # the most likely character, marked above its bar
        xt = self.x_of(top)
        yt = plot.y(min(max(q[top], base[top] if reshaped else 0), self.pmax))
        out.append(S.poly([(xt - 5, yt - 13), (xt + 5, yt - 13), (xt, yt - 5), (xt - 5, yt - 13)], "accent2"))
        anchor = "start" if top < self.n / 2 else "end"
        out.append(S.text(xt + (9 if anchor == "start" else -9), max(yt - 8, 12),
                          f"most likely: {show_char(stats['top'])}", "small accent2", anchor))
        # the target: its probability above its bar, a caret under its label
        xg, yc = self.x_of(ti), self.caret_y
        out.append(S.poly([(xg - 5, yc + 8), (xg + 5, yc + 8), (xg, yc + 1), (xg - 5, yc + 8)], "accent3"))
        anchor = "start" if ti < self.n * 0.7 else "end"
        out.append(S.text(xg + (8 if anchor == "start" else -8), yc + 19,
                          f"target {show_char(self.target)}: p = {fmt_p(stats['p'])}", "small accent3", anchor))
        # one focusable layer over the chart picks the target
        out.append(S.handle(S.rect(LEFT, TOP - 6, RIGHT - LEFT, self.caret_y + 26 - (TOP - 6), "grid", opacity=0),
                            "target", f"next character to score, after {name_char(self.context)}; "
                                      "arrow keys move between bars",
                            f"{name_char(self.target)}, p = {fmt_p(stats['p'])}"))
        return out

    def readouts(self):
        s = self._stats()
        tgt, ctx = show_char(self.target), show_char(self.context)
        cut = " (top-k cut it)" if self.chars.index(self.target) >= self.k else ""
        out = [
            {"label": "after", "value": f"{name_char(self.context)}: {self.total:,} pairs, {self.n} different next characters"},
            {"label": "most likely next", "value": show_char(s["top"])},
            {"label": f"p({tgt} | {ctx})", "value": fmt_p(s["p"]) + cut},
            {"label": f"NLL = {MINUS}ln p", "value": fmt(s["nll"])},
            {"label": "perplexity = e^NLL", "value": fmt_ppl(s["ppl"])},
        ]
        if "average" in self.show:
            out.append({"label": f"average NLL over all {self.total:,} pairs", "value": fmt(s["avg_nll"])})
            out.append({"label": "perplexity = e^(average NLL)", "value": fmt_ppl(s["avg_ppl"])})
        if "topk" in self.show:
            out.append({"label": f"probability the top {self.k} held before renormalising", "value": fmt(s["kept"])})
        if "draws" in self.show and self.presses:
            drawn = self.draw()
            out.append({"label": f"{DRAWS} draws", "value": "".join(show_char(c) for c in drawn)})
            out.append({"label": "different characters drawn", "value": str(len(set(drawn)))})
        return out + self._verdicts()

    def controls(self):
        shown = [("context", len(self.contexts) > 1), ("T", "temperature" in self.show),
                 ("k", "topk" in self.show), ("draw", "draws" in self.show)]
        return [self.knobs[key].control() for key, on in shown if on]
