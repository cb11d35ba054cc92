"""power_log_pair: the log undoes the power for every base, the mirror point of
(x, bˣ) is (bˣ, x), and dragging the mirror point along the log curve sets x."""

import math

from mlmath import widgets


def widget(**config):
    return widgets.create("power_log_pair", config)


def test_the_log_undoes_the_power():
    w = widget()
    for base in ("2", "e", "10"):
        for i in range(27):
            x = -3 + i / 4
            w.set_values({"base": base, "x": x})
            v = w.values()
            assert math.isclose(v["back"], x, abs_tol=1e-12)


def test_the_lessons_goal_is_log2_of_8():
    w = widget(base="2", x=1)
    assert w.values()["power"] == 2
    w.set_values({"x": 3})
    assert w.values()["power"] == 8


def test_the_mirror_point_sits_on_the_log_curve():
    w = widget(base="10", x=0.5)
    mirror = next(s for s in w.shapes() if s.get("handle") == "mirror")
    px, py = w.plot.at(10 ** 0.5, 0.5)
    assert (mirror["cx"], mirror["cy"]) == (round(px, 1), round(py, 1))
    w.handle({"type": "drag", "handle": "mirror", "x": w.plot.x(8), "y": 0})
    w.set_values({"base": "2"})
    w.handle({"type": "drag", "handle": "mirror", "x": w.plot.x(8), "y": 0})
    assert w.values()["x"] == 3
