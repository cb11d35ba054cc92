"""A 2-2-1 network of perceptrons on the four XOR points, drawn in two planes. Left: the
inputs (x₁, x₂) with each hidden unit's line; its weight arrow's tip is draggable. Right:
the hidden space (h₁, h₂), where every input lands at the pair of hidden answers, each 0
or 1, with the output unit's line. A hidden layer that moves the points into a separable
arrangement lets one more line finish the job.

    ```widget xor_hidden_space
    id = "net"
    goal = { text = "...", check = "errors == 0", solution = { b2 = -1.8 } }
    ```

Hidden unit k: hₖ = 1 if uₖ₁x₁ + uₖ₂x₂ + bₖ > 0 else 0. Output: ŷ = 1 if v₁h₁ + v₂h₂ + c > 0 else 0.
values(): u11, u12, b1, u21, u22, b2, v1, v2, c (the knobs), errors (of the 4 XOR points), clashes
(pairs of inputs with different labels that land on the same hidden point).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .nn_common import GATES, decide, halfplane, in_view, origin_frame

XOR = GATES["xor"]
START = {"u11": 0.6, "u12": 0.6, "b1": -0.3, "u21": 1.4, "u22": 1.4, "b2": -0.7, "v1": 1, "v2": -1, "c": -0.5}
ARROWS = {"u1": ("u11", "u12"), "u2": ("u21", "u22"), "v": ("v1", "v2")}
NAMES = {"u11": "u₁₁", "u12": "u₁₂", "b1": "bias b₁", "u21": "u₂₁", "u22": "u₂₂", "b2": "bias b₂",
         "v1": "v₁", "v2": "v₂", "c": "output bias c"}


@register
class XorHiddenSpace(Widget):
    name = "xor_hidden_space"
    width, height = 640, 320

    def configure(self, config):
        start = {k: number(self.name, k, config.pop(k, v), -2, 2) for k, v in START.items()}
        super().configure(config)
        self.knobs = {k: Slider(k, NAMES[k], -2, 2, 0.1, v) for k, v in start.items()}
        self.left = Plot((-0.75, 1.75), (-0.75, 1.75), box=(40, 10, 270, 240))
        self.right = Plot((-0.75, 1.75), (-0.75, 1.75), box=(390, 10, 620, 240))

    def k(self, name):
        return self.knobs[name].value

    def hidden(self, x):
        return (decide((self.k("u11"), self.k("u12")), self.k("b1"), x),
                decide((self.k("u21"), self.k("u22")), self.k("b2"), x))

    def output(self, x):
        return decide((self.k("v1"), self.k("v2")), self.k("c"), self.hidden(x))

    def values(self):
        v = {k: knob.value for k, knob in self.knobs.items()}
        v["errors"] = sum(self.output(x) != y for x, y in XOR)
        v["clashes"] = sum(1 for i, (x, y) in enumerate(XOR) for x2, y2 in XOR[i + 1:]
                           if y != y2 and self.hidden(x) == self.hidden(x2))
        return v

    def drag(self, handle, x, y):
        if handle in ARROWS:
            plot = self.right if handle == "v" else self.left
            a, b = ARROWS[handle]
            self.knobs[a].set(plot.x.value(x))
            self.knobs[b].set(plot.y.value(y))

    def handle(self, event):
        if event.get("type") == "key" and event.get("handle") in ARROWS:
            a, b = ARROWS[event["handle"]]
            key = event.get("key")
            self.knobs[b if key in ("ArrowUp", "ArrowDown", "PageUp", "PageDown") else a].key(key)
            return
        super().handle(event)

    def _unit(self, plot, w1, w2, b, cls, tag):
        lo, hi = plot.x.lo, plot.x.hi
        out = []
        yes = halfplane(w1, w2, b, (lo, lo, hi, hi))
        if len(yes) >= 3:
            out.append(S.poly([plot.at(*q) for q in yes], f"{cls} solid nostroke", opacity=0.1))
        if w2 != 0:
            out.append(plot.line(-w1 / w2, -b / w2, cls))
        elif w1 != 0:
            out.append(plot.segment(-b / w1, lo, -b / w1, hi, cls))
        tip = in_view(plot, w1, w2)
        out += plot.arrow(0, 0, *tip, cls)
        out.append(plot.text(*tip, tag, f"small {cls}", dx=14 if tip[0] < plot.x.hi - 0.4 else -14, dy=-8))
        return out

    def shapes(self):
        L, R, k = self.left, self.right, self.k
        out = [L.handle("u1", *in_view(L, k("u11"), k("u12")), "tip of hidden unit 1's weights", f"({num(k('u11'), 1)}, {num(k('u12'), 1)})", "accent", r=7),
               L.handle("u2", *in_view(L, k("u21"), k("u22")), "tip of hidden unit 2's weights", f"({num(k('u21'), 1)}, {num(k('u22'), 1)})", "accent3", r=7),
               R.handle("v", *in_view(R, k("v1"), k("v2")), "tip of the output unit's weights", f"({num(k('v1'), 1)}, {num(k('v2'), 1)})", "accent2", r=7)]
        out += origin_frame(L, "x₁", "x₂", ticks=[0, 1])
        out += origin_frame(R, "h₁", "h₂", ticks=[0, 1])
        out += self._unit(L, k("u11"), k("u12"), k("b1"), "accent", "h₁")
        out += self._unit(L, k("u21"), k("u22"), k("b2"), "accent3", "h₂")
        out += self._unit(R, k("v1"), k("v2"), k("c"), "accent2", "out")
        landed = {}
        for x, y in XOR:
            landed.setdefault(self.hidden(x), []).append((x, y))
            out.append(L.point(*x, "accent solid" if y else "accent2 solid", r=6))
            out.append(L.text(*x, f"({x[0]},{x[1]})", "small", dy=22))
            if self.output(x) != y:
                out.append(L.point(*x, "bad nofill", r=11))
        for h, group in landed.items():
            labels = {y for _, y in group}
            for i, (x, y) in enumerate(group):
                out.append(R.point(h[0], h[1], "accent solid" if y else "accent2 solid", r=9 - 3 * i))
            out.append(R.text(h[0], h[1], " ".join(f"({x[0]},{x[1]})" for x, _ in group), "small", dy=22))
            if len(labels) > 1:
                out.append(R.point(h[0], h[1], "bad nofill", r=13))
        out += [S.text(155, 306, "inputs x, hidden units' lines", "small"),
                S.text(505, 306, "hidden space h, the output's line", "small"),
                *S.arrow(295, 125, 365, 125, "muted")]
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "XOR points right", "value": f"{4 - v['errors']} of 4"}]
        if v["clashes"]:
            out.append({"label": "", "value": "a 0 and a 1 land on the same hidden point: no output line can split them"})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in ("b1", "b2", "c")]
