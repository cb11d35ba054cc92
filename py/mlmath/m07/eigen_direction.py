"""Directions a matrix only stretches: drag a unit arrow v round the circle and watch Av.

Two modes:

    eigen   drag v; Av is drawn from the origin too. Within 2.5° of an eigen-direction
            the arrow snaps onto it, the two arrows lie on one line and the readout gives
            λ, the stretch factor (negative when Av points backwards).
    power   drag a start v₀ and slide k: the arrows v₁ … v_k of power iteration
            (apply A, rescale to length 1) swing toward the dominant direction.

    ```widget eigen_direction
    id = "find"
    mode = "eigen"
    matrix = [[2, 1], [1, 2]]
    angle = 20            # v's starting direction, degrees
    ```

values() in eigen mode: angle (the knob, degrees), ax, ay (Av), stretch (v·Av), gap (the angle
between the lines of v and Av, degrees), aligned (1 on an eigen-direction), lam (λ there,
else None). In power mode: angle (v₀), k, start_gap and gap (the angle from v₀ and from v_k
to the dominant direction's line, degrees), estimate (v_k·A v_k, the estimate of λ).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of, whole
from ..widgets.controls import Slider
from ..widgets.plane import Plane, apply
from .linalg_common import label, mat, matrix2, vec

SNAP = 2.5      # degrees: how close v must come to an eigen-direction to snap onto it


def eigen2(M):
    """[(λ, unit eigenvector)] of a 2x2 matrix with real eigenvalues, largest |λ| first."""
    (a, b), (c, d) = M
    tr, det = a + d, a * d - b * c
    disc = tr * tr - 4 * det
    if disc < 0:
        raise ValueError("this matrix has no real eigenvalues")
    root = math.sqrt(disc)
    out = []
    for lam in ((tr + root) / 2, (tr - root) / 2):
        if abs(b) > 1e-12:
            v = (b, lam - a)
        elif abs(c) > 1e-12:
            v = (lam - d, c)
        else:
            v = (1.0, 0.0) if abs(lam - a) < 1e-12 and not (out and out[0][1] == (1.0, 0.0)) else (0.0, 1.0)
        n = math.hypot(*v)
        out.append((lam, (v[0] / n, v[1] / n)))
    return sorted(out, key=lambda p: -abs(p[0]))


def line_gap(u, w):
    """The angle between the lines through u and w, in degrees (0 to 90)."""
    nu, nw = math.hypot(*u), math.hypot(*w)
    if nu == 0 or nw == 0:
        return 90.0
    c = abs(u[0] * w[0] + u[1] * w[1]) / (nu * nw)
    return math.degrees(math.acos(min(1.0, c)))


def unit(deg):
    t = math.radians(deg)
    return (math.cos(t), math.sin(t))


@register
class EigenDirection(Widget):
    name = "eigen_direction"
    width, height = 620, 330

    def configure(self, config):
        n = self.name
        self.mode = one_of(n, "mode", config.pop("mode", "eigen"), ("eigen", "power"))
        self.M = matrix2(n, "matrix", config.pop("matrix", [[2, 1], [1, 2]]), 3)
        try:
            self.eig = eigen2(self.M)
        except ValueError as exc:
            raise ValueError(f"{n}: matrix {self.M}: {exc}") from None
        angle = number(n, "angle", config.pop("angle", 20), 0, 359)
        k = whole(n, "k", config.pop("k", 0), 0, 12)
        super().configure(config)
        self.knobs = {"angle": Slider("angle", "direction of v" if self.mode == "eigen" else "start v₀",
                                      0, 359, 1, angle, fmt=lambda d: f"{num(d)}°", coarse=15)}
        if self.mode == "power":
            self.knobs["k"] = Slider("k", "power-iteration steps k", 0, 12, 1, k)
        top = max(abs(lam) for lam, _ in self.eig)
        self.plane = Plane(max(2, math.ceil(top + 0.5)), (10, 10, 320, 320))

    # The arithmetic ---------------------------------------------------------------------
    def direction(self):
        """v as drawn: the knob's direction, or the eigen-direction it has snapped onto."""
        v = unit(self.knobs["angle"].value)
        if self.mode == "eigen":
            for _, e in self.eig:
                if line_gap(v, e) < SNAP:
                    return e if v[0] * e[0] + v[1] * e[1] > 0 else (-e[0], -e[1])
        return v

    def iterates(self):
        vs = [unit(self.knobs["angle"].value)]
        for _ in range(self.knobs["k"].value):
            w = apply(self.M, vs[-1])
            n = math.hypot(*w)
            if n == 0:
                break
            vs.append((w[0] / n, w[1] / n))
        return vs

    def values(self):
        out = {"angle": self.knobs["angle"].value}
        if self.mode == "eigen":
            v = self.direction()
            w = apply(self.M, v)
            gap = line_gap(v, w)
            aligned = any(v == e or v == (-e[0], -e[1]) for _, e in self.eig) or gap < 1e-9
            stretch = v[0] * w[0] + v[1] * w[1]
            out.update(ax=w[0], ay=w[1], stretch=stretch, gap=gap, aligned=int(aligned),
                       lam=stretch if aligned else None)
        else:
            vs, top = self.iterates(), self.eig[0][1]
            w = apply(self.M, vs[-1])
            out.update(k=self.knobs["k"].value, start_gap=line_gap(vs[0], top), gap=line_gap(vs[-1], top),
                       estimate=vs[-1][0] * w[0] + vs[-1][1] * w[1])
        return out

    # Events -----------------------------------------------------------------------------
    def drag(self, handle, x, y):
        if handle == "v":
            px, py = self.plane.value(x, y)
            if math.hypot(px, py) > 1e-9:
                self.knobs["angle"].set(math.degrees(math.atan2(py, px)) % 360)

    def handle(self, event):
        if event.get("type") == "key" and event.get("handle") == "v":
            event = {**event, "handle": "angle"}
        super().handle(event)

    # The picture ------------------------------------------------------------------------
    def shapes(self):
        p = self.plane
        v = self.direction() if self.mode == "eigen" else self.iterates()[0]
        spoken = f"v at {num(self.knobs['angle'].value)}°"
        out = [p.handle("v", *v, "direction of v: drag round the circle, or use the arrow keys", spoken,
                        cls="accent", r=8)]
        span = int(p.span)
        out += p.frame(xticks=[k for k in range(-span, span + 1) if k], yticks=[k for k in range(-span, span + 1) if k])
        out.append(p.unit_circle(cls="muted"))
        out.append(p.unit_circle(self.M, cls="accent2"))
        if self.mode == "eigen":
            out += self._eigen(v)
        else:
            out += self._power()
        return out

    def _eigen(self, v):
        p, vals = self.plane, self.values()
        w = (vals["ax"], vals["ay"])
        reach = 2 * p.span
        out = [p.segment(-reach * v[0], -reach * v[1], reach * v[0], reach * v[1], "good" if vals["aligned"] else "muted")]
        out += p.vector(w, "accent2") + p.vector(v, "accent")
        out += [label(p, *v, "v", "label accent", dx=-12, dy=-8), label(p, *w, "Av", "label accent2", dx=14, dy=14)]
        x, y = 344, 36
        lines = [(f"A = {mat(self.M)}", "label"), (f"v = {vec([round(v[0], 3), round(v[1], 3)])}", "accent"),
                 (f"Av = {vec([round(w[0], 3), round(w[1], 3)])}", "accent2"),
                 (f"angle between their lines: {num(vals['gap'], 1)}°", "label")]
        if vals["aligned"]:
            lines += [("on an eigen-direction: Av = λv", "good"), (f"λ = {num(vals['lam'], 3)}", "good")]
        else:
            lines += [("Av leaves v's line: turn v", "muted")]
        lines.append(("red curve: where the unit circle lands", "accent2"))
        for k, (text, cls) in enumerate(lines):
            out.append(S.text(x, y + 26 * k, text, f"small {cls}", "start"))
        return out

    def _power(self):
        p, vals = self.plane, self.values()
        vs, top = self.iterates(), self.eig[0][1]
        reach = 2 * p.span
        out = [p.segment(-reach * top[0], -reach * top[1], reach * top[0], reach * top[1], "good")]
        for u in vs[1:-1]:
            out += p.vector(u, "muted")
        if len(vs) > 1:
            out += p.vector(vs[-1], "accent3")
            out.append(label(p, *vs[-1], f"v{len(vs) - 1}", "label accent3", dx=14, dy=14))
        out += p.vector(vs[0], "accent")
        out.append(label(p, *vs[0], "v₀", "label accent", dx=-12, dy=-8))
        x, y = 344, 36
        lines = [(f"A = {mat(self.M)}", "label"), ("each step: v ← Av / |Av|", "label"),
                 (f"steps taken: k = {vals['k']}", "accent3"),
                 (f"v₀ is {num(vals['start_gap'], 1)}° off the green line", "accent"),
                 (f"v_k is {num(vals['gap'], 2)}° off it", "accent3"),
                 (f"estimate of λ: v_k·Av_k = {num(vals['estimate'], 4)}", "label"),
                 (f"largest eigenvalue: {num(self.eig[0][0], 4)}", "good")]
        for k, (text, cls) in enumerate(lines):
            out.append(S.text(x, y + 26 * k, text, f"small {cls}", "start"))
        return out

    def readouts(self):
        vals = self.values()
        if self.mode == "eigen":
            return [{"label": "angle between v and Av", "value": f"{num(vals['gap'], 1)}°"},
                    {"label": "λ", "value": num(vals["lam"], 3) if vals["aligned"] else "not an eigenvector"}]
        return [{"label": "k", "value": str(vals["k"])}, {"label": "off the dominant line", "value": f"{num(vals['gap'], 2)}°"},
                {"label": "estimate of λ", "value": num(vals["estimate"], 4)}]

    def controls(self):
        return [knob.control() for knob in self.knobs.values()]
