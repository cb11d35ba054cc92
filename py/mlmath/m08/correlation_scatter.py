"""A cloud of 200 points whose correlation you set: covariance, and the variance of a sum.

X is a fixed seeded sample, centred and scaled to mean 0 and variance 1 exactly; Y is
rho X + sqrt(1 - rho^2) Z with Z another such sample made uncorrelated with X, so the
sample's Var(Y) is 1 and its Cov(X, Y) is rho, to rounding. Slide rho (or drag the
handle along the line y = rho x) and the cloud leans; the readouts give the covariance and
Var(X + Y) measured on the points, beside Var X + Var Y + 2 Cov(X, Y).

    ```widget correlation_scatter
    id = "cloud"
    rho = 0
    goal = { text = "...", check = "abs(var_sum - 3) < 1e-6", solution = { rho = 0.5 } }
    ```

values(): rho (knob), mean_x, mean_y, var_x, var_y, cov, var_sum (Var(X + Y) from the points).
All are population statistics (divide by n = 200).
"""

import math
import random

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

N, SEED = 200, 8


def normals(rng, n):
    """n standard normal draws by Box-Muller from rng.random() alone (the same in every Python)."""
    out = []
    while len(out) < n:
        u, v = rng.random(), rng.random()
        r = math.sqrt(-2 * math.log(1 - u))
        out += [r * math.cos(2 * math.pi * v), r * math.sin(2 * math.pi * v)]
    return out[:n]


def mean(xs):
    return math.fsum(xs) / len(xs)


def cov(xs, ys):
    mx, my = mean(xs), mean(ys)
    return math.fsum((x - mx) * (y - my) for x, y in zip(xs, ys)) / len(xs)


def standardise(xs):
    m = mean(xs)
    s = math.sqrt(cov(xs, xs))
    return [(x - m) / s for x in xs]


def base_pair(n=N, seed=SEED):
    """Two samples with mean 0, variance 1 and covariance 0 (Gram-Schmidt on seeded normals)."""
    rng = random.Random(seed)
    x = standardise(normals(rng, n))
    z = normals(rng, n)
    c = cov(x, z)
    return x, standardise([b - c * a for a, b in zip(x, z)])


@register
class CorrelationScatter(Widget):
    name = "correlation_scatter"
    width, height = 600, 320

    def configure(self, config):
        rho = number(self.name, "rho", config.pop("rho", 0), -1, 1)
        self.knobs = {"rho": Slider("rho", "ρ (how much Y follows X)", -1, 1, 0.05, rho)}
        self.plot = Plot((-3.5, 3.5), (-3.5, 3.5), box=(40, 14, 330, 304))
        self.x, self.z = base_pair()
        super().configure(config)

    def points(self):
        r = self.knobs["rho"].value
        s = math.sqrt(max(0.0, 1 - r * r))
        return self.x, [r * a + s * b for a, b in zip(self.x, self.z)]

    def values(self):
        xs, ys = self.points()
        sums = [a + b for a, b in zip(xs, ys)]
        return {"rho": self.knobs["rho"].value, "mean_x": mean(xs), "mean_y": mean(ys),
                "var_x": cov(xs, xs), "var_y": cov(ys, ys), "cov": cov(xs, ys), "var_sum": cov(sums, sums)}

    def drag(self, handle, x, y):
        if handle == "rho":
            self.knobs["rho"].set(self.plot.y.value(y) / 3)

    def shapes(self):
        p, r = self.plot, self.knobs["rho"].value
        xs, ys = self.points()
        return [
            p.handle("rho", 3, 3 * r, "the line y = ρx; drag its end up or down", f"ρ = {num(r)}", cls="accent2"),
            *p.frame("x", "y", xticks=6, yticks=6),
            *[p.point(a, b, "accent", r=2.5) for a, b in zip(xs, ys)],
            p.line(r, 0, "accent2"),
        ]

    def readouts(self):
        v = self.values()
        return [{"label": "mean of X, of Y", "value": f"{num(v['mean_x'], 3)}, {num(v['mean_y'], 3)}"},
                {"label": "Var X, Var Y", "value": f"{num(v['var_x'], 3)}, {num(v['var_y'], 3)}"},
                {"label": "Cov(X, Y)", "value": num(v["cov"], 3)},
                {"label": "Var X + Var Y + 2 Cov", "value": num(v["var_x"] + v["var_y"] + 2 * v["cov"], 3)},
                {"label": "Var(X + Y), measured", "value": num(v["var_sum"], 3)}]

    def controls(self):
        return [self.knobs["rho"].control()]
