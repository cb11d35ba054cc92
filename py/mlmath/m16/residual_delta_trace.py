"""One token's residual-stream vector, followed through one pre-LN transformer block.

The block is the canonical one (nanoGPT's, and the capstone's):

    h   = x + Attn(LN1(x))        the attention sub-layer reads a normalised copy, writes a delta
    out = h + MLP(LN2(h))         the MLP sub-layer does the same

The picture has seven columns of d bars, one bar per component, left to right:
x, LN1(x), the attention delta, x + delta, LN2(h), the MLP delta, out. The learner
steps through them (buttons), and drags the bars of x (or focuses a knob and uses
the arrow keys) to change the token's input. In an "add" column the old stream is
drawn faint and the delta is drawn on top of it, so the addition is literal.

The model is tiny and fixed: d = 4, T = 4 tokens, one causal attention head,
an MLP that widens to 4d with GELU. Weights are drawn by `make_model()` from a
seeded random.Random, rounded to two decimals; lesson m16-l01 draws the same
numbers in a cell, so a learner's `block` can be handed to this widget with
`use(block)` and graded against the picture. LayerNorm's learned scale and shift
and the biases are left at their initial values (1 and 0), so they are omitted.

Options:
  stage       columns shown at the start, 0 (only x) to 6 (all, the default with gains/contrast)
  gains       true: two sliders scale what each sub-layer writes (0 switches a write off)
  contrast    true: a button swaps the residual wiring (x + delta) for "replace" wiring
              (the sub-layer's output replaces the stream), and a slider adds the same
              amount c to every component of x
  draggable   false: the bars of x are fixed (default true)

values() for goals: stage, ga, gm, residual (1 or 0), shift, gap (largest |out - x|),
moved (largest |out - out at c = 0|), and x1..x4, da1..da4, dm1..dm4, out1..out4.
"""

import math
import random

from ..widgets import register
from ..widgets.base import Widget, arrow_step, flag, whole
from ..numeric import softmax
from ..show import MINUS, fixed

SEED = 1600
D, T = 4, 4
FOCUS = T - 1                 # the token followed: the last, which attends to all four
DELTA = "\u0394"
XMAX = 3.0                    # the bars of x stay within +-XMAX
CAP = 3.4                     # bars are drawn clipped to +-CAP


# The model: the same code lesson m16-l01 shows in its first cell -------------------------

def make_model(seed=SEED, d=D, t=T):
    """The stream arriving at the block (t rows of d) and the block's weights."""
    rng = random.Random(seed)

    def matrix(rows, cols, scale):
        return [[round(rng.uniform(-scale, scale), 2) for _ in range(cols)] for _ in range(rows)]

    X = matrix(t, d, 1.5)
    Wq, Wk, Wv, Wo = (matrix(d, d, 0.9) for _ in range(4))
    W1, W2 = matrix(4 * d, d, 0.9), matrix(d, 4 * d, 0.4)
    return {"X": X, "Wq": Wq, "Wk": Wk, "Wv": Wv, "Wo": Wo, "W1": W1, "W2": W2}


def matvec(W, v):
    return [sum(w * x for w, x in zip(row, v)) for row in W]


def layer_norm(v, eps=1e-5):
    mu = sum(v) / len(v)
    var = sum((x - mu) ** 2 for x in v) / len(v)
    return [(x - mu) / math.sqrt(var + eps) for x in v]


def attention_weights(rows, P):
    """Causal softmax weights, one list per token (token t sees tokens 0..t)."""
    d = len(rows[0])
    q = [matvec(P["Wq"], r) for r in rows]
    k = [matvec(P["Wk"], r) for r in rows]
    out = []
    for t in range(len(rows)):
        out.append(softmax([sum(a * b for a, b in zip(q[t], k[j])) / math.sqrt(d) for j in range(t + 1)]))
    return out


def attention(rows, P):
    """One causal head, then the output projection: one delta per token."""
    d = len(rows[0])
    v = [matvec(P["Wv"], r) for r in rows]
    out = []
    for t, w in enumerate(attention_weights(rows, P)):
        mix = [sum(w[j] * v[j][i] for j in range(t + 1)) for i in range(d)]
        out.append(matvec(P["Wo"], mix))
    return out


def gelu(x):
    return 0.5 * x * (1 + math.erf(x / math.sqrt(2)))


def mlp(v, P):
    return matvec(P["W2"], [gelu(u) for u in matvec(P["W1"], v)])


