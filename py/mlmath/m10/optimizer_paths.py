"""Optimizers racing down the same quadratic bowl f(x, y) = a·x² + b·y², drawn on its contours.

With b much larger than a the bowl is a ravine: steep across (y), nearly flat along (x).
Each method starts at the same point with the same step size η and runs `steps` steps:

    gd        p ← p − η·g
    momentum  v ← β·v + g,  p ← p − η·v                      (β from its slider)
    rmsprop   s ← ρ·s + (1 − ρ)·g²,  p ← p − η·g / (√s + ε)   (per coordinate)
    adam      m ← β₁m + (1 − β₁)g,  s ← β₂s + (1 − β₂)g²,
              p ← p − η·m̂ / (√ŝ + ε), with m̂ = m / (1 − β₁ᵗ), ŝ = s / (1 − β₂ᵗ)

    ```widget optimizer_paths
    id = "race"
    a = 1
    b = 4
    methods = ["gd"]          # any of gd, momentum, rmsprop, adam, in the order drawn
    lr = 0.05
    lr_range = [0.01, 0.3, 0.01]   # the step-size slider: low, high, step
    beta = 0.0                # momentum's β (a slider when momentum is drawn)
    start = [-4, 2]
    view = [-5, 5, -3, 3]     # x low, x high, y low, y high
    steps = 60
    tol = 0.001               # "reached" means f < tol
    rho = 0.99                # RMSProp's ρ
    betas = [0.9, 0.999]      # Adam's β₁, β₂
    ```

values(): lr, beta (when momentum is drawn), and for each method m: m_steps (the first step
with f < tol, or −1 if not within `steps`) and m_final (f after the last step).
"""

import math

from ..show import num, sci
from ..widgets import register
from ..widgets.base import Widget, number, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot

METHODS = ("gd", "momentum", "rmsprop", "adam")
NAMES = {"gd": "gradient descent", "momentum": "momentum", "rmsprop": "RMSProp", "adam": "Adam"}
COLOURS = ("accent2", "accent3", "accent", "muted")
EPS = 1e-8


def run(method, a, b, start, lr, steps, beta=0.0, rho=0.99, betas=(0.9, 0.999)):
    """The points visited by one method on a·x² + b·y², start included (stops early if it blows up)."""
    x, y = start
    vx = vy = sx = sy = 0.0
    pts = [(x, y)]
    b1, b2 = betas
    for t in range(1, steps + 1):
        gx, gy = 2 * a * x, 2 * b * y
        if method == "gd":
            dx, dy = gx, gy
        elif method == "momentum":
            vx, vy = beta * vx + gx, beta * vy + gy
            dx, dy = vx, vy
        elif method == "rmsprop":
            sx, sy = rho * sx + (1 - rho) * gx * gx, rho * sy + (1 - rho) * gy * gy
            dx, dy = gx / (math.sqrt(sx) + EPS), gy / (math.sqrt(sy) + EPS)
        else:
            vx, vy = b1 * vx + (1 - b1) * gx, b1 * vy + (1 - b1) * gy
            sx, sy = b2 * sx + (1 - b2) * gx * gx, b2 * sy + (1 - b2) * gy * gy
            c1, c2 = 1 - b1 ** t, 1 - b2 ** t
            dx = vx / c1 / (math.sqrt(sx / c2) + EPS)
            dy = vy / c1 / (math.sqrt(sy / c2) + EPS)
        x, y = x - lr * dx, y - lr * dy
        pts.append((x, y))
        if abs(x) > 1e6 or abs(y) > 1e6:
            break
    return pts


