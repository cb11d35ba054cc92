"""Where an L2 or an L1 penalty moves the best weights, drawn against the loss's contours.

The loss is L(w) = a1 (w1 - u1)^2 + a2 (w2 - u2)^2, a bowl with its bottom at w* = (u1, u2)
(a1 = 1, a2 = 0.35, so its contours are ellipses). Adding a penalty moves the best point:

  L2, L + (lam/2)(w1^2 + w2^2):   w_i = 2 a_i u_i / (2 a_i + lam)           (shrinks, never 0)
  L1, L + lam (|w1| + |w2|):      w_i = sign(u_i) max(|u_i| - lam / (2 a_i), 0)   (exact zeros)

Both are exact: the loss is a sum of one bowl per weight, so each weight is solved alone.
The picture draws the loss contour through the penalised solution and the penalty's own
level set through it (a circle for L2, a diamond for L1): they touch there, and for L1
the touching point is often a corner of the diamond, on an axis. The other penalty's
solution is drawn faint for comparison. Drag w*, or use the sliders.

    ```widget penalty_corner_fit
    id = "corner"
    penalty = "L2"     # or "L1"
    u1 = 1.5
    u2 = 1.0
    lam = 0.5          # 0 to 3
    goal = { text = "...", check = "penalty == 'L1' and zeros == 1", solution = { penalty = "L1", lam = 1 } }
    ```

values(): penalty, u1, u2, lam, w1, w2 (the penalised solution), zeros (how many of w1, w2
are exactly 0), l2_zeros (the same for the L2 solution at this lam, whatever penalty is shown).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot

A = (1.0, 0.35)
PENALTIES = ["L2", "L1"]


def l2_solution(u, lam, a=A):
    return tuple(2 * ai * ui / (2 * ai + lam) for ai, ui in zip(a, u))


def l1_solution(u, lam, a=A):
    return tuple(math.copysign(abs(ui) - lam / (2 * ai), ui) if abs(ui) > lam / (2 * ai) else 0.0
                 for ai, ui in zip(a, u))


def loss(w, u, a=A):
    return sum(ai * (wi - ui) ** 2 for ai, wi, ui in zip(a, w, u))


@register
class PenaltyCornerFit(Widget):
    name = "penalty_corner_fit"
    width, height = 600, 330

    def configure(self, config):
        penalty = one_of(self.name, "penalty", config.pop("penalty", "L2"), PENALTIES)
        u1 = number(self.name, "u1", config.pop("u1", 1.5), -2, 2)
        u2 = number(self.name, "u2", config.pop("u2", 1.0), -2, 2)
        lam = number(self.name, "lam", config.pop("lam", 0.5), 0, 3)
        self.knobs = {"u1": Slider("u1", "w₁* (loss's own best)", -2, 2, 0.05, u1),
                      "u2": Slider("u2", "w₂* (loss's own best)", -2, 2, 0.05, u2),
                      "lam": Slider("lam", "strength λ", 0, 3, 0.05, lam),
                      "penalty": Choice("penalty", "penalty", PENALTIES, penalty)}
        self.plot = Plot((-2.5, 2.5), (-2.5, 2.5), box=(150, 12, 450, 312))
        super().configure(config)

    def _u(self):
        return self.knobs["u1"].value, self.knobs["u2"].value

    def solution(self, penalty=None):
        penalty = penalty or self.knobs["penalty"].value
        solve = l1_solution if penalty == "L1" else l2_solution
        return solve(self._u(), self.knobs["lam"].value)

    def values(self):
        w = self.solution()
        u1, u2 = self._u()
        return {"penalty": self.knobs["penalty"].value, "u1": u1, "u2": u2, "lam": self.knobs["lam"].value,
                "w1": w[0], "w2": w[1], "zeros": sum(wi == 0 for wi in w),
                "l2_zeros": sum(wi == 0 for wi in self.solution("L2"))}

    def drag(self, handle, x, y):
        if handle == "ustar":
            self.knobs["u1"].set(self.plot.x.value(x))
            self.knobs["u2"].set(self.plot.y.value(y))

    def handle(self, event):
        if event.get("type") == "key" and event.get("handle") == "ustar":
            key = event.get("key")
            target = "u2" if key in ("ArrowUp", "ArrowDown") else "u1"
            self.knobs[target].key(key)
            return
        super().handle(event)

    def _ellipse(self, u, level):
        r = math.sqrt(max(level, 0.0))
        return [(u[0] + r / math.sqrt(A[0]) * math.cos(t * math.pi / 60),
                 u[1] + r / math.sqrt(A[1]) * math.sin(t * math.pi / 60)) for t in range(121)]

    def shapes(self):
        p, u = self.plot, self._u()
        penalty = self.knobs["penalty"].value
        w = self.solution()
        other = self.solution("L1" if penalty == "L2" else "L2")
        out = [p.handle("ustar", u[0], u[1], "the loss's own best weights w*", f"w* = ({num(u[0])}, {num(u[1])})",
                        cls="accent", r=7)]
        out += p.frame("w₁", "w₂", xticks=[-2, -1, 0, 1, 2], yticks=[-2, -1, 0, 1, 2])
        for level in (0.25, 1, 2.25):
            out.append(p.polyline(self._ellipse(u, level), "muted"))
        out.append(p.polyline(self._ellipse(u, loss(w, u)), "accent"))
        if penalty == "L2":
            r = math.hypot(*w)
            ring = [(r * math.cos(t * math.pi / 60), r * math.sin(t * math.pi / 60)) for t in range(121)]
        else:
            r = abs(w[0]) + abs(w[1])
            ring = [(r, 0), (0, r), (-r, 0), (0, -r), (r, 0)]
        out.append(p.polyline(ring, "accent2"))
        out.append(p.point(*other, "muted", r=4))
        out.append(p.point(*w, "accent2", r=6))
        out.append(p.text(*w, f"{penalty} best", "small accent2", dx=10, dy=-8, anchor="start"))
        out.append(S.text(14, 40, "grey: loss contours", "small", "start"))
        out.append(S.text(14, 58, "blue: the contour", "small accent", "start"))
        out.append(S.text(14, 72, "through the solution", "small accent", "start"))
        out.append(S.text(14, 90, f"{penalty} level set", "small accent2", "start"))
        out.append(S.text(14, 108, f"hollow dot: {'L1' if penalty == 'L2' else 'L2'} solution", "small", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "w*", "value": f"({num(v['u1'])}, {num(v['u2'])})"},
                {"label": f"{v['penalty']} solution w", "value": f"({num(v['w1'], 3)}, {num(v['w2'], 3)})"},
                {"label": "weights exactly 0", "value": str(v["zeros"])}]

    def controls(self):
        return [self.knobs[k].control() for k in ("penalty", "lam", "u1", "u2")]
