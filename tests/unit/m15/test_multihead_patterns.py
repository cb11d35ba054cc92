"""The multihead_patterns widget: queries and keys, one head against two, the knobs and the row
marker, goals, and the numbers lesson m15-l05 states about it."""

import math

import pytest

from lesson_kernel import lesson_part, lesson_widget
from mlmath import widgets
from mlmath.numeric import dot
from mlmath.m15.multihead_patterns import attention, char_codes, queries_keys
from scene_checks import assert_scene_fits


def readout(w, start):
    found = [r["value"] for r in w.readouts() if r["label"].startswith(start)]
    assert found, f"no readout starting {start!r} in {w.readouts()}"
    return found[0]


@pytest.mark.parametrize("config, words", [
    ({"heads": 3}, "heads"),
    ({"heads": True}, "heads"),
    ({"text": "a"}, "2 to 6"),
    ({"text": "bananas"}, "2 to 6"),
    ({"text": "ab cd"}, "2 to 6"),
    ({"text": "abcde"}, "at most 4"),
    ({"pos": 9}, "pos"),
    ({"char": -1}, "char"),
    ({"pos": "high"}, "pos"),
    ({"row": 6}, "row"),
])
def test_bad_config_is_rejected_with_a_reason(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("multihead_patterns", config)


# The model --------------------------------------------------------------------------------

def test_character_codes_match_one_and_differ_by_minus_a_half():
    codes = char_codes("banana")
    assert list(codes) == ["b", "a", "n"]
    for x in "ban":
        for y in "ban":
            assert dot(codes[x], codes[y]) == pytest.approx(1.0 if x == y else -0.5)


def test_position_part_of_the_score_peaks_one_step_back():
    qs, ks = queries_keys("banana", 1.0, 0.0)
    for t in range(1, 6):
        scores = [dot(qs[t][:2], ks[s][:2]) for s in range(t + 1)]
        assert max(range(t + 1), key=lambda s: scores[s]) == t - 1
        assert scores[t - 1] == pytest.approx(1.0)
        assert scores[t] == pytest.approx(0.5)      # 60 degrees off


def test_one_heads_score_is_the_sum_of_the_two_heads_scores():
    qs, ks = queries_keys("banana", 2.5, 1.5)
    for t in range(6):
        for s in range(t + 1):
            assert dot(qs[t], ks[s]) == pytest.approx(dot(qs[t][:2], ks[s][:2]) + dot(qs[t][2:], ks[s][2:]))


def test_rows_are_causal_distributions():
    for heads in (1, 2):
        w = widgets.create("multihead_patterns", dict(heads=heads, pos=3, char=1.5))
        for rows in w.weights():
            assert [len(r) for r in rows] == [1, 2, 3, 4, 5, 6]
            for r in rows:
                assert sum(r) == pytest.approx(1.0) and min(r) >= 0


def test_same_knobs_same_queries_only_the_cut_differs():
    one, two = widgets.create("multihead_patterns", dict(heads=1, pos=4, char=2)), widgets.create("multihead_patterns", dict(heads=2, pos=4, char=2))
    qs, ks = queries_keys("banana", 4, 2)
    flat = lambda rows: [w for r in rows for w in r]  # noqa: E731
    assert flat(one.weights()[0]) == pytest.approx(flat(attention(qs, ks, 0, 4)))
    assert flat(two.weights()[0]) == pytest.approx(flat(attention(qs, ks, 0, 2)))
    assert flat(two.weights()[1]) == pytest.approx(flat(attention(qs, ks, 2, 4)))
    assert one.weights()[0][5] != pytest.approx(two.weights()[0][5])


def test_one_head_shares_one_budget_between_the_patterns():
    # in banana no token follows its own character, so the two shares are disjoint weights
    for pos in (0, 2, 4, 6, 8):
        for char in (0, 2, 4, 6, 8):
            v = widgets.create("multihead_patterns", dict(heads=1, pos=pos, char=char)).values()
            assert v["prev"] + v["same"] <= 1 + 1e-9
            assert not (v["prev_min"] >= 0.8 and v["same_min"] >= 0.8)


# Events ------------------------------------------------------------------------------------

def test_sliders_set_and_snap_the_knobs():
    w = widgets.create("multihead_patterns", dict(heads=2))
    w.handle({"type": "input", "id": "pos", "value": 5.3})
    w.handle({"type": "input", "id": "char", "value": 12})
    assert (w.values()["pos"], w.values()["char"]) == (5.5, 8)
    w.handle({"type": "input", "id": "pos", "value": "nonsense"})
    w.handle({"type": "input", "id": "other", "value": 1})
    assert (w.values()["pos"], w.values()["char"]) == (5.5, 8)


def test_row_marker_drags_and_keys():
    w = widgets.create("multihead_patterns", dict(row=5))
    w.handle({"type": "drag", "handle": "row", "x": 10, "y": 64 + 2 * 24 + 5})
    assert w.row == 2
    w.handle({"type": "key", "handle": "row", "key": "ArrowDown"})
    assert w.row == 3
    w.handle({"type": "key", "handle": "row", "key": "Home"})
    w.handle({"type": "key", "handle": "row", "key": "ArrowUp"})
    assert w.row == 0
    w.handle({"type": "key", "handle": "row", "key": "End"})
    assert w.row == 5
    w.handle({"type": "drag", "handle": "row", "x": 10, "y": 9999})
    assert w.row == 5
    w.handle({"type": "drag", "handle": "other", "x": 10, "y": 64})
    assert w.row == 5


def test_row_handle_keeps_its_index_so_focus_survives_a_redraw():
    w = widgets.create("multihead_patterns", dict(heads=2, row=5))
    first = w.shapes()[0]
    assert first["handle"] == "row" and first["label"] == "query row"
    w.set_values({"row": 1})
    assert w.shapes()[0]["handle"] == "row"
    assert sum("handle" in s for s in w.shapes()) == 1


def test_set_values_and_unknown_keys():
    w = widgets.create("multihead_patterns")
    w.set_values({"pos": 6, "char": 3, "row": 2})
    assert (w.values()["pos"], w.values()["char"], w.row) == (6, 3, 2)
    with pytest.raises(KeyError):
        w.set_values({"beta": 1})
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"prev": 1})


