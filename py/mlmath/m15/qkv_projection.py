"""Three projections of the same X: the sentence's embeddings, the matrices W_Q, W_K, W_V, and the
Q, K, V they make, laid out the way a matrix product is written (X on the left, each W above
its product), with the selected token's attention weights alongside.

Every token's row x_t goes through all three matrices: q_t = x_t W_Q, k_t = x_t W_K,
v_t = x_t W_V. The learner edits W_Q's entries (drag inside a number, or focus it and use
the arrow keys) and sees every token's query change at once, because every token uses the
same W_Q. The weights column is the selected token's soft lookup over the whole sentence,
softmax(q_t · k_s / sqrt(d_k)), with no mask.

    ```widget qkv_projection
    id = "proj"
    tokens = ["the", "dog", "bit", "the", "man", "."]
    embed = { the = [0, 0, 2, 0], dog = [2, 0, 0, 2], bit = [0, 2, 0, 0], man = [2, 0, 0, -2], "." = [0, 1, 1, 0] }
    features = ["noun", "verb", "article", "who"]     # names for X's columns and W's rows
    wq = [[0, 0], [0, 0], [1, 0], [0, -1]]
    wk = [[1, 0], [0, 0], [0, 0], [0, 1]]
    wv = [[0.5, 0], [0, 1], [0, 0], [0, 0.5]]
    edit = ["wq"]            # which matrices the learner can change (entries from -2 to 2, steps of 0.5)
    row = 2                  # the selected token at the start
    ```

values() for goals: row (the selected position), a<t><s> (the weight token t puts on
token s), and every matrix entry as q<i><j>, k<i><j>, v<i><j> (row i, column j, from 0).
"""

import math

from ..numeric import dot
from ..show import fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Button, Slider
from ..widgets.views import cell
from .sentence import PROJECTIONS, read_sentence, self_attention, vec

LO, HI, STEP = -2.0, 2.0, 0.5
MATS = ("wq", "wk", "wv")
PREFIX = {"wq": "q", "wk": "k", "wv": "v"}
SUB = {"wq": "Q", "wk": "K", "wv": "V"}


