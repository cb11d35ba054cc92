"""square_completion: the L of x² and two strips of (b/2)x is a square of side x + b/2
missing a (b/2)² corner; only that tile fills it, for every b and x."""

from mlmath import widgets


def widget(**config):
    return widgets.create("square_completion", config)


def test_only_b_half_squared_fills_the_corner():
    w = widget()
    for b in range(1, 9):
        for x in (1, 2.5, 6):
            for corner in (0, 1, 2.25, 4, 9, 16):
                w.set_values({"b": b, "x": x, "corner": corner})
                v = w.values()
                assert v["filled"] == (corner == (b / 2) ** 2)
                assert (v["left"] == v["right"]) == bool(v["filled"])


def test_the_lessons_numbers():
    v = widget(b=4, x=3, corner=0).values()
    assert (v["left"], v["right"], v["filled"]) == (21, 25, 0)
    v = widget(b=6, x=3, corner=9).values()
    assert v["filled"] == 1 and v["left"] == v["right"] == 36
    f = lambda x: x * x + 6 * x + 5                 # x² + 6x + 5 = (x + 3)² − 4
    assert all(f(x) == (x + 3) ** 2 - 4 for x in range(-6, 4))


def test_dragging_the_tile_sets_its_side():
    w = widget(b=6, x=3, corner=0)
    left, top, scale = 80, 30, 24
    w.handle({"type": "drag", "handle": "corner", "x": left + scale * (3 + 3), "y": top + scale * (3 + 3)})
    assert w.values()["corner"] == 9 and w.values()["filled"] == 1
    w.handle({"type": "key", "handle": "corner", "key": "ArrowUp"})
    assert w.values()["corner"] == 9.25 and w.values()["filled"] == 0
