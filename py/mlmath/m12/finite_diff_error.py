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

values() for goals: lg (log10 h), h, err (central error), band (the largest central error
within half a decade of h either side, on the curve's samples: a goal on band is met at the
bottom of the V, never on a lucky round-off dip), fwd_err (forward error), forward (1 when the
forward curve is shown).
"""

import math

from ..numeric import derivative
from ..show import fixed, num, power, sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number, one_of
from ..widgets.controls import Slider, Toggle
from ..widgets.plot import Plot

EPS = 2.0 ** -53                # unit round-off of a float64: the largest relative rounding error
LG_MIN, LG_MAX, LG_STEP = -16.0, 0.0, 0.25
SAMPLES = 8                     # curve points per decade of h: enough to show the round-off's jitter

# name: (f, f', |f'''| for the truncation model)
FUNCTIONS = {
    "tanh": (math.tanh, lambda x: 1 - math.tanh(x) ** 2,
             lambda x: abs((1 - math.tanh(x) ** 2) * (6 * math.tanh(x) ** 2 - 2))),
    "exp": (math.exp, math.exp, math.exp),
    "sin": (math.sin, math.cos, lambda x: abs(math.cos(x))),
}


def step_text(lg):
    """h written from its log: a whole decade as 10⁻⁵, anything between as 5.6×10⁻⁶."""
    return power(10.0 ** lg) if lg == int(lg) else sci(10.0 ** lg)


@register
class FiniteDiffError(Widget):
    name = "finite_diff_error"
    width, height = 600, 330

    def configure(self, config):
        fn = one_of(self.name, "fn", config.pop("fn", "tanh"), FUNCTIONS)
        self.f, self.df, self.d3 = FUNCTIONS[fn]
        self.fname = f"{fn}(x)"
        self.x = number(self.name, "x", config.pop("x", 0.5))
        start = number(self.name, "start", config.pop("start", -1))
        forward = flag(self.name, "forward", config.pop("forward", False))
        self.models = flag(self.name, "models", config.pop("models", True))
        super().configure(config)
        self.knobs = {"lg": Slider("lg", "log\u2081\u2080 h", LG_MIN, LG_MAX, LG_STEP, start, fmt=step_text, coarse=1.0),
                      "forward": Toggle("forward", "Show forward difference", "Hide forward difference", forward)}
        self.plot = Plot((10.0 ** LG_MIN, 1.0), (1e-14, 1.0), (62, 16, 584, 282), xlog=True, ylog=True,
                         xfmt=power, yfmt=power)
        self.error = ""
        self._curves = None

    # The numbers ----------------------------------------------------------------------
    def errors(self, lg):
        """(central estimate, central error, forward error) at h = 10**lg, in float64."""
        h, x, f = 10.0 ** lg, self.x, self.f
        exact = self.df(x)
        central = derivative(f, x, h)
        return central, abs(central - exact), abs((f(x + h) - f(x)) / h - exact)

    def _compute(self):
        """Both curves as [(h, central error, forward error)], or [] and a message when a
        learner's function breaks."""
        if self._curves is None:
            lgs = [LG_MIN + i / SAMPLES for i in range(int((LG_MAX - LG_MIN) * SAMPLES) + 1)]
            try:
                self._curves = [(10.0 ** lg,) + self.errors(lg)[1:] for lg in lgs]
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
        self.f, self.df, self.d3 = f, dfdx, third
        if x is not None:
            self.x = number(self.name, "x", x)
        self.fname = name or f"{getattr(f, '__name__', 'f')}(x)"
        self._curves = None

    # State ----------------------------------------------------------------------------
    def values(self):
        lg = self.knobs["lg"].value
        err = fwd = band = math.inf     # no error to read when the function broke
        if self._compute():
            _, err, fwd = self.errors(lg)
            band = self.band(lg)
        return {"lg": lg, "h": 10.0 ** lg, "err": err, "band": band, "fwd_err": fwd,
                "forward": int(self.knobs["forward"].value)}

    def band(self, lg):
        """The largest central error for h within half a decade of 10**lg, sampled as the curve is."""
        half = SAMPLES // 2
        return max(self.errors(lg + k / SAMPLES)[1] for k in range(-half, half + 1))

    def drag(self, handle, x, y):
        if handle == "lg":
            self.knobs["lg"].set(math.log10(self.plot.x.value(x)))

    # The picture ------------------------------------------------------------------------
    def shapes(self):
        plot = self.plot
        decades = range(int(LG_MIN), int(LG_MAX) + 1, 2)
        out = plot.frame("step size h (log scale)", xticks=[10.0 ** e for e in decades],
                         yticks=[10.0 ** e for e in range(-14, 1, 2)])
        out.append(S.text(14, 12, "error", "small", "start"))   # above the box: the curve fills its corner
        curves = self._compute()
        if self.error:
            left, top, right, bottom = plot.box
            return out + [S.text((left + right) / 2, (top + bottom) / 2, self.error, "label bad")]
        if self.models:
            out += self._models()
        forward = self.knobs["forward"].value
        if forward:
            out.append(plot.polyline([(h, fw) for h, _, fw in curves], "accent2"))
        out.append(plot.polyline([(h, c) for h, c, _ in curves], "accent"))
        v = self.values()
        left, top, right, bottom = plot.box
        out.append(S.line(plot.x(v["h"]), top, plot.x(v["h"]), bottom, "accent"))
        if forward:
            out.append(plot.point(v["h"], v["fwd_err"], "accent2", r=5))
        out.append(plot.handle("lg", v["h"], v["err"], "step size h", f"h = {sci(v['h'])}, error {sci(v['err'])}"))
        key = [("central difference", "accent")] + [("forward difference", "accent2")] * forward
        return out + plot.legend(key, "bottom-left")

    def _models(self):
        """The two straight lines the V follows: truncation |f'''| h² / 6 and round-off eps |f| / h."""
        plot, out = self.plot, []
        if self.d3 is not None:
            m = self.d3(self.x) / 6
            if m > 0:
                out.append(plot.polyline([(10.0 ** LG_MIN, m * 10.0 ** (2 * LG_MIN)), (1.0, m)], "muted"))
                out.append(plot.text(1e-3, m * 1e-6, "truncation \u221d h\u00b2", "small muted", "start", dx=8, dy=16))
        fx = abs(self.f(self.x))
        if fx > 0:
            out.append(plot.polyline([(10.0 ** LG_MIN, EPS * fx / 10.0 ** LG_MIN), (1.0, EPS * fx)], "muted"))
            out.append(plot.text(1e-13, EPS * fx * 1e13, "round-off \u221d 1/h", "small muted", "start", dx=10, dy=-8))
        return out

    def readouts(self):
        self._compute()
        if self.error:
            return [{"label": "", "value": self.error}]
        v = self.values()
        out = [
            {"label": "function", "value": f"{self.fname} at x = {num(self.x, 6)}"},
            {"label": "h", "value": step_text(v["lg"])},
            {"label": "central estimate", "value": fixed(self.errors(v["lg"])[0], 12)},
            {"label": "exact f\u2032(x)", "value": fixed(self.exact, 12)},
            {"label": "central error", "value": sci(v["err"])},
            {"label": "worst within \u00bd decade", "value": sci(v["band"])},
        ]
        if v["forward"]:
            out.append({"label": "forward error", "value": sci(v["fwd_err"])})
        return out

    def controls(self):
        return [self.knobs["lg"].control(), self.knobs["forward"].control()]

    def __repr__(self):
        return f"<finite_diff_error {self.fname} at x = {num(self.x, 6)}, h = {step_text(self.knobs['lg'].value)}>"
