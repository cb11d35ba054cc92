"""How big a next-character table gets as its context grows, and how little of it text fills.

A model that conditions on the last n characters needs one row per possible context:
|V|^n rows, with |V| = 65 characters in tiny-shakespeare. The widget draws that number
on a log scale for n = 1..6 beside the number of distinct n-character contexts that
actually occur in a training slice, and shows, for held-out text right after the slice,
how many positions have a context the training slice never contained (so a counted
table has no row to predict from).

    ```widget context_explosion
    id = "explode"
    chars = 50000          # training slice: the first `chars` characters of tiny-shakespeare
    heldout = 5000         # held-out text: the next `heldout` characters
    n = 1                  # starting context length, 1 to 6
    ```

values() for goals: n, rows, seen, filled (seen / rows), unseen (the held-out share with
no row), unseen_prev (the same at n - 1). Counting is lazy and cached per n, so each
slider move costs at most one pass over the slice.
"""

from ..widgets import register
from ..show import commas, power, sci
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot

MAX_N = 6


def pct(x):
    if x == 0:
        return "0%"
    if x < 0.0001:
        return f"{x * 100:.5f}%"
    if x < 0.01:
        return f"{x * 100:.2f}%"
    return f"{x * 100:.1f}%"


def big(n):
    """A row count: exact below a million, then 7.5×10¹⁰."""
    return commas(n) if n < 1_000_000 else sci(n)


def contexts(text, n):
    """The set of distinct n-character strings that are followed by a character in text."""
    return {text[i:i + n] for i in range(len(text) - n)}


