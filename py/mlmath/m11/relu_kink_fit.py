"""A one-hidden-layer ReLU network on one input, drawn as what it is: a broken line. Each
knot is a handle (drag it; arrow keys move it left/right and up/down); the network is
f(x) = y₀ + Σᵢ aᵢ·relu(x − xᵢ), one hidden ReLU unit per knot except the last, with kink
xᵢ and output weight aᵢ = the change of slope there. The learner bends it to fit a target
curve; the largest gap between the two is the readout to drive down.

    ```widget relu_kink_fit
    id = "fit"
    target = "sin"       # sin on [0, 2π], or "bump": e^(−x²) on [−3, 3]
    knots = 7            # 3 to 9 knots, equally spaced at the start, all at height 0
    goal = { text = "...", check = "max_error < 0.15", solution = { y1 = 0.87, y2 = 0.87, ... } }
    ```

values(): x0 .. x(K−1) and y0 .. y(K−1) (the knots; the two end knots' x is fixed), units (K − 1),
max_error (largest |f − target| over the interval).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot

TARGETS = {"sin": (math.sin, 0.0, 2 * math.pi, (-1.5, 1.5), "sin x"),
           "bump": (lambda x: math.exp(-x * x), -3.0, 3.0, (-0.5, 1.5), "e^(−x²)")}
GAP = 0.05     # the least distance between neighbouring knots


def relu_terms(xs, ys):
    """The network's weights for the broken line through (xs, ys): y₀ and [(aᵢ, xᵢ)]."""
    slopes = [(ys[i + 1] - ys[i]) / (xs[i + 1] - xs[i]) for i in range(len(xs) - 1)]
    return ys[0], [(slopes[0] if i == 0 else slopes[i] - slopes[i - 1], xs[i]) for i in range(len(slopes))]


def relu_net(c, terms, x):
    return c + sum(a * max(0.0, x - k) for a, k in terms)


@register
class ReluKinkFit(Widget):
    name = "relu_kink_fit"
    width, height = 640, 320

    def configure(self, config):
        n = self.name
        self.f, self.lo, self.hi, yr, self.label = TARGETS[one_of(n, "target", config.pop("target", "sin"), TARGETS)]
        self.k = whole(n, "knots", config.pop("knots", 7), 3, 9)
        super().configure(config)
        self.plot = Plot((self.lo, self.hi), yr, box=(48, 12, 430, 276))
        ylo, yhi = yr
        for i in range(self.k):
            x = self.lo + (self.hi - self.lo) * i / (self.k - 1)
            if 0 < i < self.k - 1:
                self.knobs[f"x{i}"] = Slider(f"x{i}", f"knot {i} position", self.lo, self.hi, 0.01, x)
            self.knobs[f"y{i}"] = Slider(f"y{i}", f"knot {i} height", ylo, yhi, 0.01, 0.0)

    def knots(self):
        xs = [self.lo] + [self.knobs[f"x{i}"].value for i in range(1, self.k - 1)] + [self.hi]
        return xs, [self.knobs[f"y{i}"].value for i in range(self.k)]

    def _order(self):
        """Keep the inner knots in order, at least GAP apart (after a drag, a key or set_values)."""
        for i in range(1, self.k - 1):
            lo = (self.lo if i == 1 else self.knobs[f"x{i - 1}"].value) + GAP
            hi = self.hi - GAP * (self.k - 1 - i)
            knob = self.knobs[f"x{i}"]
            knob.value = round(min(max(knob.value, lo), hi), 12)

    def network(self):
        return relu_terms(*self.knots())

    def values(self):
        xs, ys = self.knots()
        c, terms = relu_terms(xs, ys)
        n = 600
        grid = [self.lo + (self.hi - self.lo) * j / n for j in range(n + 1)] + xs
        err = max(abs(relu_net(c, terms, x) - self.f(x)) for x in grid)
        out = {f"x{i}": xs[i] for i in range(1, self.k - 1)}
        out.update({f"y{i}": ys[i] for i in range(self.k)})
        out.update(units=self.k - 1, max_error=err)
        return out

    def set_values(self, values):
        super().set_values({k: v for k, v in values.items() if k not in ("units", "max_error")})
        self._order()
        rest = {k: v for k, v in values.items() if k in ("units", "max_error")}
        if rest:
            super().set_values(rest)

    def drag(self, handle, x, y):
        if isinstance(handle, str) and handle.startswith("k") and handle[1:].isdigit() and int(handle[1:]) < self.k:
            i = int(handle[1:])
            if 0 < i < self.k - 1:
                self.knobs[f"x{i}"].set(self.plot.x.value(x))
            self.knobs[f"y{i}"].set(self.plot.y.value(y))
            self._order()

    def handle(self, event):
        h = event.get("handle")
        if event.get("type") == "key" and isinstance(h, str) and h.startswith("k") and h[1:].isdigit():
            i, key = int(h[1:]), event.get("key")
            if i >= self.k:
                return
            vertical = key in ("ArrowUp", "ArrowDown", "PageUp", "PageDown")
            if vertical or not 0 < i < self.k - 1:
                if key in ("Home", "End") and not vertical and not 0 < i < self.k - 1:
                    return
                self.knobs[f"y{i}"].key(key)
            else:
                self.knobs[f"x{i}"].key(key)
                self._order()
            return
        super().handle(event)

    def shapes(self):
        p = self.plot
        xs, ys = self.knots()
        c, terms = relu_terms(xs, ys)
        out = [p.handle(f"k{i}", xs[i], ys[i], f"knot {i}", f"({num(xs[i])}, {num(ys[i])})", "accent2", r=7)
               for i in range(self.k)]
        out += p.frame("x", "", xticks=6, yticks=5, edges=True)    # tick labels on the edges, clear of the knots
        out.append(S.line(p.box[0], p.y(0), p.box[2], p.y(0), "muted"))
        out.append(p.shade(self.f, self.lo, self.hi, lambda x: relu_net(c, terms, x), "bad", 0.15))
        out.append(p.curve(self.f, "muted"))
        out.append(p.polyline(list(zip(xs, ys)), "accent2"))
        out += p.legend([(f"target {self.label}", "muted"), ("the ReLU network", "accent2")], corner="bottom-left")
        left = 446
        out.append(S.text(left, 24, "f(x) = y₀ + Σ aᵢ relu(x − xᵢ)", "small", "start"))
        out.append(S.text(left, 44, f"y₀ = {num(c)}", "small", "start"))
        for i, (a, k) in enumerate(terms):
            out.append(S.text(left, 66 + 20 * i, f"unit {i + 1}: kink {num(k)}, weight {num(a)}", "small", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "hidden ReLU units", "value": str(v["units"])},
                {"label": "largest gap to the target", "value": num(v["max_error"], 3)}]
