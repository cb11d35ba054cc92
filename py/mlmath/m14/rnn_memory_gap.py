"""How long does a one-unit RNN remember its first character?

Two words go through the same one-unit cell, h_t = tanh(w_x x_t + w_h h_{t-1} + b):
"a" followed by b's, and b's only (x_t = 1 for a, 0 for b). They differ only at the
first character, so the gap between their two hidden states at the last step is what
the state still remembers about it. The learner drags the recurrent weight w_h (or
focuses the handle and uses the arrow keys) and watches both traces and the gap. A
shaded window over the last few steps marks what a fixed-window model would see
there: the same b's for both words.

Options:
  length   characters in each word (default 10, from 4 to 16)
  wh       the recurrent weight at the start (default 0.5, from -2 to 2)
  wx, b    the input weight and the bias (defaults 2 and 0)
  window   the fixed window drawn for comparison (default 3; 0 hides it)
"""

import math

from ..widgets import register
from ..show import MINUS, fixed
from ..widgets.base import Widget, arrow_step, number, whole

LO, HI = -2.0, 2.0


def trace(word, wx, wh, b):
    """h_1..h_T of the one-unit cell over a word of a's and b's, from h_0 = 0."""
    h, out = 0.0, []
    for c in word:
        h = math.tanh(wx * (1.0 if c == "a" else 0.0) + wh * h + b)
        out.append(h)
    return out


