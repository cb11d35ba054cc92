"""The soft_lookup_plane widget: scores, one-hot and softmax weights, the blended output, dragging
and keys, goals, the learner's lookup, and the numbers lesson m15-l01 states."""

import json
import math

import pytest

from lesson_kernel import lesson_part, lesson_widget, run_lesson
from mlmath import widgets
from mlmath.numeric import argmax
from mlmath.show import MINUS
from scene_checks import assert_scene_fits, readout

KEYS = [[2.0, 0.5], [-0.5, 2.0], [-1.5, -1.5]]
VALS = [8, 2, 5]



def ref_soft(q, keys=KEYS, vals=VALS):
    s = [q[0] * k[0] + q[1] * k[1] for k in keys]
    e = [math.exp(v) for v in s]
    return sum(a * v for a, v in zip(e, vals)) / sum(e)


@pytest.mark.parametrize("config, words", [
    ({"mode": "medium"}, "mode"),
    ({"keys": [[1, 0]]}, "2 to 4"),
    ({"keys": [[1, 0], [0, "a"]]}, "pair of numbers"),
    ({"keys": [[1, 0], [0, 9]]}, "outside"),
    ({"keys": [[1, 0], [0, 0]]}, "origin"),
    ({"values": [1, 2]}, "one number per key"),
    ({"values": [1, 2, True]}, "finite number"),
    ({"names": ["A", "A", "B"]}, "distinct"),
    ({"query": [1]}, "pair of numbers"),
    ({"extent": 50}, "extent"),
    ({"snap": 0}, "snap"),
    ({"target": "four"}, "finite number"),
])
def test_bad_config_is_rejected_with_a_reason(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("soft_lookup_plane", config)


# The lookup ---------------------------------------------------------------------------------

def test_scores_are_dot_products():
    w = widgets.create("soft_lookup_plane", dict(query=[1.5, 0.5]))
    assert w.scores() == pytest.approx([3.25, 0.25, -3.0])
    w.set_values({"qx": -0.5, "qy": 1.0})
    assert w.scores() == pytest.approx([-0.5, 2.25, -0.75])


def test_hard_weights_are_one_hot_on_the_winner():
    w = widgets.create("soft_lookup_plane", dict(mode="hard", query=[1.5, 0.5]))
    assert w.weights() == [1.0, 0.0, 0.0] and w.output() == 8
    w.set_values({"qx": -0.5, "qy": 1.0})
    assert w.weights() == [0.0, 1.0, 0.0] and w.output() == 2
    w.set_values({"qx": -1.0, "qy": -1.0})
    assert w.weights() == [0.0, 0.0, 1.0] and w.output() == 5


def test_soft_weights_are_the_softmax_and_the_output_their_blend():
    w = widgets.create("soft_lookup_plane", dict(mode="soft"))
    for q in ([1.5, 0.5], [0.0, 0.5], [-2.0, 1.3], [0.0, 0.0]):
        w.set_values({"qx": q[0], "qy": q[1]})
        s = [q[0] * k[0] + q[1] * k[1] for k in KEYS]
        e = [math.exp(v) for v in s]
        assert w.weights() == pytest.approx([v / sum(e) for v in e])
        assert sum(w.weights()) == pytest.approx(1.0)
        assert w.output() == pytest.approx(ref_soft(q))
        assert w.output("hard") == VALS[argmax(s)]


def test_values_expose_scores_weights_and_outputs():
    v = widgets.create("soft_lookup_plane", dict(mode="soft")).values()
    assert set(v) == {"qx", "qy", "length", "out", "hard", "sA", "sB", "sC", "wA", "wB", "wC"}
    assert v["length"] == pytest.approx(math.hypot(1.5, 0.5)) and v["hard"] == 8


# Dragging, keys, set_values --------------------------------------------------------------------

def test_drag_maps_the_plane_to_query_coordinates_and_snaps():
    w = widgets.create("soft_lookup_plane")
    for q in ([0.0, 0.0], [1.2, -2.3], [-3.0, 3.0]):
        x, y = w.plane.at(*q)
        w.handle({"type": "drag", "handle": "q", "x": x + 1.2, "y": y - 1.1})   # a hair off the grid point
        assert w.q == pytest.approx(q)
    w.handle({"type": "drag", "handle": "q", "x": -400, "y": 900})
    assert w.q == [-3.0, -3.0]


def test_keys_move_the_query_by_the_snap_and_home_goes_to_the_origin():
    w = widgets.create("soft_lookup_plane", dict(query=[1.0, 1.0]))
    for key, want in (("ArrowRight", [1.1, 1.0]), ("ArrowUp", [1.1, 1.1]), ("ArrowLeft", [1.0, 1.1]),
                      ("ArrowDown", [1.0, 1.0]), ("PageUp", [1.0, 1.5]), ("PageDown", [1.0, 1.0]),
                      ("Home", [0.0, 0.0]), ("Enter", [0.0, 0.0])):
        w.handle({"type": "key", "handle": "q", "key": key})
        assert w.q == pytest.approx(want), key


def test_other_handles_are_ignored_and_set_values_checks_names():
    w = widgets.create("soft_lookup_plane")
    w.handle({"type": "drag", "handle": "zz", "x": 0, "y": 0})
    assert w.q == [1.5, 0.5]
    w.set_values({"qx": 0.04, "qy": -0.26})
    assert w.q == pytest.approx([0.0, -0.3])
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"wA": 1})
    with pytest.raises(KeyError):
        w.set_values({"zz": 1})


