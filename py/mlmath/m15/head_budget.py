"""One attention layer's budget as the model width d is split into more, narrower heads.

Drag the end of head 0 along the bar of d channels (or focus it and use the arrow keys)
to choose the head width d_k; every head gets the same width, so there are H = d / d_k
of them. The slider sets the sequence length T. The picture shows the four weight
matrices cut into per-head blocks (columns of W_Q, W_K, W_V; rows of W_O) and one T x T
score matrix per head. The readouts count, for this layout and for one head of width d:

    parameters    H * 3 * d * d_k + d * d              = 4 d^2       (whatever H is)
    projections   4 * T * d * d multiplications                      (whatever H is)
    scores QK^T   H * T^2 * d_k = T^2 * d multiplications            (whatever H is)
    sums AV       H * T^2 * d_k = T^2 * d multiplications            (whatever H is)
    score entries H * T^2    the one count that grows with H

(Full T x T products, as a plain matrix multiply computes them; biases left out.)

    ```widget head_budget
    id = "budget"
    d = 64            # model width: 16, 32, 64 or 128
    d_k = 64          # starting head width, a divisor of d with d / d_k <= 16
    T = 16            # sequence length, 8 to 64 in steps of 8
    goal = { text = "...", check = "H == 4 and T == 64", solution = { d_k = 16, T = 64 } }
    ```

values() for goals: d, d_k, H, T, params, mults (all four kinds), scores (score entries),
and params_one, mults_one, scores_one for one head of width d.
"""

from ..show import commas
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice, Slider
from .heads import divisors, head_fill

BAR_X, BAR_W, BAR_Y = 40, 520, 44
MAX_HEADS = 16
SHADES = (0.45, 0.25)            # opacity of even and odd heads' blocks
T_MIN, T_MAX, T_STEP = 8, 64, 8
TIMES = "\u00d7"


