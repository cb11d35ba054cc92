"""The lookup's output as the query turns: a staircase under argmax, a smooth curve under softmax.

The dictionary is the one from soft_lookup_plane: 2-D keys with a number as each
value. The query has a fixed length r and turns through an angle θ:

    q(θ) = r (cos θ, sin θ)

The plot shows the output of both lookups for every θ from −180° to 180°. Argmax gives
a staircase: flat steps at the stored values with jumps between them, so its slope is
0 wherever it exists. Softmax gives a smooth curve whose slope is

    dy/dθ = Σᵢ wᵢ (vᵢ − y) (q'(θ) · kᵢ),    q'(θ) = r (−sin θ, cos θ)

Two buttons take one gradient-descent step on L = ½ (y − target)², through argmax or
through softmax:  θ ← θ − lr · (y − target) · dy/dθ  (θ in radians). Through argmax the
step is always 0. A slider sets r: the longer the query, the more the smooth curve
hugs the staircase, and the flatter its steps become.

    ```widget argmax_softmax_slope
    id = "learn"
    theta = 20           # degrees
    radius = 1.0
    target = 4
    lr = 0.05
    ```

Goal checks see theta (degrees), r, soft, hard, slope (softmax, per degree), target,
and steps: how many softmax steps in a row have been taken since θ or r was last set by hand.
"""

import math

from ..widgets import register
from ..numeric import softmax
from ..show import MINUS, fixed, num
from ..widgets.base import Widget, arrow_step, flag, number, whole
from .soft_lookup_plane import argmax

R_MIN, R_MAX, R_STEP = 0.25, 4.0, 0.25


def wrap(deg):
    """An angle in degrees, brought into (−180, 180]."""
    deg = math.fmod(deg, 360.0)
    if deg <= -180:
        deg += 360
    elif deg > 180:
        deg -= 360
    return deg + 0.0


def lookup(theta_deg, r, keys, vals):
    """(soft output, its slope per radian, hard output, softmax weights) at angle theta."""
    t = math.radians(theta_deg)
    q = (r * math.cos(t), r * math.sin(t))
    dq = (-r * math.sin(t), r * math.cos(t))
    s = [q[0] * k[0] + q[1] * k[1] for k in keys]
    w = softmax(s)
    y = sum(a * v for a, v in zip(w, vals))
    dy = sum(a * (v - y) * (dq[0] * k[0] + dq[1] * k[1]) for a, v, k in zip(w, vals, keys))
    return y, dy, vals[argmax(s)], w


