"""Self-attention on a short sentence, drawn as its attention matrix: every token a querier (a row)
and a target (a column), with a causal-mask switch and tokens you can drag into a new order.

Each token t has an embedding x_t (a row of X). Its query, key and value are three
projections of that same row, q_t = x_t W_Q, k_t = x_t W_K, v_t = x_t W_V; leave the three
matrices out and the widget uses X itself for all three ("raw" self-attention). Row t of
the heatmap is token t's soft lookup over the whole sentence:

    weights_t = softmax(q_t · k_s / sqrt(d_k) over every target s),   output_t = sum_s weights_t[s] v_s

With the causal mask on, the scores of targets after t are set to -inf first, so their
weight is exactly 0. Dragging a token chip (or focusing it and pressing the arrow keys)
moves that word to another position; each output row is then marked "same" or "changed"
against the output the same word had in the original order.

    ```widget self_attention_grid
    id = "shuffle"
    tokens = ["the", "dog", "bit", "the", "man", "."]
    embed = { the = [0, 0, 2, 0], dog = [2, 0, 0, 2], bit = [0, 2, 0, 0], man = [2, 0, 0, -2], "." = [0, 1, 1, 0] }
    wq = [[0, 0], [1, 1], [1, 0], [0, -1]]     # d x d_k; omit wq, wk and wv for raw (Q = K = V = X)
    wk = [[1, 0], [0, 0], [0, 0], [0, 1]]
    wv = [[0.5, 0], [0, 1], [0, 0], [0, 0.5]]
    causal = false          # the mask at the start
    mask_toggle = true      # offer the switch
    reorder = true          # tokens can be dragged into a new order
    row = 1                 # the selected querier at the start (a position)
    ```

values() for goals: row and col (selected positions, col -1 when none), causal (0 or 1),
self_w (the selected row's weight on its own position), unmasked_same (1 when the
selected row's weights are what they would be without the mask), order (the original
index of the token at each position), changed (positions whose word differs from the
original sentence's), last_same (1 when the last position holds the original last token
and its output is unchanged), and a<t><s>, the weight row t puts on target s.

A cell can hand the widget a learner's attention: `widget("mask").use(self_attention)`
calls self_attention(X, Wq, Wk, Wv, causal=...) on the sentence in its current order and
grades every output row against the picture.
"""

import math

from ..widgets import register
from ..numeric import softmax
from ..show import fixed
from ..widgets.base import Widget, flag, number, whole

CHECK, CROSS = "\u2713", "\u2717"


# The arithmetic, shared with the qkv_projection widget ------------------------------------

def matmul(A, B):
    """(n x m) times (m x p), as lists of rows."""
    cols = list(zip(*B))
    return [[sum(a * b for a, b in zip(row, col)) for col in cols] for row in A]


def attention(X, Wq, Wk, Wv, causal=False):
    """Single-head self-attention. Returns (weights, outputs, Q, K, V), all lists of rows."""
    Q, K, V = matmul(X, Wq), matmul(X, Wk), matmul(X, Wv)
    scale = math.sqrt(len(K[0]))
    T = len(X)
    A = []
    for t in range(T):
        scores = [sum(a * b for a, b in zip(Q[t], K[s])) / scale if (s <= t or not causal) else -math.inf
                  for s in range(T)]
        A.append(softmax(scores))
    return A, matmul(A, V), Q, K, V


def vec(v, digits=2):
    return "[" + ", ".join(fixed(x, digits) for x in v) + "]"


def _matrix(value, rows, what, name, cols=None):
    if (not isinstance(value, list) or len(value) != rows
            or not all(isinstance(r, list) and r and len(r) == len(value[0]) for r in value)):
        raise ValueError(f"{name}: {what} must be a list of {rows} rows of equal length")
    if cols is not None and len(value[0]) != cols:
        raise ValueError(f"{name}: {what} must have {cols} columns")
    if not 1 <= len(value[0]) <= 4:
        raise ValueError(f"{name}: {what} must have 1 to 4 columns")
    return [[float(number(name, f"every entry of {what}", v)) for v in r] for r in value]


