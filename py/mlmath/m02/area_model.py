"""The area model of the distributive law: one rectangle, counted whole or in pieces.

With `shape = "single"` the rectangle is a tall by (b + c) wide, split into an a×b piece
and an a×c piece, so a(b + c) = ab + ac is one area counted two ways. With
`shape = "double"` it is (a + b) tall by (c + d) wide, cut into four pieces:
(a + b)(c + d) = ac + ad + bc + bd. The learner drags the handles under the columns and beside
the rows, one at the far edge of each (or uses the sliders); every piece's area and both totals update together.

    ```widget area_model
    id = "one-bracket"
    shape = "single"
    sides = { a = 2, b = 3, c = 1 }
    ```

values(): the side lengths, each piece (ab, ac, or ac, ad, bc, bd), whole (the
rectangle's area as height × width) and pieces (the pieces added up).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Slider

LO, HI, STEP = 0.5, 6, 0.5
SCALE = 24                     # pixels per unit of length
LEFT, TOP = 70, 40             # the rectangle's top-left corner
COLOURS = ("accent", "accent2", "accent3", "muted")
GAP = 16                       # the handles sit this far outside the rectangle


@register
class AreaModel(Widget):
    name = "area_model"
    width = 600

    def configure(self, config):
        self.shape = one_of(self.name, "shape", config.pop("shape", "single"), ("single", "double"))
        names = ("a", "b", "c") if self.shape == "single" else ("a", "b", "c", "d")
        sides = config.pop("sides", {})
        if not isinstance(sides, dict) or set(sides) - set(names):
            raise ValueError(f"area_model: sides takes {', '.join(names)}, not {sides!r}")
        for k in names:
            v = number(self.name, f"side {k}", sides.get(k, 2), LO, HI)
            self.knobs[k] = Slider(k, f"side {k}", LO, HI, STEP, v)
        super().configure(config)

    @property
    def height(self):
        return TOP + SCALE * HI * len(self.rows) + GAP + 14

    # Which sides run down the rectangle and which run across it
    @property
    def rows(self):
        return ("a",) if self.shape == "single" else ("a", "b")

    @property
    def cols(self):
        return ("b", "c") if self.shape == "single" else ("c", "d")

    def values(self):
        v = {k: kn.value for k, kn in self.knobs.items()}
        height = sum(v[r] for r in self.rows)
        width = sum(v[c] for c in self.cols)
        pieces = {r + c: v[r] * v[c] for r in self.rows for c in self.cols}
        total = 0
        for p in pieces.values():
            total += p
        return {**v, **pieces, "whole": height * width, "pieces": total}

    def drag(self, handle, x, y):
        if handle not in self.knobs:
            return
        v = self.values()
        if handle in self.cols:       # a vertical edge: its x sets the width of its column
            start = LEFT + SCALE * sum(v[c] for c in self.cols[:self.cols.index(handle)])
            self.knobs[handle].set((x - start) / SCALE)
        else:
            start = TOP + SCALE * sum(v[r] for r in self.rows[:self.rows.index(handle)])
            self.knobs[handle].set((y - start) / SCALE)

    def shapes(self):
        v = self.values()
        xs, ys = [LEFT], [TOP]
        for c in self.cols:
            xs.append(xs[-1] + SCALE * v[c])
        for r in self.rows:
            ys.append(ys[-1] + SCALE * v[r])
        out = []
        # handles first, like marks on two rulers: one under the far edge of every column,
        # one beside the far edge of every row
        for j, c in enumerate(self.cols):
            out.append(S.handle(S.circle(xs[j + 1], ys[-1] + GAP, 8, "accent"), c, f"side {c}", num(v[c])))
        for i, r in enumerate(self.rows):
            out.append(S.handle(S.circle(xs[-1] + GAP, ys[i + 1], 8, "accent2"), r, f"side {r}", num(v[r])))
        out.append(S.line(xs[0], ys[-1] + GAP, xs[-1], ys[-1] + GAP, "tick"))
        out.append(S.line(xs[-1] + GAP, ys[0], xs[-1] + GAP, ys[-1], "tick"))
        k = 0
        for i, r in enumerate(self.rows):
            for j, c in enumerate(self.cols):
                w, h = xs[j + 1] - xs[j], ys[i + 1] - ys[i]
                out.append(S.rect(xs[j], ys[i], w, h, f"{COLOURS[k]} solid nostroke", opacity=0.22))
                out.append(S.rect(xs[j], ys[i], w, h, "nofill"))
                out.append(S.text(xs[j] + w / 2, ys[i] + h / 2 + 4, f"{r}{c} = {num(v[r + c])}", "small"))
                k += 1
        for j, c in enumerate(self.cols):         # side lengths along the top
            out.append(S.text((xs[j] + xs[j + 1]) / 2, TOP - 10, f"{c} = {num(v[c])}", "label"))
        for i, r in enumerate(self.rows):         # and down the left
            out.append(S.text(LEFT - 10, (ys[i] + ys[i + 1]) / 2 + 4, f"{r} = {num(v[r])}", "label", "end"))
        return out

    def readouts(self):
        v = self.values()
        h = " + ".join(self.rows)
        w = " + ".join(self.cols)
        whole = f"({h})({w})" if len(self.rows) > 1 else f"a({w})"
        heights = " + ".join(num(v[r]) for r in self.rows)
        widths = " + ".join(num(v[c]) for c in self.cols)
        shown = f"({heights}) × ({widths})" if len(self.rows) > 1 else f"{heights} × ({widths})"
        names = " + ".join(r + c for r in self.rows for c in self.cols)
        parts = " + ".join(num(v[r + c]) for r in self.rows for c in self.cols)
        return [{"label": whole, "value": f"{shown} = {num(v['whole'])}"},
                {"label": names, "value": f"{parts} = {num(v['pieces'])}"}]

    def controls(self):
        return [self.knobs[k].control() for k in self.knobs]
