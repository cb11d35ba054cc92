"""The number_line widget: dragging, keys, readouts, overlays, learner functions, and the
numbers lesson m01-l01 states in its prose. Registration, unknown options, scene size and
classes, handle keys and set_values round trips are checked for every widget by
tests/unit/test_widget_contract.py."""

import pytest

from lesson_kernel import lesson_part, lesson_widget, run_lesson
from mlmath import widgets
from mlmath.show import MINUS
from scene_checks import readout

GOALS = ("order", "mirror", "abs", "gap", "fit")


def line(**config):
    return widgets.create("number_line", config)


def drag(w, handle, x):
    w.handle({"type": "drag", "handle": handle, "x": x, "y": w.axis_y})


def key(w, handle, name):
    w.handle({"type": "key", "handle": handle, "key": name})


# Config ---------------------------------------------------------------------------------

@pytest.mark.parametrize("config, words", [
    ({"show": ["position", "sparkle"]}, "show"),
    ({"min": 5, "max": 5}, "less than"),
    ({"points": {"a": 20}}, "from -10 to 10"),
    ({"points": {"abs": 1}}, "point name"),
    ({"points": {}}, "1 to 3"),
    ({"points": {"a": 1}, "show": ["distance"]}, "exactly two"),
    ({"points": {"a": 1, "b": 2}, "show": ["mirror"]}, "exactly one"),
    ({"min": 0, "points": {"a": 1}, "show": ["mirror"]}, "min = -max"),
    ({"points": {"t": 1}, "show": ["total"]}, "marks"),
    ({"snap": 0}, "snap"),
    ({"min": True}, "finite number"),
    ({"marks": [1, 99]}, "a mark"),
])
def test_bad_config_is_rejected_with_a_reason(config, words):
    with pytest.raises(ValueError, match=words):
        line(**config)


# Dragging and keys ------------------------------------------------------------------------

def test_drag_maps_the_line_to_values_snapping_and_clamping():
    w = line(points={"a": 0})
    for v in (-10, -3, 0, 4, 10):
        drag(w, "a", w.axis(v))
        assert w.values() == {"a": v}
    drag(w, "a", w.axis(2.4))
    assert w.values()["a"] == 2
    drag(w, "a", w.axis(-2.6))
    assert w.values()["a"] == -3
    drag(w, "a", -500)
    assert w.values()["a"] == -10
    drag(w, "a", 5000)
    assert w.values()["a"] == 10
    half = line(points={"a": 0}, snap=0.5)
    drag(half, "a", half.axis(2.3))
    assert half.values()["a"] == 2.5


def test_snapped_values_are_clean_numbers():
    w = line(points={"a": 0}, min=0, max=1, snap=0.1)
    drag(w, "a", w.axis(0.3))
    assert w.values()["a"] == 0.3          # not 0.30000000000000004
    assert readout(w, "a") == "0.3"


def test_keys_step_by_the_snap_and_page_by_five_snaps():
    w = line(points={"a": 0}, snap=0.5)
    key(w, "a", "ArrowRight")
    assert w.values()["a"] == 0.5
    key(w, "a", "ArrowLeft")
    key(w, "a", "ArrowDown")
    assert w.values()["a"] == -0.5
    key(w, "a", "PageUp")
    assert w.values()["a"] == 2
    key(w, "a", "End")
    key(w, "a", "ArrowRight")
    assert w.values()["a"] == 10
    key(w, "a", "Home")
    key(w, "a", "Enter")
    assert w.values()["a"] == -10


def test_events_for_other_handles_are_ignored():
    w = line(points={"a": 3})
    drag(w, "zz", 0)
    key(w, None, "ArrowLeft")
    assert w.values() == {"a": 3}


# Readouts and overlays --------------------------------------------------------------------

def test_readouts_for_position_abs_distance_and_order():
    w = line(points={"a": -3, "b": 4}, show=["position", "abs", "distance", "order"])
    assert readout(w, "a") == f"{MINUS}3"
    assert readout(w, "|a|") == "3"
    assert readout(w, "|b|") == "4"
    assert readout(w, f"a {MINUS} b") == f"{MINUS}7"
    assert readout(w, f"|a {MINUS} b|") == "7"
    assert readout(w, "") == "a < b"
    w.set_values({"a": 4})
    assert readout(w, f"|a {MINUS} b|") == "0" and readout(w, "") == "a = b"


def test_distance_does_not_depend_on_order():
    w = line(points={"a": 6, "b": -1.5}, snap=0.5, show=["distance"])
    assert readout(w, f"a {MINUS} b") == "7.5"
    w.set_values({"a": -1.5, "b": 6})
    assert readout(w, f"a {MINUS} b") == f"{MINUS}7.5"
    assert readout(w, f"|a {MINUS} b|") == "7.5"


