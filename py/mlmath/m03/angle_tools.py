"""Small helpers the module 3 widgets share (not a widget): angles that keep turning
when a point is dragged round a circle, and arcs drawn on a plane."""

import math

TAU = 2 * math.pi


def unwrap(previous, x, y):
    """The angle of the point (x, y) that lies closest to `previous`: atan2 gives it up to
    a whole number of turns, and this picks the turn count, so a drag that goes round the
    circle twice reaches 4π instead of jumping back to 0."""
    a = math.atan2(y, x)
    return a + TAU * round((previous - a) / TAU)


def arc_points(r, start, stop, grow=0.0, samples=None):
    """Points of an arc of radius r from angle `start` to `stop` (either direction).
    The first lap lies on the circle; after it, `grow` widens the radius by that fraction
    per further turn, so a second lap is drawn just outside the first, not on top of it."""
    n = samples or max(8, int(abs(stop - start) / TAU * 96) + 2)
    out = []
    for i in range(n + 1):
        t = start + (stop - start) * i / n
        rho = r * (1 + grow * max(0.0, abs(t - start) - TAU) / TAU)
        out.append((rho * math.cos(t), rho * math.sin(t)))
    return out


def reduce(theta):
    """The same direction as theta, written as an angle in [0, 2π)."""
    t = theta % TAU
    return 0.0 if t >= TAU else t
