"""inverse_window: sin x = k is hit over and over on the whole line, exactly once on a
window from a trough to a crest (or a crest to a trough), and asin picks [−π/2, π/2]."""

import math

from mlmath import widgets
from mlmath.m03.inverse_window import crossings


def widget(**config):
    return widgets.create("inverse_window", config)


def test_crossings_are_every_solution():
    xs = crossings(0.5, -6.3, 6.3)
    assert len(xs) == 4 and all(abs(math.sin(x) - 0.5) < 1e-12 for x in xs)
    assert math.isclose(xs[2], math.pi / 6) and math.isclose(xs[3], 5 * math.pi / 6)


def test_windows_from_crest_to_trough_invert_sine():
    for start in (-1.57, 1.57, -4.71):
        v = widget(start=start, width=3.14).values()
        assert v["one_to_one"] and v["covers"]
        for k in (-1, -0.55, 0, 0.3, 0.95):
            w = widget(start=start, width=3.14, k=k)
            assert w.values()["hits"] == 1, (start, k)
    for start, width in ((0, 2), (-1.6, 3.2), (-1.55, 3.1), (-3, 6)):
        v = widget(start=start, width=width).values()
        assert not (v["one_to_one"] and v["covers"]), (start, width)


def test_asin_answers_in_its_window():
    assert round(math.asin(math.sin(2.5)), 2) == 0.64
    assert math.isclose(math.asin(math.sin(2.5)), math.pi - 2.5)
    assert widget(k=0.5).values()["asin"] == math.asin(0.5)


def test_the_handle_moves_the_window():
    w = widget()
    w.handle({"type": "drag", "handle": "start", "x": w.plot.x(1.57), "y": 0})
    assert abs(w.values()["start"] - 1.57) < 0.02
