"""Backpropagation through time on a scalar RNN, one time step per click, with the shared
weight's gradient drawn as one bar per step and a waterfall that adds the bars up.

The RNN is the scalar cell of lesson m14-l05,

    h_t = tanh(w_x x_t + w_h h_{t-1} + b),   h_0 = 0,   L = (h_T - y)^2 / 2,

unrolled over the inputs x_1..x_T. Each press of "Step back in time" handles one step,
latest first: it computes delta_t = dL/dh_t (seeded with h_T - y at the last step) and
that step's share of dL/dw_h,

    c_t = delta_t * (1 - h_t^2) * h_{t-1},       delta_{t-1} = delta_t * (1 - h_t^2) * w_h.

The shares are drawn under their steps; the column on the right stacks them end to end
(a waterfall), and where it ends is dL/dw_h. A slider (or the keys) moves w_h; everything
is recomputed at once, and a finite difference of L checks the total.

    ```widget bptt_shares
    id = "bptt"
    xs = [1, -1, 1, -1, 1]      # 2 to 6 inputs
    y = 0.2                     # the target for h_T
    w_x = 1.0
    b = 0.0
    w_h = 0.3                   # the starting recurrent weight
    range = [-1.5, 1.5]         # the slider's range for w_h; step 0.01
    walked = 0                  # how many steps are already walked back at the start
    goal = { text = "...", check = "done == 1 and abs(grad) < 0.005", solution = { walked = 5, w_h = 0.83 } }
    ```

A cell can hand it the learner's own shares: `widget("bptt").use(fn)`, where
`fn(xs, y, w_x, w_h, b)` returns the list [c_1, ..., c_T]; the widget outlines the
learner's bars over its own and says whether they agree.

values() for goals: w_h, walked (steps walked back), done (1 when all T are), grad (the
sum of the shares walked so far), loss, fd (the finite-difference slope of L at w_h).
"""

import math

from ..widgets import register
from ..show import MINUS, fixed, sub
from ..widgets import shapes as S
from ..widgets.base import Widget, number, whole
from ..widgets.controls import Button, Slider
from ..widgets.plot import Plot

W_H = "w\u2095"
STEP = 0.01
FD_H = 1e-5

CHAIN_Y = 62            # centre line of the h boxes
BOX_W, BOX_H = 52, 40
X_Y = 128               # centre of the x boxes
BAR_TOP, BAR_BOT = 180, 330
SUM_X = 548             # centre of the waterfall column


def fmt(v, places=3):
    return fixed(v, places)


def fmt_small(v):
    """Three decimals, or more for a small number, so 0.00038 doesn't read as 0.000."""
    if v == 0 or abs(v) >= 0.01:
        return fmt(v)
    return fmt(v, min(max(3, 1 - math.floor(math.log10(abs(v)))), 7))


def _finite(v, what):
    return float(number("bptt_shares", what, v))


def forward(xs, w_x, w_h, b):
    """h_0 = 0, then h_t = tanh(w_x x_t + w_h h_{t-1} + b): the list [h_0, ..., h_T]."""
    hs = [0.0]
    for x in xs:
        hs.append(math.tanh(w_x * x + w_h * hs[-1] + b))
    return hs


def loss(xs, y, w_x, w_h, b):
    return 0.5 * (forward(xs, w_x, w_h, b)[-1] - y) ** 2


def backward(xs, y, w_x, w_h, b):
    """(hs, deltas, shares): deltas[t] = dL/dh_t for t = 0..T, shares[t-1] = c_t for t = 1..T."""
    hs = forward(xs, w_x, w_h, b)
    T = len(xs)
    deltas = [0.0] * (T + 1)
    shares = [0.0] * T
    d = hs[T] - y
    deltas[T] = d
    for t in range(T, 0, -1):
        da = d * (1 - hs[t] ** 2)           # dL/d(pre-activation at step t)
        shares[t - 1] = da * hs[t - 1]       # this step's use of w_h multiplied h_{t-1}
        d = da * w_h                         # passed back to h_{t-1}
        deltas[t - 1] = d
    return hs, deltas, shares


def nice_scale(m):
    for s in (0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0):
        if m <= s:
            return s
    return 10.0


