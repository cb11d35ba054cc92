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
from ..widgets import shapes as S
from ..widgets.base import Widget, number, whole
from ..widgets.controls import Slider
from ..widgets.plot import Axis, Plot


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
    track = Axis(-2.0, 2.0, 60, 490)        # the w_h slider drawn under the plot
    TRACK_Y = 282

    def configure(self, config):
        self.length = whole(self.name, "length", config.pop("length", 10), 4, 16)
        wh = number(self.name, "wh", config.pop("wh", 0.5), -2, 2)
        self.wx = float(number(self.name, "wx", config.pop("wx", 2.0), -4, 4))
        self.b = float(number(self.name, "b", config.pop("b", 0.0), -2, 2))
        self.window = whole(self.name, "window", config.pop("window", 3), 0, self.length - 1)
        super().configure(config)
        self.knobs = {"wh": Slider("wh", "w\u2095", -2.0, 2.0, 0.01, wh, fine=0.05, coarse=0.25)}
        self.plot = Plot(x=(0, self.length), y=(-1, 1), box=(60, 24, 490, 220))

    # The two words and their traces ----------------------------------------------------
    @property
    def wh(self):
        return self.knobs["wh"].value

    @property
    def words(self):
        return "a" + "b" * (self.length - 1), "b" * self.length

    def traces(self):
        return [trace(w, self.wx, self.wh, self.b) for w in self.words]

    def values(self):
        ha, hb = self.traces()
        return {"wh": self.wh, "gap": round(abs(ha[-1] - hb[-1]), 6), "ha": round(ha[-1], 6), "hb": round(hb[-1], 6)}

    def drag(self, handle, x, y):
        if handle == "wh":                  # a drag lands on the 0.05 grid the keys step on
            self.knobs["wh"].set(round(self.track.value(x) / 0.05) * 0.05)

    # Scene -----------------------------------------------------------------------------------
    def shapes(self):
        plot, T = self.plot, self.length
        left, top, right, bottom = plot.box
        ha, hb = self.traces()
        out = []
        if self.window:
            xw, xe = plot.x(T - self.window + 0.5), plot.x(T + 0.5)
            out.append(S.rect(xw, top, xe - xw, bottom - top, "grid", opacity=0.5))
            out.append(S.text((xw + xe) / 2, top - 6, f"a window of {self.window}", "small muted"))
        out += plot.frame(xticks=[], yticks=[-1, 0, 1])
        out.append(S.text(14, (top + bottom) / 2, "h\u209c", "label"))
        for t in range(T + 1):
            x = plot.x(t)
            out.append(S.text(x, bottom + 16, t, "small muted"))
            if t:
                out.append(S.text(x, bottom + 30, self.words[0][t - 1], "small accent"))
                out.append(S.text(x, bottom + 43, self.words[1][t - 1], "small accent2"))
        for hs, cls in ((hb, "accent2"), (ha, "accent")):
            out.append(plot.polyline(list(enumerate([0.0] + hs)), cls))
            out += [plot.point(t, h, cls, 3.5) for t, h in enumerate(hs, 1)]
        # the gap at the last step, bracketed
        xe, ya, yb = plot.x(T) + 14, plot.y(ha[-1]), plot.y(hb[-1])
        gap = fixed(abs(ha[-1] - hb[-1]), 3)
        out.append(S.path([[(xe - 5, ya), (xe, ya), (xe, yb), (xe - 5, yb)]], "bracket accent3"))
        out.append(S.text(xe + 8, (ya + yb) / 2 + 4, f"gap {gap}", "label accent3", "start"))
        out.append(S.text(right + 30, top + 14, self.words[0], "small accent", "start"))
        out.append(S.text(right + 30, top + 30, self.words[1], "small accent2", "start"))
        # the w_h slider
        y = self.TRACK_Y
        out.append(S.line(self.track.start, y, self.track.end, y, "axis"))
        for v in (-2, -1, 0, 1, 2):
            out += [S.line(self.track(v), y - 5, self.track(v), y + 5, "tick"),
                    S.text(self.track(v), y + 20, fixed(v, 0), "small")]
        out.append(S.text(self.track.end + 14, y + 5, f"w\u2095 = {fixed(self.wh, 2)}", "label accent3", "start"))
        out.append(S.handle(S.circle(self.track(self.wh), y, 9, "accent3"), "wh",
                            "the recurrent weight w_h: drag it, or use the arrow keys",
                            f"w_h = {fixed(self.wh, 2)}, gap at the last step {gap}"))
        return out

    def readouts(self):
        ha, hb = self.traces()
        T = self.length
        sign = "+" if self.wh >= 0 else MINUS
        out = [{"label": "", "value": f"the cell: h\u209c = tanh({fixed(self.wx, 1)}\u00b7x\u209c {sign} "
                                      f"{fixed(abs(self.wh), 2)}\u00b7h\u209c\u208b\u2081 + {fixed(self.b, 1)}), "
                                      "with x\u209c = 1 for a, 0 for b"},
               {"label": f"h at t = {T}", "value": f"{fixed(ha[-1], 3)} after {self.words[0]}, "
                                                   f"{fixed(hb[-1], 3)} after {self.words[1]}"},
               {"label": "gap", "value": fixed(abs(ha[-1] - hb[-1]), 3)}]
        if self.window:
            out.append({"label": "", "value": f"a window of {self.window} sees {self.words[0][-self.window:]} and "
                                              f"{self.words[1][-self.window:]}: the same, so it can't tell the "
                                              "words apart"})
        return out