def test_mirror_shows_minus_a_and_draws_it():
    w = line(points={"a": -4}, show=["position", "mirror"])
    assert readout(w, f"{MINUS}a") == "4"
    ghosts = [s for s in w.shapes() if s["t"] == "circle" and "handle" not in s]
    assert len(ghosts) == 1 and ghosts[0]["cx"] == round(w.axis(4), 1)


def test_brackets_span_the_right_stretch_and_say_their_length():
    w = line(points={"a": -3, "b": 4}, show=["abs", "distance"])
    brackets = [s for s in w.shapes() if "bracket" in s.get("cls", "")]
    # "M x1 y L x1 y L x2 y L x2 y": the bracket runs from x1 to x2
    spans = sorted((float(s["d"].split()[1]), float(s["d"].split()[7])) for s in brackets)
    want = sorted([(w.axis(-3), w.axis(0)), (w.axis(0), w.axis(4)), (w.axis(-3), w.axis(4))])
    assert [x for span in spans for x in span] == pytest.approx([x for span in want for x in span], abs=0.1)
    labels = {s["s"] for s in w.shapes() if s["t"] == "text"}
    assert {"|a| = 3", "|b| = 4", f"|a {MINUS} b| = 7"} <= labels


def test_total_distance_to_marks():
    w = line(min=0, max=10, points={"t": 6}, marks=[1, 2, 9], show=["total"])
    assert readout(w, "total distance") == "5 + 4 + 3 = 12"
    w.set_values({"t": 2})
    assert readout(w, "total distance") == "1 + 0 + 7 = 8"


def test_handles_are_labelled_for_screen_readers():
    w = line(points={"a": -3, "b": 4})
    handles = [s for s in w.shapes() if "handle" in s]
    assert [(h["handle"], h["label"], h["value"]) for h in handles] == [
        ("a", "point a", f"{MINUS}3"), ("b", "point b", "4")]


def test_zero_is_emphasised_and_ticks_are_labelled():
    w = line()
    zero = [s for s in w.shapes() if s.get("cls") == "zero"]
    assert len(zero) == 1 and zero[0]["x1"] == round(w.axis(0), 1)
    texts = {s["s"] for s in w.shapes() if s["t"] == "text"}
    assert {f"{MINUS}10", f"{MINUS}1", "0", "1", "10"} <= texts


def test_a_point_on_top_of_another_has_its_name_lifted_clear():
    w = line(points={"a": 2, "b": 2})
    names = {s["s"]: s["y"] for s in w.shapes() if s["t"] == "text" and s["s"] in ("a", "b")}
    assert names["b"] < names["a"]


# The learner's own function ---------------------------------------------------------------

def test_learner_distance_labels_the_bracket_and_is_graded():
    w = line(points={"a": -3, "b": 4}, show=["distance"])

    def distance(a, b):
        return abs(a - b)

    w.use(distance)
    assert readout(w, "distance(a, b)") == "7 ✓"
    assert any(s["t"] == "text" and s["s"] == "distance(a, b) = 7" and "good" in s["cls"] for s in w.shapes())

    def distance(a, b):  # noqa: F811 - the learner's buggy second try
        return a - b

    w.use(distance)
    assert readout(w, "distance(a, b)") == f"{MINUS}7 ✗ (the picture says 7)"
    assert any(s["t"] == "text" and "bad" in s["cls"] for s in w.shapes())
    w.set_values({"a": 4, "b": -3})      # right by luck on this side
    assert readout(w, "distance(a, b)") == "7 ✓"


def test_learner_abs_gets_one_argument_and_total_gets_the_marks():
    seen = []
    w = line(points={"x": -2}, show=["abs"])
    w.use(lambda x: seen.append(x) or -x)
    assert readout(w, "<lambda>(x)") == "2 ✓" and seen[-1] == -2

    def total_distance(t, data):
        seen.append(list(data))
        return sum(abs(t - x) for x in data)

    fit = line(min=0, max=10, points={"t": 6}, marks=[1, 2, 9], show=["total"])
    fit.use(total_distance)
    assert readout(fit, "total_distance(t, [1, 2, 9])") == "12 ✓" and seen[-1] == [1, 2, 9]


def test_a_learner_function_that_breaks_or_returns_no_number_is_reported_not_raised():
    w = line(points={"a": 1, "b": 2}, show=["distance"])
    w.use(lambda a, b: a / 0)
    value = w.readouts()[-1]["value"]
    assert value.startswith("raised ZeroDivisionError") and "✗" in value
    w.use(lambda a, b: None)
    assert w.readouts()[-1]["value"] == "None ✗ (the picture says 1)"