@register
class OptimizerPaths(Widget):
    name = "optimizer_paths"
    width, height = 600, 340

    def configure(self, config):
        n = self.name
        self.a = number(n, "a", config.pop("a", 1), 0.01, 100)
        self.b = number(n, "b", config.pop("b", 4), 0.01, 100)
        methods = config.pop("methods", ["gd"])
        if (not isinstance(methods, list) or not 1 <= len(methods) <= 4 or len(set(methods)) != len(methods)
                or any(m not in METHODS for m in methods)):
            raise ValueError(f"{n}: methods must be a list of distinct names from {list(METHODS)}, not {methods!r}")
        self.methods = methods
        lo, hi, step = self._triple(config.pop("lr_range", [0.01, 0.3, 0.01]), "lr_range")
        lr = number(n, "lr", config.pop("lr", lo), lo, hi)
        beta = number(n, "beta", config.pop("beta", 0.0), 0, 0.99)
        start = self._pair(config.pop("start", [-4, 2]), "start")
        view = config.pop("view", [-5, 5, -3, 3])
        if not (isinstance(view, list) and len(view) == 4 and view[0] < view[1] and view[2] < view[3]):
            raise ValueError(f"{n}: view must be [x low, x high, y low, y high], not {view!r}")
        self.steps = whole(n, "steps", config.pop("steps", 60), 1, 500)
        self.tol = number(n, "tol", config.pop("tol", 0.001), 1e-9, 10)
        self.rho = number(n, "rho", config.pop("rho", 0.99), 0, 0.9999)
        self.betas = self._pair(config.pop("betas", [0.9, 0.999]), "betas")
        self.start = start
        self.plot = Plot(view[:2], view[2:], box=(44, 14, 584, 296))
        self.knobs = {"lr": Slider("lr", "step size η", lo, hi, step, lr)}
        if "momentum" in methods:
            self.knobs["beta"] = Slider("beta", "momentum β", 0, 0.99, 0.01, beta, coarse=0.1)
        self.fixed_beta = beta
        super().configure(config)

    def _triple(self, value, key):
        ok = (isinstance(value, list) and len(value) == 3
              and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)
              and 0 < value[0] < value[1] and value[2] > 0)
        if not ok:
            raise ValueError(f"{self.name}: {key} must be [low, high, step] with 0 < low < high, not {value!r}")
        return value

    def _pair(self, value, key):
        if not (isinstance(value, list) and len(value) == 2
                and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
            raise ValueError(f"{self.name}: {key} must be a pair of numbers, not {value!r}")
        return tuple(value)

    def f(self, x, y):
        return self.a * x * x + self.b * y * y

    @property
    def beta(self):
        return self.knobs["beta"].value if "beta" in self.knobs else self.fixed_beta

    def paths(self):
        lr = self.knobs["lr"].value
        return {m: run(m, self.a, self.b, self.start, lr, self.steps, self.beta, self.rho, self.betas)
                for m in self.methods}

    def values(self):
        out = {"lr": self.knobs["lr"].value}
        if "beta" in self.knobs:
            out["beta"] = self.beta
        for m, pts in self.paths().items():
            fs = [self.f(x, y) for x, y in pts]
            reached = next((k for k, v in enumerate(fs) if v < self.tol), -1)
            out[f"{m}_steps"] = reached
            out[f"{m}_final"] = fs[-1] if len(pts) == self.steps + 1 else math.inf
        return out

    def shapes(self):
        p = self.plot
        out = p.frame("x", "y", edges=True)   # tick labels on the edges, clear of paths along y = 0
        f0 = max(self.f(*self.start), 1e-6)
        for k in range(7):       # contours: each level a quarter of the one outside it
            c = f0 * 4.0 ** (-k)
            rx, ry = math.sqrt(c / self.a), math.sqrt(c / self.b)
            ring = [(rx * math.cos(2 * math.pi * i / 120), ry * math.sin(2 * math.pi * i / 120)) for i in range(121)]
            out.append(p.polyline(ring, "grid"))
        for (m, pts), cls in zip(self.paths().items(), COLOURS):
            out.append(p.polyline(pts, cls))
            out += [p.point(x, y, cls, r=2.5) for x, y in pts[1:] if p.inside(x, y)]
        out.append(p.point(*self.start, "muted", r=5))
        out.append(p.point(0, 0, "good", r=4))
        out += p.legend([(NAMES[m], cls) for m, cls in zip(self.methods, COLOURS)], corner="bottom-right")
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "η", "value": num(v["lr"], 3)}]
        if "beta" in v:
            out.append({"label": "β", "value": num(v["beta"])})
        for m in self.methods:
            n, fin = v[f"{m}_steps"], v[f"{m}_final"]
            if n >= 0:
                where = str(n)
            elif not math.isfinite(fin) or fin > 1e6:
                where = "never: it diverges"
            else:
                where = f"not within {self.steps} (f = {sci(fin)} there)"
            out.append({"label": f"{NAMES[m]}: steps to f < {num(self.tol, 9)}", "value": where})
        return out

    def controls(self):
        return [k.control() for k in self.knobs.values()]
