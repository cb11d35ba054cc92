"""log_slide_rule: lengths on a log scale add as the numbers multiply, so the cursor
reads a × b, and dividing 24 by 8 puts the sliding 1 over 3."""

import math

from mlmath import widgets
from mlmath.m02.log_slide_rule import px


def widget(**config):
    return widgets.create("log_slide_rule", config)


def test_lengths_add_as_numbers_multiply():
    w = widget()
    for a in (1, 1.5, 2, 3.7, 10):
        for b in (1, 2.5, 4, 9.9):
            w.set_values({"a": a, "b": b})
            v = w.values()
            assert math.isclose(v["lsum"], math.log10(v["product"]), abs_tol=1e-12)
            # on the picture: the cursor is log b past the sliding 1, which is log a past 1
            assert math.isclose(px(a) - px(1) + px(b) - px(1), px(a * b) - px(1))


def test_the_cursor_reads_the_product():
    w = widget(a=2, b=3)
    cursor = next(s for s in w.shapes() if s.get("handle") == "b")
    assert cursor["cx"] == round(px(6), 1)


def test_dividing_24_by_8():
    w = widget(a=2, b=8)
    w.handle({"type": "drag", "handle": "a", "x": px(3), "y": 0})
    v = w.values()
    assert v["a"] == 3 and v["product"] == 24


def test_dragging_the_cursor_sets_b_on_the_sliding_scale():
    w = widget(a=2, b=3)
    w.handle({"type": "drag", "handle": "b", "x": px(2 * 4), "y": 0})
    assert w.values()["b"] == 4