@register
class ContextExplosion(Widget):
    name = "context_explosion"
    width, height = 640, 300
    # column n is centred at n - 0.5; 65^6 = 7.5 x 10^10 fits under 10^11
    plot = Plot(x=(0, MAX_N), y=(1, 1e11), box=(58, 34, 400, 244), ylog=True, yfmt=power)

    def configure(self, config):
        self.chars = whole(self.name, "chars", config.pop("chars", 50000), 1000, 200000)
        self.heldout = whole(self.name, "heldout", config.pop("heldout", 5000), 500, 50000)
        n = whole(self.name, "n", config.pop("n", 1), 1, MAX_N)
        super().configure(config)
        from mlmath.data import shakespeare
        corpus = shakespeare()
        self.V = len(set(corpus))
        self.train = corpus[:self.chars]
        self.test = corpus[self.chars:self.chars + self.heldout]
        self._counts = {}     # n -> (distinct contexts in training, held-out positions with none)
        self.knobs = {"n": Slider("n", "context length n", 1, MAX_N, 1, n)}

    @property
    def n(self):
        return self.knobs["n"].value

    # Counting ------------------------------------------------------------------------
    def _count(self, n):
        if n not in self._counts:
            seen = contexts(self.train, n)
            test = self.test
            self._counts[n] = len(seen), sum(test[i:i + n] not in seen for i in range(len(test) - n))
        return self._counts[n]

    def rows(self, n=None):
        return self.V ** (self.n if n is None else n)

    def held_positions(self, n=None):
        return len(self.test) - (self.n if n is None else n)

    def unseen_fraction(self, n=None):
        n = self.n if n is None else n
        return self._count(n)[1] / self.held_positions(n)

    def values(self):
        seen, unseen = self._count(self.n)
        prev = self.unseen_fraction(self.n - 1) if self.n > 1 else 0.0
        return {"n": self.n, "rows": self.rows(), "seen": seen, "filled": seen / self.rows(),
                "unseen": unseen / self.held_positions(), "unseen_prev": prev}

    def handle(self, event):
        """The n = k buttons under the chart: a click or Enter picks k, other keys step n."""
        h = str(event.get("handle", ""))
        if h.startswith("n:") and h[2:].isdigit() and event.get("type") in ("drag", "key"):
            if event["type"] == "drag" or event.get("key") in ("Enter", " "):
                self.knobs["n"].set(int(h[2:]))
            else:
                self.knobs["n"].key(event.get("key"))
        elif event.get("type") == "input":
            super().handle(event)

    # Drawing -------------------------------------------------------------------------
    def shapes(self):
        plot = self.plot
        left, top, right, bottom = plot.box
        self._count(self.n)
        out = [S.text((left + right) / 2, 16, "rows needed vs contexts that occur (log scale)", "small muted")]
        out += plot.frame(xticks=[], yticks=[10.0 ** e for e in range(0, 12, 2)])
        # how many positions the slice has: no more contexts than this can ever occur
        yp = plot.y(len(self.train))
        out.append(S.line(left, yp, right, yp, "accent3"))
        out.append(S.text(left + 4, yp - 5, f"the slice: {commas(len(self.train))} characters", "small accent3",
                          "start"))
        half = (right - left) / MAX_N * 0.36
        for n in range(1, MAX_N + 1):
            cx, sel = plot.x(n - 0.5), n == self.n
            opacity = 0.9 if sel else 0.35
            yr = plot.y(self.rows(n))
            out.append(S.rect(cx - half, yr, half - 1, bottom - yr, "accent2", opacity=opacity))
            if n in self._counts:
                ys = plot.y(max(self._counts[n][0], 1))
                out.append(S.rect(cx + 1, ys, half - 1, bottom - ys, "accent", opacity=opacity))
            else:
                out.append(S.text(cx + half / 2, bottom - 6, "?", "small muted"))
            out.append(S.handle(S.rect(cx - half - 4, bottom + 6, 2 * half + 8, 22, "node selected" if sel else "node",
                                       rx=4), f"n:{n}", f"context length {n}", "selected" if sel else "not selected"))
            out.append(S.text(cx, bottom + 21, f"n={n}", "label"))
        ly = bottom + 46
        out += [S.rect(left, ly - 9, 10, 10, "accent2"),
                S.text(left + 14, ly, f"rows a table needs, {self.V}^n", "small", "start"),
                S.rect(left + 178, ly - 9, 10, 10, "accent"),
                S.text(left + 192, ly, "contexts that occur (? = not counted yet)", "small", "start")]
        return out + self._heldout_panel(430)

    def _heldout_panel(self, x0):
        w, top = self.width - x0 - 14, 60
        seen, unseen = self._count(self.n)
        frac = unseen / self.held_positions()
        filled = seen / self.rows()
        hit = w * (1 - frac)
        out = [S.text(x0, 16, f"next {commas(len(self.test))} characters, held out", "small muted", "start"),
               S.text(x0, 34, f"does its context have a row? (n = {self.n})", "small muted", "start"),
               S.rect(x0, top, hit, 26, "accent3")]
        if frac > 0:
            out.append(S.rect(x0 + hit, top, max(w * frac, 1.5), 26, "accent2"))
        out += [S.text(x0, top + 44, f"seen in training: {pct(1 - frac)}", "small accent3", "start"),
                S.text(x0, top + 62, f"no row at all: {pct(frac)}", "small accent2", "start"),
                S.text(x0, top + 100, "rows with any data", "small muted", "start"),
                S.rect(x0, top + 108, w, 16, "node"),
                S.rect(x0, top + 108, max(w * filled, 1), 16, "accent"),
                S.text(x0, top + 142, f"{commas(seen)} of {big(self.rows())}: {pct(filled)}", "small", "start")]
        return out

    def readouts(self):
        seen, unseen = self._count(self.n)
        total = self.held_positions()
        return [
            {"label": "context length n", "value": str(self.n)},
            {"label": f"rows a table needs, {self.V}^{self.n}", "value": commas(self.rows())},
            {"label": f"contexts in the first {commas(len(self.train))} characters",
             "value": f"{commas(seen)} ({pct(seen / self.rows())} of the rows)"},
            {"label": "held-out positions with no row",
             "value": f"{commas(unseen)} of {commas(total)} ({pct(unseen / total)})"},
        ]

    def controls(self):
        return [self.knobs["n"].control()]

    def __repr__(self):
        return f"<context_explosion n={self.n}>"
