"""wave_match: the wave is A·sin(ωx + φ) + c, its period is 2π/ω, A and c set the top and
bottom, the gap to a target is zero at the target and also for the flipped-and-slid
spelling of the same wave, and hidden knobs stay put: the numbers m03-l03 states."""

import math

import pytest

from mlmath import widgets
from scene_checks import assert_scene_fits, readout


def widget(**config):
    return widgets.create("wave_match", config)


def test_the_period_is_two_pi_over_omega():
    for w in (0.5, 1, 2, 3.5):
        assert math.isclose(widget(omega=w).values()["period"], 2 * math.pi / w)
    assert readout(widget(omega=0.5), "period 2π/ω") == "12.57"


def test_amplitude_and_midline_set_top_and_bottom():
    v = widget(A=-3, c=1).values()
    assert (v["top"], v["bottom"]) == (4, -2)      # the quiz: the lowest value of −3 sin x + 1
    # the target of the stretch-and-lift step: top 1, bottom −3
    v = widget(A=2, c=-1).values()
    assert (v["top"], v["bottom"]) == (1, -3)


def test_the_gap_is_zero_on_the_target_and_for_another_spelling():
    target = {"A": 1.5, "omega": 0.5, "phi": -1, "c": 1}
    w = widget(target=target)
    assert w.values()["gap"] > 1
    w.set_values(target)
    assert w.values()["gap"] == 0
    w.set_values({"A": -1.5, "phi": -1 + 3.15})       # flipped and slid half a cycle, on the φ grid
    assert w.values()["gap"] < 0.05


def test_phase_shift_is_phi_over_omega():
    f = lambda x: math.sin(2 * x + 1)
    assert math.isclose(f(-0.5), math.sin(0)) and math.isclose(f(1), math.sin(2 * 1.5))
    # cos is sine slid a quarter turn to the left
    assert all(math.isclose(math.cos(x), math.sin(x + math.pi / 2), abs_tol=1e-12) for x in (0, 1, 2.5))


def test_hidden_knobs_stay_put_and_options_are_checked():
    w = widget(knobs=["A", "c"], target={"A": 2, "c": -1})
    assert [c["id"] for c in w.controls()] == ["A", "c"]
    with pytest.raises(ValueError, match="fixed"):
        w.set_values({"omega": 2})
    with pytest.raises(ValueError, match="wave_match"):
        widget(knobs=["A", "speed"])
    with pytest.raises(ValueError, match="wave_match"):
        widget(target={"B": 1})
    assert_scene_fits(widget(A=-3, omega=4, phi=3.15, c=2, target={"A": 3, "c": -2}).scene())


def test_the_read_wave_cell_numbers():
    xs = [i * 0.01 for i in range(2000)]
    ys = [1.5 * math.sin(0.5 * x - 1) + 1 for x in xs]
    ups = [xs[i] for i in range(1, len(ys)) if ys[i - 1] < 1 <= ys[i]]
    assert len(ups) == 2 and abs(ups[1] - ups[0] - 4 * math.pi) < 0.01
    assert ups[0] == 2.0 and round(ups[1] - ups[0], 2) == 12.57 and -0.5 * ups[0] == -1
    assert round(100 / (2 * math.pi), 3) == 15.915      # x = 100 is a little under sixteen laps
