"""Plot.quiet_corner: the key goes where the data is not. The sine's secant picture at its
start (a = 1, h = 1) runs through the top left (the y axis's name) and the top right
(the secant), and the power card's x³ climbs through the top right."""

from mlmath import widgets
from mlmath.widgets.plot import Plot


def test_a_quiet_corner_has_no_curve_in_it():
    p = Plot((-1, 1), (-1, 1), box=(0, 0, 400, 400))
    rising = lambda x: x          # through the bottom left and the top right
    assert p.quiet_corner(2, [rising], axis_name=False) in ("top-left", "bottom-right")
    assert p.quiet_corner(2, [lambda x: -x], axis_name=False) in ("top-right", "bottom-left")


def test_the_sine_secant_key_leaves_the_axis_name_and_the_lines_alone():
    w = widgets.create("secant_tangent", {"fn": "sin", "a": 1, "h": 1})
    corner = w.plot.quiet_corner(2, [w.f], [(1, w.f(1)), (2, w.f(2))], width=90)
    assert corner != "top-left"   # sin x is written at the top of the y axis there


def test_the_power_card_key_leaves_x_cubed_alone():
    w = widgets.create("rule_cards", {"card": "xⁿ", "n": 3, "a": 1})
    p = w.plot()
    corner = p.quiet_corner(2, [lambda x: x ** 3], [(1, 1)],
                            prefer=("top-right", "bottom-right", "top-left", "bottom-left"),
                            axis_name=False)
    assert corner != "top-right"
