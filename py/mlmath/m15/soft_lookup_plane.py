"""A dictionary with vector keys, looked up by a query you drag: argmax picks one entry, softmax blends them all.

Each entry has a 2-D key (an arrow from the origin) and a number as its value. The
query q is a draggable point. Every entry gets a score, the dot product q·k, and the
scores become weights:

    hard:  weight 1 for the entry with the highest score, 0 for the rest (argmax)
    soft:  weights = softmax(scores), so every entry gets a share

The output is the weighted sum of the values in both modes, so a hard lookup is a
soft one whose weights are one-hot. The right panel lists the scores and weights, and
draws the values on a number line with the output at their balance point.

    ```widget soft_lookup_plane
    id = "blend"
    mode = "soft"                              # or "hard"
    keys = [[2.0, 0.5], [-0.5, 2.0], [-1.5, -1.5]]
    values = [8, 2, 5]
    query = [1.5, 0.5]
    target = 4                                 # optional: a mark on the value line
    ```

Goal checks see qx, qy, length (|q|), out, hard (the argmax output), and per entry
s<name> (score) and w<name> (weight), e.g. sA, wA.

A cell can hand the widget a learner's lookup: `widget("blend").use(soft_lookup)` calls
soft_lookup(q, keys, values) with every value as a one-number list, and grades the
answer against the picture.
"""

import math

from ..numeric import matvec, softmax
from ..show import fixed, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from ..widgets.plot import Axis
from ..widgets.views import ramp
from .lookup import entries, hard_weights, pair

COLOURS = ("accent", "accent2", "accent3", "muted")
CHECK, CROSS = "\u2713", "\u2717"
VERTICAL = {"ArrowUp", "ArrowDown", "PageUp", "PageDown"}


