"""The perceptron learning rule, one update at a time. Start from w = 0, b = 0; sweep the
points in order; at each point on the wrong side nudge the line: w ← w + (y − ŷ)x and
b ← b + (y − ŷ). The learner clicks "next update" (or slides the update count back and
forth) and sees the line, the point that will be corrected next and the update it makes.

    ```widget perceptron_rule_steps
    id = "rule"
    goal = { text = "...", check = "errors == 0", solution = { t = 8 } }
    ```

values(): t (updates made), w1, w2, b, errors (mistakes of the current line), done (1 when a
whole sweep makes no update).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of
from ..widgets.controls import Button, Slider
from ..widgets.plot import Plot
from .nn_common import DATASETS, decide, halfplane, mistakes, origin_frame, rule_history


@register
class PerceptronRuleSteps(Widget):
    name = "perceptron_rule_steps"
    width, height = 600, 330

    def configure(self, config):
        self.data = DATASETS[one_of(self.name, "data", config.pop("data", "rule"), ("rule", "blobs", "and", "or"))]
        super().configure(config)
        self.history = rule_history(self.data)
        self.last = len(self.history) - 1
        lo, hi = (-3.5, 3.5) if len(self.data) > 4 else (-0.75, 1.75)
        self.plot = Plot((lo, hi), (lo, hi), box=(50, 10, 330, 290))
        self.knobs = {"t": Slider("t", "updates made", 0, self.last, 1, 0),
                      "next": Button("next", "next update", self.step)}

    def step(self):
        self.knobs["t"].set(min(self.knobs["t"].value + 1, self.last))

    def state(self, t):
        w, b, _ = self.history[t]
        return w, b

    def values(self):
        t = self.knobs["t"].value
        w, b = self.state(t)
        return {"t": t, "w1": w[0], "w2": w[1], "b": b, "errors": len(mistakes(w, b, self.data)),
                "done": int(t == self.last)}

    def shapes(self):
        p = self.plot
        t = self.knobs["t"].value
        (w1, w2), b = self.state(t)
        lo, hi = p.x.lo, p.x.hi
        out = origin_frame(p, "x₁", "x₂")
        yes = halfplane(w1, w2, b, (lo, lo, hi, hi))
        if len(yes) >= 3:
            out.append(S.poly([p.at(*q) for q in yes], "accent solid nostroke", opacity=0.12))
        if w2 != 0:
            out.append(p.line(-w1 / w2, -b / w2, "accent"))
        elif w1 != 0:
            out.append(p.segment(-b / w1, lo, -b / w1, hi, "accent"))
        nxt = self.history[t + 1][2] if t < self.last else None
        for i, (x, y) in enumerate(self.data):
            out.append(p.point(*x, f"{'accent' if y else 'accent2'} solid", r=6))
            if decide((w1, w2), b, x) != y:
                out.append(p.point(*x, "bad nofill", r=11))
            if i == nxt:
                out.append(p.point(*x, "accent3 nofill", r=15))
        left = 360
        out += [S.text(left, 40, f"after {t} update{'s' if t != 1 else ''}:", "label", "start"),
                S.text(left, 64, f"w = ({num(w1)}, {num(w2)}), b = {num(b)}", "small", "start"),
                S.text(left, 88, f"mistakes now: {len(mistakes((w1, w2), b, self.data))}", "small", "start")]
        if nxt is None:
            out.append(S.text(left, 124, "a full sweep, no mistake: done", "label", "start"))
        else:
            (x1, x2), y = self.data[nxt]
            e = y - decide((w1, w2), b, (x1, x2))
            sign = "+" if e > 0 else "−"
            out += [S.text(left, 124, f"next (ringed): x = ({num(x1)}, {num(x2)}), y = {y}", "small", "start"),
                    S.text(left, 146, f"y − ŷ = {num(e)}, so w {sign}= x, b {sign}= 1", "small", "start"),
                    S.text(left, 168, f"→ w = ({num(w1 + e * x1)}, {num(w2 + e * x2)}), b = {num(b + e)}",
                           "small", "start")]
        out += [S.circle(left + 10, 222, 6, "accent solid"), S.text(left + 28, 226, "label 1", "small", "start"),
                S.circle(left + 10, 246, 6, "accent2 solid"), S.text(left + 28, 250, "label 0", "small", "start"),
                S.circle(left + 10, 274, 10, "bad nofill"), S.text(left + 28, 278, "on the wrong side", "small", "start"),
                S.circle(left + 10, 304, 13, "accent3 nofill"), S.text(left + 28, 308, "corrected next", "small", "start")]
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "updates", "value": str(v["t"])},
                {"label": "w", "value": f"({num(v['w1'])}, {num(v['w2'])})"}, {"label": "b", "value": num(v["b"])},
                {"label": "mistakes", "value": str(v["errors"])}]

    def controls(self):
        return [self.knobs["next"].control(), self.knobs["t"].control()]
