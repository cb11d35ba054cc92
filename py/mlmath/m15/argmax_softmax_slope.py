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

from ..numeric import argmax, dot, softmax
from ..show import MINUS, fixed, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number, whole
from ..widgets.controls import Button, Slider
from ..widgets.plane import Plane
from ..widgets.plot import Plot
from .lookup import entries


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
    q, dq = (r * math.cos(t), r * math.sin(t)), (-r * math.sin(t), r * math.cos(t))
    s = [dot(q, k) for k in keys]
    w = softmax(s)
    y = dot(w, vals)
    dy = sum(a * (v - y) * dot(dq, k) for a, v, k in zip(w, vals, keys))
    return y, dy, vals[argmax(s)], w


@register
class ArgmaxSoftmaxSlope(Widget):
    name = "argmax_softmax_slope"
    width, height = 640, 300

    def configure(self, config):
        n = self.name
        self.keys, self.vals, self.names = entries(n, config)
        if len(set(self.vals)) < 2:
            raise ValueError(f"{n}: values must not all be equal")
        theta = wrap(number(n, "theta", config.pop("theta", 20)))
        r = number(n, "radius", config.pop("radius", 1.0), 0.25, 4.0)
        self.target = number(n, "target", config.pop("target", 4))
        if not min(self.vals) < self.target < max(self.vals):
            raise ValueError(f"{n}: target must lie between the smallest and largest value")
        self.lr = number(n, "lr", config.pop("lr", 0.05), 0, 1)
        if self.lr == 0:
            raise ValueError(f"{n}: lr must be in (0, 1]")
        self.slider = flag(n, "slider", config.pop("slider", True))
        super().configure(config)
        self.knobs = {"theta": Slider("theta", "angle θ", -180, 180, 1, theta, coarse=15),
                      "r": Slider("r", "query length r", 0.25, 4.0, 0.25, r),
                      "hard": Button("hard", "Gradient step through argmax", lambda: self.step("hard")),
                      "soft": Button("soft", "Gradient step through softmax", lambda: self.step("soft"))}
        self.knobs["theta"].value = theta       # a gradient step leaves θ between whole degrees
        self.trail = None                        # (steps, θ, r, message) after the last button press
        lo, hi = min(self.vals) - 0.5, max(self.vals) + 0.5
        self.plot = Plot((-180, 180), (lo, hi), (208, 26, 626, 246))
        self.compass = Plane(max(4.0, max(math.hypot(*k) for k in self.keys)), (16, 70, 160, 214))

    # The numbers ----------------------------------------------------------------------------
    @property
    def theta(self):
        return self.knobs["theta"].value

    @property
    def r(self):
        return self.knobs["r"].value

    def at(self, theta=None):
        return lookup(self.theta if theta is None else theta, self.r, self.keys, self.vals)

    def slope_per_degree(self):
        return self.at()[1] * math.pi / 180

    def _trail(self):
        """The last press, if θ and r are still where it left them: moving either by hand
        starts the count of steps in a row again."""
        t = self.trail
        return t if t and (t[1], t[2]) == (self.theta, self.r) else (0, self.theta, self.r, "")

    def step(self, through):
        """One gradient-descent step on L = ½ (y − target)², through 'soft' or 'hard'. Returns the move in degrees."""
        steps = self._trail()[0]
        if through == "hard":                           # the staircase is flat: dy/dθ = 0
            self.trail = (steps, self.theta, self.r, f"argmax step: the slope is 0, so θ moved {num(0, 1)}\u00b0")
            return 0.0
        y, dy, _, _ = self.at()
        move = math.degrees(-self.lr * (y - self.target) * dy)     # dL/dθ, θ in radians
        self.knobs["theta"].value = wrap(self.theta + move)
        sign = "+" if move >= 0 else MINUS
        self.trail = (steps + 1, self.theta, self.r, f"softmax step {steps + 1}: θ moved {sign}{abs(move):.1f}\u00b0")
        return move

    def values(self):
        y, _, hard, _ = self.at()
        return {"theta": self.theta, "r": self.r, "soft": y, "hard": hard, "slope": self.slope_per_degree(),
                "target": self.target, "steps": self._trail()[0]}

    def set_values(self, values):
        """theta with steps restores a state (the angle, and how many steps led to it);
        steps alone takes that many softmax steps from where θ is."""
        values = dict(values)
        theta, steps = values.pop("theta", None), whole(self.name, "steps", values.pop("steps", 0), 0, 200)
        computed = {k: values.pop(k) for k in list(values) if k != "r"}
        super().set_values(values)
        if theta is not None:
            self.knobs["theta"].value = wrap(number(self.name, "theta", theta))
            self.trail = (steps, self.theta, self.r, "") if steps else None
        else:
            for _ in range(steps):
                self.step("soft")
        super().set_values(computed)

    # Events: both handles turn θ -------------------------------------------------------------
    def handle(self, event):
        if event.get("type") == "key" and event.get("handle") == "q":
            event = {**event, "handle": "theta"}
        super().handle(event)

    def drag(self, handle, x, y):
        if handle == "theta":
            self.knobs["theta"].set(self.plot.x.value(x))
        elif handle == "q":
            cx, cy = self.compass.at(0, 0)
            if math.hypot(x - cx, y - cy) > 1e-6:
                self.knobs["theta"].set(math.degrees(math.atan2(cy - y, x - cx)))

    # Drawing --------------------------------------------------------------------------------
    def _staircase(self):
        """The argmax output as flat steps (angle from, angle to, value), each jump found by bisection."""
        def hard(d):
            return lookup(d, self.r, self.keys, self.vals)[2]

        pieces, start, value = [], -180.0, hard(-180.0)
        grid = [-180 + 2 * i for i in range(181)]
        for a, b in zip(grid, grid[1:]):
            if hard(b) != value:
                lo, hi = float(a), float(b)
                for _ in range(20):
                    mid = (lo + hi) / 2
                    lo, hi = (mid, hi) if hard(mid) == value else (lo, mid)
                pieces.append((start, hi, value))
                start, value = hi, hard(b)
        pieces.append((start, 180.0, value))
        return pieces

    def shapes(self):
        p = self.plot
        left, top, right, bottom = p.box
        out = self._compass()
        out += p.frame(xticks=[], yticks=sorted(set(self.vals)), edges=True)
        out += [S.text(p.x(d), bottom + 18, f"{num(d, 0)}\u00b0", "small muted") for d in (-180, -90, 0, 90, 180)]
        out.append(S.text(right, bottom + 34, "angle θ of the query", "small muted", "end"))
        out.append(S.line(left, p.y(self.target), right, p.y(self.target), "muted"))
        out.append(S.text(left - 5, p.y(self.target) + 4, f"target {num(self.target)}", "small", "end"))
        out.append(S.path([[p.at(a, v), p.at(b, v)] for a, b, v in self._staircase()], "accent2 bracket"))
        out.append(p.curve(lambda d: self.at(d)[0], samples=144))
        # the current angle, both outputs, and their slopes drawn as short lines
        y, dy, hard, _ = self.at()
        span, k = 24.0, dy * math.pi / 180                 # degrees either side; slope per degree
        t = self.theta
        out += [S.line(p.x(t), top, p.x(t), bottom, "grid"), p.segment(t - span, hard, t + span, hard, "accent2"),
                p.segment(t - span, y - k * span, t + span, y + k * span), p.point(t, hard, "accent2", 5),
                p.point(t, y, "accent", 5),
                S.handle(S.circle(p.x(t), bottom, 8), "theta",
                         "angle θ of the query: drag along the axis, or use the arrow keys", self._spoken()),
                S.text(left + 6, 14, "\u2014 argmax lookup", "small accent2", "start"),
                S.text(left + 110, 14, "\u2014 softmax lookup", "small accent", "start"),
                S.text(right, 14, "short lines: the slope at θ", "small muted", "end")]
        return out

    def _compass(self):
        c = self.compass
        left, top, right, bottom = c.box
        (cx, cy), unit = c.at(0, 0), c.x(1) - c.x(0)
        out = [S.text(cx, 14, f"q = r(cos θ, sin θ), r = {num(self.r)}", "small muted"),
               S.line(left, cy, right, cy, "grid"), S.line(cx, top, cx, bottom, "grid"),
               S.circle(cx, cy, round(self.r * unit, 1), "muted nofill")]
        for k, n, v in zip(self.keys, self.names, self.vals):
            kx, ky = c.at(*k)
            d = math.hypot(*k) or 1
            out += [S.line(cx, cy, kx, ky, "muted"),
                    S.text(kx + 13 * k[0] / d, ky - 13 * k[1] / d + 4, f"{n}\u2192{num(v)}", "small")]
        t = math.radians(self.theta)
        qx, qy = c.at(self.r * math.cos(t), self.r * math.sin(t))
        out.append(S.line(cx, cy, qx, qy, "axis"))
        out.append(S.handle(S.circle(qx, qy, 7), "q", "query q: drag it around the circle to turn it", self._spoken()))
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
        if self._trail()[3]:
            out.append({"label": "", "value": self._trail()[3]})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in (("r", "hard", "soft") if self.slider else ("hard", "soft"))]

    def __repr__(self):
        return f"<argmax_softmax_slope θ = {num(self.theta, 1)}°, r = {num(self.r)}>"
