"""Softmax plus cross-entropy, live: drag the logits and watch p, y and the gradient p - y.

Four rows, one column per class:

* the logits z, each a dot you drag up and down (or focus and use the arrow keys;
  Page Up/Down move by 1), with a slider for each under the picture as well;
* p = softmax(z), as bars from 0 to 1;
* y, the one-hot target: click a class's box (or focus it and press Enter) to make it
  the right answer;
* the gradient of L = -log p[target] with respect to the logits, which is p - y, as
  bars above and below zero.

    ```widget softmax_ce
    id = "ce"
    labels = ["e", "a", "i", "o"]      # 2 to 6 short class names
    logits = [1.0, 2.0, 0.0, -1.0]
    target = "e"                       # a label, or its index
    range = [-5, 5]                    # the logits' range (default); step = 0.1 (default)
    goal = { text = "...", check = "gmax < 0.05", solution = { z0 = 4, z1 = -1, z2 = -1, z3 = -1 } }
    ```

values() for goals: z0, z1, ... (logits), p0, p1, ... (probabilities), g0, g1, ...
(the gradient p - y), target (its index), loss, gmax (the largest |p - y|) and
gsum (the sum of p - y, always 0 up to rounding).
"""

from ..numeric import log_sum_exp, softmax
from ..show import MINUS, char, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Button, Choice, Slider
from ..widgets.plot import Plot

LEFT, RIGHT = 128, 584          # the columns; row names sit left of them
TOP_Y, H_Y = 286, 28            # the target row: a box per class, not a plot


