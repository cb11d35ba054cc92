"""Elimination drawn: a system of two equations as two lines, and the new equation
"row − k × other row" as a third line that always passes through their crossing.

The learner slides k and watches the new line turn about the crossing point (every k
gives a line through it, because a point that satisfies both equations satisfies any
mix of them). At the right k one unknown drops out and the new line stands flat or
upright: the crossing's y or x can be read off. Apply replaces the row with the new
equation; Start over puts the system back.

    ```widget elimination_stepper
    id = "elim"
    system = [[1, 1, 3], [2, -1, 0]]    # x + y = 3 and 2x − y = 0, as [a, b, c] for a·x + b·y = c
    k = "0"          # the multiplier, exact: one of "-4" … "-1/3" … "4"
    ```

values(): k (as text, "2" or "-1/3"), target ("R2" or "R1": the row being replaced), na, nb, nc (the new
equation's coefficients), a1 … c2 (the current rows), moves (how many were applied).
"""

from fractions import Fraction

from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Button, Choice
from ..widgets.plot import Plot
from .plane_lines import crossing, draw, equation, frac

LO, HI = -6, 6
KS = ["-4", "-3", "-2", "-3/2", "-1", "-2/3", "-1/2", "-1/3", "-1/4", "0",
      "1/4", "1/3", "1/2", "2/3", "1", "3/2", "2", "3", "4"]      # exact multipliers, as text
TARGETS = {"R2": "replace R2 by R2 − k·R1", "R1": "replace R1 by R1 − k·R2"}


@register
class EliminationStepper(Widget):
    name = "elimination_stepper"
    width, height = 600, 330

    def configure(self, config):
        system = config.pop("system", [[1, 1, 3], [2, -1, 0]])
        if (not isinstance(system, list) or len(system) != 2
                or any(not isinstance(r, list) or len(r) != 3 for r in system)):
            raise ValueError("elimination_stepper: system must be two rows [a, b, c] for a·x + b·y = c")
        rows = [tuple(Fraction(number(self.name, "a coefficient", v, -20, 20)) for v in r) for r in system]
        if any(a == 0 and b == 0 for a, b, _ in rows):
            raise ValueError("elimination_stepper: each row needs an x or a y term to be a line")
        self.start = rows
        self.rows = list(rows)
        self.moves = 0
        k = str(config.pop("k", "0"))
        if k not in KS:
            raise ValueError(f"elimination_stepper: k must be one of {KS}, not {k!r}")
        super().configure(config)
        self.knobs["k"] = Choice("k", "k", KS, k, fmt=lambda v: frac(Fraction(v)))
        self.knobs["target"] = Choice("target", "move", list(TARGETS), "R2", fmt=TARGETS.get)
        self.knobs["apply"] = Button("apply", "Apply the move", self.apply)
        self.knobs["reset"] = Button("reset", "Start over", self.reset)
        self.plot = Plot((LO, HI), (LO, HI), box=(36, 14, 336, 314))

    def new_row(self):
        k = Fraction(self.knobs["k"].value)
        r1, r2 = self.rows
        row, other = (r2, r1) if self.knobs["target"].value == "R2" else (r1, r2)
        return tuple(u - k * w for u, w in zip(row, other))

    def apply(self):
        new = self.new_row()
        if new[0] == 0 and new[1] == 0:      # 0 = c says something, but it is no longer a line to keep
            return
        i = 1 if self.knobs["target"].value == "R2" else 0
        self.rows[i] = new
        self.moves += 1

    def reset(self):
        self.rows = list(self.start)
        self.moves = 0

    def values(self):
        num_ = lambda v: int(v) if v.denominator == 1 else float(v)
        na, nb, nc = self.new_row()
        (a1, b1, c1), (a2, b2, c2) = self.rows
        out = {"k": self.knobs["k"].value, "target": self.knobs["target"].value,
               "na": num_(na), "nb": num_(nb), "nc": num_(nc), "moves": self.moves}
        out.update(zip(("a1", "b1", "c1", "a2", "b2", "c2"), map(num_, (a1, b1, c1, a2, b2, c2))))
        return out

    def drag(self, handle, x, y):
        pass

    def shapes(self):
        p = self.plot
        ticks = list(range(LO, HI + 1, 2))
        out = p.frame("x", "y", xticks=ticks, yticks=ticks)
        out += draw(p, *self.start[0], "muted") + draw(p, *self.start[1], "muted")
        out += draw(p, *self.rows[0], "accent") + draw(p, *self.rows[1], "accent3")
        new = self.new_row()
        out += draw(p, *new, "accent2")
        outcome, at = crossing(*self.rows)
        if at and p.inside(*map(float, at)):
            out.append(p.point(float(at[0]), float(at[1]), "accent2", 6))
        target = self.knobs["target"].value
        k = frac(Fraction(self.knobs["k"].value))
        rows = [("R1", equation(*self.rows[0]), "accent"), ("R2", equation(*self.rows[1]), "accent3"),
                (f"new: {target} − {k}·{'R1' if target == 'R2' else 'R2'}", equation(*new), "accent2")]
        for i, (label, text, cls) in enumerate(rows):
            out.append(S.text(352, 40 + 46 * i, label, "small", "start"))
            out.append(S.text(352, 58 + 46 * i, text, f"label {cls}", "start"))
        out.append(S.text(352, 40 + 46 * 3, "grey: the system you started with", "small muted", "start"))
        return out

    def readouts(self):
        new = self.new_row()
        outcome, at = crossing(*self.rows)
        out = [{"label": "R1", "value": equation(*self.rows[0])}, {"label": "R2", "value": equation(*self.rows[1])},
               {"label": "new equation", "value": equation(*new)}]
        if at:
            on = new[0] * at[0] + new[1] * at[1] == new[2]
            out.append({"label": f"crossing ({frac(at[0])}, {frac(at[1])}) on the new line",
                        "value": "yes" if on else "no"})
        elif new[0] == 0 and new[1] == 0:
            out.append({"label": "", "value": "0 = 0: true for every point, the same line" if new[2] == 0
                        else f"0 = {frac(new[2])}: true for no point, the lines never meet"})
        out.append({"label": "moves applied", "value": str(self.moves)})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in ("k", "target", "apply", "reset")]