def read_sentence(config, name):
    """Pop tokens, embed, wq, wk, wv from a config; return (tokens, embed, wq, wk, wv, raw)."""
    tokens = config.pop("tokens", ["the", "dog", "bit", "the", "man", "."])
    if (not isinstance(tokens, list) or not 2 <= len(tokens) <= 8
            or not all(isinstance(t, str) and 1 <= len(t) <= 6 for t in tokens)):
        raise ValueError(f"{name}: tokens must be a list of 2 to 8 words of 1 to 6 characters")
    embed = config.pop("embed", {"the": [0, 0, 2, 0], "dog": [2, 0, 0, 2], "bit": [0, 2, 0, 0],
                                 "man": [2, 0, 0, -2], ".": [0, 1, 1, 0]})
    if not isinstance(embed, dict) or any(t not in embed for t in tokens):
        raise ValueError(f"{name}: embed must give a vector for every token")
    d = None
    vectors = {}
    for word in dict.fromkeys(tokens):
        v = embed[word]
        if not isinstance(v, list) or not 1 <= len(v) <= 4 or (d is not None and len(v) != d):
            raise ValueError(f"{name}: every embedding must be a list of the same length, 1 to 4 numbers")
        d = len(v)
        vectors[word] = [float(number(name, f"the embedding of {word!r}", x)) for x in v]
    given = [config.pop(k, None) for k in ("wq", "wk", "wv")]
    if all(w is None for w in given):
        eye = [[1.0 if i == j else 0.0 for j in range(d)] for i in range(d)]
        return tokens, vectors, eye, [r[:] for r in eye], [r[:] for r in eye], True
    if any(w is None for w in given):
        raise ValueError(f"{name}: give all three of wq, wk and wv, or none of them (raw: Q = K = V = X)")
    wq = _matrix(given[0], d, "wq", name)
    wk = _matrix(given[1], d, "wk", name, cols=len(wq[0]))
    wv = _matrix(given[2], d, "wv", name)
    return tokens, vectors, wq, wk, wv, False