@register
class SoftmaxCE(Widget):
    name = "softmax_ce"
    width, height = 600, 486

    def configure(self, config):
        labels = config.pop("labels", ["a", "b", "c"])
        if not isinstance(labels, list) or not 2 <= len(labels) <= 6 or not all(
                isinstance(s, str) and 1 <= len(s) <= 3 for s in labels) or len(set(labels)) != len(labels):
            raise ValueError("softmax_ce: labels must be 2 to 6 different short strings (1 to 3 characters)")
        logits = config.pop("logits", [0.0] * len(labels))
        if not isinstance(logits, list) or len(logits) != len(labels):
            raise ValueError(f"softmax_ce: logits must be a list of {len(labels)} numbers, one per label")
        span = config.pop("range", [-5, 5])
        if not (isinstance(span, list) and len(span) == 2) or not (
                number(self.name, "range", span[0]) < number(self.name, "range", span[1])):
            raise ValueError("softmax_ce: range must be [min, max] with min < max")
        lo, hi = float(span[0]), float(span[1])
        step = number(self.name, "step", config.pop("step", 0.1))
        if step <= 0:
            raise ValueError("softmax_ce: step must be positive")
        target = config.pop("target", 0)
        if target in labels:
            target = labels.index(target)
        if isinstance(target, bool) or target not in range(len(labels)):
            raise ValueError(f"softmax_ce: target must be one of the labels {labels} or an index, not {target!r}")
        super().configure(config)
        self.labels = [char(s) for s in labels]
        for k, v in enumerate(logits):
            name = self.labels[k]
            self.knobs[f"z{k}"] = Slider(f"z{k}", f"z[{name}]", lo, hi, step, number(self.name, "a logit", v, lo, hi),
                                         fmt=lambda v: fixed(v, 1), coarse=1.0)
        self.knobs["target"] = Choice("target", "the right answer", range(len(labels)), target)
        for k, name in enumerate(self.labels):   # each box of the y row is a button that makes its class the answer
            self.knobs[f"y{k}"] = Button(f"y{k}", f"make {name} the right answer",
                                         lambda k=k: self.knobs["target"].assign(k))
        rows = [(30, 140, (lo, hi)), (182, 252, (0, 1)), (352, 452, (-1, 1))]
        self.z_plot, self.p_plot, self.g_plot = (
            Plot((0, len(labels)), span, (LEFT, top, RIGHT, bottom)) for top, bottom, span in rows)

    # The arithmetic --------------------------------------------------------------------------
    @property
    def z(self):
        return [self.knobs[f"z{k}"].value for k in range(len(self.labels))]

    @property
    def target(self):
        return self.knobs["target"].value

    def values(self):
        z, t = self.z, self.target
        p = softmax(z)
        g = [pk - (k == t) for k, pk in enumerate(p)]      # p - y, y one-hot at the target
        out = {}
        for k in range(len(z)):
            out[f"z{k}"], out[f"p{k}"], out[f"g{k}"] = z[k], p[k], g[k]
        return {**out, "target": t, "loss": log_sum_exp(z) - z[t], "gmax": max(map(abs, g)), "gsum": sum(g)}

    def drag(self, handle, x, y):
        if handle in self.knobs and handle.startswith("z"):
            self.knobs[handle].set(self.z_plot.y.value(y))
        elif handle in self.knobs and handle.startswith("y"):
            self.knobs[handle].set(None)

    def __repr__(self):
        return f"<softmax_ce target {self.labels[self.target]!r}, loss {fixed(self.values()['loss'], 3)}>"

    # The picture -------------------------------------------------------------------------------
    def shapes(self):
        v, K, t = self.values(), len(self.labels), self.target
        zp, pp, gp = self.z_plot, self.p_plot, self.g_plot
        lo, hi = zp.y.lo, zp.y.hi
        bar = min(44.0, (RIGHT - LEFT) / K * 0.55)
        out = [S.text(12, y + 4, name, "label", "start") for y, name in (
            (85, "logits z"), (217, "p = softmax(z)"), (TOP_Y + H_Y / 2, "y: the answer"),
            (394, "\u2202L/\u2202z"), (410, f"= p {MINUS} y"))]
        out += zp.frame(xticks=[], yticks=[lo, 0.0, hi] if lo < 0 < hi else [lo, hi], edges=True)
        out += pp.frame(xticks=[], yticks=[0, 1])
        out += gp.frame(xticks=[], yticks=[-1, 1])
        out.append(gp.text(0, 0, "0", "small", "end", dx=-6, dy=4))   # frame leaves zero unlabelled where the axis crosses
        handles = []
        for k, name in enumerate(self.labels):
            cx, z, p, g = k + 0.5, v[f"z{k}"], v[f"p{k}"], v[f"g{k}"]
            x = zp.x(cx)
            if lo <= 0 <= hi:
                out.append(S.line(x, zp.y(0), x, zp.y(z), "accent"))
            out.append(zp.text(cx, z, fixed(z, 1), "small", "start", dx=14, dy=4))
            out.append(S.text(x, zp.box[1] - 12, name, "label accent3" if k == t else "label"))
            handles.append(zp.handle(f"z{k}", cx, z, f"logit for {name}", fixed(z, 1)))
            out.append(S.rect(x - bar / 2, pp.y(p), bar, pp.y(0) - pp.y(p), "accent"))
            out.append(pp.text(cx, p, fixed(p, 3), "small accent", dy=-5))
            box = S.rect(x - bar / 2, TOP_Y, bar, H_Y, "accent3" if k == t else "node", rx=3)
            handles.append(S.handle(box, f"y{k}", f"make {name} the right answer" + (" (it is now)" if k == t else ""),
                                    "the right answer" if k == t else "not the answer"))
            out.append(S.text(x, TOP_Y + H_Y + 14, "1" if k == t else "0", "small accent3" if k == t else "small muted"))
            out.append(S.rect(x - bar / 2, gp.y(max(g, 0)), bar, abs(gp.y(g) - gp.y(0)), "accent2"))
            out.append(gp.text(cx, g, fixed(g, 3), "small accent2", dy=-5 if g >= 0 else 13))
        return out + handles

    def readouts(self):
        v, t = self.values(), self.target
        name = self.labels[t]
        return [
            {"label": "L", "value": f"{MINUS}log p[{name}] = {MINUS}log {fixed(v[f'p{t}'], 3)} = {fixed(v['loss'], 3)}"},
            {"label": f"\u2202L/\u2202z[{name}]", "value": f"p[{name}] {MINUS} 1 = {fixed(v[f'g{t}'], 3)}"},
            {"label": "sum of p", "value": fixed(sum(v[f"p{k}"] for k in range(len(self.labels))), 3)},
            {"label": f"sum of p {MINUS} y", "value": fixed(v["gsum"], 3)},
        ]

    def controls(self):
        return [self.knobs[f"z{k}"].control() for k in range(len(self.labels))]
