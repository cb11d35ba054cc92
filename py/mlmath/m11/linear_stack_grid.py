"""Two layers on the plane, beside the one layer they equal. Panel 1 carries the grid
through W₁, panel 2 through W₂ (drag where each matrix sends î and ĵ: its columns). Panel
3 carries it through the stack x ↦ W₂(W₁x), or x ↦ W₂ relu(W₁x) with the ReLU on, and
draws the single product W₂W₁'s grid under it. Without the ReLU the two coincide exactly;
with it the stack's grid lines bend where a hidden value changes sign.

    ```widget linear_stack_grid
    id = "stack"
    W1 = [[2, 1], [0, 1]]
    W2 = [[1, 0], [0, 1]]
    relu = false
    lock = true            # hide the ReLU button, so the widget keeps the setting it was given
    goal = { text = "...", check = "...", solution = { w2_11 = 0.5, w2_12 = -0.5 } }
    ```

values(): the entries w1_11 .. w1_22 and w2_11 .. w2_22, relu (0 or 1), p11 .. p22 (the
product W₂W₁), gap (largest distance between the stack and W₂W₁ over the grid points in
view), probe_gap (that distance at the marked point (1, 1)).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number
from ..widgets.controls import Slider, Toggle
from ..widgets.plane import Plane, apply

SPAN = 3
PROBE = (1, 1)


def _matrix(widget, key, value):
    if not (isinstance(value, list) and len(value) == 2 and all(isinstance(r, list) and len(r) == 2 for r in value)):
        raise ValueError(f"{widget}: {key} must be a 2×2 matrix as two rows, not {value!r}")
    return [[number(widget, key, v, -2, 2) for v in row] for row in value]


def mul(A, B):
    return [[A[i][0] * B[0][j] + A[i][1] * B[1][j] for j in range(2)] for i in range(2)]


@register
class LinearStackGrid(Widget):
    name = "linear_stack_grid"
    width, height = 660, 316

    def configure(self, config):
        n = self.name
        W1 = _matrix(n, "W1", config.pop("W1", [[2, 1], [0, 1]]))
        W2 = _matrix(n, "W2", config.pop("W2", [[1, 0], [0, 1]]))
        relu = flag(n, "relu", config.pop("relu", False))
        self.lock = flag(n, "lock", config.pop("lock", False))
        super().configure(config)
        self.knobs = {f"w{m}_{i + 1}{j + 1}": Slider(f"w{m}_{i + 1}{j + 1}", f"W{m} entry", -2, 2, 0.25, M[i][j])
                      for m, M in ((1, W1), (2, W2)) for i in range(2) for j in range(2)}
        self.knobs["relu"] = Toggle("relu", "put a ReLU between the layers", "take the ReLU out", relu)
        self.planes = [Plane(SPAN, (10 + 220 * k, 24, 210 + 220 * k, 224)) for k in range(3)]

    def W(self, m):
        k = self.knobs
        return [[k[f"w{m}_{i}{j}"].value for j in (1, 2)] for i in (1, 2)]

    def stack(self, x):
        h = apply(self.W(1), x)
        if self.knobs["relu"].value:
            h = (max(0.0, h[0]), max(0.0, h[1]))
        return apply(self.W(2), h)

    def values(self):
        v = {k: knob.value for k, knob in self.knobs.items() if k != "relu"}
        v["relu"] = int(self.knobs["relu"].value)
        P = mul(self.W(2), self.W(1))
        v.update(p11=P[0][0], p12=P[0][1], p21=P[1][0], p22=P[1][1])
        gap = lambda x: max(abs(a - b) for a, b in zip(self.stack(x), apply(P, x)))
        v["gap"] = max(gap((i / 2, j / 2)) for i in range(-2 * SPAN, 2 * SPAN + 1) for j in range(-2 * SPAN, 2 * SPAN + 1))
        v["probe_gap"] = gap(PROBE)
        return v

    def set_values(self, values):
        values = dict(values)
        if "relu" in values and values["relu"] in (0, 1):
            values["relu"] = bool(values["relu"])
        super().set_values(values)

    def drag(self, handle, x, y):
        if handle in ("i1", "j1", "i2", "j2"):
            m, col = handle[1], 1 if handle[0] == "i" else 2
            px, py = self.planes[int(m) - 1].value(x, y)
            self.knobs[f"w{m}_1{col}"].set(px)
            self.knobs[f"w{m}_2{col}"].set(py)

    def handle(self, event):
        h = event.get("handle")
        if event.get("type") == "key" and h in ("i1", "j1", "i2", "j2"):
            m, col, key = h[1], 1 if h[0] == "i" else 2, event.get("key")
            row = 2 if key in ("ArrowUp", "ArrowDown", "PageUp", "PageDown") else 1
            self.knobs[f"w{m}_{row}{col}"].key(key)
            return
        super().handle(event)

    def _bent_grid(self, plane):
        out, reach, steps = [], SPAN + 1, 64
        for k in range(-reach, reach + 1):
            for line in ([(k, -reach + 2 * reach * t / steps) for t in range(steps + 1)],
                         [(-reach + 2 * reach * t / steps, k) for t in range(steps + 1)]):
                shape = plane.polyline([self.stack(p) for p in line], "accent")
                if shape["d"]:
                    out.append(shape)
        return out

    def shapes(self):
        W1, W2 = self.W(1), self.W(2)
        P = mul(W2, W1)
        A, B, C = self.planes
        out = []
        for plane, M, m in ((A, W1, "1"), (B, W2, "2")):
            for name, col, cls in (("i", 0, "accent"), ("j", 1, "accent2")):
                tip = (M[0][col], M[1][col])
                out.append(plane.handle(name + m, *tip, f"where W{m} sends {'î' if name == 'i' else 'ĵ'}",
                                        f"({num(tip[0])}, {num(tip[1])})", cls, r=6))
        relu = self.knobs["relu"].value
        for plane, M, title in ((A, W1, "layer 1: W₁"), (B, W2, "layer 2: W₂")):
            left, top, right, bottom = plane.box
            out += plane.grid(M, "grid")
            out += [S.line(left, plane.y(0), right, plane.y(0), "axis"), S.line(plane.x(0), top, plane.x(0), bottom, "axis")]
            out += plane.vector((M[0][0], M[1][0]), "accent") + plane.vector((M[0][1], M[1][1]), "accent2")
            out.append(S.text((left + right) / 2, 16, title, "label"))
            out.append(S.rect(left, top, right - left, bottom - top, "grid nofill"))
        left, top, right, bottom = C.box
        out += C.grid(P, "muted")
        out += self._bent_grid(C)
        out += [S.line(left, C.y(0), right, C.y(0), "axis"), S.line(C.x(0), top, C.x(0), bottom, "axis")]
        sx, px = self.stack(PROBE), apply(P, PROBE)
        out += [C.point(*px, "muted", r=6), C.point(*sx, "accent3 solid", r=4)]
        out.append(S.rect(left, top, right - left, bottom - top, "grid nofill"))
        out.append(S.text((left + right) / 2, 16, "the stack" + (" with ReLU" if relu else "") + " over W₂W₁", "label"))
        out += [S.line(left, 246, left + 18, 246, "accent"), S.text(left + 24, 250, "stack of two layers", "small", "start"),
                S.line(left, 264, left + 18, 264, "muted"), S.text(left + 24, 268, "one layer, W₂W₁", "small", "start"),
                S.circle(left + 9, 282, 4, "accent3 solid"), S.text(left + 24, 286, "(1, 1), by the stack", "small", "start"),
                S.circle(left + 9, 300, 5, "muted"), S.text(left + 24, 304, "(1, 1), by W₂W₁", "small", "start")]
        out.append(S.text(A.box[0], 262, "drag the tips: where î (blue) and ĵ (orange) land", "small", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "W₂W₁", "value": f"[[{num(v['p11'], 3)}, {num(v['p12'], 3)}], [{num(v['p21'], 3)}, {num(v['p22'], 3)}]]"},
                {"label": "largest gap, stack vs W₂W₁", "value": num(v["gap"], 3)}]

    def controls(self):
        return [] if self.lock else [self.knobs["relu"].control()]