@register
class QkvProjection(Widget):
    name = "qkv_projection"
    width, height = 660, 344
    LX, XX, XW = 6, 70, 40              # token labels, X's first column, X column width
    MW = 44                             # a W / Q / K / V column width
    BX = {"wq": 262, "wk": 364, "wv": 466}
    WX = 574                            # the weights column
    WY, WH = 30, 24                     # W rows
    TY, TH = 172, 26                    # token rows

    def configure(self, config):
        n = self.name
        if not any(k in config for k in ("tokens", "embed", *PROJECTIONS)):
            config.update(PROJECTIONS)
        self.tokens, self.embed, wq, wk, wv, raw = read_sentence(config, n)
        if raw:
            raise ValueError(f"{n}: give wq, wk and wv; this widget is about the projections")
        self.d = len(wq)
        if len(wq[0]) > 2 or len(wv[0]) > 2:
            raise ValueError(f"{n}: W_Q, W_K and W_V must have 1 or 2 columns here (d_k, d_v <= 2)")
        features = config.pop("features", [f"x{i + 1}" for i in range(self.d)])
        if (not isinstance(features, list) or len(features) != self.d
                or not all(isinstance(f, str) and 1 <= len(f) <= 8 for f in features)):
            raise ValueError(f"{n}: features must name each of the {self.d} embedding columns (8 characters at most)")
        self.features = features
        edit = config.pop("edit", ["wq"])
        if not isinstance(edit, list) or any(e not in MATS for e in edit):
            raise ValueError(f"{n}: edit must be a list drawn from wq, wk, wv")
        self.edit = list(edit)
        self.row = whole(n, "row", config.pop("row", 0), 0, len(self.tokens) - 1)
        super().configure(config)
        self.fixed_W = {"wq": wq, "wk": wk, "wv": wv}
        for name in self.edit:          # each editable entry is a knob, its handle the number's cell
            for i, r in enumerate(self.fixed_W[name]):
                for j, v in enumerate(r):
                    if not (LO <= v <= HI and v / STEP == int(v / STEP)):
                        raise ValueError(f"{n}: editable {name} entries must be multiples of 0.5 from -2 to 2")
                    key = f"{PREFIX[name]}{i}{j}"
                    self.knobs[key] = Slider(key, f"W_{SUB[name]} row {features[i]}, column {j + 1}",
                                             LO, HI, STEP, v, coarse=1.0)
        self.knobs["reset"] = Button("reset", "Reset the matrices", self.reset)

    # Numbers ----------------------------------------------------------------------------------
    @property
    def T(self):
        return len(self.tokens)

    def W(self, name):
        if name not in self.edit:
            return self.fixed_W[name]
        return [[self.knobs[f"{PREFIX[name]}{i}{j}"].value for j in range(len(r))]
                for i, r in enumerate(self.fixed_W[name])]

    def reset(self):
        for name in self.edit:
            for i, r in enumerate(self.fixed_W[name]):
                for j, v in enumerate(r):
                    self.knobs[f"{PREFIX[name]}{i}{j}"].set(v)

    def X(self):
        return [list(self.embed[w]) for w in self.tokens]

    def compute(self):
        return self_attention(self.X(), self.W("wq"), self.W("wk"), self.W("wv"))

    def values(self):
        A = self.compute()[0]
        out = {"row": self.row}
        for t in range(self.T):
            for s in range(self.T):
                out[f"a{t}{s}"] = A[t][s]
        for name in MATS:
            for i, r in enumerate(self.W(name)):
                for j, v in enumerate(r):
                    out[f"{PREFIX[name]}{i}{j}"] = v
        return out

    def set_values(self, values):
        values = dict(values)
        if "row" in values:
            self.row = whole(self.name, "row", values.pop("row"), 0, self.T - 1)
        super().set_values(values)

    # Events: a token row is selected; the matrix entries are knobs ------------------------------
    def handle(self, event):
        h = str(event.get("handle") or "")
        if h.startswith("tok") and h[3:].isdigit():
            if event.get("type") == "drag":
                row = int((event["y"] - self.TY) // self.TH)
            else:
                step = {"ArrowUp": -1, "ArrowDown": 1}.get(event.get("key"), 0)
                row = (self.row if step else int(h[3:])) + step
            self.row = min(max(row, 0), self.T - 1)
        else:
            super().handle(event)

    def drag(self, handle, x, y):
        """Dragging inside a number sets it by where the pointer sits across its cell."""
        knob = self.knobs.get(handle)
        if isinstance(knob, Slider):
            name = next(m for m in MATS if PREFIX[m] == handle[0])
            x0 = self.BX[name] + int(handle[2]) * self.MW + 2
            knob.set(LO + (x - x0) / (self.MW - 4) * (HI - LO))

    def __repr__(self):
        return f"<qkv_projection W_Q = {self.W('wq')}>"

    # The scene --------------------------------------------------------------------------------
    def shapes(self):
        A, O, Q, K, V = self.compute()
        PV = {"wq": Q, "wk": K, "wv": V}
        X = self.X()
        out = []
        for name in MATS:          # the three W matrices, each above its product
            m, bx = self.W(name), self.BX[name]
            out.append(S.text(bx + len(m[0]) * self.MW / 2, 18, f"W_{SUB[name]}",
                              "label accent2" if name in self.edit else "label"))
            for i, r in enumerate(m):
                y = self.WY + i * self.WH
                for j, v in enumerate(r):
                    x = bx + j * self.MW
                    box = cell(x + 1, y + 1, self.MW - 2, self.WH - 2, v, hi=2.0, signed=True)
                    if name in self.edit:
                        key = f"{PREFIX[name]}{i}{j}"
                        fx = x + 2 + (v - LO) / (HI - LO) * (self.MW - 4)
                        out += [S.line(x + 3, y + self.WH - 4, x + self.MW - 3, y + self.WH - 4, "grid"),
                                S.line(fx, y + self.WH - 8, fx, y + self.WH - 1, "accent2"),
                                S.handle(box, key, self.knobs[key].label, fixed(v, 1))]
                    else:
                        out.append(box)
                    out.append(S.text(x + self.MW / 2, y + 16, fixed(v, 1), "small"))
        if self.edit:
            names = " and ".join(f"W_{SUB[m]}" for m in self.edit)
            out += [S.text(self.LX, 18, f"drag inside a number of {names}", "small accent2", "start"),
                    S.text(self.LX, 34, "(or focus it: arrow keys \u00b10.5)", "small muted", "start")]
        out += [S.text(self.BX["wq"] - 8, self.WY + i * self.WH + 16, f, "small muted", "end")
                for i, f in enumerate(self.features)]
        hy = self.TY - 8           # headers for the token rows
        # column names in full; when one is wider than a column, every other name is raised a line
        stagger = 12 if max(len(f) for f in self.features) > 5 else 0
        out.append(S.text(self.XX + self.d * self.XW / 2, hy - 16 - stagger, "X", "label"))
        out += [S.text(self.XX + i * self.XW + self.XW / 2, hy - stagger * (i % 2), f, "small muted")
                for i, f in enumerate(self.features)]
        out += [S.text(self.BX[name] + len(self.fixed_W[name][0]) * self.MW / 2, hy, f"{SUB[name]} = X W_{SUB[name]}", "label")
                for name in MATS]
        out.append(S.text(self.WX + 40, hy, f"{self.tokens[self.row]}'s weights", "small"))
        for t, w in enumerate(self.tokens):
            y = self.TY + t * self.TH
            out.append(S.handle(S.rect(self.LX, y + 2, 56, self.TH - 4, "node selected" if t == self.row else "node", rx=5),
                                f"tok{t}", f"token at position {t}: {w}", f"query {vec(Q[t], 1)}"))
            out.append(S.text(self.LX + 28, y + 18, w))
            for i, v in enumerate(X[t]):
                x = self.XX + i * self.XW
                out += [cell(x + 1, y + 1, self.XW - 2, self.TH - 2, v, hi=2.0, signed=True),
                        S.text(x + self.XW / 2, y + 18, fixed(v, 1), "small")]
            for name in MATS:
                for j, v in enumerate(PV[name][t]):
                    x = self.BX[name] + j * self.MW
                    out += [cell(x + 1, y + 1, self.MW - 2, self.TH - 2, v, hi=4.0, signed=True),
                            S.text(x + self.MW / 2, y + 18, fixed(v, 1), "small")]
            wgt = A[self.row][t]
            out += [S.rect(self.WX, y + 5, max(wgt, 0.005) * 50, self.TH - 10, "accent3"),
                    S.text(self.WX + 54, y + 18, fixed(wgt), "small", "start")]
        y = self.TY + self.row * self.TH      # the selected row, outlined across X, Q, K and V
        out.append(S.rect(self.XX - 2, y - 1, self.BX["wv"] + 2 * self.MW - self.XX + 4, self.TH + 2, "selected nofill"))
        return out

    def readouts(self):
        A, O, Q, K, V = self.compute()
        t, w = self.row, self.tokens[self.row]
        scores = [dot(Q[t], K[s]) / math.sqrt(len(K[0])) for s in range(self.T)]
        return [
            {"label": f"q of {w}", "value": f"x W_Q = {vec(self.X()[t], 1)} W_Q = {vec(Q[t], 2)}"},
            {"label": f"scores q·k/√{len(K[0])}", "value": " · ".join(f"{x} {fixed(s)}" for x, s in zip(self.tokens, scores))},
            {"label": f"output of {w}", "value": vec(O[t])},
        ]

    def controls(self):
        self.knobs["reset"].disabled = all(self.W(m) == self.fixed_W[m] for m in self.edit)
        return [self.knobs["reset"].control()]
