"""Attention's cost as the sequence grows: the T x T score matrix drawn to scale beside the
T x d_k queries and keys, with the two matrix products' FLOPs counted exactly.

For one head with T positions, queries and keys of width d_k and values of width d_v
(here d_v = d_k, as in the course's GPT), a dense implementation does

    S = Q K^T          T*T dot products of length d_k:  T^2 (2 d_k - 1) FLOPs
    Y = softmax(S) V   T*d_v sums of T products:         T d_v (2T - 1) FLOPs

(a length-n dot product is n multiplications and n - 1 additions). The causal mask throws
the upper triangle away; a dense product computes it anyway, so the counts are the full
square's. Drag the corner of the score matrix (or use the slider or the arrow keys) to
change T; the slider sets d_k. A plot on the right draws the total against T for the
current d_k, with a marker at T and one at T/2.

    ```widget score_matrix_cost
    id = "cost"
    T = 16              # sequence length at the start, 1 to t_max
    d_k = 16            # head width at the start, 1 to 32
    t_max = 64          # the longest sequence the slider reaches, 8 to 64
    goal = { text = "...", check = "T == 32 and d_k == 16", solution = { T = 32, d_k = 16 } }
    ```

values() for goals: T, d_k, entries (T^2), qk (FLOPs of Q K^T), av (FLOPs of the weighted
sum), total (qk + av).
"""

from ..show import commas
from ..widgets import register
from ..widgets.base import Widget, arrow_step, whole

DK_MAX = 32
TIMES = "\u00d7"


def qk_flops(T, d_k):
    """FLOPs of Q K^T: T*T dot products, each d_k multiplications and d_k - 1 additions."""
    return T * T * (2 * d_k - 1)


def av_flops(T, d_v):
    """FLOPs of A V: T*d_v outputs, each T multiplications and T - 1 additions."""
    return T * d_v * (2 * T - 1)