@register
class RnnMemoryGap(Widget):
    name = "rnn_memory_gap"
    width, height = 640, 330
    PL, PR, PT, PB = 60, 150, 24, 220      # plot box: left, right margin, top, bottom

    def configure(self, config):
        self.length = whole(self.name, "length", config.pop("length", 10), 4, 16)
        self.wh = round(float(number(self.name, "wh", config.pop("wh", 0.5), LO, HI)), 2)
        self.wx = float(number(self.name, "wx", config.pop("wx", 2.0), -4, 4))
        self.b = float(number(self.name, "b", config.pop("b", 0.0), -2, 2))
        self.window = whole(self.name, "window", config.pop("window", 3), 0, self.length - 1)
        super().configure(config)

    # The two words and their traces ----------------------------------------------------
    @property
    def words(self):
        return "a" + "b" * (self.length - 1), "b" * self.length

    def traces(self):
        return [trace(w, self.wx, self.wh, self.b) for w in self.words]

    def gap(self):
        ha, hb = self.traces()
        return abs(ha[-1] - hb[-1])

    def values(self):
        ha, hb = self.traces()
        return {"wh": self.wh, "gap": round(abs(ha[-1] - hb[-1]), 6), "ha": round(ha[-1], 6), "hb": round(hb[-1], 6)}

    def set_values(self, values):
        unknown = set(values) - {"wh"}
        if unknown:
            raise KeyError(f"rnn_memory_gap cannot set {sorted(unknown)}")
        if "wh" in values:
            self.wh = round(min(max(float(values["wh"]), LO), HI), 2)

    # Events --------------------------------------------------------------------------------
    @property
    def track(self):
        return self.PL, self.width - self.PR, self.PB + 62

    def x_of_wh(self, v):
        x0, x1, _ = self.track
        return x0 + (v - LO) / (HI - LO) * (x1 - x0)

    def handle(self, event):
        if event.get("handle") != "wh":
            return
        if event.get("type") == "drag":
            x0, x1, _ = self.track
            v = LO + (event.get("x", x0) - x0) / (x1 - x0) * (HI - LO)
            self.wh = round(min(max(round(v / 0.05) * 0.05, LO), HI), 2)
        elif event.get("type") == "key":
            key = event.get("key")
            if key == "Home":
                self.wh = LO
            elif key == "End":
                self.wh = HI
            else:
                self.wh = round(min(max(self.wh + arrow_step(key, 0.05, 0.25), LO), HI), 2)

    # Scene -----------------------------------------------------------------------------------
    def x_of_t(self, t):
        return self.PL + t / self.length * (self.width - self.PL - self.PR)

    def y_of_h(self, h):
        return self.PT + (1 - h) / 2 * (self.PB - self.PT)

    def shapes(self):
        out = []
        L, T = self.PL, self.length
        R = self.width - self.PR
        ha, hb = self.traces()
        if self.window:
            xw = self.x_of_t(T - self.window + 0.5)
            out.append({"t": "rect", "x": round(xw, 1), "y": self.PT, "w": round(self.x_of_t(T + 0.5) - xw, 1),
                        "h": self.PB - self.PT, "cls": "grid", "opacity": 0.5})
            out.append({"t": "text", "x": round((xw + self.x_of_t(T + 0.5)) / 2, 1), "y": self.PT - 6,
                        "s": f"a window of {self.window}", "cls": "small muted"})
        for h in (-1, 0, 1):
            y = self.y_of_h(h)
            out.append({"t": "line", "x1": L, "y1": y, "x2": R, "y2": y, "cls": "axis" if h == 0 else "grid"})
            out.append({"t": "text", "x": L - 8, "y": y + 4, "anchor": "end", "s": fixed(h, 0), "cls": "small"})
        out.append({"t": "text", "x": 14, "y": (self.PT + self.PB) / 2, "s": "h\u209c", "cls": "label"})
        for t in range(T + 1):
            x = self.x_of_t(t)
            out.append({"t": "text", "x": x, "y": self.PB + 16, "s": str(t), "cls": "small muted"})
            if t:
                out.append({"t": "text", "x": x, "y": self.PB + 30, "s": self.words[0][t - 1], "cls": "small accent"})
                out.append({"t": "text", "x": x, "y": self.PB + 43, "s": self.words[1][t - 1], "cls": "small accent2"})
        for hs, cls in ((hb, "accent2"), (ha, "accent")):
            pts = [[round(self.x_of_t(t), 1), round(self.y_of_h(h), 1)] for t, h in enumerate([0.0] + hs)]
            out.append({"t": "poly", "pts": pts, "cls": cls})
            for x, y in pts[1:]:
                out.append({"t": "circle", "cx": x, "cy": y, "r": 3.5, "cls": cls})
        # the gap at the last step
        xe = self.x_of_t(T) + 14
        ya, yb = self.y_of_h(ha[-1]), self.y_of_h(hb[-1])
        out.append({"t": "path", "d": f"M {xe - 5} {ya:.1f} H {xe} V {yb:.1f} H {xe - 5}", "cls": "bracket accent3"})
        out.append({"t": "text", "x": xe + 8, "y": round((ya + yb) / 2 + 4, 1), "anchor": "start",
                    "s": f"gap {fixed(abs(ha[-1] - hb[-1]), 3)}", "cls": "label accent3"})
        out.append({"t": "text", "x": R + 30, "y": self.PT + 14, "anchor": "start", "s": self.words[0],
                    "cls": "small accent"})
        out.append({"t": "text", "x": R + 30, "y": self.PT + 30, "anchor": "start", "s": self.words[1],
                    "cls": "small accent2"})
        # the w_h slider
        x0, x1, y = self.track
        out.append({"t": "line", "x1": x0, "y1": y, "x2": x1, "y2": y, "cls": "axis"})
        for v in (-2, -1, 0, 1, 2):
            x = self.x_of_wh(v)
            out.append({"t": "line", "x1": x, "y1": y - 5, "x2": x, "y2": y + 5, "cls": "tick"})
            out.append({"t": "text", "x": x, "y": y + 20, "s": fixed(v, 0), "cls": "small"})
        out.append({"t": "text", "x": x1 + 14, "y": y + 5, "anchor": "start", "s": f"w\u2095 = {fixed(self.wh, 2)}",
                    "cls": "label accent3"})
        out.append({"t": "circle", "cx": round(self.x_of_wh(self.wh), 1), "cy": y, "r": 9, "cls": "accent3",
                    "handle": "wh", "label": "the recurrent weight w_h: drag it, or use the arrow keys",
                    "value": f"w_h = {self.wh:.2f}, gap at the last step {abs(ha[-1] - hb[-1]):.3f}"})
        return out

    def readouts(self):
        ha, hb = self.traces()
        T = self.length
        sign = "+" if self.wh >= 0 else MINUS
        out = [{"label": "", "value": f"the cell: h\u209c = tanh({fixed(self.wx, 1)}\u00b7x\u209c {sign} {fixed(abs(self.wh), 2)}\u00b7h\u209c\u208b\u2081"
                                      f" + {fixed(self.b, 1)}), with x\u209c = 1 for a, 0 for b"},
               {"label": f"h at t = {T}", "value": f"{fixed(ha[-1], 3)} after {self.words[0]}, {fixed(hb[-1], 3)} after {self.words[1]}"},
               {"label": "gap", "value": fixed(abs(ha[-1] - hb[-1]), 3)}]
        if self.window:
            seen = self.words[0][-self.window:]
            out.append({"label": "", "value": f"a window of {self.window} sees {seen} and {self.words[1][-self.window:]}: "
                        "the same, so it can't tell the words apart"})
        return out

    def __repr__(self):
        return f"<rnn_memory_gap w_h = {self.wh}>"
