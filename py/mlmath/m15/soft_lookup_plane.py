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

from ..widgets import register
from ..numeric import softmax
from ..show import fixed, num
from ..widgets.base import Widget, number, one_of

COLOURS = ("accent", "accent2", "accent3", "muted")
MODES = ("hard", "soft")
CHECK, CROSS = "\u2713", "\u2717"


def scores(q, keys):
    return [q[0] * k[0] + q[1] * k[1] for k in keys]


def argmax(s):
    """The index of the highest score; the first one wins a tie, as Python's max does."""
    return max(range(len(s)), key=lambda i: s[i])


def _pair(value, what):
    ok = (isinstance(value, (list, tuple)) and len(value) == 2
          and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value))
    if not ok:
        raise ValueError(f"soft_lookup_plane: {what} must be a pair of numbers like [1.5, 0.5], not {value!r}")
    return [float(value[0]), float(value[1])]


@register
class SoftLookupPlane(Widget):
    name = "soft_lookup_plane"
    width, height = 640, 330
    px0, py0, side = 12, 14, 300      # the plane: a square, y up

    def configure(self, config):
        n = self.name
        self.mode = one_of(n, "mode", config.pop("mode", "soft"), MODES)
        keys = config.pop("keys", [[2.0, 0.5], [-0.5, 2.0], [-1.5, -1.5]])
        if not isinstance(keys, list) or not 2 <= len(keys) <= 4:
            raise ValueError("soft_lookup_plane: keys must be a list of 2 to 4 pairs")
        self.keys = [_pair(k, "each key") for k in keys]
        self.height = 330 + 26 * max(0, len(keys) - 3)     # a fourth entry pushes the panel down a row
        values = config.pop("values", [8, 2, 5][:len(keys)] + [0] * max(0, len(keys) - 3))
        if not isinstance(values, list) or len(values) != len(self.keys):
            raise ValueError("soft_lookup_plane: values must be a list with one number per key")
        self.vals = [number(n, "each value", v) for v in values]
        names = config.pop("names", list("ABCD")[:len(self.keys)])
        if (not isinstance(names, list) or len(names) != len(self.keys) or len(set(names)) != len(names)
                or not all(isinstance(n, str) and len(n) == 1 and n.isalpha() for n in names)):
            raise ValueError("soft_lookup_plane: names must be one distinct letter per key")
        self.names = names
        self.extent = number(n, "extent", config.pop("extent", 3), 1, 10)
        self.snap = number(n, "snap", config.pop("snap", 0.1), 0, 1)
        if self.snap == 0:
            raise ValueError("soft_lookup_plane: snap must be in (0, 1]")
        for k in self.keys:
            if max(abs(k[0]), abs(k[1])) > self.extent:
                raise ValueError(f"soft_lookup_plane: key {k} lies outside the plane (extent {self.extent})")
        self.target = config.pop("target", None)
        if self.target is not None:
            number(n, "target", self.target)
        self.start = self._place(_pair(config.pop("query", [1.5, 0.5]), "query"))
        super().configure(config)
        self.q = list(self.start)
        self.fn = None

    # Geometry ---------------------------------------------------------------------------
    def _xy(self, p):
        half = self.side / 2
        return (round(self.px0 + half + half * p[0] / self.extent, 1),
                round(self.py0 + half - half * p[1] / self.extent, 1))

    def _place(self, p):
        """Snap a point to the grid and keep it on the plane."""
        out = []
        for v in p:
            v = round(v / self.snap) * self.snap
            v = min(max(v, -self.extent), self.extent)
            out.append(round(v, 6) + 0.0)
        return out

    # The lookup ---------------------------------------------------------------------------
    def scores(self):
        return scores(self.q, self.keys)

    def weights(self, mode=None):
        s = self.scores()
        if (mode or self.mode) == "soft":
            return softmax(s)
        win = argmax(s)
        return [1.0 if i == win else 0.0 for i in range(len(s))]

    def output(self, mode=None):
        return sum(w * v for w, v in zip(self.weights(mode), self.vals))

    def values(self):
        out = {"qx": self.q[0], "qy": self.q[1], "length": math.hypot(*self.q),
               "out": self.output(), "hard": self.output("hard")}
        for n, s, w in zip(self.names, self.scores(), self.weights()):
            out["s" + n] = s
            out["w" + n] = w
        return out

    def set_values(self, values):
        values = dict(values)
        unknown = set(values) - {"qx", "qy"}
        if unknown:
            raise KeyError(f"soft_lookup_plane can set only qx and qy, not {sorted(unknown)}")
        q = list(self.q)
        if "qx" in values:
            q[0] = number(self.name, "qx", values["qx"])
        if "qy" in values:
            q[1] = number(self.name, "qy", values["qy"])
        self.q = self._place(q)

    def reset(self):
        self.q = list(self.start)

    # Events -------------------------------------------------------------------------------
    def handle(self, event):
        if event.get("handle") != "q":
            return
        if event.get("type") == "drag":
            half = self.side / 2
            x = (float(event["x"]) - self.px0 - half) / half * self.extent
            y = (self.py0 + half - float(event["y"])) / half * self.extent
            self.q = self._place([x, y])
        elif event.get("type") == "key":
            key, s = event.get("key"), self.snap
            move = {"ArrowRight": (s, 0), "ArrowLeft": (-s, 0), "ArrowUp": (0, s), "ArrowDown": (0, -s),
                    "PageUp": (0, 5 * s), "PageDown": (0, -5 * s)}.get(key)
            if move:
                self.q = self._place([self.q[0] + move[0], self.q[1] + move[1]])
            elif key == "Home":
                self.q = [0.0, 0.0]

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
    def _arrow(self, tip, cls, width_px=7):
        x0, y0 = self._xy((0, 0))
        x1, y1 = self._xy(tip)
        d = math.hypot(x1 - x0, y1 - y0)
        out = []
        if d < 1:
            return out
        ux, uy = (x1 - x0) / d, (y1 - y0) / d
        bx, by = x1 - ux * width_px * 1.6, y1 - uy * width_px * 1.6
        out.append({"t": "line", "x1": x0, "y1": y0, "x2": round(bx, 1), "y2": round(by, 1), "cls": cls})
        out.append({"t": "poly", "cls": cls, "pts": [
            [round(bx - uy * width_px * 0.7, 1), round(by + ux * width_px * 0.7, 1)], [x1, y1],
            [round(bx + uy * width_px * 0.7, 1), round(by - ux * width_px * 0.7, 1)]]})
        return out

    def _plane(self, w):
        x0, y0, s, e = self.px0, self.py0, self.side, self.extent
        out = [{"t": "rect", "x": x0, "y": y0, "w": s, "h": s, "cls": "grid nofill"}]
        for i in range(-int(e), int(e) + 1):
            if i == 0:
                continue
            gx, _ = self._xy((i, 0))
            _, gy = self._xy((0, i))
            out.append({"t": "line", "x1": gx, "y1": y0, "x2": gx, "y2": y0 + s, "cls": "grid"})
            out.append({"t": "line", "x1": x0, "y1": gy, "x2": x0 + s, "y2": gy, "cls": "grid"})
        cx, cy = self._xy((0, 0))
        out.append({"t": "line", "x1": x0, "y1": cy, "x2": x0 + s, "y2": cy, "cls": "tick"})
        out.append({"t": "line", "x1": cx, "y1": y0, "x2": cx, "y2": y0 + s, "cls": "tick"})
        ex, _ = self._xy((int(e), 0))
        out.append({"t": "text", "x": ex - 3, "y": cy + 14, "s": str(int(e)), "anchor": "end", "cls": "small muted"})
        _, ey = self._xy((0, int(e)))
        out.append({"t": "text", "x": cx + 5, "y": ey + 10, "s": str(int(e)), "anchor": "start", "cls": "small muted"})
        for i, (k, n, v) in enumerate(zip(self.keys, self.names, self.vals)):
            cls = COLOURS[i]
            tx, ty = self._xy(k)
            # a halo behind the key's tip that lights up with the entry's weight
            out.append({"t": "circle", "cx": tx, "cy": ty, "r": 15, "cls": cls if i < 3 else "muted",
                        "opacity": round(0.06 + 0.5 * w[i], 3)})
            out += self._arrow(k, cls)
            d = math.hypot(*k) or 1
            ux, uy = k[0] / d, k[1] / d
            lx, ly = tx + 22 * ux, ty - 22 * uy + 5
            anchor = "start" if ux > 0.35 else "end" if ux < -0.35 else "middle"
            out.append({"t": "text", "x": round(lx, 1), "y": round(ly, 1), "s": f"{n} \u2192 {num(v)}",
                        "anchor": anchor, "cls": cls})
        out += self._arrow(self.q, "axis", 6)
        qx, qy = self._xy(self.q)
        length = math.hypot(*self.q)
        lab_dx, lab_dy = ((14, -12) if length < 1e-9 else
                          (-16 * self.q[1] / length, -16 * self.q[0] / length))
        out.append({"t": "text", "x": round(qx + lab_dx, 1), "y": round(qy + lab_dy + 4, 1), "s": "q",
                    "cls": "label"})
        out.append({"t": "circle", "cx": qx, "cy": qy, "r": 9, "handle": "q",
                    "label": "query q: drag it, or move it with the arrow keys (Home puts it at the origin)",
                    "value": self._spoken()})
        return out

    def _spoken(self):
        w = self.weights()
        parts = ", ".join(f"{n} {fixed(x, 3)}" for n, x in zip(self.names, w))
        return f"q = ({num(self.q[0])}, {num(self.q[1])}); weights {parts}; output {num(self.output())}"

    def _panel(self, s, w):
        out = []
        left = 336
        xs = {"name": left, "value": left + 64, "score": left + 134, "bar": left + 148, "weight": 634}
        bar_w = 96
        top = 32
        out.append({"t": "text", "x": xs["name"], "y": top, "s": "entry", "anchor": "start", "cls": "small muted"})
        out.append({"t": "text", "x": xs["value"], "y": top, "s": "value", "anchor": "end", "cls": "small muted"})
        out.append({"t": "text", "x": xs["score"], "y": top, "s": "score q\u00b7k", "anchor": "end",
                    "cls": "small muted"})
        label = "weight = softmax(scores)" if self.mode == "soft" else "weight = argmax (one-hot)"
        out.append({"t": "text", "x": xs["weight"], "y": top, "s": label, "anchor": "end", "cls": "small muted"})
        for i, (n, v) in enumerate(zip(self.names, self.vals)):
            y = top + 26 + 26 * i
            cls = COLOURS[i]
            out.append({"t": "text", "x": xs["name"], "y": y, "s": n, "anchor": "start", "cls": cls})
            out.append({"t": "text", "x": xs["value"], "y": y, "s": num(v), "anchor": "end", "cls": "label"})
            out.append({"t": "text", "x": xs["score"], "y": y, "s": fixed(s[i]), "anchor": "end", "cls": "label"})
            out.append({"t": "rect", "x": xs["bar"], "y": y - 11, "w": bar_w, "h": 14, "cls": "grid nofill"})
            if w[i] > 0.0005:
                out.append({"t": "rect", "x": xs["bar"], "y": y - 11, "w": round(bar_w * w[i], 1), "h": 14,
                            "cls": cls if i < 3 else "muted"})
            out.append({"t": "text", "x": xs["weight"], "y": y, "s": fixed(w[i], 3), "anchor": "end", "cls": "label"})
        y = top + 26 + 26 * len(self.keys) + 8
        terms = " + ".join(f"{fixed(x, 3)}\u00d7{num(v)}" for x, v in zip(w, self.vals))
        out.append({"t": "text", "x": left, "y": y, "anchor": "start", "cls": "small",
                    "s": f"output = {terms} = {fixed(self.output())}"})
        out += self._value_line(w, y + 36)
        return out

    def _value_line(self, w, top):
        lo = math.floor(min(self.vals + ([self.target] if self.target is not None else []))) - 1
        hi = math.ceil(max(self.vals + ([self.target] if self.target is not None else []))) + 1
        x0, x1 = 350, 620
        base = top + 82

        def x_of(v):
            return round(x0 + (v - lo) / (hi - lo) * (x1 - x0), 1)

        out = [{"t": "text", "x": x0 - 14, "y": top - 2, "anchor": "start", "cls": "small muted",
                "s": "values: stalk height = weight; black bar = output"},
               {"t": "line", "x1": x0 - 6, "y1": base, "x2": x1 + 6, "y2": base, "cls": "axis"},
               {"t": "text", "x": x0, "y": base + 16, "s": num(lo), "cls": "small muted"},
               {"t": "text", "x": x1, "y": base + 16, "s": num(hi), "cls": "small muted"}]
        for i, v in enumerate(self.vals):
            cls = COLOURS[i]
            x = x_of(v)
            h = 4 + 58 * w[i]
            out.append({"t": "line", "x1": x, "y1": base, "x2": x, "y2": round(base - h, 1), "cls": cls})
            out.append({"t": "circle", "cx": x, "cy": round(base - h, 1), "r": 5, "cls": cls if i < 3 else "muted"})
            out.append({"t": "text", "x": x, "y": base + 16, "s": f"{self.names[i]} {num(v)}", "cls": f"small {cls}"})
        if self.target is not None:
            x = x_of(self.target)
            out.append({"t": "line", "x1": x, "y1": base + 4, "x2": x, "y2": base + 22, "cls": "muted"})
            out.append({"t": "text", "x": x, "y": base + 32, "s": f"target {num(self.target)}", "cls": "small muted"})
        x = x_of(self.output())
        out.append({"t": "rect", "x": round(x - 2, 1), "y": base - 70, "w": 4, "h": 74, "cls": "zero"})
        out.append({"t": "text", "x": x, "y": base - 74, "s": f"output {fixed(self.output())}", "cls": "small"})
        if self.fn is not None:
            label, shown, ok = self._learner()
            out.append({"t": "text", "x": 336, "y": base + 50, "anchor": "start",
                        "cls": "small good" if ok else "small bad",
                        "s": f"{label} = {shown} {CHECK if ok else CROSS}"[:70]})
        return out

    def shapes(self):
        s, w = self.scores(), self.weights()
        return self._plane(w) + self._panel(s, w)

    def readouts(self):
        s, w = self.scores(), self.weights()
        out = [{"label": "q", "value": f"({num(self.q[0])}, {num(self.q[1])})"}]
        if self.mode == "hard":
            out.append({"label": "winner", "value": self.names[argmax(s)]})
        else:
            out.append({"label": "|q|", "value": fixed(math.hypot(*self.q))})
            out.append({"label": "weights", "value": ", ".join(fixed(x, 3) for x in w)})
        out.append({"label": "output", "value": fixed(self.output())})
        if self.mode == "soft":
            out.append({"label": "argmax would say", "value": num(self.output("hard"))})
        if self.fn is not None:
            label, shown, ok = self._learner()
            verdict = "\u2713" if ok else f"\u2717 (the picture says {fixed(self.output(), 3)})"
            out.append({"label": label, "value": f"{shown} {verdict}"})
        return out

    def __repr__(self):
        return f"<soft_lookup_plane {self.mode} q = ({num(self.q[0])}, {num(self.q[1])})>"
