"""Views of many numbers at once: one colour ramp for every heatmap, a labelled
matrix or table, and bar charts for distributions.

The ramp is the same in every lesson, so a quantity shades the same wherever it
appears: a cell's fill opacity grows linearly with its value from FAINT (the low
end, still visible) to STRONG. Sequential values (probabilities, weights, counts)
use the accent colour; diverging values (a signed weight, a gradient) use accent
for positive and accent2 for negative, with zero blank.
"""

from ..show import fixed
from . import shapes as S

FAINT, STRONG = 0.06, 0.9


def ramp(value, lo=0.0, hi=1.0):
    """(class, opacity) of a sequential value in lo..hi (clamped)."""
    t = 0.0 if hi == lo else min(max((value - lo) / (hi - lo), 0.0), 1.0)
    return "accent", round(FAINT + (STRONG - FAINT) * t, 3)


def diverging(value, limit):
    """(class, opacity) of a signed value: its sign picks the colour, |value| / limit the strength."""
    if value == 0 or limit == 0:
        return "accent", 0.0
    t = min(abs(value) / limit, 1.0)
    return ("accent" if value > 0 else "accent2"), round(FAINT + (STRONG - FAINT) * t, 3)


def cell(x, y, w, h, value, lo=0.0, hi=1.0, signed=False, **extra):
    """One heatmap cell, shaded by the ramp (by `diverging` with limit hi when signed)."""
    cls, opacity = diverging(value, hi) if signed else ramp(value, lo, hi)
    return S.rect(x, y, w, h, f"{cls} nostroke", opacity=opacity, **extra)


def matrix(values, x, y, cell_w, cell_h, rows=None, cols=None, fmt=fixed, signed=None, lo=None, hi=None,
           numbers=True):
    """A grid of shaded cells with their numbers, row labels to the left and column labels
    above. signed=None decides from the data; lo and hi default to its range (signed: the
    largest |value| either way). fmt=None leaves the numbers off."""
    flat = [v for row in values for v in row]
    if signed is None:
        signed = min(flat) < 0
    if signed:
        lo, hi = 0.0, hi if hi is not None else max(abs(v) for v in flat)
    else:
        lo = min(flat) if lo is None else lo
        hi = max(flat) if hi is None else hi
    out = []
    for i, row in enumerate(values):
        for j, v in enumerate(row):
            cx, cy = x + j * cell_w, y + i * cell_h
            out.append(cell(cx, cy, cell_w, cell_h, v, lo, hi, signed))
            out.append(S.rect(cx, cy, cell_w, cell_h, "grid nofill"))
            if numbers and fmt:
                out.append(S.text(cx + cell_w / 2, cy + cell_h / 2 + 4, fmt(v), "small"))
    for i, label in enumerate(rows or []):
        out.append(S.text(x - 6, y + i * cell_h + cell_h / 2 + 4, label, "small", "end"))
    for j, label in enumerate(cols or []):
        out.append(S.text(x + j * cell_w + cell_w / 2, y - 6, label, "small"))
    return out


def bars(values, box, labels=(), top=None, cls="accent", highlight=None, fmt=None, handles=None,
         width=0.72, shift=0.0):
    """A bar chart of non-negative values in box = (left, top, right, bottom): bars from
    the bottom up to value / top of the height (top defaults to the largest value), the
    label under each bar and, with fmt, the value above it. `highlight` is an index drawn
    in accent2; `handles` = (name prefix, screen-reader label) makes each bar's top a handle.
    `width` is a bar's share of its slot and `shift` moves the bars by a share of the slot,
    so that two or three series can stand side by side, one call each."""
    left, top_px, right, bottom = box
    top = top or max(values) or 1.0
    n = len(values)
    slot = (right - left) / n
    width = slot * width
    out = []
    for i, v in enumerate(values):
        h = (bottom - top_px) * min(max(v, 0.0) / top, 1.0)
        bx = left + (i + shift) * slot + (slot - width) / 2
        bar = S.rect(bx, bottom - h, width, h, ("accent2" if i == highlight else cls) + " nostroke")
        if handles:
            name, what = handles
            text_value = fmt(v) if fmt else f"{v}"
            label = labels[i] if i < len(labels) else i
            bar = S.handle(bar, f"{name}{i}", f"{what} {label}", text_value)
        out.append(bar)
        if fmt:
            out.append(S.text(bx + width / 2, bottom - h - 4, fmt(v), "small"))
        if i < len(labels):
            out.append(S.text(bx + width / 2, bottom + 14, labels[i], "small"))
    out.append(S.line(left, bottom, right, bottom, "axis"))
    return out
