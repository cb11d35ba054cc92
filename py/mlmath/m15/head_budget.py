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
from ..widgets.base import Widget, arrow_step, one_of
from .head_split_merge import head_fill

BAR_X, BAR_W, BAR_Y = 40, 520, 44
MAX_HEADS = 16
SHADES = (0.45, 0.25)            # opacity of even and odd heads' blocks
T_MIN, T_MAX, T_STEP = 8, 64, 8
TIMES = "\u00d7"


def widths(d):
    """The head widths allowed for model width d: divisors with at most 16 heads."""
    return [k for k in range(1, d + 1) if d % k == 0 and d // k <= MAX_HEADS]


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
        self.d, self.d_k, self.T = d, d_k, T
        self.start = (d_k, T)

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
        for key, value in values.items():
            if key == "d_k":
                self.d_k = one_of(self.name, "d_k", value, widths(self.d))
            elif key == "H":
                self.d_k = self.d // one_of(self.name, "H", value, sorted(self.d // k for k in widths(self.d)))
            elif key == "T":
                self.T = min(max(int(value) // T_STEP * T_STEP, T_MIN), T_MAX)
            else:
                raise KeyError(f"head_budget sets d_k, H and T, not {key!r}")

    def reset(self):
        self.d_k, self.T = self.start

    # Events -----------------------------------------------------------------------------------
    def x_of(self, channels):
        return BAR_X + channels * BAR_W / self.d

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            if event.get("id") == "T":
                try:
                    self.T = min(max(int(round(float(event.get("value")) / T_STEP)) * T_STEP, T_MIN), T_MAX)
                except (TypeError, ValueError):
                    pass
            return
        if event.get("handle") != "edge":
            return
        ws = widths(self.d)
        if kind == "drag":
            try:
                x = float(event["x"])
            except (KeyError, TypeError, ValueError):
                return
            self.d_k = min(ws, key=lambda k: abs(self.x_of(k) - x))
        elif kind == "key":
            key = event.get("key")
            i = {"Home": 0, "End": len(ws) - 1}.get(key, ws.index(self.d_k) + int(arrow_step(key, 1, 0)))
            self.d_k = ws[min(max(i, 0), len(ws) - 1)]

    def __repr__(self):
        return f"<head_budget d = {self.d}: {self.H} head(s) of {self.d_k}, T = {self.T}>"

    # The scene --------------------------------------------------------------------------------
    def shapes(self):
        d, dk, H, T = self.d, self.d_k, self.H, self.T
        # The handle comes first, at a fixed index, so it keeps keyboard focus while the number of
        # shapes after it changes with H. It hangs below the bar, where nothing is drawn over it.
        xe = round(self.x_of(dk), 1)
        out = [{"t": "line", "x1": xe, "y1": BAR_Y, "x2": xe, "y2": BAR_Y + 34, "cls": "accent3"},
               {"t": "circle", "cx": xe, "cy": BAR_Y + 36, "r": 8, "cls": "accent3",
                "handle": "edge", "label": "end of head 0: sets the head width", "value": f"{H} heads of width {dk}"},
               {"t": "text", "x": BAR_X, "y": BAR_Y - 12, "anchor": "start", "cls": "label",
                "s": f"model width d = {d}, split into {H} head{'s' if H > 1 else ''} of width d_k = {dk}"}]
        for h in range(H):
            x0, x1 = self.x_of(h * dk), self.x_of((h + 1) * dk)
            out.append({"t": "rect", "x": round(x0, 1), "y": BAR_Y, "w": round(x1 - x0, 1), "h": 22,
                        **head_fill(h, *SHADES)})
            if x1 - x0 >= 44:
                out.append({"t": "text", "x": round((x0 + x1) / 2, 1), "y": BAR_Y + 15, "s": f"head {h}",
                            "cls": "small label"})
        out.append({"t": "text", "x": BAR_X - 6, "y": BAR_Y + 15, "s": "0", "cls": "small muted", "anchor": "end"})
        out.append({"t": "text", "x": BAR_X + BAR_W + 6, "y": BAR_Y + 15, "s": str(d), "cls": "small muted",
                    "anchor": "start"})

        # the four weight matrices, cut into per-head blocks
        side, y0 = 92, 108
        names = ("W_Q", "W_K", "W_V", "W_O")
        for i, name in enumerate(names):
            x0 = BAR_X + 12 + i * 136
            out.append({"t": "text", "x": x0 + side / 2, "y": y0 - 8,
                        "s": f"{name}  {d}{TIMES}{d}", "cls": "small label"})
            for h in range(H):
                a, b = side * h / H, side * (h + 1) / H
                if name == "W_O":      # each head's output rows
                    rect = {"x": x0, "y": round(y0 + a, 1), "w": side, "h": round(b - a, 1)}
                else:                  # each head's query/key/value columns
                    rect = {"x": round(x0 + a, 1), "y": y0, "w": round(b - a, 1), "h": side}
                out.append({"t": "rect", **rect, **head_fill(h, *SHADES)})
            per = f"{d}{TIMES}{dk}" if name != "W_O" else f"{dk}{TIMES}{d}"
            out.append({"t": "text", "x": x0 + side / 2, "y": y0 + side + 16, "s": f"{H} {TIMES} {per}",
                        "cls": "small muted"})

        # one T x T score matrix per head
        ys = y0 + side + 44
        size = 30 if H <= 8 else 22
        gap = 8 if H <= 8 else 5
        total = H * size + (H - 1) * gap
        xs = BAR_X + (BAR_W - total) / 2
        for h in range(H):
            x = round(xs + h * (size + gap), 1)
            out.append({"t": "rect", "x": x, "y": ys, "w": size, "h": size, **head_fill(h, *SHADES)})
        out.append({"t": "text", "x": BAR_X + BAR_W / 2, "y": ys + size + 16, "cls": "small label",
                    "s": f"{H} score matri{'ces' if H > 1 else 'x'} of {T}{TIMES}{T}, "
                         f"each score a dot product of width {dk}"})

        # the counts, this cut against one head of width d
        yt = ys + 30 + 44                  # fixed, so the table stays put as the squares shrink
        cols = (BAR_X, BAR_X + 214, BAR_X + 418, BAR_X + BAR_W)
        for x, text in ((cols[2], "this cut"), (cols[3], f"one head of {d}")):
            out.append({"t": "text", "x": x, "y": yt, "s": text, "cls": "small muted", "anchor": "end"})
        out.append({"t": "line", "x1": BAR_X, "y1": yt + 6, "x2": BAR_X + BAR_W, "y2": yt + 6, "cls": "grid"})
        for i, (name, formula, mine, one) in enumerate(self.rows()):
            y = yt + 24 + 20 * i
            same = mine == one
            out.append({"t": "text", "x": cols[0], "y": y, "s": name, "cls": "small label", "anchor": "start"})
            out.append({"t": "text", "x": cols[1], "y": y, "s": formula, "cls": "small muted", "anchor": "start"})
            out.append({"t": "text", "x": cols[2], "y": y, "s": commas(mine), "anchor": "end",
                        "cls": "small label" if same else "small accent2"})
            out.append({"t": "text", "x": cols[3], "y": y, "s": commas(one), "cls": "small label", "anchor": "end"})
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
        return [{"kind": "range", "id": "T", "label": "sequence length T", "min": T_MIN, "max": T_MAX,
                 "step": T_STEP, "value": self.T, "display": str(self.T)}]
