"""Long division one digit at a time, with every remainder tracked until one comes back.

    ```widget long_division
    id = "digits"
    a = 1           # numerator, 0 .. 60
    b = 7           # denominator, 1 .. 30
    base = 10       # 10, or 2 for the binary digits a computer stores
    steps = 0       # digits produced so far (the "Next digit" button adds one)
    ```

Each step takes the remainder r, multiplies it by the base (a zero brought down) and
divides by b: the quotient is the next digit, what is left the next remainder. A
remainder is one of 0, 1, ..., b - 1, drawn as a row of b boxes; each one the division
reaches is filled and numbered by the step that reached it. Remainder 0 means the digits
end. Any other remainder seen before means they repeat from there on, forever: the
widget marks the cycle and says how long it is.

values(): a, b, steps, cycle (the repeating block's length once a remainder has come back,
else 0), ends (1 once remainder 0 is reached, else 0).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.controls import Button, Slider
from .l03_decimals import divide

MOST = 40           # the most digits the widget produces
ROWS = 5            # division steps written out (the latest ones)


@register
class LongDivision(Widget):
    name = "long_division"
    width = 600

    def configure(self, config):
        self.base = one_of(self.name, "base", config.pop("base", 10), (10, 2))
        a = whole(self.name, "a", config.pop("a", 1), 0, 60)
        b = whole(self.name, "b", config.pop("b", 7), 1, 30)
        steps = whole(self.name, "steps", config.pop("steps", 0), 0, MOST)
        self.knobs = {"a": Slider("a", "numerator a", 0, 60, 1, a),
                      "b": Slider("b", "denominator b", 1, 30, 1, b),
                      "steps": Slider("steps", "digits asked for", 0, MOST, 1, steps),
                      "next": Button("next", "Next digit", self.next_digit)}
        super().configure(config)

    @property
    def height(self):
        return 262

    def next_digit(self):
        if not self.finished():
            self.knobs["steps"].set(self.knobs["steps"].value + 1)

    def run(self):
        """The division so far, and what it has found: (division, first step of the cycle or None, ends)."""
        a, b, n = self.knobs["a"].value, self.knobs["b"].value, self.knobs["steps"].value
        d = divide(a, b, self.base, n)
        rs = d.remainders
        ends = 0 in rs
        start = None
        if not ends:
            for i, r in enumerate(rs):
                if r in rs[:i]:
                    start = rs.index(r)
                    d = d._replace(digits=d.digits[:i], remainders=rs[:i + 1])
                    break
        else:
            i = rs.index(0)
            d = d._replace(digits=d.digits[:i], remainders=rs[:i + 1])
        return d, start, ends

    def finished(self):
        _, start, ends = self.run()
        return ends or start is not None

    def values(self):
        d, start, ends = self.run()
        cycle = len(d.digits) - start if start is not None else 0
        return {"a": self.knobs["a"].value, "b": self.knobs["b"].value, "steps": self.knobs["steps"].value,
                "cycle": cycle, "ends": int(ends)}

    # The picture -------------------------------------------------------------------------
    def shapes(self):
        d, start, ends = self.run()
        a, b, base = self.knobs["a"].value, self.knobs["b"].value, self.base
        out = []
        # the quotient so far, the cycle underlined once found
        head = f"{a} ÷ {b} = {d.whole}." if d.digits or not ends else f"{a} ÷ {b} = {d.whole}"
        if base == 2:
            head = f"{a} ÷ {b} in binary = {bin(d.whole)[2:]}" + ("." if d.digits or not ends else "")
        x0 = 20
        out.append(S.text(x0, 30, head, "label", "start"))
        x = x0 + 7.4 * len(head) + 4
        digits = d.digits[-44:]
        skip = len(d.digits) - len(digits)
        for i, digit in enumerate(digits):
            cls = "accent2" if start is not None and i + skip >= start else "accent"
            out.append(S.text(x + 11 * i, 30, str(digit), cls))
        if start is not None:
            lo = x + 11 * max(start - skip, 0) - 5
            out.append(S.line(lo, 37, x + 11 * (len(digits) - 1) + 5, 37, "accent2"))
        elif not ends:
            out.append(S.text(x + 11 * len(digits) + 4, 30, "…", "muted", "start"))
        # the latest division steps
        rs = d.remainders
        first = max(0, len(d.digits) - ROWS)
        for row, i in enumerate(range(first, len(d.digits))):
            r = rs[i]
            text = (f"step {i + 1}: remainder {r}, × {base} = {r * base} = {d.digits[i]} × {b} + {rs[i + 1]}"
                    f"   → digit {d.digits[i]}")
            out.append(S.text(x0, 62 + 20 * row, text, "small", "start"))
        # the remainder boxes
        size = min(18, (self.width - 40) / b)
        y = 190
        out.append(S.text(x0, y - 14, f"remainders 0 to {b - 1}: a filled box shows the step that reached it (step 0 is a's own remainder)",
                          "small muted", "start"))
        reached = {}
        for i, r in enumerate(rs):
            reached.setdefault(r, i)
        for r in range(b):
            bx = x0 + r * size
            if r in reached:
                in_cycle = start is not None and reached[r] >= start
                cls = "accent2" if in_cycle else ("accent3" if r == 0 else "accent")
                out.append(S.rect(bx, y, size - 2, size - 2, f"{cls} nostroke", opacity=0.35))
            else:
                out.append(S.rect(bx, y, size - 2, size - 2, "node nofill"))
            out.append(S.text(bx + size / 2 - 1, y + size + 12, str(r), "small muted"))
            if r in reached and size >= 14:
                out.append(S.text(bx + size / 2 - 1, y + size - 5, str(reached[r]), "small"))
        current = rs[-1]
        cx = x0 + current * size + size / 2 - 1
        out += S.arrow(cx, y - 10, cx, y - 1, "accent3", head=6)
        return out

    def readouts(self):
        d, start, ends = self.run()
        v = self.values()
        out = [{"label": "digits so far", "value": num(len(d.digits))}]
        if ends:
            out.append({"label": "", "value": "remainder 0: the digits end here"})
        elif start is not None:
            r = d.remainders[-1]
            out.append({"label": "", "value": f"remainder {r} again (first seen at step {start}): "
                                              f"the last {v['cycle']} digits repeat forever"})
            out.append({"label": "repeating block", "value": "".join(map(str, d.digits[start:]))})
        else:
            out.append({"label": "", "value": f"next remainder {d.remainders[-1]}: not seen before, keep going"})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in ("a", "b", "steps", "next")]
