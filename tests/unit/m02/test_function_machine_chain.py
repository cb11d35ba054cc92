"""function_machine_chain: the output is the composition of the machines in row order,
the six orders of the lesson give six outputs, keys and drags reorder, and the undo row
returns every input only when the inverses run last machine first."""

import pytest

from mlmath import widgets
from mlmath.m02.function_machine_chain import MACHINES, TESTS


def widget(**config):
    return widgets.create("function_machine_chain", config)


def test_six_orders_six_outputs():
    w = widget(machines=["add3", "double", "square"], x=2)
    outs = {}
    for order in w.knobs["order"].options:
        w.set_values({"order": order})
        outs[order] = w.values()["out"]
    assert outs == {"add3 double square": 100, "add3 square double": 50, "double add3 square": 49,
                    "double square add3": 19, "square add3 double": 14, "square double add3": 11}


def test_the_output_is_the_composition():
    w = widget(machines=["sub1", "triple", "negate", "cube"], x=1.5)
    for order in w.knobs["order"].options:
        w.set_values({"order": order})
        x = 1.5
        for name in order.split():
            x = MACHINES[name][0](x)
        assert w.values()["out"] == x


def test_keys_and_drags_reorder():
    w = widget(machines=["add3", "double", "square"], x=2)
    w.handle({"type": "key", "handle": "add3", "key": "ArrowRight"})
    assert w.values()["order"] == "double add3 square" and w.values()["out"] == 49
    w.handle({"type": "key", "handle": "square", "key": "Home"})
    assert w.values()["order"] == "square double add3"
    w.handle({"type": "drag", "handle": "square", "x": w.slot_x(2, 3), "y": 70})
    assert w.values()["order"] == "double add3 square"


def test_only_the_reversed_inverses_undo_the_chain():
    names = ["double", "add3", "cube"]
    w = widget(machines=names, undo=True, x=1)
    assert w.values()["roundtrip"] == 0            # the goal is not met at the start
    good = []
    for order in w.knobs["order"].options:
        w.set_values({"order": order})
        if w.values()["roundtrip"]:
            good.append(order)
    assert good == [" ".join(reversed(names))]
    w.set_values({"order": "cube add3 double"})
    for t in TESTS:
        w.set_values({"x": t})
        assert abs(w.values()["back"] - t) < 1e-9


@pytest.mark.parametrize("name", [n for n, m in MACHINES.items() if m[1] is not None])
def test_each_inverse_undoes_its_machine(name):
    f, inv = MACHINES[name][:2]
    for x in (-3.5, -1, 0, 0.25, 2, 7):
        assert abs(inv(f(x)) - x) < 1e-9 and abs(f(inv(x)) - x) < 1e-9


def test_square_has_no_inverse_for_the_undo_row():
    with pytest.raises(ValueError, match="inverse"):
        widget(machines=["add3", "square"], undo=True)
