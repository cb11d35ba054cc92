"""An RNN unrolled over a short word: one column per time step.

Each column is one run of the same cell, h_t = tanh(W_x x_t + W_h h_{t-1} + b). The
top rows are the hidden state as a heatmap (blue for positive, orange for negative,
stronger for bigger); the box under each column holds small copies of W_x, W_h and b,
the very same numbers at every step; the bottom row is the character read and its
one-hot vector. The learner steps through time (drag the marker, arrow keys, or the
buttons). With `editable`, the panel at the bottom holds the one real copy of the
weights: select an entry (click, or focus it) and change it with the slider or the
Up/Down keys; every copy above changes with it, and so does every column.

Options:
  text      the word to read (default "hello"); every character must be in `alphabet`
  alphabet  the characters of the one-hot code, in order (default "ehlo")
  wx, wh, b the weights: H x V, H x H and H lists (default: a fixed 3-unit cell)
  t         the step shown at the start, 0 (nothing read yet) to len(text)
  editable  true: the weights panel and its slider are shown (default false)
  typing    true: a text box lets the learner type a new word (default false)
  select    the weight selected at the start, e.g. "wx:1:3" (1-based row, column)

`use(fn)` hands the widget a learner's `fn(Wx, Wh, b, xs)` returning the list of
hidden states h_1..h_T; the heatmap then shows the learner's states, graded against
the widget's own arithmetic.
"""

import math

from ..widgets import register
from ..show import fixed
from ..widgets.base import Widget, arrow_step, whole

WX = [[0.5, 1.0, -0.6, 0.2], [-0.8, 0.2, 0.7, -0.3], [0.3, -0.5, 0.4, -0.9]]
WH = [[0.5, -0.4, 0.2], [0.6, 0.3, -0.5], [-0.3, 0.8, 0.4]]
B = [0.1, -0.1, 0.0]
WMIN, WMAX = -2.0, 2.0
MAX_LEN = 7
SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def fvec(v):
    return "[" + ", ".join(fixed(x) for x in v) + "]"


def sub(n):
    return str(n).translate(SUB)


def forward(wx, wh, b, xs):
    """Hidden states h_1..h_T from h_0 = 0, with the same weights at every step."""
    h = [0.0] * len(b)
    out = []
    for x in xs:
        h = [math.tanh(sum(wx[i][j] * x[j] for j in range(len(x)))
                       + sum(wh[i][k] * h[k] for k in range(len(h))) + b[i]) for i in range(len(b))]
        out.append(h)
    return out


def _matrix(value, rows, cols, what):
    if not isinstance(value, list) or len(value) != rows or any(
            not isinstance(r, list) or len(r) != cols for r in value):
        raise ValueError(f"{what} must be a list of {rows} rows of {cols} numbers")
    out = []
    for r in value:
        row = []
        for v in r:
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not WMIN <= v <= WMAX:
                raise ValueError(f"{what} holds {v!r}: weights are numbers from {WMIN} to {WMAX}")
            row.append(float(v))
        out.append(row)
    return out


