"""Two linear maps done one after the other, beside the single matrix that does both.

The learner picks a first map A and a second map B from a list of named moves. The
picture shows the letter F as it was (faint), after A (outline) and after both (filled).
The panel shows A, B, their product B·A (the matrix of "A, then B": its columns are B
applied to A's columns) and the other order A·B, so the learner sees when order matters.

    ```widget map_composition
    id = "order"
    first = "rot90"
    second = "reflect_x"
    ```

values(): first, second (map names), p11, p12, p21, p22 (B·A, rows), q11, q12, q21, q22
(A·B), same (1 when the two orders agree), det (of B·A).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of
from ..widgets.controls import Choice
from ..widgets.plane import Plane
from .linalg_common import det2, letter_at, mat, mul2

MAPS = {
    "rot90": ([[0, -1], [1, 0]], "quarter turn left"),
    "rot270": ([[0, 1], [-1, 0]], "quarter turn right"),
    "reflect_x": ([[1, 0], [0, -1]], "mirror in the x-axis"),
    "swap": ([[0, 1], [1, 0]], "mirror in y = x"),
    "shear": ([[1, 1], [0, 1]], "shear right"),
    "unshear": ([[1, -1], [0, 1]], "shear left"),
    "double": ([[2, 0], [0, 2]], "double"),
    "halve": ([[0.5, 0], [0, 0.5]], "halve"),
    "flatten": ([[1, 0], [0, 0]], "flatten onto the x-axis"),
}


@register
class MapComposition(Widget):
    name = "map_composition"
    width, height = 620, 330

    def configure(self, config):
        n = self.name
        first = one_of(n, "first", config.pop("first", "rot90"), MAPS)
        second = one_of(n, "second", config.pop("second", "reflect_x"), MAPS)
        super().configure(config)
        fmt = lambda k: f"{k}: {MAPS[k][1]}"    # noqa: E731 - a label format
        self.knobs = {"first": Choice("first", "first map A", list(MAPS), first, fmt=fmt),
                      "second": Choice("second", "then map B", list(MAPS), second, fmt=fmt)}
        self.plane = Plane(4, (10, 10, 320, 320))

    @property
    def A(self):
        return MAPS[self.knobs["first"].value][0]

    @property
    def B(self):
        return MAPS[self.knobs["second"].value][0]

    def values(self):
        P, Q = mul2(self.B, self.A), mul2(self.A, self.B)
        out = {"first": self.knobs["first"].value, "second": self.knobs["second"].value}
        out.update({f"p{i + 1}{j + 1}": P[i][j] for i in range(2) for j in range(2)})
        out.update({f"q{i + 1}{j + 1}": Q[i][j] for i in range(2) for j in range(2)})
        out.update(same=int(P == Q), det=det2(P))
        return out

    def shapes(self):
        p = self.plane
        A, P = self.A, mul2(self.B, self.A)
        out = p.frame(xticks=[-4, -3, -2, -1, 1, 2, 3, 4], yticks=[-4, -3, -2, -1, 1, 2, 3, 4])
        out += letter_at(p, [[1, 0], [0, 1]], "muted") + letter_at(p, A, "accent") + letter_at(p, P, "accent3", fill=True)
        key = [("grey outline: the F", "muted"), ("blue outline: after A", "accent"), ("green: after A, then B", "accent3")]
        out += [S.text(344, 280 + 18 * k, text, f"small {cls}", "start") for k, (text, cls) in enumerate(key)]
        return out + self._panel(P)

    def _panel(self, P):
        x, y = 344, 30
        Q = mul2(self.A, self.B)
        rows = [("A (first)", mat(self.A), "accent"), ("B (then)", mat(self.B), "label"),
                ("B·A: A, then B", mat(P), "accent3"), ("A·B: B, then A", mat(Q), "label")]
        out = []
        for k, (name, text, cls) in enumerate(rows):
            out.append(S.text(x, y + 46 * k, name, "small muted", "start"))
            out.append(S.text(x, y + 46 * k + 18, text, f"label {cls}", "start"))
        same = P == Q
        out.append(S.text(x, y + 196, "the two orders agree" if same else "the two orders differ",
                          "small good" if same else "small bad", "start"))
        out.append(S.text(x, y + 218, f"det(B·A) = {num(det2(P))} = {num(det2(self.B))} × {num(det2(self.A))}",
                          "small", "start"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "B·A", "value": mat(mul2(self.B, self.A))}, {"label": "A·B", "value": mat(mul2(self.A, self.B))},
                {"label": "same", "value": "yes" if v["same"] else "no"}]

    def controls(self):
        return [self.knobs["first"].control(), self.knobs["second"].control()]
