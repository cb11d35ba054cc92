"""One perceptron on points in the plane: the weights (w₁, w₂) and the bias b set the
line w₁x₁ + w₂x₂ + b = 0; the side where the sum is positive (shaded) answers 1. The
learner slides w₁, w₂, b or drags the tip of the weight arrow w, which always points
across the line into the "yes" side. Misclassified points are ringed.

    ```widget perceptron_boundary
    id = "split"
    data = "blobs"          # or "and", "or", "xor"
    w = [1, -1]
    b = 0
    goal = { text = "...", check = "errors == 0", solution = { w1 = 1, w2 = 1, b = -1 } }
    ```

values(): w1, w2, b (the knobs), errors (points on the wrong side), correct.
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .nn_common import DATASETS, decide, halfplane, in_view, mistakes, origin_frame

VIEWS = {"blobs": (-3.5, 3.5, 4, 0.1), "rule": (-3.5, 3.5, 6, 0.1), "and": (-0.75, 1.75, 3, 0.1),
         "or": (-0.75, 1.75, 3, 0.1), "xor": (-0.75, 1.75, 3, 0.1)}


@register
class PerceptronBoundary(Widget):
    name = "perceptron_boundary"
    width, height = 600, 330

    def configure(self, config):
        n = self.name
        self.dataset = one_of(n, "data", config.pop("data", "blobs"), DATASETS)
        lo, hi, reach, step = VIEWS[self.dataset]
        self.data = DATASETS[self.dataset]
        w = config.pop("w", [1, -1])
        if not isinstance(w, list) or len(w) != 2:
            raise ValueError(f"{n}: w must be a list of two numbers, not {w!r}")
        w1, w2 = (number(n, "w", v, -reach, reach) for v in w)
        b = number(n, "b", config.pop("b", 0), -reach, reach)
        super().configure(config)
        self.plot = Plot((lo, hi), (lo, hi), box=(50, 10, 330, 290))
        self.knobs = {k: Slider(k, k.replace("1", "₁").replace("2", "₂"), -reach, reach, step, v)
                      for k, v in (("w1", w1), ("w2", w2), ("b", b))}

    def wb(self):
        return (self.knobs["w1"].value, self.knobs["w2"].value), self.knobs["b"].value

    def values(self):
        (w1, w2), b = self.wb()
        wrong = len(mistakes((w1, w2), b, self.data))
        return {"w1": w1, "w2": w2, "b": b, "errors": wrong, "correct": len(self.data) - wrong}

    def drag(self, handle, x, y):
        if handle == "w":
            self.knobs["w1"].set(self.plot.x.value(x))
            self.knobs["w2"].set(self.plot.y.value(y))

    def handle(self, event):
        # keys on the arrow's tip move w₁ (left/right) and w₂ (up/down)
        if event.get("type") == "key" and event.get("handle") == "w":
            key = event.get("key")
            knob = self.knobs["w2"] if key in ("ArrowUp", "ArrowDown", "PageUp", "PageDown") else self.knobs["w1"]
            knob.key(key)
            return
        super().handle(event)

    def shapes(self):
        p = self.plot
        (w1, w2), b = self.wb()
        lo, hi = p.x.lo, p.x.hi
        yes = halfplane(w1, w2, b, (lo, lo, hi, hi))
        out = [p.handle("w", *in_view(p, w1, w2), "tip of the weight arrow w", f"w = ({num(w1, 1)}, {num(w2, 1)})",
                        cls="accent3", r=7)]
        out += origin_frame(p, "x₁", "x₂")
        if len(yes) >= 3:
            out.append(S.poly([p.at(*q) for q in yes], "accent solid nostroke", opacity=0.12))
        if w2 != 0:
            out.append(p.line(-w1 / w2, -b / w2, "accent"))
        elif w1 != 0:
            out.append(p.segment(-b / w1, lo, -b / w1, hi, "accent"))
        out += p.arrow(0, 0, *in_view(p, w1, w2), "accent3")
        for x, y in self.data:
            cls = "accent" if y == 1 else "accent2"
            out.append(p.point(*x, f"{cls} solid", r=6))
            if decide((w1, w2), b, x) != y:
                out.append(p.point(*x, "bad nofill", r=11))
        left = 360
        v = self.values()
        out += [S.text(left, 40, "z = w₁x₁ + w₂x₂ + b", "label", "start"),
                S.text(left, 64, "shaded: z > 0, answer 1", "small", "start"),
                S.line(left, 90, left + 16, 90, "accent"), S.text(left + 24, 94, "the line z = 0", "small", "start"),
                S.circle(left + 8, 116, 6, "accent solid"), S.text(left + 24, 120, "label 1", "small", "start"),
                S.circle(left + 8, 140, 6, "accent2 solid"), S.text(left + 24, 144, "label 0", "small", "start"),
                S.circle(left + 8, 164, 9, "bad nofill"), S.text(left + 24, 168, "on the wrong side", "small", "start"),
                S.text(left, 200, f"mistakes: {v['errors']} of {len(self.data)}", "label", "start")]
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "w₁", "value": num(v["w1"], 1)}, {"label": "w₂", "value": num(v["w2"], 1)},
                {"label": "b", "value": num(v["b"], 1)},
                {"label": "correct", "value": f"{v['correct']} of {len(self.data)}"}]

    def controls(self):
        return [self.knobs[k].control() for k in ("w1", "w2", "b")]