def test_handle_is_labelled_and_announces_its_state():
    w = widgets.create("soft_lookup_plane", dict(mode="soft"))
    handles = [s for s in w.shapes() if "handle" in s]
    assert len(handles) == 1 and handles[0]["handle"] == "q"
    assert "query q" in handles[0]["label"]
    assert handles[0]["value"] == "q = (1.5, 0.5); weights A 0.951, B 0.047, C 0.002; output 7.71"


def test_readouts_and_panel_show_the_worked_numbers():
    w = widgets.create("soft_lookup_plane", dict(mode="soft"))
    assert readout(w, "weights") == "0.951, 0.047, 0.002"
    assert readout(w, "output") == "7.71" and readout(w, "argmax would say") == "8"
    texts = {s["s"] for s in w.shapes() if s["t"] == "text"}
    assert "output = 0.951\u00d78 + 0.047\u00d72 + 0.002\u00d75 = 7.71" in texts
    assert {"3.25", "0.25", f"{MINUS}3.00", "A \u2192 8", "B \u2192 2", "C \u2192 5"} <= texts
    h = widgets.create("soft_lookup_plane", dict(mode="hard"))
    assert readout(h, "winner") == "A" and readout(h, "output") == "8.00"
    assert "output = 1.000\u00d78 + 0.000\u00d72 + 0.000\u00d75 = 8.00" in {s["s"] for s in h.shapes() if s["t"] == "text"}


def test_weight_bars_have_widths_in_proportion_to_the_weights():
    w = widgets.create("soft_lookup_plane", dict(mode="soft", query=[0.0, 0.0]))
    bars = [s for s in w.shapes() if s["t"] == "rect" and s.get("cls") in ("accent", "accent2", "accent3")]
    assert len(bars) == 3 and len({b["w"] for b in bars}) == 1
    w.set_values({"qx": 1.5, "qy": 0.5})
    bars = [s for s in w.shapes() if s["t"] == "rect" and s.get("cls") in ("accent", "accent2", "accent3")]
    assert bars[0]["w"] > 15 * bars[1]["w"]


@pytest.mark.parametrize("config", [
    {"keys": [[1, 0], [0, 1], [-1, 0], [0, -1]], "values": [1, 2, 3, 4], "names": ["N", "E", "S", "W"]},
    {"keys": [[1, 1], [-1, 0.5]], "values": [-3, 10], "query": [-3, 3]},
])
def test_scene_is_small_json_and_uses_known_classes(config):
    w = widgets.create("soft_lookup_plane", config)
    w.use(lambda q, k, v: [0.0])
    scene = assert_scene_fits(w.scene(), max_shapes=120, slack=5)
    assert all(isinstance(r["label"], str) and isinstance(r["value"], str) for r in scene["readouts"])


# The learner's lookup -------------------------------------------------------------------------

def test_a_right_learner_lookup_is_marked_right_and_a_wrong_one_wrong():
    w = widgets.create("soft_lookup_plane", dict(mode="soft"))

    def soft_lookup(q, keys, values):
        s = [q[0] * k[0] + q[1] * k[1] for k in keys]
        e = [math.exp(x) for x in s]
        return [sum(a * v[0] for a, v in zip(e, values)) / sum(e)]

    w.use(soft_lookup)
    assert readout(w, "soft_lookup(q, keys, values)") == "[7.71] \u2713"

    def hard_lookup(q, keys, values):
        s = [q[0] * k[0] + q[1] * k[1] for k in keys]
        return values[max(range(len(s)), key=s.__getitem__)]

    w.use(hard_lookup)
    assert readout(w, "hard_lookup(q, keys, values)") == "[8] \u2717 (the picture says 7.710)"
    h = widgets.create("soft_lookup_plane", dict(mode="hard"))
    h.use(hard_lookup)
    assert readout(h, "hard_lookup(q, keys, values)") == "[8] \u2713"
    assert any(s["t"] == "text" and "good" in s["cls"] for s in h.shapes())


def test_a_broken_learner_lookup_is_reported_not_raised():
    w = widgets.create("soft_lookup_plane")
    w.use(lambda q, k, v: 1 / 0)
    assert readout(w, "<lambda>(q, keys, values)").startswith("raised ZeroDivisionError")
    w.use(lambda q, k, v: "eight")
    assert "\u2717" in readout(w, "<lambda>(q, keys, values)")
    json.dumps(w.scene())
    w.use(None)
    assert all("lambda" not in r["label"] for r in w.readouts())
    with pytest.raises(TypeError, match="needs a function"):
        w.use(3)


# The lesson's widgets and the numbers its prose states ------------------------------------------

