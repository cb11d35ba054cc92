"""loss.backward() on a tiny network, one vector-Jacobian product at a time.

The network: x (4 numbers) -> z = W1 x (3) -> a = tanh z (3) -> y = W2 a (2) -> L = ½|y − t|².
The forward values are shown in each node. Each press of "step back" carries the row vector
of gradients one node to the left: dL/dy = y − t, then dL/da = (dL/dy) W2, then
dL/dz = dL/da ⊙ (1 − a²) (tanh's Jacobian is diagonal: never built), then dL/dx = (dL/dz) W1.
No Jacobian is ever multiplied by another; the readouts count the multiply-adds against
building the full 2 x 4 Jacobian first.

    ```widget vjp_walk
    id = "walk"
    goal = { text = "...", check = "done == 1", solution = { step = 4 } }
    ```

values(): step (0 to 4), done, work (multiply-adds so far), match (largest gap between the
walk's dL/dx and v times the full Jacobian product; 0 once done, 1 before).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget
from ..widgets.controls import Button, Slider

X = [1.0, -0.5, 2.0, 0.3]
W1 = [[0.5, -1.0, 0.2, 0.0], [0.3, 0.8, -0.5, 1.0], [-0.6, 0.1, 0.4, 0.7]]
W2 = [[1.0, -0.5, 0.8], [0.2, 0.9, -1.0]]
T = [0.5, -0.2]


def matvec(W, v):
    return [sum(w * x for w, x in zip(row, v)) for row in W]


def vecmat(v, W):
    """The row vector v times the matrix W: one entry per column of W."""
    return [sum(v[i] * W[i][j] for i in range(len(W))) for j in range(len(W[0]))]


def forward():
    z = matvec(W1, X)
    a = [math.tanh(t) for t in z]
    y = matvec(W2, a)
    loss = 0.5 * sum((p - q) ** 2 for p, q in zip(y, T))
    return z, a, y, loss


def backward_rows():
    """The row vectors dL/dy, dL/da, dL/dz, dL/dx, as the walk finds them."""
    z, a, y, _ = forward()
    gy = [p - q for p, q in zip(y, T)]
    ga = vecmat(gy, W2)
    gz = [g * (1 - t * t) for g, t in zip(ga, a)]
    gx = vecmat(gz, W1)
    return [gy, ga, gz, gx]


def full_jacobian():
    """dy/dx = W2 diag(1 − a²) W1, built as matrices (what the walk avoids)."""
    _, a, _, _ = forward()
    D = [[(1 - a[i] ** 2) if i == j else 0.0 for j in range(3)] for i in range(3)]
    mul = lambda A, B: [[sum(A[i][k] * B[k][j] for k in range(len(B))) for j in range(len(B[0]))] for i in range(len(A))]
    return mul(mul(W2, D), W1)


STEP_WORK = [0, 6, 3, 12]          # multiply-adds of each VJP after the seed: 2x3, diagonal 3, 3x4
FULL_WORK = 2 * 3 * 3 + 2 * 3 * 4 + 2 * 4   # W2·D, then ·W1, then the row vector times the 2x4 result


@register
class VjpWalk(Widget):
    name = "vjp_walk"
    width, height = 600, 250

    def configure(self, config):
        self.knobs = {"step": Slider("step", "steps walked back", 0, 4, 1, 0),
                      "back": Button("back", "step back ←", self.step_back),
                      "reset": Button("reset", "start over", self.reset)}
        super().configure(config)

    def step_back(self):
        self.knobs["step"].set(self.knobs["step"].value + 1)

    def reset(self):
        self.knobs["step"].set(0)

    def values(self):
        step = self.knobs["step"].value
        done = int(step == 4)
        if done:
            gx = backward_rows()[3]
            gy = backward_rows()[0]
            want = vecmat(gy, full_jacobian())
            match = max(abs(p - q) for p, q in zip(gx, want))
        else:
            match = 1.0
        return {"step": step, "done": done, "work": sum(STEP_WORK[:step]), "match": match}

    def shapes(self):
        step = self.knobs["step"].value
        z, a, y, loss = forward()
        rows = backward_rows()
        nodes = [("x", X), ("z = W₁x", z), ("a = tanh z", a), ("y = W₂a", y), ("L", [loss])]
        grads = [rows[3], rows[2], rows[1], rows[0], [1.0]]
        reached = [step >= 4, step >= 3, step >= 2, step >= 1, True]
        edges = ["·W₁", "⊙ (1 − a²)", "·W₂", "y − t"]
        out = []
        xs = [20, 140, 260, 380, 500]
        for i, ((label, vals), grad, got) in enumerate(zip(nodes, grads, reached)):
            x = xs[i]
            h = 40 + 16 * len(vals)
            current = (4 - step) == i
            out.append(S.rect(x, 30, 90, h, "accent2 nofill" if current else "node"))
            out.append(S.text(x + 45, 24, label, "small"))
            for k, v in enumerate(vals):
                out.append(S.text(x + 45, 50 + 16 * k, num(v, 3), "small"))
            if got:
                out.append(S.text(x + 45, 140 + 18 * 0, "∂L/∂" + label.split(" ")[0], "small accent2"))
                for k, g in enumerate(grad):
                    out.append(S.text(x + 45, 158 + 16 * k, num(g, 3), "small accent2"))
        for i, label in enumerate(edges):
            x1, x2 = xs[i] + 90, xs[i + 1]
            out += S.arrow(x2 - 2, 236, x1 + 2, 236, "accent2" if (4 - step) <= i else "muted")
            out.append(S.text((x1 + x2) / 2, 228, label, "small"))
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "target t", "value": f"({num(T[0])}, {num(T[1])})"},
               {"label": "multiply-adds so far", "value": str(v["work"])},
               {"label": "building the 2×4 Jacobian first would take", "value": str(FULL_WORK)}]
        if v["done"]:
            out.append({"label": "largest gap between ∂L/∂x and (y − t) times that Jacobian", "value": num(v["match"], 12)})
        return out

    def controls(self):
        self.knobs["back"].disabled = self.knobs["step"].value == 4
        return [self.knobs["back"].control(), self.knobs["reset"].control(), self.knobs["step"].control()]