@register
class ScoreMatrixCost(Widget):
    name = "score_matrix_cost"
    width, height = 760, 400

    # Layout: the key strip K^T sits above the score matrix S, the query strip Q to its
    # left, V to its right; one unit (a position or a coordinate) is U pixels everywhere.
    U = 3.4
    LEFT, TOP = 14, 36

    def configure(self, config):
        self.t_max = whole(self.name, "t_max", config.pop("t_max", 64), 8, 64)
        self.T = whole(self.name, "T", config.pop("T", 16), 1, self.t_max)
        self.d_k = whole(self.name, "d_k", config.pop("d_k", 16), 1, DK_MAX)
        super().configure(config)
        self.start_T, self.start_dk = self.T, self.d_k

    # Numbers -------------------------------------------------------------------------
    def counts(self, T=None, d_k=None):
        T = self.T if T is None else T
        d_k = self.d_k if d_k is None else d_k
        qk, av = qk_flops(T, d_k), av_flops(T, d_k)
        return {"entries": T * T, "qk": qk, "av": av, "total": qk + av}

    def values(self):
        return {"T": self.T, "d_k": self.d_k, **self.counts()}

    def set_values(self, values):
        extra = set(values) - {"T", "d_k"}
        if extra:
            raise KeyError(f"score_matrix_cost can only set T and d_k, not {sorted(extra)}")
        if "T" in values:
            self._set_T(values["T"])
        if "d_k" in values:
            self._set_dk(values["d_k"])

    def _set_T(self, T):
        self.T = min(max(int(round(float(T))), 1), self.t_max)

    def _set_dk(self, d_k):
        self.d_k = min(max(int(round(float(d_k))), 1), DK_MAX)

    # Events --------------------------------------------------------------------------
    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            if event.get("id") == "T":
                self._set_T(event.get("value", self.T))
            elif event.get("id") == "d_k":
                self._set_dk(event.get("value", self.d_k))
            return
        if event.get("handle") != "corner":
            return
        if kind == "drag":
            sx, sy = self._origin()
            # the corner sits at (sx + T*U, sy + T*U): read T from whichever way it moved farther
            t = max(float(event.get("x", 0)) - sx, float(event.get("y", 0)) - sy) / self.U
            self._set_T(t)
        elif kind == "key":
            key = event.get("key")
            if key == "Home":
                self._set_T(1)
            elif key == "End":
                self._set_T(self.t_max)
            else:
                self._set_T(self.T + arrow_step(key, fine=1, coarse=8))

    # Drawing -------------------------------------------------------------------------
    def _origin(self):
        """Top-left corner of the score matrix; fixed, so the square grows down and right."""
        return self.LEFT + DK_MAX * self.U + 8, self.TOP + DK_MAX * self.U + 8

    def _grid(self, x, y, rows, cols, every):
        out = []
        for i in range(every, rows, every):
            yy = round(y + i * self.U, 2)
            out.append({"t": "line", "x1": x, "y1": yy, "x2": round(x + cols * self.U, 2), "y2": yy, "cls": "grid"})
        for j in range(every, cols, every):
            xx = round(x + j * self.U, 2)
            out.append({"t": "line", "x1": xx, "y1": y, "x2": xx, "y2": round(y + rows * self.U, 2), "cls": "grid"})
        return out

    def shapes(self):
        U, T, dk = self.U, self.T, self.d_k
        sx, sy = self._origin()
        side = T * U
        every = 1 if T <= 16 else 4 if T <= 32 else 8
        out = []
        # Q: T x d_k, to the left of S, right-aligned against it
        qx = sx - 8 - dk * U
        out.append({"t": "rect", "x": round(qx, 2), "y": sy, "w": round(dk * U, 2), "h": side, "cls": "accent2",
                    "opacity": 0.35})
        out.append({"t": "text", "x": sx - 8, "y": sy - 5, "anchor": "end", "cls": "small accent2",
                    "s": f"Q {T}{TIMES}{dk}"})
        # K^T: d_k x T, above S, bottom-aligned against it
        ky = sy - 8 - dk * U
        out.append({"t": "rect", "x": sx, "y": round(ky, 2), "w": side, "h": round(dk * U, 2), "cls": "accent3",
                    "opacity": 0.35})
        out.append({"t": "text", "x": sx, "y": round(ky - 5, 2), "anchor": "start", "cls": "small accent3",
                    "s": f"K\u1d40 {dk}{TIMES}{T}"})
        # S: T x T; the causal mask keeps the lower triangle, the upper half paler
        out.append({"t": "rect", "x": sx, "y": sy, "w": side, "h": side, "cls": "accent", "opacity": 0.12})
        # the kept part, as a staircase of blocks of `every` rows (exact when every == 1)
        for r in range(0, T, every):
            rows = min(every, T - r)
            out.append({"t": "rect", "x": sx, "y": round(sy + r * U, 2), "w": round((r + rows) * U, 2),
                        "h": round(rows * U, 2), "cls": "accent", "opacity": 0.45})
        out.append({"t": "line", "x1": sx, "y1": sy, "x2": sx + side, "y2": sy + side, "cls": "accent"})
        out += self._grid(sx, sy, T, T, every)
        out.append({"t": "rect", "x": sx, "y": sy, "w": side, "h": side, "cls": "accent nofill"})
        # V: T x d_v, right of S
        vx = sx + side + 8
        out.append({"t": "rect", "x": round(vx, 2), "y": sy, "w": round(dk * U, 2), "h": side, "cls": "accent3",
                    "opacity": 0.2})
        out.append({"t": "text", "x": round(vx, 2), "y": sy - 5, "anchor": "start", "cls": "small accent3",
                    "s": f"V {T}{TIMES}{dk}"})
        out.append({"t": "text", "x": round(sx + side / 2, 2), "y": round(sy + side + 14, 2), "cls": "small",
                    "s": f"scores {T}{TIMES}{T}"})
        out.append({"t": "text", "x": sx, "y": 16, "anchor": "start", "cls": "small muted",
                    "s": "one unit = one position or one coordinate"})
        # the drag handle: the score matrix's bottom-right corner
        out.append({"t": "circle", "cx": round(sx + side, 2), "cy": round(sy + side, 2), "r": 7,
                    "cls": "handle accent", "handle": "corner",
                    "label": "sequence length T: drag the corner of the score matrix", "value": f"T = {T}"})
        out += self._plot()
        return out

    # the FLOPs-vs-T plot
    px0, px1, py0, py1 = 520, 740, 40, 340

    def _plot(self):
        px0, px1, py0, py1 = self.px0, self.px1, self.py0, self.py1
        top = self.counts(self.t_max, DK_MAX)["total"]   # fixed y range, so changing d_k moves the curve

        def X(t):
            return round(px0 + (px1 - px0) * t / self.t_max, 2)

        def Y(f):
            return round(py1 - (py1 - py0) * f / top, 2)

        out = [{"t": "text", "x": (px0 + px1) / 2, "y": 16, "cls": "small muted",
                "s": f"FLOPs of QK\u1d40 + weighted sum, d\u2096 = {self.d_k}"},
               {"t": "line", "x1": px0, "y1": py1, "x2": px1, "y2": py1, "cls": "axis"},
               {"t": "line", "x1": px0, "y1": py0, "x2": px0, "y2": py1, "cls": "axis"}]
        for t in range(0, self.t_max + 1, 16):
            out.append({"t": "text", "x": X(t), "y": py1 + 15, "cls": "small muted", "s": str(t)})
        out.append({"t": "text", "x": px1, "y": py1 + 30, "anchor": "end", "cls": "small muted", "s": "T"})
        for frac in (0.5, 1.0):
            y = Y(top * frac)
            out.append({"t": "line", "x1": px0, "y1": y, "x2": px1, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": px0 + 3, "y": y - 3, "anchor": "start", "cls": "small muted",
                        "s": commas(int(top * frac))})
        out.append({"t": "poly", "pts": [[X(t), Y(self.counts(t)["total"])] for t in range(0, self.t_max + 1)],
                    "cls": "accent"})
        here = self.counts()["total"]
        if self.T >= 2 and self.T % 2 == 0:
            half = self.counts(self.T // 2)["total"]
            out.append({"t": "path", "d": f"M {X(self.T // 2)} {py1} V {Y(half)} H {px0}", "cls": "grid"})
            out.append({"t": "circle", "cx": X(self.T // 2), "cy": Y(half), "r": 4, "cls": "accent2"})
            out.append({"t": "circle", "cx": px0 + 14, "cy": py0 + 66, "r": 4, "cls": "accent2"})
            out.append({"t": "text", "x": px0 + 24, "y": py0 + 70, "anchor": "start", "cls": "small accent2",
                        "s": f"T = {self.T // 2}: {commas(half)} (T = {self.T} costs {TIMES}{here / half:.2f})"})
        out.append({"t": "path", "d": f"M {X(self.T)} {py1} V {Y(here)} H {px0}", "cls": "grid"})
        out.append({"t": "circle", "cx": X(self.T), "cy": Y(here), "r": 5, "cls": "accent"})
        out.append({"t": "circle", "cx": px0 + 14, "cy": py0 + 46, "r": 5, "cls": "accent"})
        out.append({"t": "text", "x": px0 + 24, "y": py0 + 50, "anchor": "start", "cls": "small accent",
                    "s": f"T = {self.T}: {commas(here)} FLOPs"})
        return out

    def readouts(self):
        c = self.counts()
        out = [{"label": "score entries T\u00b2", "value": commas(c["entries"])},
               {"label": "QK\u1d40 FLOPs T\u00b2(2d\u2096\u22121)", "value": commas(c["qk"])},
               {"label": "weighted-sum FLOPs T\u00b7d\u1d65(2T\u22121)", "value": commas(c["av"])},
               {"label": "total", "value": commas(c["total"])}]
        if self.T % 2 == 0:
            half = self.counts(self.T // 2)["total"]
            out.append({"label": f"{TIMES} the total at T = {self.T // 2}", "value": f"{c['total'] / half:.2f}"})
        return out

    def controls(self):
        return [{"kind": "range", "id": "T", "label": "sequence length T", "min": 1, "max": self.t_max, "step": 1,
                 "value": self.T, "display": str(self.T)},
                {"kind": "range", "id": "d_k", "label": "head width d\u2096 (= d\u1d65)", "min": 1, "max": DK_MAX,
                 "step": 1, "value": self.d_k, "display": str(self.d_k)}]

    def __repr__(self):
        return f"<score_matrix_cost T={self.T} d_k={self.d_k}>"
