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

from ..show import commas, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot

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
        T = whole(self.name, "T", config.pop("T", 16), 1, self.t_max)
        d_k = whole(self.name, "d_k", config.pop("d_k", 16), 1, DK_MAX)
        super().configure(config)
        self.knobs = {"T": Slider("T", "sequence length T", 1, self.t_max, 1, T, coarse=8),
                      "d_k": Slider("d_k", "head width d\u2096 (= d\u1d65)", 1, DK_MAX, 1, d_k)}
        top = self.counts(self.t_max, DK_MAX)["total"]     # a fixed y range, so changing d_k moves the curve
        self.plot = Plot((0, self.t_max), (0, top), (520, 40, 740, 340))

    @property
    def T(self):
        return self.knobs["T"].value

    @property
    def d_k(self):
        return self.knobs["d_k"].value

    def counts(self, T=None, d_k=None):
        T = self.T if T is None else T
        d_k = self.d_k if d_k is None else d_k
        qk, av = qk_flops(T, d_k), av_flops(T, d_k)
        return {"entries": T * T, "qk": qk, "av": av, "total": qk + av}

    def values(self):
        return {**super().values(), **self.counts()}

    def handle(self, event):
        if event.get("handle") == "corner" and event.get("type") == "key":
            event = {**event, "handle": "T"}
        super().handle(event)

    def drag(self, handle, x, y):
        if handle == "corner":
            sx, sy = self._origin()
            # the corner sits at (sx + T*U, sy + T*U): read T from whichever way it moved farther
            self.knobs["T"].set(max(x - sx, y - sy) / self.U)

    # Drawing -------------------------------------------------------------------------
    def _origin(self):
        """Top-left corner of the score matrix; fixed, so the square grows down and right."""
        return self.LEFT + DK_MAX * self.U + 8, self.TOP + DK_MAX * self.U + 8

    def shapes(self):
        """A fixed number of shapes before the corner handle, whatever T is, so it keeps keyboard focus."""
        U, T, dk = self.U, self.T, self.d_k
        sx, sy = self._origin()
        side = T * U
        every = 1 if T <= 16 else 4 if T <= 32 else 8
        qx, ky, vx = sx - 8 - dk * U, sy - 8 - dk * U, sx + side + 8
        # the kept lower triangle, as a staircase of blocks of `every` rows (exact when every == 1)
        stairs = [(sx, sy)]
        for r in range(0, T, every):
            right = sx + min(r + every, T) * U
            stairs += [(right, sy + r * U), (right, sy + min(r + every, T) * U)]
        stairs.append((sx, sy + side))
        grid = [[(sx, sy + i * U), (sx + side, sy + i * U)] for i in range(every, T, every)]
        grid += [[(sx + j * U, sy), (sx + j * U, sy + side)] for j in range(every, T, every)]
        return [S.rect(qx, sy, dk * U, side, "accent2", opacity=0.35),
                S.text(sx - 8, sy - 5, f"Q {T}{TIMES}{dk}", "small accent2", "end"),
                S.rect(sx, ky, side, dk * U, "accent3", opacity=0.35),
                S.text(sx, ky - 5, f"K\u1d40 {dk}{TIMES}{T}", "small accent3", "start"),
                # S: T x T; the causal mask keeps the lower triangle, the upper half paler
                S.rect(sx, sy, side, side, "accent", opacity=0.12),
                S.poly(stairs, "accent solid", opacity=0.45),
                S.line(sx, sy, sx + side, sy + side, "accent"),
                S.path(grid, "grid"),
                S.rect(sx, sy, side, side, "accent nofill"),
                S.rect(vx, sy, dk * U, side, "accent3", opacity=0.2),
                S.text(vx, sy - 5, f"V {T}{TIMES}{dk}", "small accent3", "start"),
                S.text(sx + side / 2, sy + side + 14, f"scores {T}{TIMES}{T}", "small"),
                S.text(sx, 16, "one unit = one position or one coordinate", "small muted", "start"),
                S.handle(S.circle(sx + side, sy + side, 7, "accent"), "corner",
                         "sequence length T: drag the corner of the score matrix", f"T = {T}")] + self._plot()

    def _plot(self):
        """FLOPs against T for this d_k, with the current T marked, and T/2 when T is even."""
        p = self.plot
        left, top_px, right, bottom = p.box
        top = p.y.hi
        out = [S.text((left + right) / 2, 16, f"FLOPs of QK\u1d40 + weighted sum, d\u2096 = {self.d_k}", "small muted")]
        out += p.frame("T", xticks=list(range(0, self.t_max + 1, 16)), yticks=[], grid=False)
        for frac in (0.5, 1.0):
            out += [S.line(left, p.y(top * frac), right, p.y(top * frac), "grid"),
                    S.text(left + 3, p.y(top * frac) - 3, commas(int(top * frac)), "small muted", "start")]
        out.append(p.polyline([(t, self.counts(t)["total"]) for t in range(self.t_max + 1)]))
        here = self.counts()["total"]
        if self.T >= 2 and self.T % 2 == 0:
            t2, half = self.T // 2, self.counts(self.T // 2)["total"]
            out += [p.polyline([(t2, 0), (t2, half), (0, half)], "grid"), p.point(t2, half, "accent2"),
                    S.circle(left + 14, top_px + 66, 4, "accent2"),
                    S.text(left + 24, top_px + 70, f"T = {t2}: {commas(half)} (T = {self.T} costs {TIMES}{fixed(here / half)})",
                           "small accent2", "start")]
        return out + [p.polyline([(self.T, 0), (self.T, here), (0, here)], "grid"), p.point(self.T, here, r=5),
                      S.circle(left + 14, top_px + 46, 5, "accent"),
                      S.text(left + 24, top_px + 50, f"T = {self.T}: {commas(here)} FLOPs", "small accent", "start")]

    def readouts(self):
        c = self.counts()
        out = [{"label": "score entries T\u00b2", "value": commas(c["entries"])},
               {"label": "QK\u1d40 FLOPs T\u00b2(2d\u2096\u22121)", "value": commas(c["qk"])},
               {"label": "weighted-sum FLOPs T\u00b7d\u1d65(2T\u22121)", "value": commas(c["av"])},
               {"label": "total", "value": commas(c["total"])}]
        if self.T % 2 == 0:
            half = self.counts(self.T // 2)["total"]
            out.append({"label": f"{TIMES} the total at T = {self.T // 2}", "value": fixed(c["total"] / half)})
        return out

    def controls(self):
        return [self.knobs["T"].control(), self.knobs["d_k"].control()]

    def __repr__(self):
        return f"<score_matrix_cost T={self.T} d_k={self.d_k}>"
