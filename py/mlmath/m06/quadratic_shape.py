"""A quadratic surface f(x, y) = a x² + b xy + c y², classified live from its Hessian.

Sliders set a, b and c. The contour map shows the surface; the two principal directions
(the Hessian's eigenvectors) are drawn through the critical point at the origin, each
labelled by its curvature (eigenvalue): along an up direction f curves up, along a down
direction it curves down. The Hessian H = [[2a, b], [b, 2c]], its determinant and trace
decide the shape: det > 0 and trace > 0 a bowl, det > 0 and trace < 0 a cap, det < 0 a
saddle, det = 0 a flat direction (a trough or a ridge: the test cannot tell).

    ```widget quadratic_shape
    id = "shape"
    a = 1
    b = 0
    c = 1
    goal = { text = "...", check = "kind == 'saddle' and a > 0 and c > 0", solution = { b = 2.5 } }
    ```

values(): a, b, c, det, trace, l1 and l2 (the eigenvalues, l1 >= l2), kind.
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plane import Plane
from ..widgets import views
from .surface_common import contour_map


def formula(a, b, c):
    """a x² + b xy + c y² as it reads: 'x² − 2.5xy', '0' for all zero."""
    out = ""
    for coef, term in ((a, "x²"), (b, "xy"), (c, "y²")):
        if coef == 0:
            continue
        size = "" if abs(coef) == 1 else num(abs(coef))
        sign = ("−" if coef < 0 else "") if not out else (" − " if coef < 0 else " + ")
        out += f"{sign}{size}{term}"
    return out or "0"


def classify(det, trace):
    if det > 0:
        return "bowl" if trace > 0 else "cap"
    return "saddle" if det < 0 else "flat direction"


@register
class QuadraticShape(Widget):
    name = "quadratic_shape"
    width, height = 600, 330

    def configure(self, config):
        a = number(self.name, "a", config.pop("a", 1), -2, 2)
        b = number(self.name, "b", config.pop("b", 0), -4, 4)
        c = number(self.name, "c", config.pop("c", 1), -2, 2)
        self.knobs = {"a": Slider("a", "a (x²)", -2, 2, 0.1, a),
                      "b": Slider("b", "b (xy)", -4, 4, 0.1, b),
                      "c": Slider("c", "c (y²)", -2, 2, 0.1, c)}
        self.plane = Plane(2, (8, 8, 318, 318))
        super().configure(config)

    def hessian(self):
        a, b, c = (self.knobs[k].value for k in "abc")
        return [[2 * a, b], [b, 2 * c]]

    def values(self):
        a, b, c = (self.knobs[k].value for k in "abc")
        (p, q), (_, r) = self.hessian()
        det, trace = round(p * r - q * q, 9), round(p + r, 9)
        root = math.sqrt(max(trace * trace / 4 - det, 0.0))
        return {"a": a, "b": b, "c": c, "det": det, "trace": trace,
                "l1": trace / 2 + root, "l2": trace / 2 - root, "kind": classify(det, trace)}

    def directions(self):
        """(eigenvalue, unit eigenvector) for both eigenvalues of H."""
        (p, q), (_, r) = self.hessian()
        v = self.values()
        out = []
        for lam in (v["l1"], v["l2"]):
            if abs(q) > 1e-12:
                x, y = q, lam - p
            elif abs(lam - p) <= abs(lam - r):
                x, y = 1.0, 0.0
            else:
                x, y = 0.0, 1.0
            n = math.hypot(x, y)
            out.append((lam, (x / n, y / n)))
        if v["l1"] == v["l2"]:
            out = [(v["l1"], (1.0, 0.0)), (v["l2"], (0.0, 1.0))]
        return out

    def shapes(self):
        a, b, c = (self.knobs[k].value for k in "abc")
        pl = self.plane
        f = lambda x, y: a * x * x + b * x * y + c * y * y
        out = [*contour_map(pl, f, (-2, 2), (-2, 2), n=24), *pl.frame("x", "y", grid=False)]
        for lam, (ux, uy) in self.directions():
            cls = "accent" if lam > 0 else ("accent2" if lam < 0 else "muted")
            out.append(pl.segment(-1.8 * ux, -1.8 * uy, 1.8 * ux, 1.8 * uy, cls))
            word = "up" if lam > 0 else ("down" if lam < 0 else "flat")
            label = f"{word}, curvature {num(lam)}"
            if abs(ux) < 0.5:    # a steep line: the label starts beside it, clear of the y axis
                out.append(pl.text(1.3 * ux, 1.3 * uy, label, f"small {cls}", "start", dx=6))
            else:                # a flat one: above it, in from the end where the x axis is named
                out.append(pl.text(1.0 * ux, 1.0 * uy, label, f"small {cls}", dy=-6))
        H = self.hessian()
        out += views.matrix(H, 420, 60, 60, 34, fmt=num)
        out.append(S.text(400, 82, "H =", "label", "end"))
        v = self.values()
        out.append(S.text(450, 150, f"det H = {num(v['det'])}", "label"))
        out.append(S.text(450, 174, f"trace H = {num(v['trace'])}", "label"))
        out.append(S.text(450, 214, v["kind"], "label accent2" if v["kind"] == "saddle" else "label accent"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "f", "value": formula(v["a"], v["b"], v["c"])},
                {"label": "eigenvalues of H", "value": f"{num(v['l1'], 3)} and {num(v['l2'], 3)}"},
                {"label": "shape", "value": v["kind"]}]

    def controls(self):
        return [self.knobs[k].control() for k in "abc"]
