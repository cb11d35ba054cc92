"""The head_split_merge widget: the index map of splitting (T, C) into heads, the two markers,
the n_head slider, goals, and the lesson m15-l05 exercise it illustrates."""

import pytest

from lesson_kernel import lesson_part
from mlmath import widgets
from mlmath.m15.head_split_merge import CELL, ROW, TOP_Y
from mlmath.m15.heads import divisors
from scene_checks import assert_scene_fits, readout



def reference_split(x, n):
    d_k = len(x[0]) // n
    return [[row[h * d_k:(h + 1) * d_k] for row in x] for h in range(n)]


@pytest.mark.parametrize("config, words", [
    ({"T": 5}, "T"),
    ({"C": 7}, "C"),
    ({"C": 8, "n_head": 3}, r"n_head must be one of \[1, 2, 4, 8\]"),
    ({"at": [3, 0]}, "at"),
    ({"at": [0, 8]}, "at"),
    ({"at": [0]}, "at"),
])
def test_bad_config_is_rejected_with_a_reason(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("head_split_merge", config)


@pytest.mark.parametrize("n", [1, 2, 4, 8])
def test_where_matches_a_real_split(n):
    w = widgets.create("head_split_merge", dict(T=3, C=8, n_head=n))
    X = [[10 * t + c for c in range(8)] for t in range(3)]
    heads = reference_split(X, n)
    for t in range(3):
        for c in range(8):
            h, tt, j = w.where(t, c)
            assert heads[h][tt][j] == X[t][c]


def test_top_marker_drags_and_keys():
    w = widgets.create("head_split_merge", dict(T=3, C=8, n_head=2))
    w.handle({"type": "drag", "handle": "top", "x": w.top_x(5) + 3, "y": TOP_Y + ROW + 3})
    assert (w.t, w.c) == (1, 5)
    w.handle({"type": "key", "handle": "top", "key": "ArrowRight"})
    w.handle({"type": "key", "handle": "top", "key": "ArrowDown"})
    assert (w.t, w.c) == (2, 6)
    w.handle({"type": "key", "handle": "top", "key": "End"})
    w.handle({"type": "key", "handle": "top", "key": "ArrowRight"})
    w.handle({"type": "key", "handle": "top", "key": "ArrowDown"})
    assert (w.t, w.c) == (2, 7)
    w.handle({"type": "key", "handle": "top", "key": "Home"})
    assert w.c == 0
    w.handle({"type": "drag", "handle": "top", "x": -100, "y": -100})
    assert (w.t, w.c) == (0, 0)


def test_split_marker_maps_back_through_the_gaps():
    w = widgets.create("head_split_merge", dict(T=3, C=8, n_head=4))
    w.handle({"type": "drag", "handle": "split", "x": w.split_x(6) + CELL / 2, "y": w.split_y + ROW + 2})
    assert (w.t, w.c) == (1, 6)
    assert w.values()["head"] == 3 and w.values()["col"] == 0


def test_slider_picks_divisors():
    w = widgets.create("head_split_merge", dict(C=8, n_head=2))
    assert divisors(8) == [1, 2, 4, 8]
    w.handle({"type": "input", "id": "n_head", "value": 2})
    assert w.n_head == 4 and w.d_k == 2
    w.handle({"type": "input", "id": "n_head", "value": 99})
    assert w.n_head == 4
    w.handle({"type": "input", "id": "n_head", "value": 3})
    assert w.n_head == 8
    w.handle({"type": "input", "id": "n_head", "value": "x"})
    assert w.n_head == 8
    assert w.controls()[0]["display"] == "8 of width 1"


def test_set_values_rejects_bad_heads_and_unknown_keys():
    w = widgets.create("head_split_merge")
    with pytest.raises(ValueError):
        w.set_values({"n_head": 3})
    with pytest.raises(KeyError):
        w.set_values({"row": 1})


def test_readouts_show_the_arithmetic():
    w = widgets.create("head_split_merge", dict(T=3, C=8, n_head=4, at=[1, 6]))
    assert readout(w, "head = c // d_k") == "6 // 2 = 3"
    assert readout(w, "column in the head = c % d_k") == "6 % 2 = 0"
    assert readout(w, "split") == "X[1][6] → heads[3][1][0]"
    assert readout(w, "merge") == "heads[3][1][0] → X[1][3 * 2 + 0] = X[1][6]"


@pytest.mark.parametrize("n", [1, 2, 4, 8])
def test_scene_shows_every_number_twice_and_fits(n):
    w = widgets.create("head_split_merge", dict(T=3, C=8, n_head=n, at=[2, 7]))
    scene = assert_scene_fits(w.scene(), max_shapes=160)
    labels = [s["s"] for s in scene["shapes"] if s["t"] == "text"]
    for t in range(3):
        for c in range(8):
            assert labels.count(f"{t}{c}") == 2
    handles = [s for s in scene["shapes"] if "handle" in s]
    assert [h["handle"] for h in handles] == ["top", "split"]
    assert handles[1]["value"] == f"heads[{7 // (8 // n)}][2][{7 % (8 // n)}] = 27"


def test_lesson_goal_starts_unmet_and_its_solution_meets_it():
    part = lesson_part("m15-l05", "widget", "split")
    w = widgets.create("head_split_merge", part.data)
    assert not w.goal_met()
    w.set_values(part.data["goal"]["solution"])
    assert w.goal_met()
    for near in ({"n_head": 2, "t": 1, "c": 6}, {"n_head": 4, "t": 1, "c": 7}, {"n_head": 4, "t": 0, "c": 6}):
        w.set_values(near)
        assert not w.goal_met(), near


def test_the_lesson_exercise_agrees_with_the_widget_and_the_prose():
    X = [[10 * t + c for c in range(8)] for t in range(3)]
    part = lesson_part("m15-l05", "exercise", "split-merge")
    env = {}
    exec(part.data["solution"], env)
    heads = env["split_heads"](X, 4)
    assert heads[3][1][0] == 16 and heads == reference_split(X, 4)      # "the entry that reads 16"
    assert heads[3][1] == [16, 17]                                     # "head 3 gets columns 6 and 7"
    assert env["merge_heads"](heads) == X
    w = widgets.create("head_split_merge", dict(T=3, C=8, n_head=4, at=[1, 6]))
    assert w.where(1, 6) == (3, 1, 0)
