"""Where a plot's key goes: the corner its curves, lines and points cross least.

A fixed corner sits on the data for some function or some a (the sine's tangent runs
through the top left, x³ climbs through the top right), so module 5's widgets ask here.
"""

from ..widgets.plot import _value

CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")


def quiet_corner(plot, entries, fns=(), points=(), width=150, prefer=CORNERS, axis_name=True):
    """The corner (as Plot.legend names it) whose key box, `entries` lines and `width` pixels
    wide, the functions `fns` (curves and lines alike, each a function of x) and the points
    (x, y) cross least. With axis_name, a top corner beside the y axis's name (written at
    the top of the axis) counts as crossed. Ties go to the earliest corner in `prefer`."""
    left, top, right, bottom = plot.box
    best, fewest = prefer[0], None
    for corner in prefer:
        x1 = left + 12 if corner.endswith("left") else right - 150   # where Plot.legend starts it
        y1 = top + 6 if corner.startswith("top") else bottom - 16 * entries - 12
        x2, y2 = x1 + width, y1 + 16 * entries + 8
        lo_x, hi_x = sorted((plot.x.value(x1), plot.x.value(x2)))
        lo_y, hi_y = sorted((plot.y.value(y1), plot.y.value(y2)))
        hits = 0
        y_axis = plot.x(0) if plot.x.lo < 0 < plot.x.hi else left
        x_axis = plot.y(0) if plot.y.lo < 0 < plot.y.hi else bottom
        if axis_name and corner.startswith("top") and x1 - 60 <= y_axis <= x2:
            hits += 40          # the y axis's name is written there
        if x1 <= y_axis + 4 and y_axis - 30 <= x2:
            hits += 30          # the y axis and its tick labels, left of it
        if y1 <= x_axis + 20 and x_axis - 4 <= y2:
            hits += 30          # the x axis and its tick labels, below it
        for x, y in points:
            hits += 20 * (lo_x <= x <= hi_x and lo_y <= y <= hi_y)
        for fn in fns:
            for i in range(61):
                y = _value(fn, lo_x + (hi_x - lo_x) * i / 60)
                hits += y is not None and lo_y <= y <= hi_y
        if fewest is None or hits < fewest:
            best, fewest = corner, hits
    return best
