"""Gradient descent on the bowl f(x) = a·x², one step size, every iterate drawn.

The derivative is f'(x) = 2a·x, so one step x ← x − η·2a·x multiplies x by the same
factor 1 − 2aη every time. |factor| < 1 shrinks x toward the minimum at 0 (from one side
while η < 1/(2a), zigzagging across it while 1/(2a) < η < 1/a); η = 1/(2a) lands on 0
in one step; η = 1/a bounces between x0 and −x0 forever; any η > 1/a diverges.

    ```widget descent_bowl_1d
    id = "bowl"
    a = 1            # one of 0.5, 1, 2
    lr = 0.05        # the step size η, on a grid of 0.01 from 0.01 to 1.25/a
    x0 = 2.5         # the start, -3..3 on a grid of 0.1 (drag the point, or use the arrow keys)
    steps = 20       # iterates drawn
    ```

values(): lr, x0, factor (1 − 2aη), final (x after `steps` steps), steps_needed (the first
k with |x_k| < 0.01, or −1 if it never gets there), diverged (|factor| > 1).
"""

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number, one_of, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot

TOL = 0.01
CURVES = (0.5, 1, 2)


def descend(a, lr, x0, steps):
    """The iterates x0, x1, ..., x_steps of gradient descent on a·x² (stopping early if they blow up)."""
    xs = [x0]
    for _ in range(steps):
        x = xs[-1] - lr * 2 * a * xs[-1]
        xs.append(x)
        if abs(x) > 1e6:
            break
    return xs


def steps_needed(a, lr, x0, tol=TOL, limit=100000):
    """The first k with |x_k| < tol, or -1 if descent never gets there (it bounces or diverges)."""
    x = x0
    for k in range(limit + 1):
        if abs(x) < tol:
            return k
        if abs(1 - 2 * a * lr) >= 1 or abs(x) > 1e6:
            return -1
        x -= lr * 2 * a * x
    return -1


@register
class DescentBowl1d(Widget):
    name = "descent_bowl_1d"
    width, height = 600, 320

    def configure(self, config):
        self.a = one_of(self.name, "a", config.pop("a", 1), CURVES)
        hi = round(1.25 / self.a, 2)
        lr = number(self.name, "lr", config.pop("lr", 0.05), 0.01, hi)
        x0 = number(self.name, "x0", config.pop("x0", 2.5), -3, 3)
        self.steps = whole(self.name, "steps", config.pop("steps", 20), 1, 60)
        self.plot = Plot((-3.2, 3.2), (-0.1 * 9 * self.a, 11 * self.a), box=(48, 14, 584, 282))  # headroom: the curve stays under the axis name
        self.knobs = {"lr": Slider("lr", "step size η", 0.01, hi, 0.01, lr, coarse=0.1),
                      "x0": Slider("x0", "start x₀", -3, 3, 0.1, x0, coarse=0.5)}
        super().configure(config)

    def f(self, x):
        return self.a * x * x

    def values(self):
        a, lr, x0 = self.a, self.knobs["lr"].value, self.knobs["x0"].value
        factor = 1 - 2 * a * lr
        xs = descend(a, lr, x0, self.steps)
        return {"lr": lr, "x0": x0, "factor": round(factor, 12), "final": xs[-1],
                "steps_needed": steps_needed(a, lr, x0), "diverged": abs(factor) > 1 + 1e-12}

    def drag(self, handle, x, y):
        if handle == "x0":
            self.knobs["x0"].set(self.plot.x.value(x))

    def shapes(self):
        p, x0 = self.plot, self.knobs["x0"].value
        xs = descend(self.a, self.knobs["lr"].value, x0, self.steps)
        out = [p.handle("x0", x0, self.f(x0), "start of the descent", f"x₀ = {num(x0, 1)}"),
               *p.frame("x", "f(x) = x²" if self.a == 1 else f"f(x) = {num(self.a)}x²", edges=True),
               p.curve(self.f),
               p.polyline([(x, self.f(x)) for x in xs], "accent2")]
        out += [p.point(x, self.f(x), "accent2", r=3) for x in xs[1:]]
        out.append(p.point(0, 0, "good", r=4))
        return out

    def readouts(self):
        v = self.values()
        n = v["steps_needed"]
        if n >= 0:
            reach = str(n)
        elif v["diverged"]:
            reach = "never: it diverges"
        else:
            reach = "never: it bounces" if v["factor"] <= -1 else "never"
        return [{"label": "η", "value": num(v["lr"])},
                {"label": f"each step multiplies x by {self.factor_name()}", "value": num(v["factor"])},
                {"label": f"x after {self.steps} steps", "value": _big(v["final"])},
                {"label": "steps to reach |x| < 0.01", "value": reach}]

    def factor_name(self):
        """1 − 2η on x² (the first step of m10-l01 has not named a yet), else 1 − 2aη."""
        return "1 − 2η" if self.a == 1 else "1 − 2aη"

    def controls(self):
        return [self.knobs["lr"].control(), self.knobs["x0"].control()]


def _big(x):
    """A position that may have blown up: plainly while small, else in powers of ten."""
    from ..show import sci
    return num(x, 3) if abs(x) < 1000 else sci(x)
