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

from ..widgets import register
from ..show import fixed
from ..widgets.base import Widget, whole
from .self_attention_grid import attention, read_sentence, vec

LO, HI, STEP = -2.0, 2.0, 0.5
MATS = ("wq", "wk", "wv")
PREFIX = {"wq": "q", "wk": "k", "wv": "v"}
SUB = {"wq": "Q", "wk": "K", "wv": "V"}


def snap(v):
    v = round(min(max(v, LO), HI) / STEP) * STEP
    return round(v, 6) + 0.0


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
        row = whole(n, "row", config.pop("row", 0), 0, len(self.tokens) - 1)
        super().configure(config)
        for name, m in zip(MATS, (wq, wk, wv)):
            if name in self.edit and any(v != snap(v) for r in m for v in r):
                raise ValueError(f"{n}: editable {name} entries must be multiples of 0.5 from -2 to 2")
        self.W = {"wq": wq, "wk": wk, "wv": wv}
        self.start = {k: [r[:] for r in m] for k, m in self.W.items()}
        self.row = row

    # Numbers ----------------------------------------------------------------------------------
    @property
    def T(self):
        return len(self.tokens)

    def X(self):
        return [list(self.embed[w]) for w in self.tokens]

    def compute(self):
        return attention(self.X(), self.W["wq"], self.W["wk"], self.W["wv"], causal=False)

    def values(self):
        A = self.compute()[0]
        out = {"row": self.row}
        for t in range(self.T):
            for s in range(self.T):
                out[f"a{t}{s}"] = A[t][s]
        for name, m in self.W.items():
            for i, r in enumerate(m):
                for j, v in enumerate(r):
                    out[f"{PREFIX[name]}{i}{j}"] = v
        return out

    def set_values(self, values):
        for key, value in values.items():
            if key == "row":
                self.row = min(max(int(value), 0), self.T - 1)
                continue
            name = next((m for m in MATS if PREFIX[m] == key[:1]), None)
            if name is None or len(key) != 3 or not key[1:].isdigit():
                raise KeyError(f"qkv_projection has no value {key!r}")
            i, j = int(key[1]), int(key[2])
            if not (i < len(self.W[name]) and j < len(self.W[name][0])):
                raise KeyError(f"qkv_projection: {key!r} is outside {name}")
            self.W[name][i][j] = snap(float(value))

    # Geometry ---------------------------------------------------------------------------------
    def _cell_x(self, name, j):
        return self.BX[name] + j * self.MW

    # Events -----------------------------------------------------------------------------------
    def handle(self, event):
        kind, h = event.get("type"), event.get("handle") or ""
        if kind == "input" and event.get("id") == "reset":
            self.W = {k: [r[:] for r in m] for k, m in self.start.items()}
            return
        if h.startswith("tok") and h[3:].isdigit():
            if kind == "drag":
                self.row = min(max(int((float(event.get("y", 0)) - self.TY) // self.TH), 0), self.T - 1)
            elif kind == "key":
                step = {"ArrowUp": -1, "ArrowDown": 1}.get(event.get("key"), 0)
                base = self.row if step else int(h[3:])
                self.row = min(max(base + step, 0), self.T - 1)
            return
        name = next((m for m in self.edit if h.startswith(PREFIX[m]) and len(h) == 3 and h[1:].isdigit()), None)
        if name is None:
            return
        i, j = int(h[1]), int(h[2])
        if i >= len(self.W[name]) or j >= len(self.W[name][0]):
            return
        if kind == "drag":
            x0 = self._cell_x(name, j) + 2
            frac = (float(event.get("x", 0)) - x0) / (self.MW - 4)
            self.W[name][i][j] = snap(LO + frac * (HI - LO))
        elif kind == "key":
            key = event.get("key")
            v = self.W[name][i][j]
            if key == "Home":
                v = LO
            elif key == "End":
                v = HI
            else:
                v += {"ArrowRight": STEP, "ArrowUp": STEP, "ArrowLeft": -STEP, "ArrowDown": -STEP,
                      "PageUp": 1.0, "PageDown": -1.0}.get(key, 0.0)
            self.W[name][i][j] = snap(v)

    def __repr__(self):
        return f"<qkv_projection W_Q = {self.W['wq']}>"

    # The scene --------------------------------------------------------------------------------
    def _heat(self, x, y, w, h, v, scale=2.0):
        cls = "accent" if v >= 0 else "accent2"
        return {"t": "rect", "x": x, "y": y, "w": w, "h": h, "cls": cls,
                "opacity": round(0.04 + 0.5 * min(abs(v) / scale, 1.0), 3)}

    def shapes(self):
        A, O, Q, K, V = self.compute()
        PV = {"wq": Q, "wk": K, "wv": V}
        X = self.X()
        out = []
        # the three W matrices, each above its product
        for name in MATS:
            m = self.W[name]
            bx = self.BX[name]
            cols = len(m[0])
            out.append({"t": "text", "x": bx + cols * self.MW / 2, "y": 18,
                        "s": f"W_{SUB[name]}", "cls": "label accent2" if name in self.edit else "label"})
            for i, r in enumerate(m):
                y = self.WY + i * self.WH
                for j, v in enumerate(r):
                    x = self._cell_x(name, j)
                    if name in self.edit:
                        fx = x + 2 + (v - LO) / (HI - LO) * (self.MW - 4)
                        out.append({"t": "line", "x1": x + 3, "y1": y + self.WH - 4, "x2": x + self.MW - 3,
                                    "y2": y + self.WH - 4, "cls": "grid"})
                        out.append({"t": "line", "x1": round(fx, 1), "y1": y + self.WH - 8, "x2": round(fx, 1),
                                    "y2": y + self.WH - 1, "cls": "accent2"})
                        cell = self._heat(x + 1, y + 1, self.MW - 2, self.WH - 2, v)
                        cell.update({"handle": f"{PREFIX[name]}{i}{j}",
                                     "label": f"W_{SUB[name]} row {self.features[i]}, column {j + 1}",
                                     "value": fixed(v, 1)})
                        out.append(cell)
                    else:
                        out.append(self._heat(x + 1, y + 1, self.MW - 2, self.WH - 2, v))
                    out.append({"t": "text", "x": x + self.MW / 2, "y": y + 16, "cls": "small", "s": fixed(v, 1)})
        if self.edit:
            names = " and ".join(f"W_{SUB[m]}" for m in self.edit)
            out.append({"t": "text", "x": self.LX, "y": 18, "anchor": "start", "cls": "small accent2",
                        "s": f"drag inside a number of {names}"})
            out.append({"t": "text", "x": self.LX, "y": 34, "anchor": "start", "cls": "small muted",
                        "s": "(or focus it: arrow keys ±0.5)"})
        for i, f in enumerate(self.features):
            out.append({"t": "text", "x": self.BX["wq"] - 8, "y": self.WY + i * self.WH + 16, "anchor": "end",
                        "cls": "small muted", "s": f})
        # headers for the token rows
        hy = self.TY - 8
        out.append({"t": "text", "x": self.XX + self.d * self.XW / 2, "y": hy - 16, "cls": "label", "s": "X"})
        for i, f in enumerate(self.features):
            out.append({"t": "text", "x": self.XX + i * self.XW + self.XW / 2, "y": hy, "cls": "small muted",
                        "s": f[:5]})
        for name in MATS:
            cols = len(self.W[name][0])
            out.append({"t": "text", "x": self.BX[name] + cols * self.MW / 2, "y": hy, "cls": "label",
                        "s": f"{SUB[name]} = X W_{SUB[name]}"})
        sel = self.tokens[self.row]
        out.append({"t": "text", "x": self.WX + 40, "y": hy, "cls": "small", "s": f"{sel}'s weights"})
        # token rows
        for t, w in enumerate(self.tokens):
            y = self.TY + t * self.TH
            out.append({"t": "rect", "x": self.LX, "y": y + 2, "w": 56, "h": self.TH - 4, "rx": 5,
                        "cls": "node selected" if t == self.row else "node", "handle": f"tok{t}",
                        "label": f"token {t + 1}: {w}", "value": f"query {vec(Q[t], 1)}"})
            out.append({"t": "text", "x": self.LX + 28, "y": y + 18, "s": w})
            for i, v in enumerate(X[t]):
                x = self.XX + i * self.XW
                out.append(self._heat(x + 1, y + 1, self.XW - 2, self.TH - 2, v))
                out.append({"t": "text", "x": x + self.XW / 2, "y": y + 18, "cls": "small", "s": fixed(v, 1)})
            for name in MATS:
                for j, v in enumerate(PV[name][t]):
                    x = self._cell_x(name, j)
                    out.append(self._heat(x + 1, y + 1, self.MW - 2, self.TH - 2, v, scale=4.0))
                    out.append({"t": "text", "x": x + self.MW / 2, "y": y + 18, "cls": "small", "s": fixed(v, 1)})
            wgt = A[self.row][t]
            out.append({"t": "rect", "x": self.WX, "y": y + 5, "w": round(max(wgt, 0.005) * 50, 2),
                        "h": self.TH - 10, "cls": "accent3"})
            out.append({"t": "text", "x": self.WX + 54, "y": y + 18, "anchor": "start", "cls": "small",
                        "s": fixed(wgt)})
        # the selected row, outlined across X, Q, K and V
        y = self.TY + self.row * self.TH
        out.append({"t": "rect", "x": self.XX - 2, "y": y - 1, "w": self.BX["wv"] + 2 * self.MW - self.XX + 4,
                    "h": self.TH + 2, "cls": "selected nofill"})
        return out

    def readouts(self):
        A, O, Q, K, V = self.compute()
        t, w = self.row, self.tokens[self.row]
        scale = math.sqrt(len(K[0]))
        scores = [sum(a * b for a, b in zip(Q[t], K[s])) / scale for s in range(self.T)]
        return [
            {"label": f"q of {w}", "value": f"x W_Q = {vec(self.X()[t], 1)} W_Q = {vec(Q[t], 2)}"},
            {"label": f"scores q·k/√{len(K[0])}", "value": " · ".join(f"{x} {fixed(s)}" for x, s in zip(self.tokens, scores))},
            {"label": f"output of {w}", "value": vec(O[t])},
        ]

    def controls(self):
        changed = self.W != self.start
        return [{"kind": "button", "id": "reset", "label": "Reset the matrices", "disabled": not changed}]
