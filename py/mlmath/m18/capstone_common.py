"""Pieces the capstone widgets share (not a widget: it registers nothing)."""

import math

from ..show import commas, fixed, sci
from ..widgets import shapes as S
from ..widgets.plot import Plot
from .recipe import SIZES

W, H = 640, 250
PLOT = (60, 20, 600, 200)  # left, top, right, bottom of a loss plot
LN65 = math.log(65)


def fmt_ms(ms):
    return "—" if ms is None else f"{commas(round(ms))} ms" if ms >= 10 else f"{fixed(ms, 1)} ms"


def loss_text(v):
    """A loss to three places; a runaway one (the no-clipping preset reaches 10³⁷) in powers of ten."""
    return fixed(v, 3) if abs(v) < 1e4 else sci(v)


def loss_plot(losses, evals, title="loss", x_max=None):
    """Axes, the per-iteration loss, evaluated train/val points, and ln 65 for reference.
    A loss off the top (or diverged) is drawn along the top edge: the run's story is that it blew up."""
    left, top, right, bottom = PLOT
    n = max(x_max or len(losses), 2)
    finite = [v for v in losses if math.isfinite(v)] + [v for _, a, b in evals for v in (a, b) if math.isfinite(v)]
    y_max = max(4.5, min(max(finite, default=4.5) * 1.05, 30.0))
    plot = Plot(x=(0, n), y=(0, y_max), box=PLOT)
    pin = lambda v: min(max(v, 0.0), y_max)
    shapes = plot.frame(xticks=[], yticks=list(range(0, int(y_max) + 1, 1 if y_max <= 6 else 5)), grid=False)
    shapes += [S.text(14, top - 6, title, "small muted", "start"),   # above the box, clear of the axis
               S.text(right, bottom + 16, f"iteration {commas(n)}", "small muted", "end"),
               plot.segment(0, LN65, n, LN65, "grid"),
               plot.text(n, LN65, "ln 65: a uniform guess", "small muted", "end", dy=-4)]
    # polylines, not paths: a diverged loss is skipped rather than breaking the curve
    stride = max(1, len(losses) // 300)  # a few hundred points at most
    curve = [plot.at(i + 1, pin(v)) for i, v in enumerate(losses) if i % stride == 0 and math.isfinite(v)]
    if len(curve) > 1:
        shapes.append(S.poly(curve, "accent nofill"))
    for k, cls in ((1, "accent2"), (2, "accent3")):
        points = [(row[0], pin(row[k])) for row in evals if math.isfinite(row[k])]  # (step, train, val)
        if len(points) > 1:
            shapes.append(S.poly([plot.at(x, y) for x, y in points], f"{cls} nofill"))
        shapes += [plot.point(x, y, cls, r=3) for x, y in points]
    return shapes


def size_button(session):
    other = "tiny" if session.size == "full" else "full"
    label = "Quick demo size (for a slow GPU)" if other == "tiny" else "Back to the full recipe"
    return {"kind": "button", "id": "size", "label": label, "disabled": session.training}


def set_size(session, value):
    session.size = value if value in SIZES else ("tiny" if session.size == "full" else "full")
    session.steps = SIZES[session.size][2]
