"""One token's residual-stream vector, followed through one pre-LN transformer block
(the block of l01_block.py: h = x + Attn(LN1(x)), out = h + MLP(LN2(h))).

Seven columns of d bars, one bar per component: x, LN1(x), the attention delta, x + delta,
LN2(h), the MLP delta, out. The learner steps through them and drags the bars of x. In an
"add" column the old stream is drawn faint with the delta on top, so the addition is literal.
A learner's block(xs) handed over with `use(block)` is graded against the picture.

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

from ..numeric import layer_norm
from ..show import MINUS, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, whole
from ..widgets.controls import Button, Slider, Toggle
from .l01_block import D, T, attention, attention_weights, block, make_model, mlp

FOCUS = T - 1                 # the token followed: the last, which attends to all four
DELTA = "\u0394"
XMAX = 3.0                    # the bars of x stay within +-XMAX
CAP = 3.4                     # bars are drawn clipped to +-CAP


def fvec(v):
    return "[" + ", ".join(fixed(x) for x in v) + "]"


@register
class ResidualDeltaTrace(Widget):
    name = "residual_delta_trace"
    width, height = 740, 330

    COLS = [("x", "stream in"), ("LN\u2081(x)", "read"), (f"{DELTA}attn", "write"),
            (f"h = x + {DELTA}attn", "add"), ("LN\u2082(h)", "read"), (f"{DELTA}mlp", "write"),
            (f"out = h + {DELTA}mlp", "add")]
    KIND = ["accent", "muted", "accent2", "accent", "muted", "accent2", "accent"]
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
        k = {"stage": Slider("stage", "stage", 0, 6, 1, self.start_stage)}
        for i, v in enumerate(self.P["X"][FOCUS]):
            # a grid of 0.01 holds the drawn weights exactly; keys still step by 0.1
            k[f"x{i + 1}"] = Slider(f"x{i + 1}", f"component {i + 1} of x", -XMAX, XMAX, 0.01, v,
                                    fmt=fixed, fine=0.1, coarse=0.5)
        if self.gains:
            k["ga"] = Slider("ga", "attention writes \u00d7", 0, 1.5, 0.05, 1.0, fmt=fixed)
            k["gm"] = Slider("gm", "MLP writes \u00d7", 0, 1.5, 0.05, 1.0, fmt=fixed)
        if self.contrast:
            k["residual"] = Toggle("residual", "Wiring: replace (\u0394 only). Switch to residual",
                                   "Wiring: residual (x + \u0394). Switch to replace", True)
            k["shift"] = Slider("shift", "add c to every component of x", -2, 2, 0.1, 0.0,
                                fmt=lambda v: fixed(v, 1))
        k["back"] = Button("back", "\u25c2 Back", lambda: k["stage"].key("ArrowLeft"))
        k["step"] = Button("step", "Step \u25b8", lambda: k["stage"].key("ArrowRight"))
        k["all"] = Button("all", "Show all", lambda: k["stage"].key("End"))
        k["reset"] = Button("reset", "Start over", self.reset)
        self.knobs = k

    def use(self, fn):
        """Hand the widget a learner's block(xs): its output for the followed token is shown
        and graded against the block's own arithmetic. use(None) removes it."""
        if fn is not None and not callable(fn):
            raise TypeError(f"use() needs a function, like use(block), not {type(fn).__name__}")
        self.fn = fn

    def __repr__(self):
        return f"<residual_delta_trace stage {self.stage}, x = {fvec(self.x)}>"

    def _knob(self, key, default):
        return self.knobs[key].value if key in self.knobs else default

    stage = property(lambda self: self.knobs["stage"].value)
    x = property(lambda self: [self.knobs[f"x{i + 1}"].value for i in range(D)])
    ga = property(lambda self: self._knob("ga", 1.0))
    gm = property(lambda self: self._knob("gm", 1.0))
    residual = property(lambda self: self._knob("residual", True))
    shift = property(lambda self: self._knob("shift", 0.0))

    # The arithmetic -----------------------------------------------------------------
    def stream(self, shift=None):
        """The four rows entering the block, with the followed token's row as the learner set it."""
        c = self.shift if shift is None else shift
        rows = [list(r) for r in self.P["X"]]
        rows[FOCUS] = [v + c for v in self.x]
        return rows

    def trace(self, shift=None):
        rows = self.stream(shift)
        x = rows[FOCUS]
        normed = [layer_norm(r) for r in rows]
        da = [self.ga * v for v in attention(normed, self.P)[FOCUS]]
        h = [a + b for a, b in zip(x, da)] if self.residual else list(da)
        ln2 = layer_norm(h)
        dm = [self.gm * v for v in mlp(ln2, self.P)]
        out = [a + b for a, b in zip(h, dm)] if self.residual else list(dm)
        w = attention_weights(normed, self.P)[FOCUS]
        return {"x": x, "ln1": normed[FOCUS], "da": da, "h": h, "ln2": ln2, "dm": dm, "out": out, "w": w}

    def values(self):
        tr, base = self.trace(), self.trace(shift=0.0)
        vals = {"stage": self.stage, "ga": self.ga, "gm": self.gm, "residual": int(self.residual),
                "shift": self.shift,
                "gap": max(abs(o - x) for o, x in zip(tr["out"], tr["x"])),
                "moved": max(abs(o - b) for o, b in zip(tr["out"], base["out"]))}
        for name in ("x", "da", "dm", "out"):
            vals.update((f"{name}{i + 1}", v) for i, v in enumerate(tr[name]))
        return vals

    def set_values(self, values):
        # x1..x4 name the row the block receives, x + c: set c first, then the knobs to x - c
        values = dict(values)
        if "shift" in values:
            super().set_values({"shift": values.pop("shift")})
        for key in ("x1", "x2", "x3", "x4"):
            if key in values:
                values[key] -= self.shift
        super().set_values(values)

    def drag(self, handle, x, y):
        if self.draggable and handle in ("x1", "x2", "x3", "x4"):
            # the knob sits at x + c, so the pointer's height minus c is x; dragging snaps to 0.05
            self.knobs[handle].set(round(((self.ZERO_Y - y) / self.SCALE - self.shift) * 20) / 20)

    # The scene --------------------------------------------------------------------------
    def _y(self, v):
        return round(self.ZERO_Y - max(-CAP, min(CAP, v)) * self.SCALE, 1)

    def _bar_x(self, col, i):
        inner = D * self.BAR + (D - 1) * self.GAP
        left = self.LEFT + col * self.PITCH + (self.PITCH - 12 - inner) / 2
        return round(left + i * (self.BAR + self.GAP), 1)

    def _bar(self, col, i, lo, hi, cls, opacity):
        y1, y2 = sorted((self._y(lo), self._y(hi)))
        return S.rect(self._bar_x(col, i), y1, self.BAR, max(y2 - y1, 0.8), cls, opacity=opacity)

    def shapes(self):
        tr = self.trace()
        cols = list(self.COLS)
        if not self.residual:
            cols[3] = (f"h = {DELTA}attn", "replace")
            cols[6] = (f"out = {DELTA}mlp", "replace")
        data = [tr["x"], tr["ln1"], tr["da"], tr["h"], tr["ln2"], tr["dm"], tr["out"]]
        out = []
        w = self.PITCH - 12
        for c, (title, role) in enumerate(cols):
            x0, kind, shown = self.LEFT + c * self.PITCH, self.KIND[c], c <= self.stage
            cx = x0 + w / 2
            out.append(S.text(cx, 22, title, "small label" if shown else "small muted"))
            out.append(S.text(cx, 300, role, "small " + (kind if shown and kind != "muted" else "muted")))
            out.append(S.line(x0, self.ZERO_Y, x0 + w, self.ZERO_Y, "axis" if shown else "grid"))
            if c == self.stage:
                out.append(S.rect(x0 - 4, 34, w + 8, 276, "selected nofill", rx=6))
            if not shown:
                out.append(S.text(cx, self.ZERO_Y - 12, "?", "muted"))
                continue
            for i in range(D):
                if c in (3, 6) and self.residual:
                    before, delta = (tr["x"] if c == 3 else tr["h"])[i], data[c - 1][i]
                    out.append(self._bar(c, i, 0.0, before, "accent", 0.3))
                    out.append(self._bar(c, i, before, before + delta, "accent2", 0.85))
                    y, bx = self._y(before + delta), self._bar_x(c, i)
                    out.append(S.line(bx - 2, y, bx + self.BAR + 2, y, "accent bracket"))
                else:
                    out.append(self._bar(c, i, 0.0, data[c][i], kind, 0.6 if kind == "muted" else 0.85))
        # the stream line along the bottom: the three stream columns are one running vector
        y = 284
        out.append(S.line(self.LEFT, y, self.LEFT + 6 * self.PITCH + w, y, "accent" if self.residual else "muted"))
        for c in (2, 5):
            xa = self.LEFT + c * self.PITCH + w / 2
            out.append(S.text(xa + self.PITCH / 2 - 2, y + 4, "+" if self.residual else "\u2192",
                              "accent2" if c < self.stage else "muted"))
        # component labels under the x column, and the draggable knobs on x's bars
        for i in range(D):
            bx = self._bar_x(0, i) + self.BAR / 2
            out.append(S.text(bx, 318, str(i + 1), "small muted"))
            if self.draggable:
                out.append(S.handle(S.circle(bx, self._y(tr["x"][i]), 7, "accent"), f"x{i + 1}",
                                    f"component {i + 1} of x", fixed(tr["x"][i])))
        return out

    def readouts(self):
        tr = self.trace()
        out = [{"label": "x (token 4's row of the stream)", "value": fvec(tr["x"])}]
        if self.stage >= 2:
            out.append({"label": "attention weights on tokens 1\u20134", "value": ", ".join(fixed(a) for a in tr["w"])})
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
            row = [float(v) for v in self.fn([list(r) for r in rows])[FOCUS]]
        except Exception as exc:  # noqa: BLE001 - the learner reads their own error here
            return {"label": label, "value": f"raised {type(exc).__name__}: {exc} \u2717"}
        if len(row) != D:
            return {"label": label, "value": f"has {len(row)} numbers, not {D} \u2717"}
        right = all(abs(a - b) < 1e-6 for a, b in zip(row, truth))
        verdict = " \u2713" if right else f" \u2717 (the block gives {fvec(truth)})"
        if not (self.residual and self.ga == 1 and self.gm == 1):
            verdict += " (graded against the plain block: gains 1, residual wiring)"
        return {"label": label, "value": fvec(row) + verdict}

    def controls(self):
        k = self.knobs
        k["back"].disabled = self.stage == 0
        k["step"].disabled = k["all"].disabled = self.stage == 6
        shown = ["back", "step", "all", "ga", "gm", "residual", "shift", "reset"]
        return [k[key].control() for key in shown if key in k]
