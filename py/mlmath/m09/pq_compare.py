"""Two distributions over the same outcomes: the truth P and a model Q, side by side.

Drag a bar of P or of Q (or focus it and use the arrow keys); the other bars of that
distribution rescale so it still adds to 1. Under each outcome is its share of the
cross-entropy, p_i times the surprise -log q_i. The readouts give H(P), the
cross-entropy H(P, Q), the gap KL(P||Q) = H(P, Q) - H(P), and KL(Q||P) for comparison.
With `fixed_p`, P is a given target (a one-hot label, say) and only Q moves.

    ```widget pq_compare
    id = "pq"
    labels = ["a", "b", "c"]        # 2 to 6 short names
    p = [0.5, 0.3, 0.2]             # non-negative weights, scaled to add to 1
    q = [0.2, 0.3, 0.5]
    unit = "bits"                   # or "nats"
    fixed_p = false
    goal = { text = "...", check = "kl < 0.01", solution = { q0 = 0.5, q1 = 0.3, q2 = 0.2 } }
    ```

values(): p0.., q0.. (the bars), unit, H (entropy of P), CE (cross-entropy H(P, Q)),
kl (KL(P||Q)), kl_rev (KL(Q||P)), all in the unit; inf where Q (or P) gives 0 to an
outcome the other one needs.
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot
from .l01_surprise import BASES, cross_entropy, entropy, kl, normalize, rebalance, surprise

BOX = (70, 40, 590, 222)


def _weights(name, key, value, n):
    if (not isinstance(value, list) or len(value) != n or any(
            isinstance(w, bool) or not isinstance(w, (int, float)) or not 0 <= w < math.inf for w in value)
            or sum(value) <= 0):
        raise ValueError(f"{name}: {key} must be {n} non-negative numbers, not all 0")
    return normalize([float(w) for w in value])


def _show(v):
    return "∞" if v == math.inf else num(v, 3)


@register
class PqCompare(Widget):
    name = "pq_compare"
    width, height = 600, 290

    def configure(self, config):
        labels = config.pop("labels", ["a", "b", "c"])
        if (not isinstance(labels, list) or not 2 <= len(labels) <= 6 or len(set(labels)) != len(labels)
                or not all(isinstance(s, str) and 1 <= len(s) <= 6 for s in labels)):
            raise ValueError("pq_compare: labels must be 2 to 6 different short strings (1 to 6 characters)")
        n = len(labels)
        p = _weights(self.name, "p", config.pop("p", [1.0] * n), n)
        q = _weights(self.name, "q", config.pop("q", [1.0] * n), n)
        unit = one_of(self.name, "unit", config.pop("unit", "bits"), list(BASES))
        self.fixed_p = flag(self.name, "fixed_p", config.pop("fixed_p", False))
        super().configure(config)
        self.labels, self.n = labels, n
        for name, dist in (("p", p), ("q", q)):
            for i, v in enumerate(dist):
                self.knobs[f"{name}{i}"] = Slider(f"{name}{i}", f"{name.upper()}({labels[i]})", 0, 1, 0.001, v,
                                                  fmt=lambda v: num(v, 3), fine=0.01, coarse=0.1)
        self.knobs["unit"] = Choice("unit", "unit", list(BASES), unit)
        self.plot = Plot((0, n), (0, 1), BOX, yfmt=lambda v: num(v, 2))

    def dist(self, name):
        return normalize([self.knobs[f"{name}{i}"].value for i in range(self.n)])

    def values(self):
        out = super().values()
        base = BASES[self.knobs["unit"].value]
        p, q = self.dist("p"), self.dist("q")
        out.update(H=entropy(p, base), CE=cross_entropy(p, q, base), kl=kl(p, q, base), kl_rev=kl(q, p, base))
        return out

    def handle(self, event):
        if self.fixed_p and str(event.get("handle", event.get("id", ""))).startswith("p"):
            return
        before = {k: kn.value for k, kn in self.knobs.items()}
        super().handle(event)
        changed = [k for k, kn in self.knobs.items() if kn.value != before[k] and k != "unit"]
        if len(changed) == 1:
            name, i = changed[0][0], int(changed[0][1:])
            rebalance([self.knobs[f"{name}{j}"] for j in range(self.n)], i)

    def drag(self, handle, x, y):
        if handle in self.knobs and handle != "unit":
            self.knobs[handle].set(self.plot.y.value(y))

    def shapes(self):
        base = BASES[self.knobs["unit"].value]
        p, q = self.dist("p"), self.dist("q")
        left, top, right, bottom = BOX
        slot = (right - left) / self.n
        width = slot * 0.3
        handles, rest = [], []
        for name, dist, shift, cls in (("p", p, -0.5, "accent"), ("q", q, 0.5, "accent2")):
            for i, v in enumerate(dist):
                cx = left + (i + 0.5) * slot + shift * (width + 4)
                h = (bottom - top) * v
                bar = S.rect(cx - width / 2, bottom - h, width, max(h, 2), f"{cls} nostroke")
                rest.append(S.text(cx, bottom - h - 5, num(v, 2), "small"))
                if name == "p" and self.fixed_p:
                    rest.append(bar)
                else:
                    handles.append(S.handle(bar, f"{name}{i}", f"{name.upper()} of {self.labels[i]}", num(v, 3)))
        for i in range(self.n):
            cx = left + (i + 0.5) * slot
            rest.append(S.text(cx, bottom + 16, self.labels[i], "label"))
            term = 0.0 if p[i] == 0 else p[i] * surprise(q[i], base)
            rest.append(S.text(cx, bottom + 34, f"p·(−log q) = {_show(term)}", "small"))
        frame = self.plot.frame("", "", xticks=[], yticks=[0, 0.25, 0.5, 0.75, 1])
        frame.append(S.text(BOX[0] - 40, BOX[1] - 16, "probability", "label", "start"))
        legend = [S.rect(right - 150, top - 30, 12, 12, "accent nostroke"),
                  S.text(right - 132, top - 20, "P (truth)", "small", "start"),
                  S.rect(right - 70, top - 30, 12, 12, "accent2 nostroke"),
                  S.text(right - 52, top - 20, "Q (model)", "small", "start")]
        return handles + frame + rest + legend

    def readouts(self):
        v = self.values()
        unit = self.knobs["unit"].value
        if self.fixed_p:
            return [{"label": f"loss: cross-entropy H(P, Q) ({unit})", "value": _show(v["CE"])},
                    {"label": "H(P)", "value": _show(v["H"])},
                    {"label": "KL(P‖Q)", "value": _show(v["kl"])}]
        return [{"label": f"H(P) ({unit})", "value": _show(v["H"])},
                {"label": "cross-entropy H(P, Q)", "value": _show(v["CE"])},
                {"label": "KL(P‖Q)", "value": _show(v["kl"])},
                {"label": "KL(Q‖P)", "value": _show(v["kl_rev"])}]

    def controls(self):
        return [self.knobs["unit"].control()]