# The scene ----------------------------------------------------------------------------------

@pytest.mark.parametrize("config", [{"heads": 1}, {"heads": 2}, {"heads": 2, "text": "abcabc", "row": 0},
                                    {"heads": 1, "text": "ab", "pos": 8, "char": 8}])
def test_scene_is_small_json_inside_the_box(config):
    scene = assert_scene_fits(widgets.create("multihead_patterns", config).scene(), max_shapes=160)
    assert all(isinstance(r["value"], str) for r in scene["readouts"])


def test_masked_cells_are_blank_and_the_selected_row_is_written_out():
    w = widgets.create("multihead_patterns", dict(heads=1, row=3, pos=2, char=2))
    shaded = [s for s in w.shapes() if s["t"] == "rect" and "opacity" in s and s["w"] == 24]
    assert len(shaded) == 21                    # the diagonal and below of a 6 x 6 grid; the 15 above are masked
    numbers = [s["s"] for s in w.shapes() if s["t"] == "text" and s["s"].replace(".", "").isdigit()
               and s.get("cls") == "small label"]
    weights = w.weights()[0][3]
    assert numbers == [f"{x:.1f}".rstrip("0").rstrip(".") for x in weights]     # row 3 sees keys 0..3


def test_readouts_name_the_tokens():
    w = widgets.create("multihead_patterns", dict(heads=2, row=5))
    assert readout(w, "query") == "'a' at position 5"
    assert readout(w, "head 0: weight on the previous token ('n' at 4)") == "0.54"
    assert readout(w, "head 1: weight on its own character (positions 1, 3, 5)") == "0.95"
    w.set_values({"row": 0})
    assert readout(w, "head 0: weight on the previous token (none") == "—"


# The lesson ------------------------------------------------------------------------------------

def test_lesson_goals_start_unmet_and_their_solutions_meet_them():
    for wid in ("one", "two"):
        w = lesson_widget("m15-l05", wid)
        assert not w.goal_met(), wid
        w.set_values(lesson_part("m15-l05", "widget", wid).data["goal"]["solution"])
        assert w.goal_met(), wid


@pytest.mark.parametrize("wid, values", [
    ("one", {"pos": 4, "char": 0}),             # 0.78: not quite
    ("one", {"pos": 8, "char": 2}),             # the character part still wins
    ("two", {"pos": 8, "char": 0.5}),           # head 1 too blurry
    ("two", {"pos": 4, "char": 3}),             # head 0 too blurry
])
def test_lesson_goals_reject_near_misses(wid, values):
    w = lesson_widget("m15-l05", wid)
    w.set_values(values)
    assert not w.goal_met()


def test_the_one_head_goal_cannot_be_met_together_with_the_character_pattern():
    w = lesson_widget("m15-l05", "one")
    for pos in range(17):
        for char in range(17):
            w.set_values({"pos": pos / 2, "char": char / 2})
            v = w.values()
            assert not (v["prev_min"] >= 0.8 and v["same_min"] >= 0.8)


def test_numbers_stated_in_the_prose():
    one = lesson_widget("m15-l05", "one")
    v = one.values()
    assert (round(v["prev"], 2), round(v["same"], 2)) == (0.06, 0.93)          # start, both knobs at 2
    for char in (1.5, 2, 3):                                                   # "down to 1 or less"
        for pos in range(17):
            one.set_values({"pos": pos / 2, "char": char})
            assert not one.goal_met()
    one.set_values({"pos": 8, "char": 1})
    assert one.goal_met()
    one.set_values({"pos": 8, "char": 0})
    v = one.values()
    assert (round(v["prev"], 2), round(v["same"], 2)) == (0.96, 0.04)
    one.set_values({"pos": 8, "char": 8})
    assert round(one.values()["prev"], 4) == 0.0002                            # the quiz's "about 0.0002"
    one.set_values({"pos": 6, "char": 3})
    assert round(one.values()["prev"], 2) == 0.10

    two = lesson_widget("m15-l05", "two")
    v = two.values()
    assert (round(v["prev"], 2), round(v["same"], 2)) == (0.54, 0.95)
    two.set_values({"pos": 6, "char": 3})
    v = two.values()
    assert v["prev_min"] > 0.9 and v["same_min"] > 0.97
    assert math.isclose(sum(two.weights()[1][5][s] for s in (1, 3, 5)), v["same"], abs_tol=1e-6)
