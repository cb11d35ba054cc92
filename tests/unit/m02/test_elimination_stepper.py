"""elimination_stepper: every new row R2 − k·R1 (or R1 − k·R2) passes through the
crossing; the right k removes x; on parallel lines it leaves 0 = c, on one line 0 = 0;
applying moves keeps the solution and can end at x = 1, y = 2."""

from fractions import Fraction

from mlmath import widgets
from mlmath.m02.elimination_stepper import KS
from mlmath.m02.plane_lines import crossing


def widget(**config):
    return widgets.create("elimination_stepper", config)


def test_every_new_line_passes_through_the_crossing():
    w = widget(system=[[1, 1, 3], [2, -1, 0]])
    for target in ("R2", "R1"):
        for k in KS:
            w.set_values({"k": k, "target": target})
            a, b, c = w.new_row()
            assert a * 1 + b * 2 == c


def test_k_2_removes_x_and_reads_off_y():
    w = widget()
    w.set_values({"k": "2"})
    v = w.values()
    assert (v["na"], v["nb"], v["nc"]) == (0, -3, -6)


def test_parallel_and_coincident_leave_0_equals_c():
    w = widget(system=[[1, 2, 4], [2, 4, 2]])
    w.set_values({"k": "2"})
    assert w.new_row() == (0, 0, -6)
    assert "never meet" in w.readouts()[3]["value"]
    w = widget(system=[[1, 2, 4], [2, 4, 8]])
    w.set_values({"k": "2"})
    assert w.new_row() == (0, 0, 0)


def test_applying_moves_keeps_the_crossing_and_solves():
    w = widget()
    w.set_values({"k": "2"})
    w.handle({"type": "input", "id": "apply", "value": None})
    w.set_values({"k": "-1/3", "target": "R1"})
    w.handle({"type": "input", "id": "apply", "value": None})
    v = w.values()
    assert v["moves"] == 2 and (v["a1"], v["b1"], v["c1"]) == (1, 0, 1) and (v["a2"], v["b2"], v["c2"]) == (0, -3, -6)
    assert crossing(*w.rows) == ("one", (Fraction(1), Fraction(2)))
    w.handle({"type": "input", "id": "reset", "value": None})
    assert w.values()["moves"] == 0 and w.rows == w.start


def test_a_move_that_leaves_no_line_is_not_applied():
    w = widget(system=[[1, 2, 4], [2, 4, 2]])
    w.set_values({"k": "2"})
    w.handle({"type": "input", "id": "apply", "value": None})
    assert w.values()["moves"] == 0
