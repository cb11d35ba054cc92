"""one_output_test: the graphs of functions meet every vertical line at most once;
the circle and the sideways parabola meet some vertical lines twice."""

import pytest

from mlmath import widgets


def widget(**config):
    return widgets.create("one_output_test", config)


def inputs():
    return [-4 + i / 2 for i in range(17)]


@pytest.mark.parametrize("curve", ["line", "parabola", "cubic"])
def test_functions_give_one_output_everywhere(curve):
    w = widget(curve=curve)
    for x in inputs():
        w.set_values({"x": x})
        assert w.values()["outputs"] == 1


@pytest.mark.parametrize("curve, two, one, none", [("circle", [-2, 0, 2.5], [-3, 3], [-4, 3.5]),
                                                   ("sideways", [-1.5, 0, 4], [-2], [-4, -2.5])])
def test_relations_that_are_not_functions(curve, two, one, none):
    w = widget(curve=curve)
    for xs, count in ((two, 2), (one, 1), (none, 0)):
        for x in xs:
            w.set_values({"x": x})
            assert w.values()["outputs"] == count, (curve, x)
    w.set_values({"x": 0})
    ys = [float(y.replace("\u2212", "-")) for y in w.readouts()[2]["value"].split(", ")]
    for y in ys:                      # each output really is on the curve
        assert abs((0 * 0 + y * y - 9) if curve == "circle" else (y * y / 2 - 2)) < 1e-9


def test_the_input_follows_a_drag_and_keys():
    w = widget(curve="circle", x=1)
    w.handle({"type": "drag", "handle": "x", "x": w.plot.x(0.1), "y": 0})
    assert w.values() == {"curve": "circle", "x": 0.0, "outputs": 2}
    w.handle({"type": "key", "handle": "x", "key": "End"})
    assert w.values()["x"] == 4 and w.values()["outputs"] == 0
