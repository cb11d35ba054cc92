"""How wrong a finite difference is, as a function of its step h, on log-log axes.

Every point on the curves is computed for real in float64: the central difference
(f(x+h) - f(x-h)) / 2h (and, optionally, the forward difference (f(x+h) - f(x)) / h)
minus the exact derivative. Large h: truncation error, falling like h^2 (central)
or h (forward). Tiny h: round-off error, growing like 1/h as f(x+h) and f(x-h)
agree in more and more of their 16 digits. The learner drags the marker along h
(or uses the slider or arrow keys) and reads the error off the V.

    ```widget finite_diff_error
    id = "sweep"
    fn = "tanh"          # or "exp", "sin"
    x = 0.5
    start = -1           # log10 of the starting h
    forward = false      # draw the forward-difference curve too (a button toggles it)
    models = true        # draw the two straight-line error models
    goal = { text = "...", check = "err < 1e-10", solution = { lg = -5 } }
    ```

A cell can plot its own function: `widget("sweep").use(f, dfdx, x=1.0, name="x**3")`.

values() for goals: lg (log10 h), h, err (central error), fwd_err (forward error),
forward (1 when the forward curve is shown).
"""

import math

from ..widgets import register
from ..widgets.base import Widget

EPS = 2.0 ** -52                # machine epsilon of a float64
MINUS = "\u2212"
LG_MIN, LG_MAX, LG_STEP = -16.0, 0.0, 0.25
ERR_MIN, ERR_MAX = -14.0, 0.0   # the error axis, in decades
SAMPLES = 8                     # curve points per decade of h
SUPER = str.maketrans("-0123456789", "\u207b\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079")

# name: (f, f', |f'''| for the truncation model)
FUNCTIONS = {
    "tanh": (math.tanh, lambda x: 1 - math.tanh(x) ** 2,
             lambda x: abs((1 - math.tanh(x) ** 2) * (6 * math.tanh(x) ** 2 - 2))),
    "exp": (math.exp, math.exp, math.exp),
    "sin": (math.sin, math.cos, lambda x: abs(math.cos(x))),
}


