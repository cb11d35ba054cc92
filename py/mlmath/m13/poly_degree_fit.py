"""A polynomial fit with a degree slider, and the two errors it is judged by.

Left: the 12 training points (filled), the 12 validation points (hollow) and the
least-squares polynomial of the chosen degree, fitted to the training points only
(mlmath.m13.l01_fit). Right: mean squared error on each set against the degree, on a log
axis, with the chosen degree marked. Training error can only fall as the degree rises;
validation error falls, bottoms out, and climbs. Drag the marker along the right plot,
use the arrow keys on it, or the slider.

    ```widget poly_degree_fit
    id = "degree"
    degree = 1          # 0 to 11 (11 passes through all 12 training points)
    goal = { text = "...", check = "degree == best", solution = { degree = 3 } }
    ```

values(): degree, train, val (the two errors at that degree), best (the degree with the
lowest validation error), train_best (the degree with the lowest training error).
"""

from ..show import sci
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider
from ..widgets.plot import Plot
from .l01_fit import TRAIN, VAL, fit, mse, truth

MAX_DEGREE = len(TRAIN) - 1
FITS = [fit(TRAIN, d) for d in range(MAX_DEGREE + 1)]
TRAIN_ERR = [mse(f, TRAIN) for f in FITS]
VAL_ERR = [mse(f, VAL) for f in FITS]
BEST = min(range(MAX_DEGREE + 1), key=lambda d: VAL_ERR[d])
TRAIN_BEST = min(range(MAX_DEGREE + 1), key=lambda d: TRAIN_ERR[d])


@register
class PolyDegreeFit(Widget):
    name = "poly_degree_fit"
    width, height = 600, 330

    def configure(self, config):
        d = whole(self.name, "degree", config.pop("degree", 1), 0, MAX_DEGREE)
        self.knobs = {"degree": Slider("degree", "degree", 0, MAX_DEGREE, 1, d)}
        self.fitplot = Plot((-1.05, 1.05), (-2, 2), box=(40, 14, 300, 280))
        self.errplot = Plot((0, MAX_DEGREE), (1e-4, 1e4), box=(372, 14, 586, 280), ylog=True)
        super().configure(config)

    @property
    def degree(self):
        return self.knobs["degree"].value

    def values(self):
        d = self.degree
        return {"degree": d, "train": TRAIN_ERR[d], "val": VAL_ERR[d], "best": BEST, "train_best": TRAIN_BEST}

    def drag(self, handle, x, y):
        if handle == "degree":
            self.knobs["degree"].set(self.errplot.x.value(x))

    def shapes(self):
        d, p, e = self.degree, self.fitplot, self.errplot
        out = [e.handle("degree", d, VAL_ERR[d], "chosen degree", f"degree {d}", cls="accent2", r=7)]
        # ticks on the edges (through the origin, x = -1 and 0 sat under data points), thin zero lines kept
        out += p.frame("x", "y", xticks=[-1, -0.5, 0, 0.5, 1], yticks=[-2, -1, 0, 1, 2], edges=True)
        left, top, right, bottom = p.box
        out += [S.line(left, p.y(0), right, p.y(0), "muted"), S.line(p.x(0), top, p.x(0), bottom, "muted")]
        out.append(p.curve(truth, "muted"))
        out.append(p.curve(FITS[d], "accent"))
        out += [p.point(x, y, "accent", r=4) for x, y in TRAIN]
        out += [S.circle(*p._pinned(x, y), 4, "accent2 nofill") for x, y in VAL]
        out += p.legend([("fit to train", "accent"), ("sin πx", "muted")], corner="bottom-right")
        out += e.frame("degree", "error", xticks=[0, 2, 4, 6, 8, 10], yticks=[1e-4, 1e-2, 1, 1e2])  # no 1e4 label: it ran into the axis title
        out.append(e.polyline(list(enumerate(TRAIN_ERR)), "accent"))
        out.append(e.polyline(list(enumerate(VAL_ERR)), "accent2"))
        out.append(e.segment(d, 1e-4, d, 1e4, "muted"))
        out += e.legend([("train", "accent"), ("validation", "accent2")], corner="top-left")
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "degree", "value": str(v["degree"])},
                {"label": "train error", "value": sci(v["train"], 3)},
                {"label": "validation error", "value": sci(v["val"], 3)}]

    def controls(self):
        return [self.knobs["degree"].control()]
