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

import math

from ..widgets import register
from ..widgets.base import Widget, arrow_step

MINUS = "\u2212"
LEFT = 128                  # room for the row names
TOP_Z, H_Z = 30, 110        # logits row
TOP_P, H_P = 182, 70        # probabilities
TOP_Y, H_Y = 286, 28        # the target
TOP_G, H_G = 352, 100       # the gradient, +-1 spans H_G (zero in the middle)


def fmt(v, places=3):
    text = f"{v:.{places}f}"
    if float(text) == 0:
        text = text.lstrip("-")
    return text.replace("-", MINUS)


def softmax(z):
    top = max(z)
    e = [math.exp(v - top) for v in z]
    s = sum(e)
    return [v / s for v in e]


def _finite(v, what):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise ValueError(f"softmax_ce: {what} must be a finite number, not {v!r}")
    return float(v)


@register
class SoftmaxCE(Widget):
    name = "softmax_ce"
    width = 600
    height = TOP_G + H_G + 34

    def configure(self, config):
        labels = config.pop("labels", ["a", "b", "c"])
        if not isinstance(labels, list) or not 2 <= len(labels) <= 6 or not all(
                isinstance(s, str) and 1 <= len(s) <= 3 for s in labels) or len(set(labels)) != len(labels):
            raise ValueError("softmax_ce: labels must be 2 to 6 different short strings (1 to 3 characters)")
        logits = config.pop("logits", [0.0] * len(labels))
        if not isinstance(logits, list) or len(logits) != len(labels):
            raise ValueError(f"softmax_ce: logits must be a list of {len(labels)} numbers, one per label")
        rng = config.pop("range", [-5, 5])
        if not (isinstance(rng, list) and len(rng) == 2) or not _finite(rng[0], "range") < _finite(rng[1], "range"):
            raise ValueError("softmax_ce: range must be [min, max] with min < max")
        step = _finite(config.pop("step", 0.1), "step")
        if step <= 0:
            raise ValueError("softmax_ce: step must be positive")
        target = config.pop("target", 0)
        super().configure(config)
        self.labels, self.range, self.step = list(labels), (float(rng[0]), float(rng[1])), step
        self.z = [_finite(v, "a logit") for v in logits]
        if not all(self.range[0] <= v <= self.range[1] for v in self.z):
            raise ValueError(f"softmax_ce: every logit must lie in the range {list(self.range)}")
        self.target = self._target_index(target)
        self.start = (list(self.z), self.target)

    def _target_index(self, target):
        if isinstance(target, str) and target in self.labels:
            return self.labels.index(target)
        if isinstance(target, int) and not isinstance(target, bool) and 0 <= target < len(self.labels):
            return target
        raise ValueError(f"softmax_ce: target must be one of the labels {self.labels} or an index, not {target!r}")

    # The arithmetic --------------------------------------------------------------------------
    @property
    def p(self):
        return softmax(self.z)

    @property
    def y(self):
        return [1.0 if k == self.target else 0.0 for k in range(len(self.z))]

    @property
    def grad(self):
        return [p - y for p, y in zip(self.p, self.y)]

    @property
    def loss(self):
        top = max(self.z)
        return top + math.log(sum(math.exp(v - top) for v in self.z)) - self.z[self.target]

    # State -----------------------------------------------------------------------------------
    def _place(self, v):
        lo, hi = self.range
        v = round(round(v / self.step) * self.step, 9)
        return min(max(v, lo), hi)

    def values(self):
        out = {}
        for k, (z, p, g) in enumerate(zip(self.z, self.p, self.grad)):
            out[f"z{k}"], out[f"p{k}"], out[f"g{k}"] = z, p, g
        g = self.grad
        out.update(target=self.target, loss=self.loss, gmax=max(abs(v) for v in g), gsum=sum(g))
        return out

    def set_values(self, values):
        for key, value in dict(values).items():
            if key == "target":
                self.target = self._target_index(value)
            elif key.startswith("z") and key[1:].isdigit() and int(key[1:]) < len(self.z):
                self.z[int(key[1:])] = self._place(_finite(value, key))
            else:
                raise KeyError(f"softmax_ce sets z0..z{len(self.z) - 1} and target, not {key!r}")

    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            cid = str(event.get("id", ""))
            if cid.startswith("z:") and cid[2:].isdigit() and int(cid[2:]) < len(self.z):
                try:
                    v = float(event.get("value"))
                except (TypeError, ValueError):
                    return
                if math.isfinite(v):
                    self.z[int(cid[2:])] = self._place(v)
            return
        handle = str(event.get("handle", ""))
        if len(handle) < 2 or not handle[1:].isdigit() or int(handle[1:]) >= len(self.z):
            return
        k = int(handle[1:])
        if handle[0] == "z":
            if kind == "drag":
                lo, hi = self.range
                self.z[k] = self._place(hi - (float(event["y"]) - TOP_Z) / H_Z * (hi - lo))
            elif kind == "key":
                key = event.get("key")
                if key == "Home":
                    self.z[k] = self._place(self.range[0])
                elif key == "End":
                    self.z[k] = self._place(self.range[1])
                else:
                    self.z[k] = self._place(self.z[k] + arrow_step(key, self.step, 1.0))
        elif handle[0] == "y":
            if kind == "drag" or (kind == "key" and event.get("key") in ("Enter", " ")):
                self.target = k

    def reset(self):
        self.z, self.target = list(self.start[0]), self.start[1]

    def __repr__(self):
        return f"<softmax_ce target {self.labels[self.target]!r}, loss {self.loss:.3f}>"

    # Drawing -----------------------------------------------------------------------------------
    def _cx(self, k):
        pitch = (self.width - LEFT - 16) / len(self.z)
        return LEFT + pitch * (k + 0.5)

    def _zy(self, v):
        lo, hi = self.range
        return TOP_Z + (hi - v) / (hi - lo) * H_Z

    def _shown(self, k):
        return "\u2423" if self.labels[k] == " " else self.labels[k]

    def shapes(self):
        K = len(self.z)
        pitch = (self.width - LEFT - 16) / K
        bar = min(44.0, pitch * 0.55)
        p, g = self.p, self.grad
        lo, hi = self.range
        out = []
        right = self.width - 16
        # row names
        rows = [(TOP_Z + H_Z / 2, "logits z"), (TOP_P + H_P / 2, "p = softmax(z)"),
                (TOP_Y + H_Y / 2, "y: the answer"), (TOP_G + H_G / 2 - 8, "\u2202L/\u2202z"), (TOP_G + H_G / 2 + 8, "= p \u2212 y")]
        for y, text in rows:
            out.append({"t": "text", "x": 12, "y": round(y + 4, 1), "s": text, "anchor": "start", "cls": "label"})
        # logits: a scale with zero marked, a stem and a dot per class
        z0 = round(self._zy(0.0), 1) if lo <= 0 <= hi else None
        out.append({"t": "line", "x1": LEFT, "y1": TOP_Z, "x2": LEFT, "y2": TOP_Z + H_Z, "cls": "axis"})
        for v in sorted({lo, hi, 0.0} if z0 is not None else {lo, hi}):
            y = round(self._zy(v), 1)
            out.append({"t": "line", "x1": LEFT - 4, "y1": y, "x2": right, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": LEFT - 8, "y": y + 4, "s": fmt(v, 0), "anchor": "end", "cls": "small muted"})
        # probabilities and the gradient: baselines
        out.append({"t": "line", "x1": LEFT, "y1": TOP_P + H_P, "x2": right, "y2": TOP_P + H_P, "cls": "axis"})
        out.append({"t": "line", "x1": LEFT - 4, "y1": TOP_P, "x2": right, "y2": TOP_P, "cls": "grid"})
        out.append({"t": "text", "x": LEFT - 8, "y": TOP_P + 4, "s": "1", "anchor": "end", "cls": "small muted"})
        out.append({"t": "text", "x": LEFT - 8, "y": TOP_P + H_P + 4, "s": "0", "anchor": "end", "cls": "small muted"})
        g_mid = TOP_G + H_G / 2
        for v, y in ((1, TOP_G), (-1, TOP_G + H_G)):
            out.append({"t": "line", "x1": LEFT - 4, "y1": y, "x2": right, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": LEFT - 8, "y": y + 4, "s": fmt(v, 0), "anchor": "end", "cls": "small muted"})
        out.append({"t": "line", "x1": LEFT, "y1": g_mid, "x2": right, "y2": g_mid, "cls": "axis"})
        out.append({"t": "text", "x": LEFT - 8, "y": g_mid + 4, "s": "0", "anchor": "end", "cls": "small muted"})
        handles = []
        for k in range(K):
            cx = self._cx(k)
            x = round(cx - bar / 2, 1)
            name = self._shown(k)
            is_target = k == self.target
            # logit stem and dot
            zy = round(self._zy(self.z[k]), 1)
            if z0 is not None:
                out.append({"t": "line", "x1": round(cx, 1), "y1": z0, "x2": round(cx, 1), "y2": zy, "cls": "accent"})
            out.append({"t": "text", "x": round(cx + 14, 1), "y": round(zy + 4, 1), "s": fmt(self.z[k], 1),
                        "anchor": "start", "cls": "small"})
            handles.append({"t": "circle", "cx": round(cx, 1), "cy": zy, "r": 8, "cls": "accent",
                            "handle": f"z{k}", "label": f"logit for {name}", "value": fmt(self.z[k], 1)})
            out.append({"t": "text", "x": round(cx, 1), "y": TOP_Z - 12, "s": name,
                        "cls": "label accent3" if is_target else "label"})
            # probability bar
            h = round(p[k] * H_P, 1)
            out.append({"t": "rect", "x": x, "y": round(TOP_P + H_P - h, 1), "w": round(bar, 1), "h": h, "cls": "accent"})
            out.append({"t": "text", "x": round(cx, 1), "y": round(TOP_P + H_P - h - 5, 1), "s": fmt(p[k]),
                        "cls": "small accent"})
            # the target, one-hot; every box is a button that makes its class the answer
            handles.append({"t": "rect", "x": x, "y": TOP_Y, "w": round(bar, 1), "h": H_Y, "rx": 3,
                            "cls": "accent3" if is_target else "node", "handle": f"y{k}",
                            "label": f"make {name} the right answer" + (" (it is now)" if is_target else "")})
            out.append({"t": "text", "x": round(cx, 1), "y": TOP_Y + H_Y + 14, "s": "1" if is_target else "0",
                        "cls": "small accent3" if is_target else "small muted"})
            # gradient bar, up for positive, down for negative
            gh = round(abs(g[k]) * H_G / 2, 1)
            top = round(g_mid - gh, 1) if g[k] > 0 else round(g_mid, 1)
            out.append({"t": "rect", "x": x, "y": top, "w": round(bar, 1), "h": gh, "cls": "accent2"})
            ty = round(g_mid - gh - 5, 1) if g[k] >= 0 else round(g_mid + gh + 13, 1)
            out.append({"t": "text", "x": round(cx, 1), "y": ty, "s": fmt(g[k]), "cls": "small accent2"})
        return out + handles

    def readouts(self):
        t = self.target
        p, g = self.p, self.grad
        name = self._shown(t)
        return [
            {"label": "L", "value": f"{MINUS}log p[{name}] = {MINUS}log {fmt(p[t])} = {fmt(self.loss)}"},
            {"label": f"\u2202L/\u2202z[{name}]", "value": f"p[{name}] {MINUS} 1 = {fmt(g[t])}"},
            {"label": "sum of p", "value": fmt(sum(p))},
            {"label": "sum of p \u2212 y", "value": fmt(sum(g))},
        ]

    def controls(self):
        lo, hi = self.range
        return [{"kind": "range", "id": f"z:{k}", "label": f"z[{self._shown(k)}]", "min": lo, "max": hi,
                 "step": self.step, "value": self.z[k], "display": fmt(self.z[k], 1)} for k in range(len(self.z))]