def sci(v, digits=2):
    """5.6e-06 -> '5.6×10⁻⁶'; exact powers of ten -> '10⁻⁶'."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return "?"
    if v == 0:
        return "0"
    if not math.isfinite(v):
        return str(v)
    sign = MINUS if v < 0 else ""
    v = abs(v)
    exp = math.floor(math.log10(v))
    mant = v / 10 ** exp
    if round(mant, digits - 1) >= 10:
        mant, exp = mant / 10, exp + 1
    if -2 <= exp <= 2:
        return sign + f"{v:.{max(digits, exp + 1)}g}"
    power = "10" + str(exp).translate(SUPER)
    if abs(mant - 1) < 0.5 * 10 ** (1 - digits):
        return sign + power
    return sign + f"{mant:.{digits - 1}f}\u00d7" + power


def _finite(v, what):
    if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
        raise ValueError(f"finite_diff_error: {what} must be a finite number, not {v!r}")
    return float(v)


@register
class FiniteDiffError(Widget):
    name = "finite_diff_error"
    width, height = 600, 330
    left, right, top, bottom = 62, 584, 16, 282     # the plot box

    def configure(self, config):
        fn = config.pop("fn", "tanh")
        if fn not in FUNCTIONS:
            raise ValueError(f"finite_diff_error: fn must be one of {', '.join(FUNCTIONS)}, not {fn!r}")
        self.f, self.df, self.d3 = FUNCTIONS[fn]
        self.fname = f"{fn}(x)"
        self.x = _finite(config.pop("x", 0.5), "x")
        self.lg = self._snap(_finite(config.pop("start", -1), "start"))
        self.forward = bool(config.pop("forward", False))
        self.models = bool(config.pop("models", True))
        super().configure(config)
        self.error = ""
        self._curves = None

    # Geometry -------------------------------------------------------------------------
    def px(self, lg):
        return self.left + (lg - LG_MIN) / (LG_MAX - LG_MIN) * (self.right - self.left)

    def py(self, lerr):
        lerr = min(max(lerr, ERR_MIN), ERR_MAX)
        return self.bottom - (lerr - ERR_MIN) / (ERR_MAX - ERR_MIN) * (self.bottom - self.top)

    def lg_at(self, x):
        return self._snap(LG_MIN + (x - self.left) / (self.right - self.left) * (LG_MAX - LG_MIN))

    @staticmethod
    def _snap(lg):
        lg = round(lg / LG_STEP) * LG_STEP
        return min(max(lg, LG_MIN), LG_MAX)

    # The numbers ----------------------------------------------------------------------
    def errors(self, lg):
        """(central estimate, central error, forward error) at h = 10**lg, in float64."""
        h, x, f = 10.0 ** lg, self.x, self.f
        exact = self.df(x)
        central = (f(x + h) - f(x - h)) / (2 * h)
        forward = (f(x + h) - f(x)) / h
        return central, abs(central - exact), abs(forward - exact)

    def _compute(self):
        """Both curves over the whole h axis, or an error message from a learner's function."""
        if self._curves is None:
            lgs = [LG_MIN + i / SAMPLES for i in range(int((LG_MAX - LG_MIN) * SAMPLES) + 1)]
            try:
                self._curves = [(lg,) + self.errors(lg)[1:] for lg in lgs]
                self.exact = float(self.df(self.x))
                self.error = ""
            except Exception as exc:  # noqa: BLE001 - a learner's function may break; say so
                self._curves = []
                self.error = f"Your function raised {type(exc).__name__}: {exc}"
        return self._curves

    def use(self, f, dfdx, x=None, name=None, third=None):
        """Plot a learner's f with its exact derivative dfdx at x (same x if omitted).
        `third`, |f'''| at x as a function, adds the truncation model line."""
        if not callable(f) or not callable(dfdx):
            raise TypeError("use(f, dfdx) needs two functions: f and its exact derivative")
        self.f, self.df = f, dfdx
        self.d3 = third
        if x is not None:
            self.x = _finite(x, "x")
        self.fname = name or f"{getattr(f, '__name__', 'f')}(x)"
        self._curves = None

    # State ----------------------------------------------------------------------------
    def values(self):
        self._compute()
        if self.error:
            return {"lg": self.lg, "h": 10.0 ** self.lg, "err": math.inf, "fwd_err": math.inf,
                    "forward": int(self.forward)}
        _, err, fwd = self.errors(self.lg)
        return {"lg": self.lg, "h": 10.0 ** self.lg, "err": err, "fwd_err": fwd, "forward": int(self.forward)}

    def set_values(self, values):
        for key, v in values.items():
            if key == "lg":
                self.lg = self._snap(_finite(v, "lg"))
            elif key == "forward":
                self.forward = bool(v)
            else:
                raise KeyError(f"finite_diff_error cannot set {key!r}; it sets lg and forward")

    def handle(self, event):
        kind = event.get("type")
        if kind == "drag" and event.get("handle") == "h":
            self.lg = self.lg_at(float(event["x"]))
        elif kind == "key" and event.get("handle") == "h":
            key = event.get("key")
            step = {"ArrowRight": LG_STEP, "ArrowUp": LG_STEP, "ArrowLeft": -LG_STEP, "ArrowDown": -LG_STEP,
                    "PageUp": 1.0, "PageDown": -1.0}.get(key)
            if step is not None:
                self.lg = self._snap(self.lg + step)
            elif key == "Home":
                self.lg = LG_MIN
            elif key == "End":
                self.lg = LG_MAX
        elif kind == "input":
            if event.get("id") == "lg":
                try:
                    self.lg = self._snap(float(event.get("value")))
                except (TypeError, ValueError):
                    pass
            elif event.get("id") == "forward":
                self.forward = not self.forward

    # The scene --------------------------------------------------------------------------
    def _path(self, points):
        return " ".join(f"{'M' if i == 0 else 'L'} {self.px(lg):.1f} {self.py(le):.1f}"
                        for i, (lg, le) in enumerate(points))

    @staticmethod
    def _log(err):
        return math.log10(err) if err > 0 else ERR_MIN - 1

    def shapes(self):
        L, R, T, B = self.left, self.right, self.top, self.bottom
        out = []
        for d in range(int(LG_MIN), int(LG_MAX) + 1):
            x = round(self.px(d), 1)
            out.append({"t": "line", "x1": x, "y1": T, "x2": x, "y2": B, "cls": "grid"})
            if d % 2 == 0:
                out.append({"t": "text", "x": x, "y": B + 17, "s": sci(10.0 ** d), "cls": "small"})
        for e in range(int(ERR_MIN), int(ERR_MAX) + 1, 2):
            y = round(self.py(e), 1)
            out.append({"t": "line", "x1": L, "y1": y, "x2": R, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": L - 6, "y": y + 4, "s": sci(10.0 ** e), "cls": "small", "anchor": "end"})
        out.append({"t": "line", "x1": L, "y1": B, "x2": R, "y2": B, "cls": "axis"})
        out.append({"t": "line", "x1": L, "y1": T, "x2": L, "y2": B, "cls": "axis"})
        out.append({"t": "text", "x": (L + R) / 2, "y": B + 38, "s": "step size h (log scale)", "cls": "label"})
        out.append({"t": "text", "x": 14, "y": T - 4, "s": "error", "cls": "small", "anchor": "start"})
        curves = self._compute()
        if self.error:
            out.append({"t": "text", "x": (L + R) / 2, "y": (T + B) / 2, "s": self.error, "cls": "label bad"})
            return out
        if self.models:
            fx = abs(self.f(self.x))
            if self.d3 is not None:
                m = self.d3(self.x) / 6
                if m > 0:
                    ends = [(lg, 2 * lg + math.log10(m)) for lg in (LG_MIN, LG_MAX)]
                    out.append({"t": "path", "d": self._clip_line(ends), "cls": "muted"})
                    lg = -3.0
                    out.append({"t": "text", "x": round(self.px(lg), 1) + 8, "y": round(self.py(2 * lg + math.log10(m)) + 16, 1),
                                "s": "truncation \u221d h\u00b2", "cls": "small muted", "anchor": "start"})
            if fx > 0:
                ends = [(lg, math.log10(EPS * fx) - lg) for lg in (LG_MIN, LG_MAX)]
                out.append({"t": "path", "d": self._clip_line(ends), "cls": "muted"})
                lg = -13
                out.append({"t": "text", "x": round(self.px(lg), 1) + 10, "y": round(self.py(math.log10(EPS * fx) - lg) - 8, 1),
                            "s": "round-off \u221d 1/h", "cls": "small muted", "anchor": "start"})
        if self.forward:
            out.append({"t": "path", "d": self._path([(lg, self._log(fw)) for lg, _, fw in curves]), "cls": "accent2"})
        out.append({"t": "path", "d": self._path([(lg, self._log(c)) for lg, c, _ in curves]), "cls": "accent"})
        v = self.values()
        x, y = round(self.px(self.lg), 1), round(self.py(self._log(v["err"])), 1)
        out.append({"t": "line", "x1": x, "y1": T, "x2": x, "y2": B, "cls": "accent"})
        if self.forward:
            out.append({"t": "circle", "cx": x, "cy": round(self.py(self._log(v["fwd_err"])), 1), "r": 5, "cls": "accent2"})
        out.append({"t": "circle", "cx": x, "cy": y, "r": 8, "cls": "accent handle", "handle": "h",
                    "label": "step size h", "value": f"h = {sci(v['h'])}, error {sci(v['err'])}"})
        kx, ky = L + 14, B - 36          # the key sits in the empty lower-left corner
        out.append({"t": "line", "x1": kx, "y1": ky, "x2": kx + 22, "y2": ky, "cls": "accent"})
        out.append({"t": "text", "x": kx + 28, "y": ky + 4, "s": "central difference", "cls": "small", "anchor": "start"})
        if self.forward:
            out.append({"t": "line", "x1": kx, "y1": ky + 16, "x2": kx + 22, "y2": ky + 16, "cls": "accent2"})
            out.append({"t": "text", "x": kx + 28, "y": ky + 20, "s": "forward difference", "cls": "small",
                        "anchor": "start"})
        return out

    def _clip_line(self, ends):
        """A straight line in log-log space, clipped to the plot's error range."""
        (x1, y1), (x2, y2) = ends
        slope = (y2 - y1) / (x2 - x1)
        pts = []
        for lg, le in ends:
            if le > ERR_MAX:
                lg, le = lg + (ERR_MAX - le) / slope, ERR_MAX
            elif le < ERR_MIN:
                lg, le = lg + (ERR_MIN - le) / slope, ERR_MIN
            pts.append((lg, le))
        return self._path(pts)

    def readouts(self):
        self._compute()
        if self.error:
            return [{"label": "", "value": self.error}]
        v = self.values()
        central, _, _ = self.errors(self.lg)
        out = [
            {"label": "function", "value": f"{self.fname} at x = {self.x:g}"},
            {"label": "h", "value": sci(v["h"])},
            {"label": "central estimate", "value": f"{central:.12f}".replace("-", MINUS)},
            {"label": "exact f\u2032(x)", "value": f"{self.exact:.12f}".replace("-", MINUS)},
            {"label": "central error", "value": sci(v["err"])},
        ]
        if self.forward:
            out.append({"label": "forward error", "value": sci(v["fwd_err"])})
        return out

    def controls(self):
        return [
            {"kind": "range", "id": "lg", "label": "log\u2081\u2080 h", "min": LG_MIN, "max": LG_MAX,
             "step": LG_STEP, "value": self.lg, "display": sci(10.0 ** self.lg)},
            {"kind": "button", "id": "forward",
             "label": "Hide forward difference" if self.forward else "Show forward difference"},
        ]

    def __repr__(self):
        return f"<finite_diff_error {self.fname} at x = {self.x:g}, h = {sci(10.0 ** self.lg)}>"
