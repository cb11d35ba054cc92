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
from ..numeric import matvec
from ..show import fixed, sub
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number, whole
from ..widgets.controls import Button, Slider, Text
from ..widgets.views import cell

WX = [[0.5, 1.0, -0.6, 0.2], [-0.8, 0.2, 0.7, -0.3], [0.3, -0.5, 0.4, -0.9]]
WH = [[0.5, -0.4, 0.2], [0.6, 0.3, -0.5], [-0.3, 0.8, 0.4]]
B = [0.1, -0.1, 0.0]
MAX_LEN = 7
PRETTY = {"wx": "W\u2093", "wh": "W\u2095", "b": "b"}


def fvec(v):
    return "[" + ", ".join(fixed(x) for x in v) + "]"


def forward(wx, wh, b, xs):
    """Hidden states h_1..h_T from h_0 = 0, with the same weights at every step."""
    h = [0.0] * len(b)
    out = []
    for x in xs:
        h = [math.tanh(a + c + d) for a, c, d in zip(matvec(wx, x), matvec(wh, h), b)]
        out.append(h)
    return out


def _matrix(widget, value, rows, cols, what):
    if not isinstance(value, list) or len(value) != rows or any(
            not isinstance(r, list) or len(r) != cols for r in value):
        raise ValueError(f"{widget}: {what} must be a list of {rows} rows of {cols} numbers")
    return [[float(number(widget, what, v, -2, 2)) for v in r] for r in value]