def test_use_none_restores_and_non_functions_are_refused():
    w = line(points={"a": 1, "b": 2}, show=["distance"])
    before = w.scene()
    w.use(lambda a, b: 99)
    assert w.scene() != before
    w.use(None)
    assert w.scene() == before
    with pytest.raises(TypeError, match="needs a function"):
        w.use(7)


# The lesson's widgets and the numbers its prose states ---------------------------------

@pytest.mark.parametrize("wid", GOALS)
def test_lesson_goals_start_unmet(wid):
    assert not lesson_widget("m01-l01", wid).goal_met()


@pytest.mark.parametrize("wid, values", [
    ("order", {"a": -2, "b": -6}),          # both negative, wrong order
    ("order", {"a": -1, "b": 3}),           # right order, b not negative
    ("mirror", {"a": 4}),                   # mirror 8 to the LEFT
    ("abs", {"a": 4, "b": 4}),              # same point twice
    ("abs", {"a": -4, "b": 3}),
    ("gap", {"a": 1, "b": 6}),              # 5 apart, but zero not between
    ("fit", {"t": 4}),                      # the average, not the best
    ("fit", {"t": 2.5}),
])
def test_lesson_goals_reject_near_misses(wid, values):
    w = lesson_widget("m01-l01", wid)
    w.set_values(values)
    assert not w.goal_met()


def test_the_fit_goal_is_the_unique_minimum_of_the_total():
    w = lesson_widget("m01-l01", "fit")
    totals = {}
    for i in range(0, 21):
        t = i / 2
        w.set_values({"t": t})
        totals[t] = float(readout(w, "total distance").split("= ")[-1])
    best = min(totals.values())
    assert [t for t, v in totals.items() if v == best] == [2]
    assert best == 8 and totals[4] == 10 and totals[6] == 12
    assert lesson_part("m01-l01", "widget", "fit").data["goal"]["solution"] == {"t": 2}


def test_numbers_stated_in_the_prose():
    data = [1, 2, 9]
    total = lambda t, d: sum(abs(t - x) for x in d)  # noqa: E731
    assert sum(data) / len(data) == 4 and [abs(4 - x) for x in data] == [3, 2, 5] and total(4, data) == 10
    assert [abs(2 - x) for x in data] == [1, 0, 7] and total(2, data) == 8
    wild = [1, 2, 9, 100, 3]
    assert sum(wild) / len(wild) == 23
    assert min(range(0, 101), key=lambda t: total(t, wild)) == 3 == sorted(wild)[2]
    assert min(range(0, 11), key=lambda t: total(t, data)) == 2
    assert abs(-3.5 - 2) == 5.5 and abs(-2) + abs(3) == 5 and -(-4) == 4 and abs(21 - 18) == abs(15 - 18) == 3


def test_lesson_cells_drive_the_mounted_widgets_in_the_page_kernel():
    """Run the lesson the way a learner does, through the page's kernel: each exercise's solution,
    then each plain cell. The cells hand the learner's functions to the widgets."""
    _, _, scenes = run_lesson("m01-l01")
    assert {"label": "distance(a, b)", "value": "7 ✓"} in scenes["gap"]["readouts"]
    assert {"label": "total_distance(t, [1, 2, 9])", "value": "12 ✓"} in scenes["fit"]["readouts"]


def test_the_exercise_checks_name_what_was_called_and_take_math_fabs_where_allowed():
    import asyncio
    from lesson_kernel import lesson_part
    from mlmath.runner import run_cell, run_check

    def check(ex, code):
        ns = {"__name__": "__main__"}
        assert asyncio.run(run_cell(code, ns)).ok
        return asyncio.run(run_check(lesson_part("m01-l01", "exercise", ex).data["check"], ns))

    # abs_value's prompt rules out ready-made absolute values, and the message names the one called
    fabs = check("abs-value", "import math\ndef abs_value(x):\n    return math.fabs(x)\n")
    assert not fabs.ok and "calls math.fabs" in fabs.message
    assert "calls abs," in check("abs-value", "def abs_value(x):\n    return abs(x)\n").message
    assert check("abs-value", "def abs_value(x):\n    return max(x, -x)\n").ok
    # distance may use any of them
    assert check("distance", "import math\ndef distance(a, b):\n    return math.fabs(a - b)\n").ok
    assert check("distance", "def distance(a, b):\n    return abs(b - a)\n").ok