def widths(d):
    """The head widths allowed for model width d: divisors with at most 16 heads."""
    return [k for k in divisors(d) if d // k <= MAX_HEADS]


def budget(d, d_k, T):
    """(parameters, projection mults, score mults, weighted-sum mults, score entries) for H = d / d_k heads."""
    H = d // d_k
    params = H * 3 * d * d_k + d * d       # each head's W_Q, W_K, W_V column blocks, then W_O
    per_head = T * T * d_k                 # QK^T and AV alike: T^2 dot products of width d_k
    return params, 4 * T * d * d, H * per_head, H * per_head, H * T * T


@register
class HeadBudget(Widget):
    name = "head_budget"
    width, height = 600, 456

    def configure(self, config):
        d = one_of(self.name, "d", config.pop("d", 64), (16, 32, 64, 128))
        d_k = one_of(self.name, "d_k", config.pop("d_k", d), widths(d))
        T = one_of(self.name, "T", config.pop("T", 16), range(T_MIN, T_MAX + 1, T_STEP))
        super().configure(config)
        self.d = d
        self.knobs = {"d_k": Choice("d_k", "head width", widths(d), d_k),
                      "T": Slider("T", "sequence length T", T_MIN, T_MAX, T_STEP, T)}

    @property
    def d_k(self):
        return self.knobs["d_k"].value

    @property
    def T(self):
        return self.knobs["T"].value

    @property
    def H(self):
        return self.d // self.d_k

    def values(self):
        params, proj, qk, av, scores = budget(self.d, self.d_k, self.T)
        p1, j1, q1, a1, s1 = budget(self.d, self.d, self.T)
        return {"d": self.d, "d_k": self.d_k, "H": self.H, "T": self.T,
                "params": params, "mults": proj + qk + av, "scores": scores,
                "params_one": p1, "mults_one": j1 + q1 + a1, "scores_one": s1}

    def set_values(self, values):
        if "d_k" in values:        # a number that is no d_k would be read as a position on the slider
            one_of(self.name, "d_k", values["d_k"], self.knobs["d_k"].options)
        super().set_values(values)

    # Events: the edge of head 0 is the head-width knob ------------------------------------------
    def x_of(self, channels):
        return BAR_X + channels * BAR_W / self.d

    def handle(self, event):
        if event.get("handle") == "edge" and event.get("type") == "key":
            event = {**event, "handle": "d_k"}
        super().handle(event)

    def drag(self, handle, x, y):
        if handle == "edge":
            self.knobs["d_k"].assign(min(widths(self.d), key=lambda k: abs(self.x_of(k) - x)))

    def __repr__(self):
        return f"<head_budget d = {self.d}: {self.H} head(s) of {self.d_k}, T = {self.T}>"

    # The scene --------------------------------------------------------------------------------
    def shapes(self):
        d, dk, H, T = self.d, self.d_k, self.H, self.T
        # The handle comes first, at a fixed index, so it keeps keyboard focus while the number of
        # shapes after it changes with H. It hangs below the bar, where nothing is drawn over it.
        xe = self.x_of(dk)
        out = [S.line(xe, BAR_Y, xe, BAR_Y + 34, "accent3"),
               S.handle(S.circle(xe, BAR_Y + 36, 8, "accent3"), "edge", "end of head 0: sets the head width",
                        f"{H} heads of width {dk}"),
               S.text(BAR_X, BAR_Y - 12, f"model width d = {d}, split into {H} head{'s' if H > 1 else ''} of width d_k = {dk}",
                      "label", "start")]
        for h in range(H):
            x0, x1 = self.x_of(h * dk), self.x_of((h + 1) * dk)
            out.append(S.rect(x0, BAR_Y, x1 - x0, 22, **head_fill(h, *SHADES)))
            if x1 - x0 >= 44:
                out.append(S.text((x0 + x1) / 2, BAR_Y + 15, f"head {h}", "small label"))
        out += [S.text(BAR_X - 6, BAR_Y + 15, "0", "small muted", "end"),
                S.text(BAR_X + BAR_W + 6, BAR_Y + 15, str(d), "small muted", "start")]
        side, y0 = 92, 108           # the four weight matrices, cut into per-head blocks
        for i, name in enumerate(("W_Q", "W_K", "W_V", "W_O")):
            x0 = BAR_X + 12 + i * 136
            out.append(S.text(x0 + side / 2, y0 - 8, f"{name}  {d}{TIMES}{d}", "small label"))
            for h in range(H):
                a, b = side * h / H, side * (h + 1) / H
                if name == "W_O":      # each head's output rows
                    out.append(S.rect(x0, y0 + a, side, b - a, **head_fill(h, *SHADES)))
                else:                  # each head's query/key/value columns
                    out.append(S.rect(x0 + a, y0, b - a, side, **head_fill(h, *SHADES)))
            per = f"{d}{TIMES}{dk}" if name != "W_O" else f"{dk}{TIMES}{d}"
            out.append(S.text(x0 + side / 2, y0 + side + 16, f"{H} {TIMES} {per}", "small muted"))
        ys = y0 + side + 44          # one T x T score matrix per head
        size, gap = (30, 8) if H <= 8 else (22, 5)
        xs = BAR_X + (BAR_W - H * size - (H - 1) * gap) / 2
        out += [S.rect(xs + h * (size + gap), ys, size, size, **head_fill(h, *SHADES)) for h in range(H)]
        out.append(S.text(BAR_X + BAR_W / 2, ys + size + 16, f"{H} score matri{'ces' if H > 1 else 'x'} of {T}{TIMES}{T}, "
                                                             f"each score a dot product of width {dk}", "small label"))
        yt = ys + 30 + 44            # the counts; fixed, so the table stays put as the squares shrink
        cols = (BAR_X, BAR_X + 214, BAR_X + 418, BAR_X + BAR_W)
        out += [S.text(cols[2], yt, "this cut", "small muted", "end"),
                S.text(cols[3], yt, f"one head of {d}", "small muted", "end"),
                S.line(BAR_X, yt + 6, BAR_X + BAR_W, yt + 6, "grid")]
        for i, (name, formula, mine, one) in enumerate(self.rows()):
            y = yt + 24 + 20 * i
            out += [S.text(cols[0], y, name, "small label", "start"), S.text(cols[1], y, formula, "small muted", "start"),
                    S.text(cols[2], y, commas(mine), "small label" if mine == one else "small accent2", "end"),
                    S.text(cols[3], y, commas(one), "small label", "end")]
        return out

    def rows(self):
        """(quantity, formula for this cut, value for this cut, value for one head of width d)."""
        d, dk, H, T = self.d, self.d_k, self.H, self.T
        params, proj, qk, av, scores = budget(d, dk, T)
        p1, j1, q1, a1, s1 = budget(d, d, T)
        x = f" {TIMES} "
        return [
            ("parameters W_Q, W_K, W_V, W_O", f"{H}{x}3{x}{d}{x}{dk} + {d}{x}{d}", params, p1),
            ("mults: the four projections", f"4{x}{T}{x}{d}{x}{d}", proj, j1),
            ("mults: scores QKᵀ, all heads", f"{H}{x}{T}²{x}{dk}", qk, q1),
            ("mults: weighted sums AV, all heads", f"{H}{x}{T}²{x}{dk}", av, a1),
            ("mults in all", "", proj + qk + av, j1 + q1 + a1),
            ("score entries to softmax", f"{H}{x}{T}²", scores, s1),
        ]

    def readouts(self):
        return [{"label": name, "value": f"{commas(mine)} (one head of {self.d}: {commas(one)})"}
                for name, _, mine, one in self.rows()]

    def controls(self):
        return [self.knobs["T"].control()]