@register
class RnnUnroll(Widget):
    name = "rnn_unroll"
    width = 720

    def configure(self, config):
        self.alphabet = str(config.pop("alphabet", "ehlo"))
        if not 2 <= len(self.alphabet) <= 6 or len(set(self.alphabet)) != len(self.alphabet):
            raise ValueError("alphabet must be 2 to 6 different characters")
        V = len(self.alphabet)
        self.wx = _matrix(config.pop("wx", [row[:] for row in WX]), len(config.get("b", B)), V, "wx")
        H = len(self.wx)
        if not 1 <= H <= 4:
            raise ValueError("the cell must have 1 to 4 hidden units")
        self.wh = _matrix(config.pop("wh", [row[:] for row in WH]), H, H, "wh")
        self.b = _matrix([config.pop("b", list(B))], 1, H, "b")[0]
        self.start_weights = ([r[:] for r in self.wx], [r[:] for r in self.wh], self.b[:])
        self.text = self._word(config.pop("text", "hello"))
        self.t = whole(self.name, "t", config.pop("t", 0), 0, len(self.text))
        self.editable = bool(config.pop("editable", False))
        self.typing = bool(config.pop("typing", False))
        self.sel = self._parse_sel(config.pop("select", "wh:1:1"))
        self.note = ""
        self.fn = None
        super().configure(config)

    # Helpers -------------------------------------------------------------------------
    @property
    def H(self):
        return len(self.b)

    @property
    def V(self):
        return len(self.alphabet)

    @property
    def T(self):
        return len(self.text)

    def _word(self, text):
        text = str(text)
        bad = sorted(set(c for c in text if c not in self.alphabet))
        if bad or not 1 <= len(text) <= MAX_LEN:
            raise ValueError(f"the word must be 1 to {MAX_LEN} characters from {self.alphabet!r}"
                             + (f"; it has {bad}" if bad else ""))
        return text

    def _parse_sel(self, sel):
        parts = str(sel).split(":")
        try:
            name, idx = parts[0], [int(p) - 1 for p in parts[1:]]
        except ValueError:
            raise ValueError(f"select {sel!r}: write it like 'wx:1:3', 'wh:2:1' or 'b:1'") from None
        shape = {"wx": (self.H, self.V), "wh": (self.H, self.H), "b": (self.H,)}
        if name not in shape or len(idx) != len(shape[name]) or any(
                not 0 <= i < n for i, n in zip(idx, shape[name])):
            raise ValueError(f"select {sel!r}: write it like 'wx:1:3', 'wh:2:1' or 'b:1', inside the matrix")
        return (name, *idx)

    def _sel_name(self, sel=None):
        name, *idx = sel or self.sel
        pretty = {"wx": "W\u2093", "wh": "W\u2095", "b": "b"}[name]
        return f"{pretty}[{','.join(str(i + 1) for i in idx)}]"

    def _get(self, sel):
        name, *idx = sel
        if name == "b":
            return self.b[idx[0]]
        return getattr(self, name)[idx[0]][idx[1]]

    def _set(self, sel, v):
        v = round(min(max(float(v), WMIN), WMAX), 2)
        name, *idx = sel
        if name == "b":
            self.b[idx[0]] = v
        else:
            getattr(self, name)[idx[0]][idx[1]] = v

    def onehots(self):
        return [[1.0 if c == a else 0.0 for a in self.alphabet] for c in self.text]

    def states(self):
        """h_0..h_T by the widget's own arithmetic."""
        return [[0.0] * self.H] + forward(self.wx, self.wh, self.b, self.onehots())

    def learner_states(self):
        """(states h_0..h_T or None, per-step verdicts, message) from the learner's function."""
        fname = getattr(self.fn, "__name__", "fn")
        try:
            got = self.fn([r[:] for r in self.wx], [r[:] for r in self.wh], self.b[:], self.onehots())
        except Exception as exc:  # noqa: BLE001 - the learner reads their own error
            return None, [], f"{fname} raised {type(exc).__name__}: {exc}"
        try:
            got = [[float(v) for v in h] for h in got]
        except (TypeError, ValueError):
            return None, [], f"{fname} returned {got!r:.60}: return a list of hidden states, one list per step"
        if len(got) != self.T or any(len(h) != self.H for h in got):
            return None, [], (f"{fname} returned {len(got)} states; reading {self.T} characters gives {self.T} "
                              f"states of {self.H} numbers each")
        truth = self.states()[1:]
        ok = [all(abs(a - b) < 1e-6 for a, b in zip(g, w)) for g, w in zip(got, truth)]
        if all(ok):
            msg = f"{fname} agrees with the cell at all {self.T} steps"
        else:
            first = ok.index(False) + 1
            msg = f"{fname} differs from the cell from step {first} on: h{sub(first)} should be {fvec(truth[first - 1])}"
        return [[0.0] * self.H] + got, ok, msg

    def use(self, fn):
        """Draw the states a learner's fn(Wx, Wh, b, xs) computes; use(None) goes back."""
        if fn is not None and not callable(fn):
            raise TypeError(f"use() needs a function, like use(rnn_forward), not {type(fn).__name__}")
        self.fn = fn

    # Values -------------------------------------------------------------------------
    def values(self):
        hs = self.states()
        return {"t": self.t, "T": self.T, "word": self.text, "hs": [[round(v, 6) for v in h] for h in hs],
                "h": [round(v, 6) for v in hs[self.t]], "sel": self._sel_name(), "w": self._get(self.sel),
                "wx": [r[:] for r in self.wx], "wh": [r[:] for r in self.wh], "b": self.b[:]}

    def set_values(self, values):
        values = dict(values)
        unknown = set(values) - {"t", "word", "wx", "wh", "b", "sel", "w"}
        if unknown:
            raise KeyError(f"rnn_unroll cannot set {sorted(unknown)}")
        if "word" in values:
            self.text = self._word(values["word"])
            self.t = min(self.t, self.T)
        if "wx" in values:
            self.wx = _matrix(values["wx"], self.H, self.V, "wx")
        if "wh" in values:
            self.wh = _matrix(values["wh"], self.H, self.H, "wh")
        if "b" in values:
            self.b = _matrix([values["b"]], 1, self.H, "b")[0]
        if "sel" in values:
            self.sel = self._parse_sel(values["sel"])
        if "w" in values:
            self._set(self.sel, values["w"])
        if "t" in values:
            self.t = whole(self.name, "t", values["t"], 0, self.T)

    # Events -------------------------------------------------------------------------
    def handle(self, event):
        kind, h = event.get("type"), event.get("handle")
        if kind == "drag" and h == "time":
            x = event.get("x", 0)
            self.t = min(max(round((x - self.col_x(0)) / self.col_w), 0), self.T)
        elif kind == "key" and h == "time":
            key = event.get("key")
            if key == "Home":
                self.t = 0
            elif key == "End":
                self.t = self.T
            else:
                step = arrow_step(key, 1, 1)
                self.t = min(max(self.t + int(step), 0), self.T)
        elif isinstance(h, str) and h.startswith("w:") and self.editable:
            sel = self._parse_sel(h[2:])
            self.sel = sel
            if kind == "key":
                key = event.get("key")
                if key in ("ArrowUp", "ArrowRight", "ArrowDown", "ArrowLeft", "PageUp", "PageDown"):
                    self._set(sel, self._get(sel) + arrow_step(key, 0.1, 0.5))
        elif kind == "input":
            cid, value = event.get("id"), event.get("value")
            if cid == "back":
                self.t = max(self.t - 1, 0)
            elif cid == "step":
                self.t = min(self.t + 1, self.T)
            elif cid == "end":
                self.t = self.T
            elif cid == "weight" and self.editable:
                self._set(self.sel, float(value))
            elif cid == "reset" and self.editable:
                wx, wh, b = self.start_weights
                self.wx, self.wh, self.b = [r[:] for r in wx], [r[:] for r in wh], b[:]
            elif cid == "word" and self.typing:
                text = str(value or "").strip().lower()
                try:
                    self.text = self._word(text)
                    self.note = ""
                    self.t = min(self.t, self.T) if self.t < self.T else self.T
                except ValueError:
                    self.note = (f"“{text}” can't be read: use 1 to {MAX_LEN} letters from "
                                 f"{', '.join(self.alphabet)}")

    # Geometry -----------------------------------------------------------------------
    LEFT = 74
    col_w = 86
    HC = 22                  # height of one heatmap cell
    TOP = 34

    def col_x(self, t):
        """Centre of column t (t = 0 is h_0)."""
        return self.LEFT + 28 + t * self.col_w

    @property
    def cell_y(self):
        return self.TOP + self.H * self.HC + 26

    @property
    def x_y(self):
        return self.cell_y + 74

    @property
    def panel_y(self):
        return self.x_y + 54

    @property
    def height(self):
        if self.editable:
            return self.panel_y + 34 + self.H * 24 + 8
        return self.x_y + 34

    # Scene --------------------------------------------------------------------------
    @staticmethod
    def _heat(v):
        return ("accent" if v >= 0 else "accent2"), round(0.06 + 0.6 * min(abs(v), 1.0), 3)

    def _thumb(self, x, y, rows, cols, get, which, size=7):
        out = []
        for i in range(rows):
            for j in range(cols):
                v = get(i, j)
                cls, op = self._heat(v)
                out.append({"t": "rect", "x": x + j * size, "y": y + i * size, "w": size, "h": size,
                            "cls": cls, "opacity": op})
        name, *idx = self.sel
        if name == which and self.editable:
            i, j = (idx[0], idx[1]) if len(idx) == 2 else (idx[0], 0)
            out.append({"t": "rect", "x": x + j * size - 1, "y": y + i * size - 1, "w": size + 2, "h": size + 2,
                        "cls": "selected nofill"})
        return out

    def shapes(self):
        out = []
        H, T = self.H, self.T
        if self.fn is not None:
            hs, ok, _ = self.learner_states()
            if hs is None:
                hs, ok = self.states(), [True] * T
        else:
            hs, ok = self.states(), [True] * T
        top, hc = self.TOP, self.HC
        # row labels
        for i in range(H):
            out.append({"t": "text", "x": self.LEFT - 6, "y": top + i * hc + 15, "anchor": "end",
                        "s": f"unit {i + 1}", "cls": "small muted"})
        out.append({"t": "text", "x": self.LEFT - 6, "y": self.cell_y + 34, "anchor": "end", "s": "cell",
                    "cls": "small muted"})
        out.append({"t": "text", "x": self.LEFT - 6, "y": self.x_y + 6, "anchor": "end", "s": "input x\u209c",
                    "cls": "small muted"})
        # columns
        for t in range(T + 1):
            cx = self.col_x(t)
            done = t <= self.t
            out.append({"t": "text", "x": cx, "y": top - 8, "s": f"h{sub(t)}",
                        "cls": "small accent3" if t == self.t else "small"})
            for i in range(H):
                y = top + i * hc
                if done:
                    v = hs[t][i]
                    cls, op = self._heat(v)
                    out.append({"t": "rect", "x": cx - 26, "y": y, "w": 52, "h": hc, "cls": cls, "opacity": op})
                    out.append({"t": "text", "x": cx, "y": y + 15, "s": fixed(v), "cls": "small"})
                else:
                    out.append({"t": "rect", "x": cx - 26, "y": y, "w": 52, "h": hc, "cls": "grid nofill"})
            if t >= 1 and not ok[t - 1] and done:
                out.append({"t": "rect", "x": cx - 28, "y": top - 2, "w": 56, "h": H * hc + 4, "cls": "bad nofill"})
            if t == 0:
                continue
            # the cell: the same three little matrices at every step
            bx, by = cx - 36, self.cell_y
            out.append({"t": "rect", "x": bx, "y": by, "w": 72, "h": 46, "rx": 6,
                        "cls": "node selected" if t == self.t else ("node" if done else "grid nofill")})
            ty = by + 8
            out += self._thumb(bx + 5, ty, H, self.V, lambda i, j: self.wx[i][j], "wx", size=6)
            out += self._thumb(bx + 5 + 6 * self.V + 5, ty, H, H, lambda i, j: self.wh[i][j], "wh", size=6)
            out += self._thumb(bx + 5 + 6 * self.V + 5 + 6 * H + 5, ty, H, 1, lambda i, j: self.b[i], "b", size=6)
            out.append({"t": "text", "x": cx, "y": by + 41, "s": "W\u2093 W\u2095 b", "cls": "small muted"})
            # wires: h_{t-1} in from the left, x_t up from below, h_t up to the column
            wire = "accent3" if t == self.t else ("edge" if done else "grid")
            px = self.col_x(t - 1)
            out.append({"t": "path", "d": f"M {px} {top + H * hc} V {by + 23} H {bx - 4} l -5 -4 m 5 4 l -5 4",
                        "cls": wire})
            out.append({"t": "path", "d": f"M {cx} {by} V {top + H * hc + 3} l -4 5 m 4 -5 l 4 5", "cls": wire})
            out.append({"t": "path", "d": f"M {cx} {self.x_y - 14} V {by + 49} l -4 5 m 4 -5 l 4 5", "cls": wire})
            ch = self.text[t - 1]
            out.append({"t": "text", "x": cx, "y": self.x_y + 4, "s": ch, "cls": "label accent3" if t == self.t else "label"})
            out.append({"t": "text", "x": cx, "y": self.x_y + 20,
                        "s": "".join("1" if a == ch else "0" for a in self.alphabet), "cls": "small muted"})
        out.append({"t": "text", "x": self.col_x(0), "y": self.x_y + 20, "s": f"one-hot: {self.alphabet}",
                    "cls": "small muted"})
        # the time marker
        mx = self.col_x(self.t)
        out.append({"t": "path", "d": f"M {mx - 7} 4 H {mx + 7} L {mx} 14 Z", "cls": "accent3"})
        out.append({"t": "rect", "x": mx - 30, "y": 0, "w": 60, "h": top - 20 + 2, "rx": 4, "cls": "nofill grid",
                    "handle": "time",
                    "label": "time step: left and right arrows step through the word",
                    "value": (f"t = {self.t}, nothing read yet" if self.t == 0 else
                              f"t = {self.t}, read {self.text[self.t - 1]!r}, h = {fvec(hs[self.t])}")})
        if self.editable:
            out += self._panel()
        return out

    def _panel(self):
        out = []
        y0 = self.panel_y
        out.append({"t": "text", "x": 6, "y": y0 - 8, "anchor": "start", "cls": "small muted",
                    "s": "the one real copy of the weights: click an entry, then use the slider or the up/down keys"})
        blocks = [("wx", "W\u2093", self.V, [c for c in self.alphabet]), ("wh", "W\u2095", self.H,
                  [f"u{i + 1}" for i in range(self.H)]), ("b", "b", 1, [""])]
        x = self.LEFT
        ew, eh = 44, 24
        for key, label, cols, heads in blocks:
            out.append({"t": "text", "x": x - 6, "y": y0 + 22 + self.H * eh / 2, "anchor": "end", "s": label,
                        "cls": "label"})
            for j, head in enumerate(heads):
                out.append({"t": "text", "x": x + j * ew + ew / 2, "y": y0 + 10, "s": head, "cls": "small muted"})
            for i in range(self.H):
                for j in range(cols):
                    sel = (key, i, j) if key != "b" else (key, i)
                    v = self._get(sel)
                    cls, op = self._heat(v)
                    chosen = sel == self.sel
                    ref = ":".join([key] + [str(k + 1) for k in sel[1:]])
                    out.append({"t": "rect", "x": x + j * ew + 1, "y": y0 + 16 + i * eh, "w": ew - 2, "h": eh - 2,
                                "rx": 3, "cls": cls + (" selected" if chosen else ""), "opacity": op,
                                "handle": f"w:{ref}",
                                "label": f"{self._sel_name(sel)}: click to select, up and down keys change it",
                                "value": f"{self._sel_name(sel)} = {fixed(v)}"})
                    out.append({"t": "text", "x": x + j * ew + ew / 2, "y": y0 + 32 + i * eh, "s": fixed(v, 1),
                                "cls": "small"})
            x += cols * ew + 56
        return out

    def readouts(self):
        out = []
        hs = self.states()
        if self.t == 0:
            out.append({"label": "t", "value": f"0: nothing read yet, h\u2080 = {fvec(hs[0])}"})
        else:
            t, ch = self.t, self.text[self.t - 1]
            j = self.alphabet.index(ch)
            wxx = [self.wx[i][j] for i in range(self.H)]
            whh = [sum(self.wh[i][k] * hs[t - 1][k] for k in range(self.H)) for i in range(self.H)]
            pre = [a + c + d for a, c, d in zip(wxx, whh, self.b)]
            out.append({"label": "t", "value": f"{t}, reading {ch!r}"})
            out.append({"label": f"W\u2093x{sub(t)}", "value": f"{fvec(wxx)} (column {ch!r} of W\u2093)"})
            out.append({"label": f"W\u2095h{sub(t - 1)}", "value": fvec(whh)})
            out.append({"label": "b", "value": fvec(self.b)})
            out.append({"label": f"h{sub(t)} = tanh(sum)", "value": f"tanh({fvec(pre)}) = {fvec(hs[t])}"})
        if self.editable:
            name, *idx = self.sel
            v = self._get(self.sel)
            if name == "wx":
                ch = self.alphabet[idx[1]]
                steps = [t + 1 for t, c in enumerate(self.text) if c == ch]
                where = (f"used at every step that reads {ch!r}: " + (", ".join(map(str, steps)) if steps else "none here"))
            else:
                where = f"used at all {self.T} steps"
            out.append({"label": self._sel_name(), "value": f"{fixed(v)}, one number, {where}"})
        if self.fn is not None:
            out.append({"label": "", "value": self.learner_states()[2]})
        if self.note:
            out.append({"label": "", "value": self.note})
        return out

    def controls(self):
        out = [{"kind": "button", "id": "back", "label": "\u25c2 Back", "disabled": self.t == 0},
               {"kind": "button", "id": "step", "label": "Step \u25b8", "disabled": self.t == self.T},
               {"kind": "button", "id": "end", "label": "Run to the end", "disabled": self.t == self.T}]
        if self.typing:
            out.append({"kind": "text", "id": "word", "label": f"Word (letters {self.alphabet})", "value": self.text})
        if self.editable:
            out.append({"kind": "range", "id": "weight", "label": f"selected {self._sel_name()}", "min": WMIN,
                        "max": WMAX, "step": 0.1, "value": self._get(self.sel), "display": fixed(self._get(self.sel))})
            out.append({"kind": "button", "id": "reset", "label": "Reset weights"})
        return out

    def __repr__(self):
        return f"<rnn_unroll {self.text!r} at t = {self.t}>"
