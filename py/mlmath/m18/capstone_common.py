"""Pieces the capstone widgets share (not a widget: it registers nothing)."""

import math

from .recipe import SIZES

W, H = 640, 250
PLOT = (60, 20, 600, 200)  # left, top, right, bottom of a loss plot


def fmt_ms(ms):
    return "—" if ms is None else f"{ms:,.0f} ms" if ms >= 10 else f"{ms:.1f} ms"


def loss_plot(losses, evals, title="loss", x_max=None):
    """Axes, the per-iteration loss, evaluated train/val points, and ln 65 for reference."""
    left, top, right, bottom = PLOT
    n = max(x_max or len(losses), 2)
    finite = [v for v in losses if math.isfinite(v)] + [v for _, a, b in evals for v in (a, b) if math.isfinite(v)]
    y_max = max(4.5, min(max(finite, default=4.5) * 1.05, 30.0))
    X = lambda i: left + (right - left) * i / n
    Y = lambda v: bottom - (bottom - top) * min(max(v, 0.0), y_max) / y_max
    shapes = [{"t": "line", "x1": left, "y1": bottom, "x2": right, "y2": bottom, "cls": "axis"},
              {"t": "line", "x1": left, "y1": top, "x2": left, "y2": bottom, "cls": "axis"},
              {"t": "text", "x": 14, "y": top + 8, "s": title, "anchor": "start", "cls": "small muted"},
              {"t": "text", "x": right, "y": bottom + 16, "s": f"iteration {n:,}", "anchor": "end", "cls": "small muted"}]
    for v in range(0, int(y_max) + 1, 1 if y_max <= 6 else 5):
        shapes += [{"t": "line", "x1": left - 4, "y1": Y(v), "x2": left, "y2": Y(v), "cls": "tick"},
                   {"t": "text", "x": left - 8, "y": Y(v) + 4, "s": str(v), "anchor": "end", "cls": "small"}]
    ln65 = math.log(65)
    shapes += [{"t": "line", "x1": left, "y1": Y(ln65), "x2": right, "y2": Y(ln65), "cls": "grid"},
               {"t": "text", "x": right, "y": Y(ln65) - 4, "s": "ln 65: a uniform guess", "anchor": "end", "cls": "small muted"}]
    stride = max(1, len(losses) // 300)  # a few hundred points at most
    pts = [[round(X(i + 1), 1), round(Y(v), 1)] for i, v in enumerate(losses) if i % stride == 0 and math.isfinite(v)]
    if len(pts) > 1:
        shapes.append({"t": "poly", "pts": pts, "cls": "accent nofill"})
    for k, cls in ((1, "accent2"), (2, "accent3")):
        e = [[round(X(row[0]), 1), round(Y(row[k]), 1)] for row in evals if math.isfinite(row[k])]  # (step, train, val)
        if len(e) > 1:
            shapes.append({"t": "poly", "pts": e, "cls": f"{cls} nofill"})
        shapes += [{"t": "circle", "cx": x, "cy": y, "r": 3, "cls": cls} for x, y in e]
    return shapes


def size_button(session):
    other = "tiny" if session.size == "full" else "full"
    label = "Quick demo size (for a slow GPU)" if other == "tiny" else "Back to the full recipe"
    return {"kind": "button", "id": "size", "label": label, "disabled": session.training}


def set_size(session, value):
    session.size = value if value in SIZES else ("tiny" if session.size == "full" else "full")
    session.steps = SIZES[session.size][2]