@register
class RnnUnroll(Widget):
    name = "rnn_unroll"
    width = 720

    def configure(self, config):
        self.alphabet = str(config.pop("alphabet", "ehlo"))
        if not 2 <= len(self.alphabet) <= 6 or len(set(self.alphabet)) != len(self.alphabet):
            raise ValueError(f"{self.name}: alphabet must be 2 to 6 different characters")
        b = config.pop("b", list(B))
        H = len(b) if isinstance(b, list) else 0
        if not 1 <= H <= 4:
            raise ValueError(f"{self.name}: the cell must have 1 to 4 hidden units")
        weights = {"wx": _matrix(self.name, config.pop("wx", WX), H, len(self.alphabet), "wx"),
                   "wh": _matrix(self.name, config.pop("wh", WH), H, H, "wh"),
                   "b": _matrix(self.name, [b], 1, H, "b")[0]}
        text = config.pop("text", "hello")
        t = config.pop("t", 0)
        self.editable = flag(self.name, "editable", config.pop("editable", False))
        self.typing = flag(self.name, "typing", config.pop("typing", False))
        select = config.pop("select", "wh:1:1")
        super().configure(config)
        self.text, self.H = self._word(text), H
        # every weight is a knob of its own, named as its handle in the panel: "wx:1:3", "b:2"
        self.refs = {"wx": [[f"wx:{i + 1}:{j + 1}" for j in range(len(self.alphabet))] for i in range(H)],
                     "wh": [[f"wh:{i + 1}:{j + 1}" for j in range(H)] for i in range(H)],
                     "b": [f"b:{i + 1}" for i in range(H)]}
        self.knobs = {"t": Slider("t", "t", 0, self.T, 1, whole(self.name, "t", t, 0, self.T), coarse=1),
                      "back": Button("back", "\u25c2 Back", lambda: self.knobs["t"].key("ArrowLeft")),
                      "step": Button("step", "Step \u25b8", lambda: self.knobs["t"].key("ArrowRight")),
                      "end": Button("end", "Run to the end", lambda: self.knobs["t"].key("End")),
                      "word": Text("word", f"Word (letters {self.alphabet})", self.text, self._word),
                      "reset": Button("reset", "Reset weights", self._reset)}
        self.start = weights
        self._put(weights)
        self.sel = self._parse_sel(select)
        self.fn = None

    def _put(self, weights):
        for name, value in weights.items():
            rows = [value] if name == "b" else value
            refs = [self.refs["b"]] if name == "b" else self.refs[name]
            for ref_row, row in zip(refs, rows):
                for ref, v in zip(ref_row, row):
                    self.knobs[ref] = Slider(ref, ref, -2.0, 2.0, 0.01, v, fmt=fixed, fine=0.1, coarse=0.5)

    def _reset(self):
        if self.editable:
            self._put(self.start)

    def weights(self, name):
        """The current W_x, W_h or b, read from their knobs."""
        if name == "b":
            return [self.knobs[r].value for r in self.refs["b"]]
        return [[self.knobs[r].value for r in row] for row in self.refs[name]]

    # Helpers -------------------------------------------------------------------------
    @property
    def V(self):
        return len(self.alphabet)

    @property
    def T(self):
        return len(self.text)

    @property
    def t(self):
        return self.knobs["t"].value

    def _word(self, text):
        text = str(text).strip().lower()
        bad = sorted(set(c for c in text if c not in self.alphabet))
        if bad or not 1 <= len(text) <= MAX_LEN:
            raise ValueError(f"\u201c{text}\u201d can't be read: use 1 to {MAX_LEN} characters from "
                             f"{', '.join(self.alphabet)}")
        return text

    def _read(self, text):
        """A new word: time stays where it was, or moves to the new word's end."""
        self.text = text
        at_end = self.t >= self.knobs["t"].hi
        self.knobs["t"].hi = self.T
        self.knobs["t"].value = self.T if at_end else min(self.t, self.T)

    def _parse_sel(self, sel):
        ref = str(sel)
        if ref not in self.knobs or ref.split(":")[0] not in PRETTY:
            raise ValueError(f"{self.name}: select {sel!r}: write it like 'wx:1:3', 'wh:2:1' or 'b:1', "
                             "inside the matrix")
        return ref

    @staticmethod
    def _sel_name(ref):
        name, *idx = ref.split(":")
        return f"{PRETTY[name]}[{','.join(idx)}]"

    def onehots(self):
        return [[1.0 if c == a else 0.0 for a in self.alphabet] for c in self.text]

    def states(self):
        """h_0..h_T by the widget's own arithmetic."""
        return [[0.0] * self.H] + forward(self.weights("wx"), self.weights("wh"), self.weights("b"), self.onehots())

    def learner_states(self):
        """(states h_0..h_T or None, per-step verdicts, message) from the learner's function."""
        fname = getattr(self.fn, "__name__", "fn")
        try:
            got = self.fn(self.weights("wx"), self.weights("wh"), self.weights("b"), self.onehots())
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

    # Values and events ----------------------------------------------------------------
    def values(self):
        hs = self.states()
        return {"t": self.t, "T": self.T, "word": self.text, "hs": [[round(v, 6) for v in h] for h in hs],
                "h": [round(v, 6) for v in hs[self.t]], "sel": self.sel, "w": self.knobs[self.sel].value,
                "wx": self.weights("wx"), "wh": self.weights("wh"), "b": self.weights("b")}

    def set_values(self, values):
        values = dict(values)
        if "word" in values:
            self._read(self._word(values.pop("word")))
        shapes = {"wx": (self.H, self.V), "wh": (self.H, self.H)}
        for name in ("wx", "wh", "b"):
            if name in values:
                value = values.pop(name)
                self._put({name: _matrix(self.name, value, *shapes[name], name) if name in shapes
                           else _matrix(self.name, [value], 1, self.H, "b")[0]})
        if "sel" in values:
            self.sel = self._parse_sel(values.pop("sel"))
        if "w" in values:
            values[self.sel] = values.pop("w")
        super().set_values(values)

    def handle(self, event):
        """A weight's handle selects it (in the editable panel only), the slider "weight"
        moves the selected one, and a typed word is read once it parses."""
        target = event.get("handle") if event.get("type") in ("drag", "key") else event.get("id")
        if target == "weight":
            event, target = {**event, "id": self.sel}, self.sel
        if str(target).split(":")[0] in PRETTY and target in self.knobs:
            if not self.editable:
                return
            self.sel = target
        elif (target == "word" and not self.typing) or (target == "reset" and not self.editable):
            return
        super().handle(event)
        if target == "word" and not self.knobs["word"].error:
            self._read(self.knobs["word"].value)

    def drag(self, handle, x, y):
        if handle == "t":
            self.knobs["t"].set((x - self.col_x(0)) / self.col_w)

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
    def _thumb(self, x, y, name, size=6):
        """A small copy of one weight matrix (b as a column), the selected entry outlined."""
        rows = [[v] for v in self.weights("b")] if name == "b" else self.weights(name)
        refs = [[r] for r in self.refs["b"]] if name == "b" else self.refs[name]
        out = []
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                out.append(cell(x + j * size, y + i * size, size, size, v, hi=1.0, signed=True))
                if self.editable and refs[i][j] == self.sel:
                    out.append(S.rect(x + j * size - 1, y + i * size - 1, size + 2, size + 2, "selected nofill"))
        return out

    def shapes(self):
        H, T, top, hc = self.H, self.T, self.TOP, self.HC
        if self.fn is not None:
            hs, ok, _ = self.learner_states()
            if hs is None:
                hs, ok = self.states(), [True] * T
        else:
            hs, ok = self.states(), [True] * T
        mx = self.col_x(self.t)
        value = (f"t = {self.t}, nothing read yet" if self.t == 0 else
                 f"t = {self.t}, read {self.text[self.t - 1]!r}, h = {fvec(hs[self.t])}")
        # the handles first (the marker, the panel), so they keep their places in the list
        # as columns come and go and the selection moves
        out = [S.handle(S.rect(mx - 30, 0, 60, top - 18, "nofill grid", rx=4), "t",
                        "time step: left and right arrows step through the word", value),
               S.poly([(mx - 7, 4), (mx + 7, 4), (mx, 14)], "accent3 solid")]
        if self.editable:
            out += self._panel()
        out += [S.text(self.LEFT - 6, top + i * hc + 15, f"unit {i + 1}", "small muted", "end") for i in range(H)]
        out.append(S.text(self.LEFT - 6, self.cell_y + 34, "cell", "small muted", "end"))
        out.append(S.text(self.LEFT - 6, self.x_y + 6, "input x\u209c", "small muted", "end"))
        for t in range(T + 1):
            cx = self.col_x(t)
            done = t <= self.t
            out.append(S.text(cx, top - 8, f"h{sub(t)}", "small accent3" if t == self.t else "small"))
            for i in range(H):
                y = top + i * hc
                if done:
                    out.append(cell(cx - 26, y, 52, hc, hs[t][i], hi=1.0, signed=True))
                    out.append(S.text(cx, y + 15, fixed(hs[t][i]), "small"))
                else:
                    out.append(S.rect(cx - 26, y, 52, hc, "grid nofill"))
            if t >= 1 and not ok[t - 1] and done:
                out.append(S.rect(cx - 28, top - 2, 56, H * hc + 4, "bad nofill"))
            if t == 0:
                continue
            # the cell: the same three little matrices at every step
            bx, by = cx - 36, self.cell_y
            out.append(S.rect(bx, by, 72, 46, "node selected" if t == self.t else ("node" if done else "grid nofill"),
                              rx=6))
            out += self._thumb(bx + 5, by + 8, "wx")
            out += self._thumb(bx + 10 + 6 * self.V, by + 8, "wh")
            out += self._thumb(bx + 15 + 6 * (self.V + H), by + 8, "b")
            out.append(S.text(cx, by + 41, "W\u2093 W\u2095 b", "small muted"))
            # wires: h_{t-1} in from the left, x_t up from below, h_t up to the column
            wire = "accent3" if t == self.t else ("edge" if done else "grid")
            px = self.col_x(t - 1)
            out.append(S.line(px, top + H * hc, px, by + 23, wire))
            out += S.arrow(px, by + 23, bx, by + 23, wire, head=6)
            out += S.arrow(cx, by, cx, top + H * hc, wire, head=6)
            out += S.arrow(cx, self.x_y - 14, cx, by + 46, wire, head=6)
            ch = self.text[t - 1]
            out.append(S.text(cx, self.x_y + 4, ch, "label accent3" if t == self.t else "label"))
            out.append(S.text(cx, self.x_y + 20, "".join("1" if a == ch else "0" for a in self.alphabet),
                              "small muted"))
        out.append(S.text(self.col_x(0), self.x_y + 20, f"one-hot: {self.alphabet}", "small muted"))
        return out

    def _panel(self):
        y0, ew, eh = self.panel_y, 44, 24
        out = [S.text(6, y0 - 8, "the one real copy of the weights: click an entry, then use the slider or the up/down "
                                 "keys", "small muted", "start")]
        x = self.LEFT
        for name, heads in (("wx", list(self.alphabet)), ("wh", [f"u{i + 1}" for i in range(self.H)]), ("b", [""])):
            refs = [[r] for r in self.refs["b"]] if name == "b" else self.refs[name]
            out.append(S.text(x - 6, y0 + 22 + self.H * eh / 2, PRETTY[name], "label", "end"))
            out += [S.text(x + j * ew + ew / 2, y0 + 10, head, "small muted") for j, head in enumerate(heads)]
            for i, row in enumerate(refs):
                for j, ref in enumerate(row):
                    v = self.knobs[ref].value
                    box = cell(x + j * ew + 1, y0 + 16 + i * eh, ew - 2, eh - 2, v, hi=1.0, signed=True, rx=3)
                    if ref == self.sel:                 # outlined: the one the slider moves
                        box["cls"] = box["cls"].replace("nostroke", "selected")
                    out.append(S.handle(box, ref, f"{self._sel_name(ref)}: click to select, up and down keys "
                                                  "change it", f"{self._sel_name(ref)} = {fixed(v)}"))
                    out.append(S.text(x + j * ew + ew / 2, y0 + 32 + i * eh, fixed(v, 1), "small"))
            x += len(heads) * ew + 56
        return out

    def readouts(self):
        out = []
        hs = self.states()
        if self.t == 0:
            out.append({"label": "t", "value": f"0: nothing read yet, h\u2080 = {fvec(hs[0])}"})
        else:
            t, ch = self.t, self.text[self.t - 1]
            wxx = [row[self.alphabet.index(ch)] for row in self.weights("wx")]
            whh = matvec(self.weights("wh"), hs[t - 1])
            pre = [a + c + d for a, c, d in zip(wxx, whh, self.weights("b"))]
            out += [{"label": "t", "value": f"{t}, reading {ch!r}"},
                    {"label": f"W\u2093x{sub(t)}", "value": f"{fvec(wxx)} (column {ch!r} of W\u2093)"},
                    {"label": f"W\u2095h{sub(t - 1)}", "value": fvec(whh)},
                    {"label": "b", "value": fvec(self.weights("b"))},
                    {"label": f"h{sub(t)} = tanh(sum)", "value": f"tanh({fvec(pre)}) = {fvec(hs[t])}"}]
        if self.editable:
            name, *idx = self.sel.split(":")
            if name == "wx":
                ch = self.alphabet[int(idx[1]) - 1]
                steps = [t + 1 for t, c in enumerate(self.text) if c == ch]
                where = f"used at every step that reads {ch!r}: " + (", ".join(map(str, steps)) or "none here")
            else:
                where = f"used at all {self.T} steps"
            out.append({"label": self._sel_name(self.sel), "value": f"{fixed(self.knobs[self.sel].value)}, one "
                                                                     f"number, {where}"})
        if self.fn is not None:
            out.append({"label": "", "value": self.learner_states()[2]})
        if self.typing and self.knobs["word"].error:
            out.append({"label": "", "value": self.knobs["word"].error})
        return out

    def controls(self):
        for key, disabled in (("back", self.t == 0), ("step", self.t == self.T), ("end", self.t == self.T)):
            self.knobs[key].disabled = disabled
        out = [self.knobs[k].control() for k in ("back", "step", "end")]
        if self.typing:
            out.append(self.knobs["word"].control())
        if self.editable:
            weight = self.knobs[self.sel]
            out.append({**weight.control(), "id": "weight", "label": f"selected {self._sel_name(self.sel)}"})
            out.append(self.knobs["reset"].control())
        return out
