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

Counting is lazy and cached per n (one pass of string slices into a set), so each slider
move costs at most one pass over the slice.
"""

import math

from ..widgets import register
from ..show import commas
from ..widgets.base import Widget, whole

MAX_N = 6


def _corpus():
    from mlmath.data import shakespeare
    return shakespeare()


def pct(x):
    if x == 0:
        return "0%"
    if x < 0.0001:
        return f"{x * 100:.5f}%"
    if x < 0.01:
        return f"{x * 100:.2f}%"
    return f"{x * 100:.1f}%"


def sci(n):
    """A big whole number as 7.5 × 10^10 (exact with commas below a million)."""
    if n < 1_000_000:
        return commas(n)
    e = int(math.floor(math.log10(n)))
    return f"{n / 10 ** e:.1f} \u00d7 10^{e}"


def contexts(text, n):
    """The set of distinct n-character strings that are followed by a character in text."""
    return {text[i:i + n] for i in range(len(text) - n)}


@register
class ContextExplosion(Widget):
    name = "context_explosion"
    width, height = 640, 300

    def configure(self, config):
        self.chars = whole(self.name, "chars", config.pop("chars", 50000), 1000, 200000)
        self.heldout = whole(self.name, "heldout", config.pop("heldout", 5000), 500, 50000)
        n = whole(self.name, "n", config.pop("n", 1), 1, MAX_N)
        super().configure(config)
        corpus = _corpus()
        self.V = len(set(corpus))
        self.train = corpus[:self.chars]
        self.test = corpus[self.chars:self.chars + self.heldout]
        self._seen = {}       # n -> number of distinct contexts in the training slice
        self._unseen = {}     # n -> held-out positions whose context never occurs in training
        self.n = n
        self._count(n)

    # Counting ------------------------------------------------------------------------
    def _count(self, n):
        if n not in self._seen:
            seen = contexts(self.train, n)
            test = self.test
            self._seen[n] = len(seen)
            self._unseen[n] = sum(test[i:i + n] not in seen for i in range(len(test) - n))
        return self._seen[n], self._unseen[n]

    def rows(self, n=None):
        return self.V ** (self.n if n is None else n)

    def held_positions(self, n=None):
        return len(self.test) - (self.n if n is None else n)

    def unseen_fraction(self, n=None):
        n = self.n if n is None else n
        return self._count(n)[1] / self.held_positions(n)

    # Goal values ----------------------------------------------------------------------
    def values(self):
        seen, unseen = self._count(self.n)
        prev = self.unseen_fraction(self.n - 1) if self.n > 1 else 0.0
        return {"n": self.n, "rows": self.rows(), "seen": seen, "filled": seen / self.rows(),
                "unseen": unseen / self.held_positions(), "unseen_prev": prev}

    def set_values(self, values):
        """n sets the context length; the counts follow from it and must agree."""
        values = dict(values)
        if "n" in values:
            self._set_n(whole(self.name, "n", values.pop("n"), 1, MAX_N))
        if values:                  # values() counts n - 1 too: only check when there is something to check
            super().set_values(values)

    def _set_n(self, n):
        self.n = min(max(int(n), 1), MAX_N)
        self._count(self.n)

    # Events --------------------------------------------------------------------------
    def handle(self, event):
        kind = event.get("type")
        if kind == "input" and event.get("id") == "n":
            self._set_n(event.get("value", self.n))
        elif kind in ("drag", "key"):
            h = str(event.get("handle", ""))
            if not h.startswith("n:") or not h[2:].isdigit():
                return
            if kind == "drag" or event.get("key") in ("Enter", " "):
                self._set_n(int(h[2:]))
            elif event.get("key") in ("ArrowRight", "ArrowUp"):
                self._set_n(self.n + 1)
            elif event.get("key") in ("ArrowLeft", "ArrowDown"):
                self._set_n(self.n - 1)

    # Drawing -------------------------------------------------------------------------
    x0, x1, y0, y1 = 58, 400, 34, 244      # the log-scale chart
    top_exp = 11                           # 10^11 at the top: 65^6 is 7.5 x 10^10

    def _y(self, count):
        e = math.log10(count) if count > 0 else 0.0
        return self.y1 - (self.y1 - self.y0) * min(e, self.top_exp) / self.top_exp

    def _col(self, n):
        return self.x0 + (self.x1 - self.x0) * (n - 0.5) / MAX_N

    def shapes(self):
        out = [{"t": "text", "x": (self.x0 + self.x1) / 2, "y": 16, "cls": "small muted",
                "s": "rows needed vs contexts that occur (log scale)"}]
        for e in range(0, self.top_exp + 1, 2):
            y = self._y(10 ** e)
            out.append({"t": "line", "x1": self.x0, "y1": y, "x2": self.x1, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": self.x0 - 6, "y": y + 4, "anchor": "end", "cls": "small muted",
                        "s": "1" if e == 0 else "10" if e == 1 else f"10^{e}"})
        out.append({"t": "line", "x1": self.x0, "y1": self.y1, "x2": self.x1, "y2": self.y1, "cls": "axis"})
        # how many positions the slice has: no more contexts than this can ever occur
        yp = self._y(len(self.train))
        out.append({"t": "path", "d": f"M {self.x0} {yp:.1f} H {self.x1}", "cls": "accent3"})
        out.append({"t": "text", "x": self.x0 + 4, "y": yp - 5, "anchor": "start", "cls": "small accent3",
                    "s": f"the slice: {commas(len(self.train))} characters"})
        half = (self.x1 - self.x0) / MAX_N * 0.36
        for n in range(1, MAX_N + 1):
            cx = self._col(n)
            sel = n == self.n
            yr = self._y(self.rows(n))
            out.append({"t": "rect", "x": round(cx - half, 1), "y": round(yr, 1), "w": round(half - 1, 1),
                        "h": round(self.y1 - yr, 1), "cls": "accent2",
                        "opacity": 0.9 if sel else 0.35})
            if n in self._seen:
                ys = self._y(self._seen[n])
                out.append({"t": "rect", "x": round(cx + 1, 1), "y": round(ys, 1), "w": round(half - 1, 1),
                            "h": round(self.y1 - ys, 1), "cls": "accent", "opacity": 0.9 if sel else 0.35})
            else:
                out.append({"t": "text", "x": round(cx + half / 2, 1), "y": self.y1 - 6, "cls": "small muted",
                            "s": "?"})
            out.append({"t": "rect", "x": round(cx - half - 4, 1), "y": self.y1 + 6, "w": round(2 * half + 8, 1),
                        "h": 22, "rx": 4, "cls": "node selected" if sel else "node", "handle": f"n:{n}",
                        "label": f"context length {n}", "value": "selected" if sel else "not selected"})
            out.append({"t": "text", "x": round(cx, 1), "y": self.y1 + 21, "cls": "label", "s": f"n={n}"})
        ly = self.y1 + 46
        out.append({"t": "rect", "x": self.x0, "y": ly - 9, "w": 10, "h": 10, "cls": "accent2"})
        out.append({"t": "text", "x": self.x0 + 14, "y": ly, "anchor": "start", "cls": "small",
                    "s": f"rows a table needs, {self.V}^n"})
        out.append({"t": "rect", "x": self.x0 + 178, "y": ly - 9, "w": 10, "h": 10, "cls": "accent"})
        out.append({"t": "text", "x": self.x0 + 192, "y": ly, "anchor": "start", "cls": "small",
                    "s": "contexts that occur (? = not counted yet)"})
        out += self._heldout_panel(430)
        return out

    def _heldout_panel(self, x0):
        w, top = self.width - x0 - 14, 60
        seen, unseen = self._count(self.n)
        total = self.held_positions()
        frac = unseen / total
        out = [{"t": "text", "x": x0, "y": 16, "anchor": "start", "cls": "small muted",
                "s": f"next {commas(len(self.test))} characters, held out"},
               {"t": "text", "x": x0, "y": 34, "anchor": "start", "cls": "small muted",
                "s": f"does its context have a row? (n = {self.n})"}]
        hit = w * (1 - frac)
        out.append({"t": "rect", "x": x0, "y": top, "w": round(hit, 1), "h": 26, "cls": "accent3"})
        if frac > 0:
            out.append({"t": "rect", "x": round(x0 + hit, 1), "y": top, "w": round(max(w * frac, 1.5), 1),
                        "h": 26, "cls": "accent2"})
        out.append({"t": "text", "x": x0, "y": top + 44, "anchor": "start", "cls": "small accent3",
                    "s": f"seen in training: {pct(1 - frac)}"})
        out.append({"t": "text", "x": x0, "y": top + 62, "anchor": "start", "cls": "small accent2",
                    "s": f"no row at all: {pct(frac)}"})
        filled = seen / self.rows()
        out.append({"t": "text", "x": x0, "y": top + 100, "anchor": "start", "cls": "small muted",
                    "s": "rows with any data"})
        out.append({"t": "rect", "x": x0, "y": top + 108, "w": w, "h": 16, "cls": "node"})
        out.append({"t": "rect", "x": x0, "y": top + 108, "w": round(max(w * filled, 1), 1), "h": 16,
                    "cls": "accent"})
        out.append({"t": "text", "x": x0, "y": top + 142, "anchor": "start", "cls": "small",
                    "s": f"{commas(seen)} of {sci(self.rows())}: {pct(filled)}"})
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
        return [{"kind": "range", "id": "n", "label": "context length n", "min": 1, "max": MAX_N, "step": 1,
                 "value": self.n, "display": str(self.n)}]

    def __repr__(self):
        return f"<context_explosion n={self.n}>"
