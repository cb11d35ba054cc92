"""parabola_three_forms: the three forms are one curve; the vertex is (−b/2a, c − b²/4a);
the discriminant's sign counts the crossings; the crossings are accurate (no
cancellation) and dragging the vertex keeps a."""

import itertools
import math

from mlmath import widgets


def widget(**config):
    return widgets.create("parabola_three_forms", config)


def test_the_lessons_start_and_goals():
    w = widget(a=1, b=-2, c=-3)
    assert w.forms() == ("y = x² \u2212 2x \u2212 3", "y = (x \u2212 1)² \u2212 4", "y = (x + 1)(x \u2212 3)")
    w.set_values({"b": -4, "c": 3})
    assert (w.values()["h"], w.values()["k"]) == (2, -1)
    assert w.forms() == ("y = x² \u2212 4x + 3", "y = (x \u2212 2)² \u2212 1", "y = (x \u2212 1)(x \u2212 3)")
    w.set_values({"a": -1, "b": 2, "c": 3})
    assert (w.values()["r1"], w.values()["r2"]) == (-1, 3)
    w.set_values({"a": 1, "b": -4, "c": 4})
    assert w.values()["crossings"] == 1 and w.values()["h"] == 2


def test_vertex_and_roots_satisfy_the_curve_everywhere():
    w = widget()
    grid = (-2.5, -1, -0.25, 0.5, 1, 3)
    for a, b, c in itertools.product(grid, (-6, -2.5, 0, 1.75, 8), (-8, -1, 0, 2.25)):
        w.set_values({"a": a, "b": b, "c": c})
        v = w.values()
        f = lambda x: a * x * x + b * x + c
        assert math.isclose(f(v["h"]), v["k"], abs_tol=1e-9)
        for x in (-3, 0.7, 4):                    # vertex form equals standard form
            assert math.isclose(a * (x - v["h"]) ** 2 + v["k"], f(x), abs_tol=1e-9)
        assert v["crossings"] == (2 if v["disc"] > 0 else 1 if v["disc"] == 0 else 0)
        for r in (v["r1"], v["r2"]):
            if r is not None:
                assert abs(f(r)) < 1e-9 * max(1, abs(b * r), abs(c))


def test_the_slider_for_a_steps_over_zero():
    w = widget(a=0.25)
    w.handle({"type": "key", "handle": "a", "key": "ArrowLeft"})
    assert w.values()["a"] == -0.25
    w.handle({"type": "input", "id": "a", "value": 0})
    assert w.values()["a"] != 0


def test_dragging_the_vertex_keeps_a():
    w = widget(a=2, b=0, c=0)
    w.handle({"type": "drag", "handle": "vertex", "x": w.plot.x(1), "y": w.plot.y(-3)})
    v = w.values()
    assert (v["a"], v["h"], v["k"]) == (2, 1, -3)
    w.handle({"type": "key", "handle": "vertex", "key": "ArrowUp"})
    assert w.values()["k"] == -2.5 and w.values()["h"] == 1