@register
class SelfAttentionGrid(Widget):
    name = "self_attention_grid"
    width = 660
    GX, GY = 112, 84          # the heatmap's top-left corner

    def configure(self, config):
        n = self.name
        self.tokens, self.embed, self.wq, self.wk, self.wv, self.raw = read_sentence(config, n)
        self.causal = flag(n, "causal", config.pop("causal", False))
        self.mask_toggle = flag(n, "mask_toggle", config.pop("mask_toggle", False))
        self.reorder = flag(n, "reorder", config.pop("reorder", False))
        T = len(self.tokens)
        row = whole(n, "row", config.pop("row", 0), 0, T - 1)
        super().configure(config)
        self.start_causal = self.causal
        self.order = list(range(T))         # order[slot] = original index of the token there
        self.sel_row, self.sel_col = row, None   # selections follow the token (original index)
        self.fn = None

    # Numbers ----------------------------------------------------------------------------------
    @property
    def T(self):
        return len(self.tokens)

    @property
    def cell(self):
        return min(46, 300 // self.T)

    @property
    def height(self):
        return self.GY + self.T * self.cell + 26

    def words(self, order=None):
        return [self.tokens[i] for i in (self.order if order is None else order)]

    def X(self, order=None):
        return [list(self.embed[w]) for w in self.words(order)]

    def compute(self, order=None, causal=None):
        causal = self.causal if causal is None else causal
        return attention(self.X(order), self.wq, self.wk, self.wv, causal)

    def slot(self, ident):
        return self.order.index(ident)

    def values(self):
        A, O, *_ = self.compute()
        T, r = self.T, self.slot(self.sel_row)
        free = self.compute(causal=False)[0]
        O0 = self.compute(order=list(range(T)))[1]
        last = self.order[-1]
        out = {"row": r, "col": -1 if self.sel_col is None else self.slot(self.sel_col),
               "causal": int(self.causal), "self_w": A[r][r],
               "unmasked_same": int(all(abs(a - b) < 1e-12 for a, b in zip(A[r], free[r]))),
               "order": list(self.order),
               "changed": sum(self.tokens[i] != self.tokens[s] for s, i in enumerate(self.order)),
               "last_same": int(last == T - 1 and all(abs(a - b) < 1e-9 for a, b in zip(O[-1], O0[-1])))}
        for t in range(T):
            for s in range(T):
                out[f"a{t}{s}"] = A[t][s]
        return out

    def set_values(self, values):
        values = dict(values)
        extra = set(values) - {"row", "col", "causal", "order"}
        if extra:
            raise KeyError(f"self_attention_grid can only set row, col, causal and order, not {sorted(extra)}")
        if "order" in values:
            order = list(values["order"])
            if sorted(order) != list(range(self.T)):
                raise ValueError(f"self_attention_grid: order must list 0 to {self.T - 1} once each")
            self.order = order
        if "causal" in values:
            self.causal = bool(values["causal"])
        if "row" in values:
            self.sel_row = self.order[int(values["row"])]
        if "col" in values:
            self.sel_col = None if values["col"] in (None, -1) else self.order[int(values["col"])]

    # Events -----------------------------------------------------------------------------------
    def _move(self, ident, slot):
        slot = min(max(slot, 0), self.T - 1)
        self.order.remove(ident)
        self.order.insert(slot, ident)

    def handle(self, event):
        kind, h = event.get("type"), event.get("handle") or ""
        if kind == "input":
            if event.get("id") == "mask" and self.mask_toggle:
                self.causal = not self.causal
            elif event.get("id") == "reset":
                self.order = list(range(self.T))
            return
        if h.startswith("row") and h[3:].isdigit() and int(h[3:]) < self.T:
            slot = int(h[3:])
            if kind == "drag":
                slot = min(max(int((float(event.get("y", 0)) - self.GY) // self.cell), 0), self.T - 1)
                self.sel_row = self.order[slot]
            elif kind == "key":
                step = {"ArrowUp": -1, "ArrowLeft": -1, "ArrowDown": 1, "ArrowRight": 1}.get(event.get("key"), 0)
                cur = self.slot(self.sel_row) if event.get("key") != "Enter" else slot
                self.sel_row = self.order[min(max(cur + step, 0), self.T - 1)]
        elif h.startswith("tok") and h[3:].isdigit() and int(h[3:]) < self.T:
            ident = int(h[3:])
            if kind == "drag":
                target = int((float(event.get("x", 0)) - self.GX) // self.cell)
                if self.reorder and 0 <= target < self.T and target != self.slot(ident):
                    self._move(ident, target)
                self.sel_col = ident
            elif kind == "key":
                key = event.get("key")
                step = {"ArrowLeft": -1, "ArrowUp": -1, "ArrowRight": 1, "ArrowDown": 1}.get(key, 0)
                if self.reorder and step:
                    self._move(ident, self.slot(ident) + step)
                elif key == "Home" and self.reorder:
                    self._move(ident, 0)
                elif key == "End" and self.reorder:
                    self._move(ident, self.T - 1)
                self.sel_col = ident

    def use(self, fn):
        """Grade a learner's fn(X, Wq, Wk, Wv, causal=...) against the picture; use(None) stops."""
        if fn is not None and not callable(fn):
            raise TypeError(f"use() needs a function, like use(self_attention), not {type(fn).__name__}")
        self.fn = fn

    def reset(self):
        self.order = list(range(self.T))
        self.causal = self.start_causal

    def __repr__(self):
        return f"<self_attention_grid {' '.join(self.words())!r}, causal={self.causal}>"

    # The learner's function -----------------------------------------------------------------
    def _learner(self):
        """(label, text, ok) for the learner's function on the current sentence."""
        name = getattr(self.fn, "__name__", "fn")
        label = f"{name}(X, Wq, Wk, Wv, causal={self.causal})"
        O = self.compute()[1]
        try:
            got = self.fn(self.X(), [r[:] for r in self.wq], [r[:] for r in self.wk], [r[:] for r in self.wv],
                          causal=self.causal)
            got = [list(map(float, row)) for row in got]
        except Exception as exc:  # noqa: BLE001 - the learner reads their own error
            return label, f"raised {type(exc).__name__}: {exc}", False
        if len(got) != len(O):
            return label, f"{CROSS} returned {len(got)} rows; the sentence has {len(O)} tokens", False
        for t, (g, o) in enumerate(zip(got, O)):
            if len(g) != len(o) or any(abs(a - b) > 1e-6 for a, b in zip(g, o)):
                return label, f"{CROSS} row {t} ({self.words()[t]}) is {vec(g)}; the picture says {vec(o)}", False
        return label, f"{CHECK} matches all {len(O)} rows", True

    # The scene --------------------------------------------------------------------------------
    def shapes(self):
        A, O, *_ = self.compute()
        O0 = self.compute(order=list(range(self.T)))[1]
        T, c, gx, gy = self.T, self.cell, self.GX, self.GY
        words = self.words()
        r_sel = self.slot(self.sel_row)
        c_sel = None if self.sel_col is None else self.slot(self.sel_col)
        moved = self.order != list(range(T))
        out = [
            {"t": "text", "x": gx + T * c / 2, "y": 16, "cls": "small muted",
             "s": ("targets: every token offers a key (drag a word to move it)" if self.reorder
                   else "targets: every token offers a key (click one)")},
            {"t": "text", "x": gx - 10, "y": gy - 8, "anchor": "end", "cls": "small muted", "s": "queriers"},
        ]
        # heatmap cells
        for t in range(T):
            for s in range(T):
                x, y = gx + s * c, gy + t * c
                masked = self.causal and s > t
                if masked:
                    out.append({"t": "rect", "x": x + 1, "y": y + 1, "w": c - 2, "h": c - 2, "cls": "op"})
                    out.append({"t": "text", "x": x + c / 2, "y": y + c / 2 + 4, "cls": "small muted", "s": "0"})
                else:
                    w = A[t][s]
                    out.append({"t": "rect", "x": x + 1, "y": y + 1, "w": c - 2, "h": c - 2, "cls": "accent",
                                "opacity": round(0.05 + 0.7 * w, 3)})
                    out.append({"t": "text", "x": x + c / 2, "y": y + c / 2 + 4, "cls": "small", "s": fixed(w)})
        # selection outlines: the row across, the column down
        out.append({"t": "rect", "x": gx - 2, "y": gy + r_sel * c - 1, "w": T * c + 4, "h": c + 2,
                    "cls": "selected nofill"})
        if c_sel is not None:
            out.append({"t": "rect", "x": gx + c_sel * c - 1, "y": gy - 2, "w": c + 2, "h": T * c + 4,
                        "cls": "accent2 nofill"})
        # row labels (queriers): click to select
        for t, w in enumerate(words):
            y = gy + t * c
            out.append({"t": "rect", "x": gx - 62, "y": y + 4, "w": 54, "h": c - 8, "rx": 5,
                        "cls": "node selected" if t == r_sel else "node", "handle": f"row{t}",
                        "label": f"querier {t + 1}: {w}",
                        "value": f"puts {fixed(max(A[t]))} on {words[max(range(T), key=lambda s: A[t][s])]}"})
            out.append({"t": "text", "x": gx - 35, "y": y + c / 2 + 5, "s": w})
        # column chips (targets): drawn in identity order so keyboard focus follows a word as it moves
        for ident in range(T):
            s = self.slot(ident)
            x = gx + s * c
            w = self.tokens[ident]
            out.append({"t": "rect", "x": x + 3, "y": gy - 52, "w": c - 6, "h": 28, "rx": 5,
                        "cls": "node selected" if ident == self.sel_col else "node", "handle": f"tok{ident}",
                        "label": f"target {w}" + (" (arrow keys move it)" if self.reorder else ""),
                        "value": f"position {s + 1}"})
            out.append({"t": "text", "x": x + c / 2, "y": gy - 33, "s": w})
        # outputs
        ox = gx + T * c + 18
        out.append({"t": "text", "x": ox, "y": gy - 33, "anchor": "start", "cls": "small muted",
                    "s": "output = weights · X" if self.raw else "output = weights · V"})
        if moved:
            out.append({"t": "text", "x": self.width - 6, "y": gy - 33, "anchor": "end", "cls": "small muted",
                        "s": "vs original order"})
        for t in range(T):
            y = gy + t * c + c / 2 + 5
            out.append({"t": "text", "x": ox, "y": y, "anchor": "start",
                        "cls": "small accent" if t == r_sel else "small", "s": vec(O[t])})
            if moved:
                same = all(abs(a - b) < 1e-9 for a, b in zip(O[t], O0[self.order[t]]))
                out.append({"t": "text", "x": self.width - 6, "y": y, "anchor": "end",
                            "cls": "small good" if same else "small bad",
                            "s": f"{CHECK} same" if same else f"{CROSS} changed"})
        if self.causal:
            out.append({"t": "text", "x": gx + T * c / 2, "y": gy + T * c + 18, "cls": "small muted",
                        "s": "causal mask on: grey cells are future targets, score −∞, weight 0"})
        return out

    def readouts(self):
        A, O, *_ = self.compute()
        T, words = self.T, self.words()
        r = self.slot(self.sel_row)
        out = [{"label": f"{words[r]} (row {r + 1}) looks at",
                "value": " · ".join(f"{w} {fixed(a)}" for w, a in zip(words, A[r])) + f"  (sum {fixed(sum(A[r]))})"},
               {"label": f"output of {words[r]}", "value": vec(O[r])}]
        if self.sel_col is not None:
            s = self.slot(self.sel_col)
            col = [A[t][s] for t in range(T)]
            out.append({"label": f"{words[s]} (column {s + 1}) is looked at by",
                        "value": " · ".join(f"{w} {fixed(a)}" for w, a in zip(words, col)) + f"  (sum {fixed(sum(col))})"})
        if self.reorder:
            out.append({"label": "sentence", "value": " ".join(words)})
        if self.fn is not None:
            label, text, _ = self._learner()
            out.append({"label": label, "value": text})
        return out

    def controls(self):
        out = []
        if self.mask_toggle:
            out.append({"kind": "button", "id": "mask",
                        "label": "Causal mask: on (switch off)" if self.causal else "Causal mask: off (switch on)"})
        if self.reorder:
            out.append({"kind": "button", "id": "reset", "label": "Put the words back",
                        "disabled": self.order == list(range(self.T))})
        return out