@register
class ArgmaxSoftmaxSlope(Widget):
    name = "argmax_softmax_slope"
    width, height = 640, 300
    cx, cy, compass = 88, 142, 72            # the inset showing q turning among the keys
    x0, x1, y0, y1 = 208, 626, 26, 246       # the plot

    def configure(self, config):
        n = self.name
        keys = config.pop("keys", [[2.0, 0.5], [-0.5, 2.0], [-1.5, -1.5]])
        if (not isinstance(keys, list) or not 2 <= len(keys) <= 4
                or not all(isinstance(k, list) and len(k) == 2 for k in keys)):
            raise ValueError("argmax_softmax_slope: keys must be a list of 2 to 4 pairs")
        self.keys = [[float(number(n, "a key entry", v)) for v in k] for k in keys]
        vals = config.pop("values", [8, 2, 5][:len(keys)] + [0] * max(0, len(keys) - 3))
        if not isinstance(vals, list) or len(vals) != len(self.keys):
            raise ValueError("argmax_softmax_slope: values must be a list with one number per key")
        self.vals = [number(n, "each value", v) for v in vals]
        if len(set(self.vals)) < 2:
            raise ValueError("argmax_softmax_slope: values must not all be equal")
        names = config.pop("names", list("ABCD")[:len(self.keys)])
        if not isinstance(names, list) or len(names) != len(self.keys) or not all(isinstance(s, str) for s in names):
            raise ValueError("argmax_softmax_slope: names must be one short name per key")
        self.names = names
        self.theta0 = wrap(number(n, "theta", config.pop("theta", 20)))
        self.r0 = number(n, "radius", config.pop("radius", 1.0), R_MIN, R_MAX)
        self.target = number(n, "target", config.pop("target", 4))
        if not min(self.vals) < self.target < max(self.vals):
            raise ValueError("argmax_softmax_slope: target must lie between the smallest and largest value")
        self.lr = number(n, "lr", config.pop("lr", 0.05), 0, 1)
        if self.lr == 0:
            raise ValueError("argmax_softmax_slope: lr must be in (0, 1]")
        self.slider = flag(n, "slider", config.pop("slider", True))
        super().configure(config)
        self.lo, self.hi = min(self.vals) - 0.5, max(self.vals) + 0.5
        self.reset()

    def reset(self):
        self.theta, self.r = self.theta0, self.r0
        self.steps = 0
        self.last = ""

    # The numbers ----------------------------------------------------------------------------
    def at(self, theta=None):
        return lookup(self.theta if theta is None else theta, self.r, self.keys, self.vals)

    def slope_per_degree(self):
        return self.at()[1] * math.pi / 180

    def step(self, through):
        """One gradient-descent step on L = ½ (y − target)², through 'soft' or 'hard'. Returns the move in degrees."""
        if through == "hard":                           # the staircase is flat: dy/dθ = 0
            self.last = f"argmax step: the slope is 0, so θ moved {num(0, 1)}\u00b0"
            return 0.0
        y, dy, _, _ = self.at()
        grad = (y - self.target) * dy                   # dL/dθ, θ in radians
        move = math.degrees(-self.lr * grad)
        self.theta = wrap(self.theta + move)
        self.steps += 1
        sign = "+" if move >= 0 else MINUS
        self.last = f"softmax step {self.steps}: θ moved {sign}{abs(move):.1f}\u00b0"
        return move

    def values(self):
        y, _, hard, _ = self.at()
        return {"theta": self.theta, "r": self.r, "soft": y, "hard": hard, "slope": self.slope_per_degree(),
                "target": self.target, "steps": self.steps}

    def set_values(self, values):
        values = dict(values)
        unknown = set(values) - {"theta", "r", "steps"}
        if unknown:
            raise KeyError(f"argmax_softmax_slope can set theta, r and steps, not {sorted(unknown)}")
        if "theta" in values:
            self.theta = wrap(number(self.name, "theta", values["theta"]))
            self.steps = 0
        if "r" in values:
            self._set_r(values["r"])
        for _ in range(whole(self.name, "steps", values.get("steps", 0), 0, 200)):
            self.step("soft")

    def _set_r(self, r):
        r = round(min(max(float(number(self.name, "r", r)), R_MIN), R_MAX) / R_STEP) * R_STEP
        if r != self.r:
            self.r = r
            self.steps = 0
            self.last = ""

    # Events ---------------------------------------------------------------------------------
    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            cid = event.get("id")
            if cid == "r":
                self._set_r(event.get("value", self.r))
            elif cid == "hard":
                self.step("hard")
            elif cid == "soft":
                self.step("soft")
            return
        h = event.get("handle")
        if h not in ("theta", "q"):
            return
        if kind == "drag":
            x, y = float(event["x"]), float(event["y"])
            if h == "theta":
                deg = -180 + (min(max(x, self.x0), self.x1) - self.x0) / (self.x1 - self.x0) * 360
            else:
                if math.hypot(x - self.cx, y - self.cy) < 1e-6:
                    return
                deg = math.degrees(math.atan2(self.cy - y, x - self.cx))
            self._set_theta(round(deg))
        elif kind == "key":
            key = event.get("key")
            if key == "Home":
                self._set_theta(0)
            else:
                move = arrow_step(key, fine=1, coarse=15)
                if move:
                    self._set_theta(round(self.theta) + move)

    def _set_theta(self, deg):
        self.theta = wrap(float(deg))
        self.steps = 0
        self.last = ""

    # Drawing --------------------------------------------------------------------------------
    def px(self, deg):
        return round(self.x0 + (deg + 180) / 360 * (self.x1 - self.x0), 1)

    def py(self, y):
        y = min(max(y, self.lo), self.hi)
        return round(self.y1 - (y - self.lo) / (self.hi - self.lo) * (self.y1 - self.y0), 1)

    def _staircase(self):
        """The argmax output as a path of flat steps, with each jump found by bisection."""
        def hard(d):
            return lookup(d, self.r, self.keys, self.vals)[2]

        pieces, start, value = [], -180.0, hard(-180.0)
        grid = [-180 + 2 * i for i in range(181)]
        for a, b in zip(grid, grid[1:]):
            if hard(b) != value:
                lo, hi = float(a), float(b)
                for _ in range(20):
                    mid = (lo + hi) / 2
                    if hard(mid) == value:
                        lo = mid
                    else:
                        hi = mid
                pieces.append((start, hi, value))
                start, value = hi, hard(b)
        pieces.append((start, 180.0, value))
        return pieces

    def shapes(self):
        out = self._compass()
        x0, x1, y0, y1 = self.x0, self.x1, self.y0, self.y1
        out += [{"t": "line", "x1": x0, "y1": y1, "x2": x1, "y2": y1, "cls": "axis"},
                {"t": "line", "x1": x0, "y1": y0, "x2": x0, "y2": y1, "cls": "axis"}]
        for deg in (-180, -90, 0, 90, 180):
            x = self.px(deg)
            out.append({"t": "line", "x1": x, "y1": y1, "x2": x, "y2": y1 + 5, "cls": "tick"})
            out.append({"t": "text", "x": x, "y": y1 + 18, "s": f"{num(deg, 0)}\u00b0", "cls": "small muted"})
        out.append({"t": "text", "x": x1, "y": y1 + 34, "s": "angle θ of the query", "anchor": "end",
                    "cls": "small muted"})
        for v in sorted(set(self.vals)):
            y = self.py(v)
            out.append({"t": "line", "x1": x0, "y1": y, "x2": x1, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": x0 - 5, "y": y + 4, "s": num(v), "anchor": "end", "cls": "small muted"})
        ty = self.py(self.target)
        out.append({"t": "line", "x1": x0, "y1": ty, "x2": x1, "y2": ty, "cls": "muted"})
        out.append({"t": "text", "x": x0 - 5, "y": ty + 4, "s": f"target {num(self.target)}", "anchor": "end",
                    "cls": "small"})
        d = " ".join(f"M {self.px(a)} {self.py(v)} H {self.px(b)}" for a, b, v in self._staircase())
        out.append({"t": "path", "d": d, "cls": "accent2 bracket"})
        pts = []
        for i in range(145):
            deg = -180 + 2.5 * i
            pts.append(f"{'M' if i == 0 else 'L'} {self.px(deg)} {self.py(self.at(deg)[0])}")
        out.append({"t": "path", "d": " ".join(pts), "cls": "accent"})
        # the current angle, both outputs, and their tangent lines
        y, dy, hard, _ = self.at()
        x = self.px(self.theta)
        out.append({"t": "line", "x1": x, "y1": y0, "x2": x, "y2": y1, "cls": "grid"})
        span = 24.0                                    # degrees either side for the tangent segments
        k = dy * math.pi / 180
        out.append({"t": "line", "x1": self.px(self.theta - span), "y1": self.py(hard),
                    "x2": self.px(self.theta + span), "y2": self.py(hard), "cls": "accent2"})
        out.append({"t": "line", "x1": self.px(self.theta - span), "y1": self.py(y - k * span),
                    "x2": self.px(self.theta + span), "y2": self.py(y + k * span), "cls": "accent"})
        out.append({"t": "circle", "cx": x, "cy": self.py(hard), "r": 5, "cls": "accent2"})
        out.append({"t": "circle", "cx": x, "cy": self.py(y), "r": 5, "cls": "accent"})
        out.append({"t": "circle", "cx": x, "cy": y1, "r": 8, "handle": "theta",
                    "label": "angle θ of the query: drag along the axis, or use the arrow keys",
                    "value": self._spoken()})
        # legend
        out.append({"t": "text", "x": x0 + 6, "y": 14, "s": "\u2014 argmax lookup", "anchor": "start",
                    "cls": "small accent2"})
        out.append({"t": "text", "x": x0 + 110, "y": 14, "s": "\u2014 softmax lookup", "anchor": "start",
                    "cls": "small accent"})
        out.append({"t": "text", "x": x1, "y": 14, "s": "short lines: the slope at θ", "anchor": "end",
                    "cls": "small muted"})
        return out

    def _compass(self):
        cx, cy, R = self.cx, self.cy, self.compass
        unit = R / max(R_MAX, max(math.hypot(*k) for k in self.keys))
        out = [{"t": "text", "x": cx, "y": 14, "s": f"q = r(cos θ, sin θ), r = {num(self.r)}", "cls": "small muted"},
               {"t": "line", "x1": cx - R, "y1": cy, "x2": cx + R, "y2": cy, "cls": "grid"},
               {"t": "line", "x1": cx, "y1": cy - R, "x2": cx, "y2": cy + R, "cls": "grid"},
               {"t": "circle", "cx": cx, "cy": cy, "r": round(self.r * unit, 1), "cls": "muted nofill"}]
        for k, n, v in zip(self.keys, self.names, self.vals):
            kx, ky = round(cx + k[0] * unit, 1), round(cy - k[1] * unit, 1)
            out.append({"t": "line", "x1": cx, "y1": cy, "x2": kx, "y2": ky, "cls": "muted"})
            d = math.hypot(*k) or 1
            out.append({"t": "text", "x": round(kx + 13 * k[0] / d, 1), "y": round(ky - 13 * k[1] / d + 4, 1),
                        "s": f"{n}\u2192{num(v)}", "cls": "small"})
        t = math.radians(self.theta)
        qx, qy = round(cx + self.r * unit * math.cos(t), 1), round(cy - self.r * unit * math.sin(t), 1)
        out.append({"t": "line", "x1": cx, "y1": cy, "x2": qx, "y2": qy, "cls": "axis"})
        out.append({"t": "circle", "cx": qx, "cy": qy, "r": 7, "handle": "q",
                    "label": "query q: drag it around the circle to turn it", "value": self._spoken()})
        return out

    def _spoken(self):
        y, _, hard, _ = self.at()
        return (f"θ = {num(self.theta, 1)} degrees; argmax output {num(hard)}, slope 0; "
                f"softmax output {fixed(y)}, slope {fixed(self.slope_per_degree(), 3)} per degree")

    def readouts(self):
        y, _, hard, _ = self.at()
        out = [{"label": "θ", "value": f"{num(self.theta, 1)}\u00b0"},
               {"label": "argmax output", "value": f"{num(hard)} (slope 0)"},
               {"label": "softmax output", "value": f"{fixed(y)} (slope {fixed(self.slope_per_degree(), 3)} per degree)"},
               {"label": "softmax loss \u00bd(y \u2212 target)\u00b2", "value": fixed(0.5 * (y - self.target) ** 2, 3)}]
        if self.last:
            out.append({"label": "", "value": self.last})
        return out

    def controls(self):
        out = []
        if self.slider:
            out.append({"kind": "range", "id": "r", "label": "query length r", "min": R_MIN, "max": R_MAX,
                        "step": R_STEP, "value": self.r, "display": num(self.r)})
        out += [{"kind": "button", "id": "hard", "label": "Gradient step through argmax"},
                {"kind": "button", "id": "soft", "label": "Gradient step through softmax"}]
        return out

    def __repr__(self):
        return f"<argmax_softmax_slope θ = {num(self.theta, 1)}°, r = {num(self.r)}>"