@register
class SoftLookupPlane(Widget):
    name = "soft_lookup_plane"
    width, height = 640, 330

    def configure(self, config):
        n = self.name
        self.mode = one_of(n, "mode", config.pop("mode", "soft"), ("hard", "soft"))
        self.keys, self.vals, self.names = entries(n, config)
        self.height = 330 + 26 * max(0, len(self.keys) - 3)     # a fourth entry pushes the panel down a row
        extent = number(n, "extent", config.pop("extent", 3), 1, 10)
        snap = number(n, "snap", config.pop("snap", 0.1), 0, 1)
        if snap == 0:
            raise ValueError(f"{n}: snap must be in (0, 1]")
        for k in self.keys:
            if max(abs(k[0]), abs(k[1])) > extent or k == [0.0, 0.0]:
                raise ValueError(f"{n}: key {k} lies outside the plane (extent {extent}) or at its origin")
        self.target = config.pop("target", None)
        if self.target is not None:
            number(n, "target", self.target)
        q = pair(n, "query", config.pop("query", [1.5, 0.5]))
        super().configure(config)
        self.knobs = {axis: Slider(axis, axis, -extent, extent, snap, v, coarse=5 * snap)
                      for axis, v in zip(("qx", "qy"), q)}
        self.plane = Plane(extent, (12, 14, 312, 314))
        self.fn = None

    # The lookup ---------------------------------------------------------------------------
    @property
    def q(self):
        return [self.knobs["qx"].value, self.knobs["qy"].value]

    def scores(self):
        return matvec(self.keys, self.q)

    def weights(self, mode=None):
        s = self.scores()
        return softmax(s) if (mode or self.mode) == "soft" else hard_weights(s)

    def output(self, mode=None):
        return sum(w * v for w, v in zip(self.weights(mode), self.vals))

    def values(self):
        out = {**super().values(), "length": math.hypot(*self.q), "out": self.output(), "hard": self.output("hard")}
        for n, s, w in zip(self.names, self.scores(), self.weights()):
            out["s" + n], out["w" + n] = s, w
        return out

    # Events: the query is one handle moved in two directions ------------------------------------
    def handle(self, event):
        if event.get("type") == "key" and event.get("handle") == "q":
            key = event.get("key")
            if key == "Home":
                self.knobs["qx"].set(0)
                self.knobs["qy"].set(0)
            elif key != "End":
                self.knobs["qy" if key in VERTICAL else "qx"].key(key)
        else:
            super().handle(event)

    def drag(self, handle, x, y):
        if handle == "q":
            for knob, v in zip(self.knobs.values(), self.plane.value(x, y)):
                knob.set(v)

    def use(self, fn):
        """Grade a learner's lookup against the picture: fn(q, keys, values), values as one-number lists.
        use(None) takes it away again."""
        if fn is not None and not callable(fn):
            raise TypeError(f"use() needs a function, like use(soft_lookup), not {type(fn).__name__}")
        self.fn = fn

    def _learner(self):
        """(label, shown answer, verdict) for the learner's function at the current query."""
        label = f"{getattr(self.fn, '__name__', 'fn')}(q, keys, values)"
        try:
            got = self.fn(list(self.q), [list(k) for k in self.keys], [[v] for v in self.vals])
        except Exception as exc:  # noqa: BLE001 - the learner sees their own error in the readout
            return label, f"raised {type(exc).__name__}: {exc}", False
        inner = got[0] if isinstance(got, (list, tuple)) and len(got) == 1 else got
        if isinstance(inner, bool) or not isinstance(inner, (int, float)):
            return label, repr(got)[:40], False
        shown = f"[{num(inner, 3)}]" if isinstance(got, (list, tuple)) else num(inner, 3)
        return label, shown, math.isclose(inner, self.output(), rel_tol=1e-6, abs_tol=1e-9)

    # Drawing ------------------------------------------------------------------------------
    def _plane(self, w):
        p, e = self.plane, int(self.plane.span)
        left, top, right, bottom = p.box
        out = [S.rect(left, top, right - left, bottom - top, "grid nofill")]
        out += p.frame(xticks=[-e, e], yticks=[-e, e], grid=False)
        out += [s for k in range(-e, e + 1) if k for s in (S.line(p.x(k), top, p.x(k), bottom, "grid"),
                                                         S.line(left, p.y(k), right, p.y(k), "grid"))]
        for i, (k, n, v) in enumerate(zip(self.keys, self.names, self.vals)):
            cls = COLOURS[i]
            tx, ty = p.at(*k)
            # a halo behind the key's tip that lights up with the entry's weight
            out.append(S.circle(tx, ty, 15, cls, opacity=ramp(w[i])[1]))
            out += p.vector(k, cls)
            ux, uy = k[0] / math.hypot(*k), k[1] / math.hypot(*k)
            anchor = "start" if ux > 0.35 else "end" if ux < -0.35 else "middle"
            out.append(S.text(tx + 22 * ux, ty - 22 * uy + 5, f"{n} \u2192 {num(v)}", cls, anchor))
        # the handle keeps its index: everything above has a fixed count; q's arrow comes after
        out.append(p.handle("q", *self.q, "query q: drag it, or move it with the arrow keys "
                                          "(Home puts it at the origin)", self._spoken(), cls="", r=9))
        (x0, y0), (qx, qy) = p.at(0, 0), p.at(*self.q)
        d = math.hypot(qx - x0, qy - y0)
        if d > 12:      # the arrow stops at the handle's rim, so the whole dot stays draggable
            out += S.arrow(x0, y0, qx - 9 * (qx - x0) / d, qy - 9 * (qy - y0) / d, "axis")
        lab = (14, -12) if d < 1e-9 else (-16 * (y0 - qy) / d, -16 * (qx - x0) / d)
        out.append(S.text(qx + lab[0], qy + lab[1] + 4, "q", "label"))
        return out

    def _spoken(self):
        parts = ", ".join(f"{n} {fixed(x, 3)}" for n, x in zip(self.names, self.weights()))
        return f"q = ({num(self.q[0])}, {num(self.q[1])}); weights {parts}; output {num(self.output())}"

    def _panel(self, s, w):
        left, top, bar_x, bar_w, right = 336, 32, 484, 96, 634
        label = "weight = softmax(scores)" if self.mode == "soft" else "weight = argmax (one-hot)"
        out = [S.text(left, top, "entry", "small muted", "start"), S.text(left + 64, top, "value", "small muted", "end"),
               S.text(left + 134, top, "score q\u00b7k", "small muted", "end"),
               S.text(right, top, label, "small muted", "end")]
        for i, (n, v) in enumerate(zip(self.names, self.vals)):
            y, cls = top + 26 + 26 * i, COLOURS[i]
            out += [S.text(left, y, n, cls, "start"), S.text(left + 64, y, num(v), "label", "end"),
                    S.text(left + 134, y, fixed(s[i]), "label", "end"),
                    S.rect(bar_x, y - 11, bar_w, 14, "grid nofill")]
            if w[i] > 0.0005:
                out.append(S.rect(bar_x, y - 11, bar_w * w[i], 14, cls))
            out.append(S.text(right, y, fixed(w[i], 3), "label", "end"))
        y = top + 26 + 26 * len(self.keys) + 8
        terms = " + ".join(f"{fixed(x, 3)}\u00d7{num(v)}" for x, v in zip(w, self.vals))
        out.append(S.text(left, y, f"output = {terms} = {fixed(self.output())}", "small", "start"))
        return out + self._value_line(w, y + 36)

    def _value_line(self, w, top):
        marks = self.vals + ([self.target] if self.target is not None else [])
        lo, hi = math.floor(min(marks)) - 1, math.ceil(max(marks)) + 1
        x, base = Axis(lo, hi, 350, 620), top + 82
        out = [S.text(336, top - 2, "values: stalk height = weight; black bar = output", "small muted", "start"),
               S.line(344, base, 626, base, "axis"),
               S.text(x(lo), base + 16, num(lo), "small muted"), S.text(x(hi), base + 16, num(hi), "small muted")]
        for i, v in enumerate(self.vals):
            cls, h = COLOURS[i], 4 + 58 * w[i]
            out += [S.line(x(v), base, x(v), base - h, cls), S.circle(x(v), base - h, 5, cls),
                    S.text(x(v), base + 16, f"{self.names[i]} {num(v)}", f"small {cls}")]
        if self.target is not None:
            out += [S.line(x(self.target), base + 4, x(self.target), base + 22, "muted"),
                    S.text(x(self.target), base + 32, f"target {num(self.target)}", "small muted")]
        xo = x(self.output())
        out += [S.rect(xo - 2, base - 70, 4, 74, "zero"), S.text(xo, base - 74, f"output {fixed(self.output())}", "small")]
        if self.fn is not None:
            label, shown, ok = self._learner()
            out.append(S.text(336, base + 50, f"{label} = {shown} {CHECK if ok else CROSS}"[:70],
                              "small good" if ok else "small bad", "start"))
        return out

    def shapes(self):
        s, w = self.scores(), self.weights()
        return self._plane(w) + self._panel(s, w)

    def readouts(self):
        s, w = self.scores(), self.weights()
        out = [{"label": "q", "value": f"({num(self.q[0])}, {num(self.q[1])})"}]
        if self.mode == "hard":
            out.append({"label": "winner", "value": self.names[hard_weights(s).index(1.0)]})
        else:
            out.append({"label": "|q|", "value": fixed(math.hypot(*self.q))})
            out.append({"label": "weights", "value": ", ".join(fixed(x, 3) for x in w)})
        out.append({"label": "output", "value": fixed(self.output())})
        if self.mode == "soft":
            out.append({"label": "argmax would say", "value": num(self.output("hard"))})
        if self.fn is not None:
            label, shown, ok = self._learner()
            verdict = CHECK if ok else f"{CROSS} (the picture says {fixed(self.output(), 3)})"
            out.append({"label": label, "value": f"{shown} {verdict}"})
        return out

    def __repr__(self):
        return f"<soft_lookup_plane {self.mode} q = ({num(self.q[0])}, {num(self.q[1])})>"
