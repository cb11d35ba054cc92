"""exp_log_mirror: the mirror point is (eˣ, x), on ln; ln undoes exp; ln 5 is near 1.61."""

import math

from mlmath import widgets


def test_the_mirror_undoes_the_exponential():
    w = widgets.create("exp_log_mirror", {"x": 0.5})
    for x in (-2, 0, 1.61, 2.2):
        w.set_values({"x": x})
        v = w.values()
        assert math.isclose(v["y"], math.exp(x)) and math.isclose(v["back"], x, abs_tol=1e-12)
    w.set_values({"x": 1.61})
    assert abs(w.values()["y"] - 5) < 0.01 and round(w.values()["y"] - 5, 3) == 0.003
    assert round(math.log(5), 4) == 1.6094


def test_dragging_either_point_moves_x():
    w = widgets.create("exp_log_mirror", {})
    w.handle({"type": "drag", "handle": "mirror", "x": w.plot.x(math.e), "y": 0})
    assert math.isclose(w.values()["x"], 1.0)
    w.handle({"type": "key", "handle": "mirror", "key": "ArrowRight"})
    assert math.isclose(w.values()["x"], 1.01)