def test_lesson_goals_start_unmet_and_their_solutions_meet_them():
    for wid in ("argmax", "blend"):
        w = lesson_widget("m15-l01", wid)
        assert not w.goal_met(), wid
        w.set_values(lesson_part("m15-l01", "widget", wid).data["goal"]["solution"])
        assert w.goal_met(), wid


@pytest.mark.parametrize("wid, q", [
    ("argmax", (0.0, 0.0)),      # every score 0: a three-way tie, not the A|B border
    ("argmax", (0.9, 1.3)),      # near the border, but A still leads by 0.3
    ("argmax", (-1.5, -2.5)),    # A and B tie here (both on the line 2.5x = 1.5y) but C beats both
    ("blend", (1.5, 0.5)),
    ("blend", (0.0, 0.6)),       # 3.84: close, not within 0.05
])
def test_lesson_goals_reject_near_misses(wid, q):
    w = lesson_widget("m15-l01", wid)
    w.set_values({"qx": q[0], "qy": q[1]})
    assert not w.goal_met()


def test_a_hard_lookup_never_meets_the_blend_goal():
    """The soft goal asks for 4, a number no entry holds: no query meets it under argmax."""
    w = lesson_widget("m15-l01", "blend", mode="hard")
    for i in range(-30, 31, 3):
        for j in range(-30, 31, 3):
            w.set_values({"qx": i / 10, "qy": j / 10})
            assert w.output() in (8, 2, 5) and not w.goal_met()


def test_numbers_stated_in_the_prose():
    w = widgets.create("soft_lookup_plane", dict(mode="soft"))
    s, a = w.scores(), w.weights()
    assert s == pytest.approx([3.25, 0.25, -3.0])
    assert [round(x, 3) for x in a] == [0.951, 0.047, 0.002]
    assert round(w.output(), 2) == 7.71
    # every A|B tie lies on a line through the origin; (0.9, 1.5) is one, at 2.55 each
    w.set_values({"qx": 0.9, "qy": 1.5})
    assert w.scores()[0] == pytest.approx(2.55) and w.scores()[1] == pytest.approx(2.55)
    # at the origin: all weights 1/3, the plain average 5
    w.set_values({"qx": 0, "qy": 0})
    assert w.weights() == pytest.approx([1 / 3] * 3) and w.output() == pytest.approx(5.0)
    # doubling q: A's weight goes from 0.951 to 0.998, order kept
    w.set_values({"qx": 3.0, "qy": 1.0})
    assert round(w.weights()[0], 3) == 0.998 and w.scores() == pytest.approx([6.5, 0.5, -6.0])
    # the hard lookup near the border: 0.1 apart, 8 then 2
    h = widgets.create("soft_lookup_plane", dict(mode="hard", query=[0.9, 1.3]))
    assert h.output() == 8
    h.set_values({"qx": 0.8, "qy": 1.4})
    assert h.output() == 2
    # d output / d v_B = a_B (the numeric quiz): raise v_B by a little and measure
    eps = 1e-6
    up = ref_soft([1.5, 0.5], vals=[8, 2 + eps, 5])
    assert (up - ref_soft([1.5, 0.5])) / eps == pytest.approx(a[1], rel=1e-5)
    quiz = lesson_part("m15-l01", "quiz", "value-grad")        # B's value raised by 10: the output moves 10 a_B
    up10 = ref_soft([1.5, 0.5], vals=[8, 12, 5]) - ref_soft([1.5, 0.5])
    assert up10 == pytest.approx(10 * a[1]) and abs(quiz.data["answer"] - up10) < 1e-4
    tol = quiz.data["tolerance"]
    assert tol == 0.005 and abs(10 * round(a[1], 3) - up10) < tol        # the widget's rounded weight, times 10
    for wrong in (a[1], 10.0, 10 * a[0], 12 * a[1], 1.0):                  # a_B itself, the raise, A's share, 12 a_B
        assert abs(wrong - quiz.data["answer"]) > tol


def test_lesson_cells_print_the_numbers_the_prose_quotes():
    _, printed, scenes = run_lesson("m15-l01")
    assert printed["cell-1"].splitlines() == ['prices["pear"] -> 5', "prices[\"pears\"] -> KeyError: 'pears'"]
    assert printed["cell-2"].splitlines() == ["q = (0.9, 1.3): [8]", "q = (0.8, 1.4): [2]"]
    assert printed["cell-3"].splitlines() == ["q = [1.5, 0.5]: output 7.7105", "q = [0.0, 0.0]: output 5.0000",
                                              "q = [3.0, 1.0]: output 7.9852", "q = [0.0, 0.5]: output 4.0384"]
    lines = printed["cell-4"].splitlines()
    assert [line.split("= ")[2].split()[0] for line in lines] == ["0.9996", "0.9955", "0.9566"]
    assert round(math.exp(10) / (math.exp(10) + 999), 2) == 0.96
    assert {"label": "hard_lookup(q, keys, values)", "value": "[8] \u2713"} in scenes["argmax"]["readouts"]
    assert {"label": "soft_lookup(q, keys, values)", "value": "[7.71] \u2713"} in scenes["blend"]["readouts"]
