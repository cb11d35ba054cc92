"""The argmax_softmax_slope widget: the staircase and the smooth curve, the softmax slope against
finite differences, gradient steps through argmax and softmax, the r slider, dragging and keys,
the goal, and the numbers lesson m15-l01 states."""

import math

import pytest

from lesson_kernel import lesson_part, lesson_widget
from mlmath import widgets
from mlmath.m15.argmax_softmax_slope import lookup, wrap
from scene_checks import assert_scene_fits, readout

KEYS = [[2.0, 0.5], [-0.5, 2.0], [-1.5, -1.5]]
VALS = [8, 2, 5]


def soft(theta, r):
    t = math.radians(theta)
    s = [r * (math.cos(t) * k[0] + math.sin(t) * k[1]) for k in KEYS]
    e = [math.exp(v) for v in s]
    return sum(a * v for a, v in zip(e, VALS)) / sum(e)


@pytest.mark.parametrize("config, words", [
    ({"radius": 9}, "radius"),
    ({"target": 9}, "target"),
    ({"lr": 0}, "lr"),
    ({"theta": "north"}, "theta"),
    ({"slider": 1}, "slider"),
    ({"values": [3, 3, 3]}, "not all be equal"),
    ({"keys": [[1, 0]]}, "2 to 4"),
    ({"values": [1, 2]}, "one number per key"),
])
def test_bad_config_is_rejected_with_a_reason(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("argmax_softmax_slope", config)


# The numbers ------------------------------------------------------------------------------

def test_wrap_keeps_angles_in_the_half_open_circle():
    assert wrap(190) == -170 and wrap(-180) == 180 and wrap(540) == 180 and wrap(-200) == 160 and wrap(0) == 0


def test_soft_output_and_its_slope_match_the_definition():
    for r in (0.5, 1.0, 2.5):
        for theta in (-150, -40, 0, 20, 72, 133):
            y, dy, hard, w = lookup(theta, r, KEYS, VALS)
            assert y == pytest.approx(soft(theta, r))
            assert sum(w) == pytest.approx(1.0)
            h = 1e-5
            fd = (soft(theta + h, r) - soft(theta - h, r)) / (2 * math.radians(h))
            assert dy == pytest.approx(fd, rel=1e-5, abs=1e-8)
            s = [r * (math.cos(math.radians(theta)) * k[0] + math.sin(math.radians(theta)) * k[1]) for k in KEYS]
            assert hard == VALS[s.index(max(s))]


def test_d_output_d_score_is_weight_times_value_gap():
    """The formula the lesson states: d output / d s_i = a_i (v_i - output)."""
    s = [0.7, -0.2, 1.1]
    e = [math.exp(v) for v in s]
    a = [v / sum(e) for v in e]
    out = sum(x * v for x, v in zip(a, VALS))
    for i in range(3):
        h = 1e-6
        bumped = [v + (h if j == i else 0) for j, v in enumerate(s)]
        eb = [math.exp(v) for v in bumped]
        out_b = sum(x * v for x, v in zip(eb, VALS)) / sum(eb)
        assert (out_b - out) / h == pytest.approx(a[i] * (VALS[i] - out), rel=1e-4)


def test_the_staircase_is_the_argmax_output_with_exact_jumps():
    w = widgets.create("argmax_softmax_slope")
    pieces = w._staircase()
    assert pieces[0][0] == -180 and pieces[-1][1] == 180
    for a, b, v in pieces:
        mid = (a + b) / 2
        assert lookup(mid, 1.0, KEYS, VALS)[2] == v
    for (_, b, v1), (_, _, v2) in zip(pieces, pieces[1:]):
        assert v1 != v2
        assert lookup(b - 1e-3, 1.0, KEYS, VALS)[2] == v1 and lookup(b + 1e-3, 1.0, KEYS, VALS)[2] == v2
    # A|B border: 2.5 cos = 1.5 sin, i.e. tan θ = 5/3
    assert any(b == pytest.approx(math.degrees(math.atan2(5, 3)), abs=1e-3) for _, b, _ in pieces)


# Steps ----------------------------------------------------------------------------------

def test_argmax_step_never_moves_theta():
    w = widgets.create("argmax_softmax_slope")
    for theta in (-170, -60, 20, 100):
        w.set_values({"theta": theta})
        assert w.step("hard") == 0.0 and w.theta == theta and w.values()["steps"] == 0
    assert "moved 0" in readout(w, "")


def test_softmax_step_is_gradient_descent_on_the_half_squared_error():
    w = widgets.create("argmax_softmax_slope", dict(theta=20, radius=1.0, target=4, lr=0.05))
    y, dy, _, _ = w.at()
    move = w.step("soft")
    assert move == pytest.approx(math.degrees(-0.05 * (y - 4) * dy))
    assert w.theta == pytest.approx(20 + move) and w.values()["steps"] == 1
    assert 0.5 * (w.at()[0] - 4) ** 2 < 0.5 * (y - 4) ** 2


def test_dragging_or_the_slider_resets_the_step_count():
    w = widgets.create("argmax_softmax_slope")
    w.handle({"type": "input", "id": "soft"})
    w.handle({"type": "input", "id": "soft"})
    assert w.values()["steps"] == 2
    w.handle({"type": "input", "id": "hard"})
    assert w.values()["steps"] == 2
    w.handle({"type": "drag", "handle": "theta", "x": w.plot.x(45), "y": 0})
    assert w.theta == 45 and w.values()["steps"] == 0
    w.handle({"type": "input", "id": "soft"})
    w.handle({"type": "input", "id": "r", "value": 2.6})
    assert w.r == 2.5 and w.values()["steps"] == 0
    w.handle({"type": "input", "id": "r", "value": 99})
    assert w.r == 4.0


def test_drag_on_the_compass_sets_the_angle():
    w = widgets.create("argmax_softmax_slope")
    cx, cy = w.compass.at(0, 0)
    w.handle({"type": "drag", "handle": "q", "x": cx, "y": cy - 30})
    assert w.theta == 90
    w.handle({"type": "drag", "handle": "q", "x": cx - 30, "y": cy + 30})
    assert w.theta == -135
    w.handle({"type": "drag", "handle": "q", "x": cx, "y": cy})      # the centre has no angle
    assert w.theta == -135
    w.handle({"type": "drag", "handle": "theta", "x": -999, "y": 0})
    assert w.theta == -180


def test_keys_turn_the_query():
    w = widgets.create("argmax_softmax_slope", dict(theta=20))
    for key, want in (("ArrowRight", 21), ("ArrowUp", 22), ("ArrowLeft", 21), ("ArrowDown", 20),
                      ("PageUp", 35), ("PageDown", 20), ("Home", -180), ("Enter", -180), ("End", 180)):
        w.handle({"type": "key", "handle": "theta", "key": key})
        assert w.theta == want, key
    w.set_values({"theta": 71.6})       # after a gradient step: the keys go on from the whole degree
    w.handle({"type": "key", "handle": "q", "key": "ArrowRight"})
    assert w.theta == 73


def test_set_values_checks_names_and_counts():
    w = widgets.create("argmax_softmax_slope")
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"soft": 4})
    with pytest.raises(KeyError):
        w.set_values({"nothing": 4})
    with pytest.raises(ValueError):
        w.set_values({"steps": 1000})


