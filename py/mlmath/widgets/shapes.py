"""Shapes in the widget's own box (the kinds base.py lists), made by small functions so
a widget says what it draws, not how a dict is spelled. Coordinates are rounded to a
tenth of a unit: finer is invisible and only makes the scene longer."""

import math

from ..show import MINUS


def _r(v):
    return round(v, 1)


def _with(shape, cls, extra):
    if cls:
        shape["cls"] = cls
    shape.update(extra)
    return shape


def line(x1, y1, x2, y2, cls="", **extra):
    return _with({"t": "line", "x1": _r(x1), "y1": _r(y1), "x2": _r(x2), "y2": _r(y2)}, cls, extra)


def text(x, y, s, cls="", anchor="middle", **extra):
    """A label; numbers are written with a real minus sign."""
    s = s if isinstance(s, str) else str(s).replace("-", MINUS)
    shape = {"t": "text", "x": _r(x), "y": _r(y), "s": s}
    if anchor != "middle":
        shape["anchor"] = anchor
    return _with(shape, cls, extra)


def circle(cx, cy, r, cls="", **extra):
    return _with({"t": "circle", "cx": _r(cx), "cy": _r(cy), "r": r}, cls, extra)


def rect(x, y, w, h, cls="", **extra):
    return _with({"t": "rect", "x": _r(x), "y": _r(y), "w": _r(w), "h": _r(h)}, cls, extra)


def poly(points, cls="", **extra):
    return _with({"t": "poly", "pts": [[_r(x), _r(y)] for x, y in points]}, cls, extra)


def path(runs, cls="", **extra):
    """One path from runs of points: each run is a separate stroke (a curve broken at an
    asymptote, or clipped where it leaves the plot, is several runs)."""
    d = " ".join(" ".join(f"{'M' if i == 0 else 'L'} {_r(x)} {_r(y)}" for i, (x, y) in enumerate(run))
                 for run in runs if len(run) > 1)
    return _with({"t": "path", "d": d}, cls, extra)


def link(points, cls="", bow=0.0, **extra):
    """An edge of a graph drawn left to right: a smooth path through points that leaves and
    enters each one horizontally (an S-bend between two heights, a straight run along one).
    `bow` pushes each bend up (negative) or down, to part two edges between the same nodes."""
    d = [f"M {_r(points[0][0])} {_r(points[0][1])}"]
    for (x1, y1), (x2, y2) in zip(points, points[1:]):
        if y1 == y2 and not bow:
            d.append(f"L {_r(x2)} {_r(y2)}")
        else:
            mid = _r((x1 + x2) / 2)
            d.append(f"C {mid} {_r(y1 + bow)} {mid} {_r(y2 + bow)} {_r(x2)} {_r(y2)}")
    return _with({"t": "path", "d": " ".join(d)}, cls, extra)


def arrow(x1, y1, x2, y2, cls="", head=9):
    """A shaft and a filled head ending exactly at (x2, y2); nothing for a zero-length arrow."""
    length = math.hypot(x2 - x1, y2 - y1)
    if length < 1e-9:
        return []
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    head = min(head, length)
    bx, by = x2 - ux * head, y2 - uy * head
    wing = head * 0.45
    tip = [(x2, y2), (bx - uy * wing, by + ux * wing), (bx + uy * wing, by - ux * wing)]
    return [line(x1, y1, bx, by, cls), poly(tip, f"{cls} solid".strip())]


def handle(shape, name, label, value=None):
    """Make a shape draggable and focusable: `name` routes its drags and keys back to the
    widget, `label` names it for a screen reader and `value` is announced as it moves.
    Without a value the page makes it a button: a thing to click or press Enter on."""
    shape["cls"] = f"{shape.get('cls', '')} handle".strip()
    shape.update(handle=name, label=label)
    if value is not None:
        shape["value"] = value
    return shape


def clip_segment(p, q, box):
    """The part of segment p-q inside box = (left, top, right, bottom), or None (Liang-Barsky)."""
    (x1, y1), (x2, y2) = p, q
    left, top, right, bottom = box
    dx, dy = x2 - x1, y2 - y1
    t0, t1 = 0.0, 1.0
    for edge_p, edge_q in ((-dx, x1 - left), (dx, right - x1), (-dy, y1 - top), (dy, bottom - y1)):
        if edge_p == 0:
            if edge_q < 0:
                return None
            continue
        t = edge_q / edge_p
        if edge_p < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return None
    return (x1 + t0 * dx, y1 + t0 * dy), (x1 + t1 * dx, y1 + t1 * dy)


def clip_runs(points, box):
    """Split a polyline (pixel points, None for a gap) into runs that stay inside box."""
    runs, run, prev = [], [], None
    for p in points:
        if p is None or prev is None:
            prev = p
            if run:
                runs.append(run)
            run = []
            continue
        seg = clip_segment(prev, p, box)
        if seg is None:
            if run:
                runs.append(run)
            run = []
        else:
            a, b = seg
            if not run or run[-1] != a:
                if run:
                    runs.append(run)
                run = [a]
            run.append(b)
            if b != p:                      # the curve left the box here
                runs.append(run)
                run = []
        prev = p
    if run:
        runs.append(run)
    return [r for r in runs if len(r) > 1]