def block(xs, P):
    """The pre-LN block on every token: the reference a learner's block is graded against."""
    da = attention([layer_norm(x) for x in xs], P)
    h = [[a + b for a, b in zip(x, dx)] for x, dx in zip(xs, da)]
    return [[a + b for a, b in zip(r, mlp(layer_norm(r), P))] for r in h]


# Formatting ------------------------------------------------------------------------

def fvec(v):
    return "[" + ", ".join(fixed(x) for x in v) + "]"


@register
class ResidualDeltaTrace(Widget):
    name = "residual_delta_trace"
    width, height = 740, 330

    COLS = [("x", "stream in"), ("LN\u2081(x)", "read"), (f"{DELTA}attn", "write"),
            (f"h = x + {DELTA}attn", "add"), ("LN\u2082(h)", "read"), (f"{DELTA}mlp", "write"),
            (f"out = h + {DELTA}mlp", "add")]
    PITCH, LEFT, BAR, GAP = 104, 16, 15, 5
    ZERO_Y, SCALE = 175, 36.0

    def configure(self, config):
        self.gains = flag(self.name, "gains", config.pop("gains", False))
        self.contrast = flag(self.name, "contrast", config.pop("contrast", False))
        self.draggable = flag(self.name, "draggable", config.pop("draggable", True))
        self.start_stage = whole(self.name, "stage", config.pop("stage", 6 if (self.gains or self.contrast) else 0), 0, 6)
        super().configure(config)
        self.P = make_model()
        self.fn = None
        self.reset()

    def reset(self):
        self.stage = self.start_stage
        self.x = list(self.P["X"][FOCUS])
        self.ga = self.gm = 1.0
        self.residual = True
        self.shift = 0.0

    def use(self, fn):
        """Hand the widget a learner's block(xs): its output for the followed token is shown
        and graded against the block's own arithmetic. use(None) removes it."""
        if fn is not None and not callable(fn):
            raise TypeError(f"use() needs a function, like use(block), not {type(fn).__name__}")
        self.fn = fn

    def __repr__(self):
        return f"<residual_delta_trace stage {self.stage}, x = {fvec(self.x)}>"

    # The arithmetic -----------------------------------------------------------------
    def stream(self, shift=None):
        """The four rows entering the block, with the followed token's row as the learner set it."""
        c = self.shift if shift is None else shift
        rows = [list(r) for r in self.P["X"]]
        rows[FOCUS] = [v + c for v in self.x]
        return rows

    def trace(self, shift=None, ga=None, gm=None, residual=None):
        ga = self.ga if ga is None else ga
        gm = self.gm if gm is None else gm
        residual = self.residual if residual is None else residual
        rows = self.stream(shift)
        x = rows[FOCUS]
        normed = [layer_norm(r) for r in rows]
        da = [ga * v for v in attention(normed, self.P)[FOCUS]]
        h = [a + b for a, b in zip(x, da)] if residual else list(da)
        ln2 = layer_norm(h)
        dm = [gm * v for v in mlp(ln2, self.P)]
        out = [a + b for a, b in zip(h, dm)] if residual else list(dm)
        w = attention_weights(normed, self.P)[FOCUS]
        return {"x": x, "ln1": normed[FOCUS], "da": da, "h": h, "ln2": ln2, "dm": dm, "out": out, "w": w}

    def values(self):
        tr = self.trace()
        base = self.trace(shift=0.0)
        vals = {"stage": self.stage, "ga": self.ga, "gm": self.gm, "residual": int(self.residual),
                "shift": self.shift,
                "gap": max(abs(o - x) for o, x in zip(tr["out"], tr["x"])),
                "moved": max(abs(o - b) for o, b in zip(tr["out"], base["out"]))}
        for name in ("x", "da", "dm", "out"):
            for i, v in enumerate(tr[name]):
                vals[f"{name}{i + 1}"] = v
        return vals

    def set_values(self, values):
        for key, v in values.items():
            if key == "stage":
                self.stage = max(0, min(6, int(v)))
            elif key in ("ga", "gm"):
                setattr(self, key, self._gain(v))
            elif key == "residual":
                self.residual = bool(v)
            elif key == "shift":
                self.shift = self._shift(v)
            elif key[:1] == "x" and key[1:].isdigit() and 1 <= int(key[1:]) <= D:
                self.x[int(key[1:]) - 1] = self._clampx(v)
            else:
                raise KeyError(f"residual_delta_trace has no value {key!r}")

    @staticmethod
    def _gain(v):
        return round(max(0.0, min(1.5, float(v))) * 20) / 20

    @staticmethod
    def _shift(v):
        return round(max(-2.0, min(2.0, float(v))) * 10) / 10

    @staticmethod
    def _clampx(v):
        return round(max(-XMAX, min(XMAX, float(v))) * 20) / 20

    # Events ---------------------------------------------------------------------------
    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            cid, v = event.get("id"), event.get("value")
            if cid == "step":
                self.stage = min(6, self.stage + 1)
            elif cid == "back":
                self.stage = max(0, self.stage - 1)
            elif cid == "all":
                self.stage = 6
            elif cid == "reset":
                self.reset()
            elif cid in ("ga", "gm") and self.gains:
                setattr(self, cid, self._gain(v))
            elif cid == "wiring" and self.contrast:
                self.residual = not self.residual
            elif cid == "shift" and self.contrast:
                self.shift = self._shift(v)
            return
        h = event.get("handle") or ""
        if not (self.draggable and h[:1] == "x" and h[1:].isdigit() and 1 <= int(h[1:]) <= D):
            return
        i = int(h[1:]) - 1
        if kind == "drag":
            self.x[i] = self._clampx((self.ZERO_Y - float(event["y"])) / self.SCALE - self.shift)
        elif kind == "key":
            step = arrow_step(event.get("key"), 0.1, 0.5)
            if step:
                self.x[i] = self._clampx(self.x[i] + step)

    # The scene --------------------------------------------------------------------------
    def _y(self, v):
        return round(self.ZERO_Y - max(-CAP, min(CAP, v)) * self.SCALE, 1)

    def _bar_x(self, col, i):
        inner = D * self.BAR + (D - 1) * self.GAP
        left = self.LEFT + col * self.PITCH + (self.PITCH - 12 - inner) / 2
        return round(left + i * (self.BAR + self.GAP), 1)

    def _bar(self, col, i, lo, hi, cls, opacity=None):
        y1, y2 = sorted((self._y(lo), self._y(hi)))
        s = {"t": "rect", "x": self._bar_x(col, i), "y": y1, "w": self.BAR, "h": round(max(y2 - y1, 0.8), 1),
             "cls": cls}
        if opacity is not None:
            s["opacity"] = opacity
        return s

    def shapes(self):
        tr = self.trace()
        cols = list(self.COLS)
        if not self.residual:
            cols[3] = (f"h = {DELTA}attn", "replace")
            cols[6] = (f"out = {DELTA}mlp", "replace")
        data = [tr["x"], tr["ln1"], tr["da"], tr["h"], tr["ln2"], tr["dm"], tr["out"]]
        kind = ["accent", "muted", "accent2", "accent", "muted", "accent2", "accent"]
        out = []
        for c, (title, role) in enumerate(cols):
            x0 = self.LEFT + c * self.PITCH
            w = self.PITCH - 12
            cx = round(x0 + w / 2, 1)
            shown = c <= self.stage
            out.append({"t": "text", "x": cx, "y": 22, "s": title, "anchor": "middle",
                        "cls": "small label" if shown else "small muted"})
            out.append({"t": "text", "x": cx, "y": 300, "s": role, "anchor": "middle",
                        "cls": "small " + (kind[c] if shown and kind[c] != "muted" else "muted")})
            out.append({"t": "line", "x1": x0, "y1": self.ZERO_Y, "x2": x0 + w, "y2": self.ZERO_Y,
                        "cls": "axis" if shown else "grid"})
            if c == self.stage:
                out.append({"t": "rect", "x": x0 - 4, "y": 34, "w": w + 8, "h": 276, "rx": 6,
                            "cls": "selected nofill"})
            if not shown:
                out.append({"t": "text", "x": cx, "y": self.ZERO_Y - 12, "s": "?", "anchor": "middle",
                            "cls": "muted"})
                continue
            for i in range(D):
                if c in (3, 6) and self.residual:
                    before = tr["x"][i] if c == 3 else tr["h"][i]
                    delta = data[c - 1][i]
                    out.append(self._bar(c, i, 0.0, before, "accent", 0.3))
                    out.append(self._bar(c, i, before, before + delta, "accent2", 0.85))
                    y = self._y(before + delta)
                    bx = self._bar_x(c, i)
                    out.append({"t": "line", "x1": bx - 2, "y1": y, "x2": bx + self.BAR + 2, "y2": y,
                                "cls": "accent bracket"})
                else:
                    out.append(self._bar(c, i, 0.0, data[c][i], kind[c], 0.6 if kind[c] == "muted" else 0.85))
        # the stream line along the bottom: the three stream columns are one running vector
        y = 284
        out.append({"t": "line", "x1": self.LEFT, "y1": y, "x2": self.LEFT + 6 * self.PITCH + self.PITCH - 12,
                    "y2": y, "cls": "accent" if self.residual else "muted"})
        for c in (2, 5):
            xa = self.LEFT + c * self.PITCH + (self.PITCH - 12) / 2
            out.append({"t": "text", "x": round(xa + self.PITCH / 2 - 2, 1), "y": y + 4,
                        "s": "+" if self.residual else "\u2192", "anchor": "middle",
                        "cls": "accent2" if c < self.stage else "muted"})
        # component labels under the x column, and the draggable knobs on x's bars
        for i in range(D):
            bx = self._bar_x(0, i) + self.BAR / 2
            out.append({"t": "text", "x": round(bx, 1), "y": 318, "s": str(i + 1), "anchor": "middle",
                        "cls": "small muted"})
            if self.draggable:
                out.append({"t": "circle", "cx": round(bx, 1), "cy": self._y(tr["x"][i]), "r": 7,
                            "cls": "accent", "handle": f"x{i + 1}",
                            "label": f"component {i + 1} of x", "value": fixed(tr["x"][i])})
        return out

    def readouts(self):
        tr = self.trace()
        out = [{"label": "x (token 4's row of the stream)", "value": fvec(tr["x"])}]
        if self.stage >= 2:
            w = ", ".join(fixed(a) for a in tr["w"])
            out.append({"label": "attention weights on tokens 1\u20134", "value": w})
            out.append({"label": f"{DELTA}attn", "value": fvec(tr["da"])})
        if self.stage >= 5:
            out.append({"label": f"{DELTA}mlp", "value": fvec(tr["dm"])})
        if self.stage >= 6:
            out.append({"label": "out", "value": fvec(tr["out"])})
            out.append({"label": f"out {MINUS} x", "value": fvec([o - x for o, x in zip(tr["out"], tr["x"])])})
            if self.residual:
                out.append({"label": f"{DELTA}attn + {DELTA}mlp",
                            "value": fvec([a + b for a, b in zip(tr["da"], tr["dm"])])})
        if self.contrast:
            base = self.trace(shift=0.0)
            out.append({"label": "out moved by (against c = 0)",
                        "value": fvec([o - b for o, b in zip(tr["out"], base["out"])])})
        if self.fn is not None:
            out.append(self._learner())
        return out

    def _learner(self):
        label = f"your {getattr(self.fn, '__name__', 'fn')}(X)[3]"
        rows = self.stream()
        truth = block([list(r) for r in rows], self.P)[FOCUS]
        try:
            got = self.fn([list(r) for r in rows])
            row = [float(v) for v in got[FOCUS]]
        except Exception as exc:  # noqa: BLE001 - the learner reads their own error here
            return {"label": label, "value": f"raised {type(exc).__name__}: {exc} \u2717"}
        if len(row) != D:
            return {"label": label, "value": f"has {len(row)} numbers, not {D} \u2717"}
        right = all(abs(a - b) < 1e-6 for a, b in zip(row, truth))
        plain = self.residual and self.ga == 1 and self.gm == 1
        verdict = " \u2713" if right else f" \u2717 (the block gives {fvec(truth)})"
        if not plain:
            verdict += " (graded against the plain block: gains 1, residual wiring)"
        return {"label": label, "value": fvec(row) + verdict}

    def controls(self):
        out = [{"kind": "button", "id": "back", "label": "\u25c2 Back", "disabled": self.stage == 0},
               {"kind": "button", "id": "step", "label": "Step \u25b8", "disabled": self.stage == 6},
               {"kind": "button", "id": "all", "label": "Show all", "disabled": self.stage == 6}]
        if self.gains:
            out.append({"kind": "range", "id": "ga", "label": "attention writes \u00d7", "min": 0, "max": 1.5,
                        "step": 0.05, "value": self.ga, "display": f"{self.ga:.2f}"})
            out.append({"kind": "range", "id": "gm", "label": "MLP writes \u00d7", "min": 0, "max": 1.5,
                        "step": 0.05, "value": self.gm, "display": f"{self.gm:.2f}"})
        if self.contrast:
            out.append({"kind": "button", "id": "wiring",
                        "label": "Wiring: residual (x + \u0394). Switch to replace" if self.residual
                        else "Wiring: replace (\u0394 only). Switch to residual"})
            out.append({"kind": "range", "id": "shift", "label": "add c to every component of x",
                        "min": -2, "max": 2, "step": 0.1, "value": self.shift, "display": fixed(self.shift, 1)})
        out.append({"kind": "button", "id": "reset", "label": "Start over"})
        return out
