"""A batch x features grid, normalised over the axis you choose, with one slice's statistics.

Left: a batch of 6 examples (rows) with 5 features (columns), seeded (mlmath.m13.l04_norm.BATCH);
example 1 can be scaled up into an outlier. Right: the same grid normalised,
(x - mean) / sqrt(var + 1e-5), with the statistics taken either over the batch for each
feature (BatchNorm's axis: down a column) or over the features of each example (LayerNorm's
axis: along a row). The chosen slice is outlined on both sides and its statistics are read out.

    ```widget norm_axis_grid
    id = "grid"
    axis = "batch"      # or "features"
    outlier = 1         # example 1 is multiplied by this, 1 to 20
    goal = { text = "...", check = "axis == 'features' and outlier >= 10 and shift < 1e-9", ... }
    ```

values(): axis, feature, example (the slice chosen for each axis), outlier, mean, std (the
chosen slice's input statistics), out_mean, out_std (the same slice after normalising),
shift (the largest change in example 3's normalised values caused by the outlier).
"""

from ..show import fixed, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.views import matrix
from .l04_norm import BATCH, mean_std, normalize

AXES = {"batch": 0, "features": 1}
ROWS, COLS = len(BATCH), len(BATCH[0])
WATCH = 2                     # example 3 (index 2): does the outlier move its output?
CW, CH = 50, 28
LEFT, RIGHT, TOP = 60, 350, 48


def data(outlier):
    return [[v * outlier for v in row] if i == 0 else list(row) for i, row in enumerate(BATCH)]


@register
class NormAxisGrid(Widget):
    name = "norm_axis_grid"
    width, height = 620, 280

    def configure(self, config):
        axis = one_of(self.name, "axis", config.pop("axis", "batch"), list(AXES))
        outlier = number(self.name, "outlier", config.pop("outlier", 1), 1, 20)
        self.knobs = {"axis": Choice("axis", "reduce over", list(AXES), axis,
                                     fmt=lambda a: "the batch (BatchNorm)" if a == "batch" else "the features (LayerNorm)"),
                      "feature": Slider("feature", "feature (column) shown", 1, COLS, 1, 1),
                      "example": Slider("example", "example (row) shown", 1, ROWS, 1, 1),
                      "outlier": Slider("outlier", "example 1 multiplied by", 1, 20, 1, outlier)}
        super().configure(config)

    def _slice(self, grid):
        if self.knobs["axis"].value == "batch":
            return [row[self.knobs["feature"].value - 1] for row in grid]
        return list(grid[self.knobs["example"].value - 1])

    def values(self):
        axis, outlier = self.knobs["axis"].value, self.knobs["outlier"].value
        x = data(outlier)
        y, base = normalize(x, AXES[axis]), normalize(data(1), AXES[axis])
        mean, std = mean_std(self._slice(x))
        out_mean, out_std = mean_std(self._slice(y))
        shift = max(abs(a - b) for a, b in zip(y[WATCH], base[WATCH]))
        return {"axis": axis, "feature": self.knobs["feature"].value, "example": self.knobs["example"].value,
                "outlier": outlier, "mean": mean, "std": std, "out_mean": out_mean, "out_std": out_std,
                "shift": shift}

    def shapes(self):
        axis = self.knobs["axis"].value
        x = data(self.knobs["outlier"].value)
        y = normalize(x, AXES[axis])
        rows = [f"ex {i + 1}" for i in range(ROWS)]
        cols = [f"f{j + 1}" for j in range(COLS)]
        out = [S.text(LEFT, 18, "input", "label", "start"), S.text(RIGHT, 18, "normalised", "label", "start")]
        out += matrix(x, LEFT, TOP, CW, CH, rows=rows, cols=cols, fmt=lambda v: fixed(v, 1), signed=True)
        out += matrix(y, RIGHT, TOP, CW, CH, rows=rows, cols=cols, fmt=lambda v: fixed(v, 2), signed=True, hi=2.5)
        for x0 in (LEFT, RIGHT):
            if axis == "batch":
                j = self.knobs["feature"].value - 1
                out.append(S.rect(x0 + j * CW, TOP, CW, ROWS * CH, "accent2 nofill"))
            else:
                i = self.knobs["example"].value - 1
                out.append(S.rect(x0, TOP + i * CH, COLS * CW, CH, "accent2 nofill"))
        out.append(S.text(LEFT, TOP + ROWS * CH + 26, "outlined: the slice whose mean and spread are used, on both sides", "small", "start"))
        return out

    def readouts(self):
        v = self.values()
        what = f"feature {v['feature']} over the batch" if v["axis"] == "batch" else f"example {v['example']} over its features"
        return [{"label": "slice", "value": what},
                {"label": "its mean", "value": num(v["mean"], 3)},
                {"label": "its spread", "value": num(v["std"], 3)},
                {"label": "after: mean, spread", "value": f"{num(v['out_mean'], 3)}, {num(v['out_std'], 3)}"},
                {"label": "example 3's output moved by", "value": num(v["shift"], 3)}]

    def controls(self):
        k = self.knobs
        slice_knob = k["feature"] if k["axis"].value == "batch" else k["example"]
        return [k["axis"].control(), slice_knob.control(), k["outlier"].control()]
