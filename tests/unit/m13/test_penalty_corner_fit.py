"""penalty_corner_fit: the closed forms minimise the penalised loss (checked against a grid),
L2 only shrinks, L1 makes exact zeros, and w* drags and steps."""

import itertools
import math

from mlmath import widgets
from mlmath.m13.penalty_corner_fit import A, l1_solution, l2_solution, loss


def objective(w, u, lam, penalty):
    pen = lam / 2 * (w[0] ** 2 + w[1] ** 2) if penalty == "L2" else lam * (abs(w[0]) + abs(w[1]))
    return loss(w, u) + pen


def test_the_closed_forms_are_the_minimisers():
    grid = [i / 100 for i in range(-250, 251)]
    for u, lam in [((1.5, 1.0), 1.0), ((-0.8, 1.7), 0.5), ((0.3, -0.2), 2.0)]:
        for penalty, solve in (("L2", l2_solution), ("L1", l1_solution)):
            w = solve(u, lam)
            best = min(objective((a, b), u, lam, penalty) for a, b in itertools.product(grid[::5], grid[::5]))
            assert objective(w, u, lam, penalty) <= best + 1e-12
            for dx, dy in ((1e-3, 0), (-1e-3, 0), (0, 1e-3), (0, -1e-3)):
                assert objective(w, u, lam, penalty) <= objective((w[0] + dx, w[1] + dy), u, lam, penalty)


def test_l2_never_zeroes_and_l1_does_at_the_threshold():
    for lam in (0.5, 1, 3):
        assert all(wi != 0 for wi in l2_solution((1.5, 1.0), lam))
    assert l1_solution((1.5, 1.0), 1) == (1.0, 0.0)           # 1.0 < 1 / (2 * 0.35): w2 is exactly 0
    t = 1 / (2 * A[1])
    assert l1_solution((1.5, t * 0.99), 1)[1] == 0 and l1_solution((1.5, t * 1.01), 1)[1] > 0


def test_the_widget_reports_zeros_and_its_goal_needs_l1():
    w = widgets.create("penalty_corner_fit", {})
    v = w.values()
    assert v["penalty"] == "L2" and v["zeros"] == 0 and v["l2_zeros"] == 0
    w.set_values({"lam": 3})
    assert w.values()["zeros"] == 0                           # L2 at its strongest still keeps both
    w.set_values({"penalty": "L1", "lam": 1})
    assert w.values()["zeros"] == 1 and w.values()["w1"] == 1.0
    w.set_values({"lam": 3})
    assert w.values()["zeros"] == 2                           # strong enough, L1 zeroes both


def test_w_star_drags_and_steps():
    w = widgets.create("penalty_corner_fit", {})
    w.handle({"type": "drag", "handle": "ustar", "x": w.plot.x(-1), "y": w.plot.y(0.5)})
    assert math.isclose(w.values()["u1"], -1) and math.isclose(w.values()["u2"], 0.5)
    w.handle({"type": "key", "handle": "ustar", "key": "ArrowUp"})
    w.handle({"type": "key", "handle": "ustar", "key": "ArrowRight"})
    assert math.isclose(w.values()["u2"], 0.55) and math.isclose(w.values()["u1"], -0.95)


def test_the_lessons_goal_is_not_met_by_putting_w_star_on_an_axis():
    # m13-l02's goal: under L1 with w2* = 0 the weight is 0 without any penalty; the check excludes it
    from lesson_kernel import lesson_part
    check = lesson_part("m13-l02", "widget", "corner").data["goal"]["check"]
    w = widgets.create("penalty_corner_fit", {"penalty": "L1", "lam": 0.05, "u1": 1.5, "u2": 0.0})
    v = w.values()
    assert v["zeros"] == 1 and not eval(check, {"abs": abs}, v)
    w.set_values({"u2": 1.0, "lam": 1})
    assert eval(check, {"abs": abs}, w.values())