@register
class BpttShares(Widget):
    name = "bptt_shares"
    width, height = 640, 350

    def configure(self, config):
        xs = config.pop("xs", [1, -1, 1, -1, 1])
        if not isinstance(xs, list) or not 2 <= len(xs) <= 6:
            raise ValueError("bptt_shares: xs must be a list of 2 to 6 numbers")
        self.xs = [_finite(x, "each x") for x in xs]
        self.T = len(self.xs)
        self.y = _finite(config.pop("y", 0.2), "y")
        self.w_x = _finite(config.pop("w_x", 1.0), "w_x")
        self.b = _finite(config.pop("b", 0.0), "b")
        rng = config.pop("range", [-1.5, 1.5])
        if not isinstance(rng, list) or len(rng) != 2:
            raise ValueError("bptt_shares: range must be [low, high]")
        lo, hi = (_finite(v, "range") for v in rng)
        if not lo < hi:
            raise ValueError("bptt_shares: range's low end must be less than its high end")
        w_h = _finite(config.pop("w_h", 0.3), "w_h")
        if not lo <= w_h <= hi:
            raise ValueError(f"bptt_shares: w_h = {w_h} is outside range [{lo}, {hi}]")
        walked = whole(self.name, "walked", config.pop("walked", 0), 0, self.T)
        super().configure(config)
        self.knobs = {"w_h": Slider("w_h", W_H, lo, hi, STEP, w_h, fmt=lambda v: fixed(v, 2)),
                      # walked has no control of its own: the buttons move it, a goal's solution sets it
                      "walked": Slider("walked", "walked", 0, self.T, 1, walked),
                      "step": Button("step", "Step back in time", self._step),
                      "reset": Button("reset", "Reset", self._reset)}
        self.selected = None          # a time step 1..T picked for its explanation
        self.learner = None
        self.learner_name = ""

    # State ----------------------------------------------------------------------------
    @property
    def w_h(self):
        return self.knobs["w_h"].value

    @property
    def walked(self):
        return self.knobs["walked"].value

    def _step(self):
        if self.walked < self.T:
            self.knobs["walked"].value += 1
            self.selected = self.T - self.walked + 1

    def _reset(self):
        self.knobs["walked"].value = 0
        self.selected = None

    def numbers(self):
        return backward(self.xs, self.y, self.w_x, self.w_h, self.b)

    def fd(self):
        up = loss(self.xs, self.y, self.w_x, self.w_h + FD_H, self.b)
        down = loss(self.xs, self.y, self.w_x, self.w_h - FD_H, self.b)
        return (up - down) / (2 * FD_H)

    def walked_steps(self):
        """The time steps already handled, latest first: T, T-1, ..."""
        return list(range(self.T, self.T - self.walked, -1))

    def values(self):
        hs, deltas, shares = self.numbers()
        grad = sum(shares[t - 1] for t in self.walked_steps())
        return {**super().values(), "done": int(self.walked == self.T),
                "grad": grad, "loss": 0.5 * (hs[-1] - self.y) ** 2, "fd": self.fd()}

    def use(self, fn, name=None):
        """Draw the learner's shares, fn(xs, y, w_x, w_h, b) -> [c_1..c_T], over the widget's own."""
        if fn is not None and not callable(fn):
            raise TypeError("use(fn) needs a function fn(xs, y, w_x, w_h, b) that returns the list of shares")
        self.learner = fn
        self.learner_name = name or getattr(fn, "__name__", "your function")

    def learner_shares(self):
        """(list of floats, None) or (None, what went wrong)."""
        if self.learner is None:
            return None, None
        try:
            got = self.learner(list(self.xs), self.y, self.w_x, self.w_h, self.b)
            got = [float(v) for v in got]
        except Exception as exc:  # noqa: BLE001 - a learner's function may break; say so
            return None, f"raised {type(exc).__name__}: {exc}"
        if len(got) != self.T:
            return None, f"returned {len(got)} shares; there are {self.T} steps"
        return got, None

    def handle(self, event):
        """The boxes h_1..h_T are handles that pick a step to explain; everything else is a knob's."""
        kind, handle = event.get("type"), str(event.get("handle", ""))
        if kind in ("drag", "key") and handle[:1] == "t" and handle[1:].isdigit():
            t = int(handle[1:])
            if not 1 <= t <= self.T:
                return
            key = event.get("key")
            if kind == "key" and key in ("ArrowLeft", "ArrowRight"):
                t += 1 if key == "ArrowRight" else -1
            elif kind == "key" and key not in ("Enter", " "):
                return
            self.selected = min(max(t, 1), self.T)
        else:
            super().handle(event)

    # Geometry -------------------------------------------------------------------------
    def col(self, t):
        """Centre x of time step t (0..T)."""
        return 36 + t * (456 - 36) / self.T

    # The scene --------------------------------------------------------------------------
    def shapes(self):
        hs, deltas, shares = self.numbers()
        T = self.T
        done = set(self.walked_steps())
        out = []
        # The unrolled chain: h_0 -> h_1 -> ... -> h_T -> L, with the same w_h on every arrow.
        for t in range(T + 1):
            cx = self.col(t)
            x0 = cx - BOX_W / 2
            if t >= 1:
                px = self.col(t - 1) + BOX_W / 2
                out += S.arrow(px, CHAIN_Y, x0 - 1, CHAIN_Y, "accent", head=7)
                out.append(S.text((px + x0) / 2 - 2, CHAIN_Y - 7, W_H, "small accent"))
                # the input x_t feeding h_t from below
                out += [S.line(cx, X_Y - 12, cx, CHAIN_Y + BOX_H / 2 + 2, "edge"),
                        S.rect(cx - 24, X_Y - 12, 48, 24, "op", rx=4),
                        S.text(cx, X_Y + 4, f"x{sub(t)}={fmt(self.xs[t - 1], 1)}", "small")]
            box = S.rect(x0, CHAIN_Y - BOX_H / 2, BOX_W, BOX_H, "node selected" if self.selected == t else "node", rx=6)
            if t >= 1:
                box.update(handle=f"t{t}", label=f"time step {t}: h{sub(t)} = {fmt(hs[t])}")
            out += [box, S.text(cx, CHAIN_Y - 4, f"h{sub(t)}", "label"), S.text(cx, CHAIN_Y + 12, fmt(hs[t]), "small")]
            if t >= 1 and self.walked and t >= T - self.walked:     # delta_t is known once step t+1 sent it back
                out += [S.text(cx, CHAIN_Y - BOX_H / 2 - 22, f"\u03b4{sub(t)} =", "small accent2"),
                        S.text(cx, CHAIN_Y - BOX_H / 2 - 8, fmt_small(deltas[t]), "small accent2")]
        # The loss at the end of the chain.
        out += [S.line(self.col(T) + BOX_W / 2, CHAIN_Y, SUM_X - 30, CHAIN_Y, "edge"),
                S.rect(SUM_X - 30, CHAIN_Y - BOX_H / 2, 60, BOX_H, "op", rx=6),
                S.text(SUM_X, CHAIN_Y - 4, "L", "label"),
                S.text(SUM_X, CHAIN_Y + 12, fmt(0.5 * (hs[T] - self.y) ** 2, 4), "small"),
                S.text(SUM_X, CHAIN_Y + BOX_H / 2 + 14, f"y = {fmt(self.y, 2)}", "small muted")]
        # The shares, one bar per step, and the waterfall that adds them up, on one scale.
        learner, _ = self.learner_shares()
        shown = [abs(shares[t - 1]) for t in done] + [abs(sum(shares[t - 1] for t in done))]
        scale = nice_scale(max(shown + [abs(v) for v in learner or []]))
        plot = Plot(x=(0, 1), y=(-scale, scale), box=(14, BAR_TOP, 626, BAR_BOT))
        zero = plot.y(0)

        def span(a, b):
            """The pixel rows from a to b, a bar's top and bottom, at least one unit apart (past the
            scale by 5% at most: a bar that runs off says so by touching the edge)."""
            y1, y2 = sorted(plot.y(max(min(v, 1.05 * scale), -1.05 * scale)) for v in (a, b))
            return y1, max(y2 - y1, 1)

        out += [S.line(14, BAR_TOP, 626, BAR_TOP, "grid"), S.line(14, BAR_BOT, 626, BAR_BOT, "grid"),
                S.line(14, zero, 626, zero, "axis"),
                S.text(16, BAR_TOP - 4, fmt(scale, 2), "small muted", "start"),
                S.text(16, BAR_BOT + 13, fmt(-scale, 2), "small muted", "start"),
                S.text(16, zero - 5, "0", "small muted", "start")]
        for t in range(1, T + 1):
            cx = self.col(t)
            if t in done:
                v = shares[t - 1]
                y, h = span(v, 0)
                out += [S.rect(cx - 13, y, 26, h, "accent" if v >= 0 else "accent2"),
                        S.text(cx, y - 4 if v >= 0 else y + h + 13, fmt(v), "small")]
            else:
                out.append(S.text(cx, zero - 5, "?", "small muted"))
            if learner:
                y, h = span(learner[t - 1], 0)
                out.append(S.rect(cx - 17, y, 34, h, "good nofill"))
            out.append(S.text(cx, BAR_BOT + 13, f"c{sub(t)}", "small"))
        # Waterfall: the walked shares end to end, latest step first.
        run = 0.0
        steps = self.walked_steps()
        width = 44 / max(len(steps), 1)
        for i, t in enumerate(steps):
            v = shares[t - 1]
            y, h = span(run, run + v)
            out.append(S.rect(SUM_X - 22 + i * width, y, width, h, "accent" if v >= 0 else "accent2"))
            run += v
        if steps:
            ty = span(run, run)[0]
            out += [S.line(SUM_X - 28, ty, SUM_X + 30, ty, "zero"), S.text(SUM_X + 34, ty + 4, fmt(run), "small", "start")]
        out.append(S.text(SUM_X, BAR_BOT + 13, "\u03a3 = \u2202L/\u2202" + W_H, "small"))
        return out

    def readouts(self):
        hs, deltas, shares = self.numbers()
        v = self.values()
        out = [{"label": W_H, "value": fmt(self.w_h, 2)},
               {"label": "L", "value": fmt(v["loss"], 4)}]
        steps = self.walked_steps()
        if steps:
            terms = " + ".join(f"c{sub(t)}" for t in steps)
            out.append({"label": "sum so far", "value": f"{terms} = {fmt(v['grad'], 4)}"})
        if self.walked == self.T:
            out.append({"label": "finite difference", "value": f"(L({W_H}+h) {MINUS} L({W_H}{MINUS}h)) / 2h = "
                                                                 f"{fmt(v['fd'], 4)}, h = 10\u207b\u2075"})
        elif self.walked == 0:
            out.append({"label": "", "value": f"Step back in time starts at the loss: \u03b4{sub(self.T)} = "
                                              f"\u2202L/\u2202h{sub(self.T)} = h{sub(self.T)} {MINUS} y."})
        else:
            nxt = self.T - self.walked + 1
            out.append({"label": "", "value": f"Next: step {nxt - 1}, fed by \u03b4{sub(nxt)} through {W_H}."})
        learner, problem = self.learner_shares()
        if self.learner is not None:
            if problem:
                out.append({"label": self.learner_name, "value": f"{problem} \u2717"})
            else:
                bad = [t for t in range(1, self.T + 1) if abs(learner[t - 1] - shares[t - 1]) > 1e-6]
                total = fmt(sum(learner), 4)
                if not bad:
                    out.append({"label": self.learner_name, "value": f"sum {total} \u2713 (green outlines)"})
                else:
                    t = bad[0]
                    out.append({"label": self.learner_name,
                                "value": f"sum {total} \u2717: c{sub(t)} is {fmt(learner[t - 1], 4)}, "
                                         f"should be {fmt(shares[t - 1], 4)}"})
        if self.selected is not None:
            out.append({"label": "", "value": self._explain(self.selected, hs, deltas, shares)})
        else:
            out.append({"label": "", "value": "Click a box h\u2081 to h" + sub(self.T) + " (or Tab to it and press"
                                              " Enter) to see its share worked out."})
        return out

    def _explain(self, t, hs, deltas, shares):
        if t not in self.walked_steps():
            return f"Step {t}: its \u03b4 isn't known yet. Step back in time until you reach it."
        return (f"Step {t}: c{sub(t)} = \u03b4{sub(t)} \u00b7 (1 {MINUS} h{sub(t)}\u00b2) \u00b7 h{sub(t - 1)} = "
                f"{fmt(deltas[t], 4)} \u00b7 {fmt(1 - hs[t] ** 2, 4)} \u00b7 {fmt(hs[t - 1], 4)} = "
                f"{fmt(shares[t - 1], 4)}. It sends \u03b4{sub(t - 1)} = \u03b4{sub(t)} \u00b7 (1 {MINUS} "
                f"h{sub(t)}\u00b2) \u00b7 {W_H} = {fmt(deltas[t - 1], 4)} back to h{sub(t - 1)}.")

    def controls(self):
        self.knobs["step"].disabled = self.walked >= self.T
        self.knobs["reset"].disabled = self.walked == 0
        return [self.knobs[k].control() for k in ("w_h", "step", "reset")]
