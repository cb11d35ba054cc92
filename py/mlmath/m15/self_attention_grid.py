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

from ..show import fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, whole
from ..widgets.controls import Button, Toggle
from ..widgets.views import cell
from .sentence import read_sentence, self_attention, vec

CHECK, CROSS = "\u2713", "\u2717"
STEP = {"ArrowUp": -1, "ArrowLeft": -1, "ArrowDown": 1, "ArrowRight": 1}


@register
class SelfAttentionGrid(Widget):
    name = "self_attention_grid"
    width = 660
    GX, GY = 112, 84          # the heatmap's top-left corner

    def configure(self, config):
        n = self.name
        self.tokens, self.embed, self.wq, self.wk, self.wv, self.raw = read_sentence(config, n)
        self.mask = Toggle("mask", "Causal mask: off (switch on)", "Causal mask: on (switch off)",
                           flag(n, "causal", config.pop("causal", False)))
        mask_toggle = flag(n, "mask_toggle", config.pop("mask_toggle", False))
        self.reorder = flag(n, "reorder", config.pop("reorder", False))
        row = whole(n, "row", config.pop("row", 0), 0, len(self.tokens) - 1)
        super().configure(config)
        self.knobs = {"mask": self.mask} if mask_toggle else {}
        if self.reorder:
            self.knobs["reset"] = Button("reset", "Put the words back", self.put_back)
        self.order = list(range(self.T))          # order[slot] = original index of the token there
        self.sel_row, self.sel_col = row, None    # selections follow the token (original index)
        self.fn = None

    # Numbers ----------------------------------------------------------------------------------
    @property
    def T(self):
        return len(self.tokens)

    @property
    def causal(self):
        return self.mask.value

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
        return self_attention(self.X(order), self.wq, self.wk, self.wv, self.causal if causal is None else causal)

    def slot(self, ident):
        return self.order.index(ident)

    def put_back(self):
        self.order = list(range(self.T))

    def values(self):
        A, O, *_ = self.compute()
        T, r = self.T, self.slot(self.sel_row)
        free = self.compute(causal=False)[0]
        O0 = self.compute(order=list(range(T)))[1]
        out = {"row": r, "col": -1 if self.sel_col is None else self.slot(self.sel_col),
               "causal": int(self.causal), "self_w": A[r][r],
               "unmasked_same": int(all(abs(a - b) < 1e-12 for a, b in zip(A[r], free[r]))),
               "order": list(self.order),
               "changed": sum(self.tokens[i] != self.tokens[s] for s, i in enumerate(self.order)),
               "last_same": int(self.order[-1] == T - 1 and all(abs(a - b) < 1e-9 for a, b in zip(O[-1], O0[-1])))}
        for t in range(T):
            for s in range(T):
                out[f"a{t}{s}"] = A[t][s]
        return out

    def set_values(self, values):
        """order, causal, row and col set the state; every other name must agree with it."""
        values = dict(values)
        if "order" in values:
            order = list(values.pop("order"))
            if sorted(order) != list(range(self.T)):
                raise ValueError(f"{self.name}: order must list 0 to {self.T - 1} once each")
            self.order = order
        if "causal" in values and not self.mask.set(values.pop("causal")):
            raise ValueError(f"{self.name}: causal must be 0 or 1")
        if "row" in values:
            self.sel_row = self.order[whole(self.name, "row", values.pop("row"), 0, self.T - 1)]
        if "col" in values:
            col = whole(self.name, "col", values.pop("col"), -1, self.T - 1)
            self.sel_col = None if col == -1 else self.order[col]
        super().set_values(values)

    # Events: a querier row is selected, a target chip is selected and moved ------------------------
    def _move(self, ident, slot):
        self.order.remove(ident)
        self.order.insert(min(max(slot, 0), self.T - 1), ident)

    def handle(self, event):
        kind, h, key = event.get("type"), str(event.get("handle") or ""), event.get("key")
        which = int(h[3:]) if h[3:].isdigit() and int(h[3:]) < self.T else None
        if h.startswith("row") and which is not None:
            if kind == "drag":
                slot = int((event["y"] - self.GY) // self.cell)
            else:
                slot = (which if key == "Enter" else self.slot(self.sel_row)) + STEP.get(key, 0)
            self.sel_row = self.order[min(max(slot, 0), self.T - 1)]
        elif h.startswith("tok") and which is not None:
            if kind == "drag":
                target = int((event["x"] - self.GX) // self.cell)
                if self.reorder and 0 <= target < self.T:
                    self._move(which, target)
            elif self.reorder and (key in STEP or key in ("Home", "End")):
                self._move(which, {"Home": 0, "End": self.T - 1}.get(key, self.slot(which) + STEP.get(key, 0)))
            self.sel_col = which
        else:
            super().handle(event)

    def use(self, fn):
        """Grade a learner's fn(X, Wq, Wk, Wv, causal=...) against the picture; use(None) stops."""
        if fn is not None and not callable(fn):
            raise TypeError(f"use() needs a function, like use(self_attention), not {type(fn).__name__}")
        self.fn = fn

    def __repr__(self):
        return f"<self_attention_grid {' '.join(self.words())!r}, causal={self.causal}>"

    # The learner's function -----------------------------------------------------------------
    def _learner(self):
        """(label, text, ok) for the learner's function on the current sentence."""
        label = f"{getattr(self.fn, '__name__', 'fn')}(X, Wq, Wk, Wv, causal={self.causal})"
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
        moved = self.order != list(range(T))
        out = [S.text(gx + T * c / 2, 16, "targets: every token offers a key (drag a word to move it)" if self.reorder
                      else "targets: every token offers a key (click one)", "small muted"),
               S.text(gx - 10, gy - 8, "queriers", "small muted", "end")]
        for t in range(T):
            for s in range(T):
                x, y = gx + s * c, gy + t * c
                if self.causal and s > t:         # a future target: masked, weight exactly 0
                    out += [S.rect(x + 1, y + 1, c - 2, c - 2, "op"), S.text(x + c / 2, y + c / 2 + 4, "0", "small muted")]
                else:
                    out += [cell(x + 1, y + 1, c - 2, c - 2, A[t][s]), S.text(x + c / 2, y + c / 2 + 4, fixed(A[t][s]), "small")]
        for t, w in enumerate(words):          # querier rows: click to select
            y = gy + t * c
            best = max(range(T), key=lambda s: A[t][s])
            out.append(S.handle(S.rect(gx - 62, y + 4, 54, c - 8, "node selected" if t == r_sel else "node", rx=5),
                                f"row{t}", f"querier at position {t}: {w}", f"puts {fixed(A[t][best])} on {words[best]}"))
            out.append(S.text(gx - 35, y + c / 2 + 5, w))
        for ident in range(T):      # target chips in identity order, so keyboard focus follows a word as it moves
            x, w = gx + self.slot(ident) * c, self.tokens[ident]
            out.append(S.handle(S.rect(x + 3, gy - 52, c - 6, 28, "node selected" if ident == self.sel_col else "node", rx=5),
                                f"tok{ident}", f"target {w}" + (" (arrow keys move it)" if self.reorder else ""),
                                f"position {self.slot(ident)}"))
            out.append(S.text(x + c / 2, gy - 33, w))
        # selection outlines, after the handles so that a selection keeps their places: the row across, the column down
        out.append(S.rect(gx - 2, gy + r_sel * c - 1, T * c + 4, c + 2, "selected nofill"))
        if self.sel_col is not None:
            out.append(S.rect(gx + self.slot(self.sel_col) * c - 1, gy - 2, c + 2, T * c + 4, "accent2 nofill"))
        ox = gx + T * c + 18
        out.append(S.text(ox, gy - 33, "output = weights · X" if self.raw else "output = weights · V", "small muted", "start"))
        if moved:
            out.append(S.text(self.width - 6, gy - 33, "vs original order", "small muted", "end"))
        for t in range(T):
            y = gy + t * c + c / 2 + 5
            out.append(S.text(ox, y, vec(O[t]), "small accent" if t == r_sel else "small", "start"))
            if moved:
                same = all(abs(a - b) < 1e-9 for a, b in zip(O[t], O0[self.order[t]]))
                out.append(S.text(self.width - 6, y, f"{CHECK} same" if same else f"{CROSS} changed",
                                  "small good" if same else "small bad", "end"))
        if self.causal:
            out.append(S.text(gx + T * c / 2, gy + T * c + 18,
                              "causal mask on: grey cells are future targets, score \u2212\u221e, weight 0", "small muted"))
        return out

    def readouts(self):
        A, O, *_ = self.compute()
        words, r = self.words(), self.slot(self.sel_row)
        out = [{"label": f"{words[r]} (row {r}) looks at",
                "value": " · ".join(f"{w} {fixed(a)}" for w, a in zip(words, A[r])) + f"  (sum {fixed(sum(A[r]))})"},
               {"label": f"output of {words[r]}", "value": vec(O[r])}]
        if self.sel_col is not None:
            s = self.slot(self.sel_col)
            col = [A[t][s] for t in range(self.T)]
            out.append({"label": f"{words[s]} (column {s}) is looked at by",
                        "value": " · ".join(f"{w} {fixed(a)}" for w, a in zip(words, col)) + f"  (sum {fixed(sum(col))})"})
        if self.reorder:
            out.append({"label": "sentence", "value": " ".join(words)})
        if self.fn is not None:
            label, text, _ = self._learner()
            out.append({"label": label, "value": text})
        return out

    def controls(self):
        if "reset" in self.knobs:
            self.knobs["reset"].disabled = self.order == list(range(self.T))
        return [knob.control() for knob in self.knobs.values()]