def test_handles_are_labelled_and_controls_offered():
    w = widgets.create("argmax_softmax_slope")
    handles = {s["handle"]: s for s in w.shapes() if "handle" in s}
    assert set(handles) == {"theta", "q"}
    assert handles["theta"]["value"].startswith("θ = 20 degrees; argmax output 8, slope 0; softmax output 7.14")
    ids = [c["id"] for c in w.controls()]
    assert ids == ["r", "hard", "soft"]
    assert [c["id"] for c in widgets.create("argmax_softmax_slope", dict(slider=False)).controls()] == ["hard", "soft"]


@pytest.mark.parametrize("config", [{"radius": 4}, {"radius": 0.25, "theta": -179},
                                    {"keys": [[1, 0], [0, 1]], "values": [0, 10], "target": 3}])
def test_scene_is_small_json_and_uses_known_classes(config):
    w = widgets.create("argmax_softmax_slope", config)
    w.step("soft")
    assert_scene_fits(w.scene(), max_shapes=80, slack=5)


# The lesson's widget and the numbers its prose states ------------------------------------------

def test_lesson_goal_starts_unmet_and_its_solution_meets_it():
    w = lesson_widget("m15-l01", "learn")
    assert not w.goal_met()
    w.set_values(lesson_part("m15-l01", "widget", "learn").data["goal"]["solution"])
    assert w.goal_met()


def test_lesson_goal_needs_softmax_steps_not_a_drag():
    w = lesson_widget("m15-l01", "learn")
    w.set_values({"theta": 72.43})
    assert abs(w.values()["soft"] - 4) < 0.05 and not w.goal_met()
    for _ in range(20):
        w.handle({"type": "input", "id": "hard"})
    assert not w.goal_met()


def test_numbers_stated_in_the_prose():
    w = lesson_widget("m15-l01", "learn")
    assert w.values()["hard"] == 8 and w.r == 1.0 and w.theta == 20 and w.lr == 0.05
    outs = []
    for _ in range(4):
        w.handle({"type": "input", "id": "soft"})
        outs.append(w.values()["soft"])
    assert all(abs(o - 4) >= 0.05 for o in outs[:3]), "four presses, not fewer"
    assert round(w.theta) == 72 and round(outs[-1], 2) == 4.04
    assert w.values()["hard"] == 2, "a value no hard lookup at this angle gives"
    # at r = 4 from 20 degrees, one softmax step moves theta by only 0.4 degrees
    w.handle({"type": "input", "id": "r", "value": 4})
    w.handle({"type": "drag", "handle": "theta", "x": w.plot.x(20), "y": 0})
    assert w.theta == 20
    assert round(w.step("soft"), 1) == 0.4
    assert "+0.4\u00b0" in readout(w, "")
