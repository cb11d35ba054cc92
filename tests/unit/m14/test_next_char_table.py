"""The next_char_table widget: counting, rows, the sampling stick, generation, learner samplers,
goals, and the numbers lesson m14-l01 states in its prose."""

import json
import random
from collections import Counter
from pathlib import Path

import pytest

from mlbuild.lesson import parse_lesson
from mlmath import widgets
from mlmath.data import shakespeare
from mlmath.m14.next_char_table import CELL, LEFT, OTHER, SLICES, TOP, pick
from lesson_kernel import run_lesson
from scene_checks import readout

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m14-l01.md"


def table(**config):
    return widgets.create("next_char_table", config)


def press(w, cid, value=None):
    w.handle({"type": "input", "id": cid, "value": value})


def lesson_widgets():
    return {p.id: p for p in parse_lesson(LESSON).parts("widget")}


def squares(w):
    """The count squares by (row char, column char), from their centres."""
    out = {}
    for s in w.shapes():
        if s["t"] == "rect" and "handle" not in s and "nofill" not in s["cls"] and s["y"] >= TOP and s["x"] >= LEFT and s["y"] < TOP + len(w.alphabet) * CELL:
            i = int((s["y"] + s["h"] / 2 - TOP) // CELL)
            j = int((s["x"] + s["w"] / 2 - LEFT) // CELL)
            if j < len(w.alphabet):
                out[(w.alphabet[i], w.alphabet[j])] = s
    return out


# Config ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("config, words", [
    ({"source": "wikipedia"}, "source"),
    ({"source": "shakespeare", "chars": 12345}, "chars"),
    ({"top": 40}, "top"),
    ({"seed": 500}, "seed"),
    ({"u": 1.0}, "u must"),
    ({"slider": True}, "slider"),
    ({"show": ["sparkle"]}, "show"),
    ({"scale": "log"}, "scale"),
    ({"text": "x" * 700}, "at most"),
    ({"text": "abc", "row": "z"}, "alphabet"),
])
def test_bad_config_is_rejected_with_a_reason(config, words):
    with pytest.raises(ValueError, match=words):
        table(**config)


# Counting ---------------------------------------------------------------------------------

def test_typed_text_counts_every_neighbouring_pair():
    w = table(text="the cat sat on the mat", row="t")
    assert len("the cat sat on the mat") == 22 and w.values()["pairs"] == 21
    assert w.row_counts() == {" ": 2, "h": 2}
    assert w.values()["row_total"] == 4 and "the cat sat on the mat".count("t") == 5
    w.set_values({"row": " "})
    assert w.values()["distinct"] == 5 and sorted(w.row_counts()) == ["c", "m", "o", "s", "t"]
    assert readout(w, "most likely after \u2423").startswith("a 5-way tie")


def test_banana_row_a():
    w = table(text="banana", row="a")
    assert w.row_counts() == {"n": 2}
    w.set_values({"row": "b"})
    assert w.row_counts() == {"a": 1}


def test_typing_recounts_and_an_empty_text_says_what_to_do():
    w = table(text="ab", row="a")
    press(w, "text", "quick queens quote")
    w.set_values({"row": "q"})
    v = w.values()
    assert (v["row_total"], v["top"], v["top_p"], v["distinct"]) == (3, "u", 1, 1)
    press(w, "text", "")
    shapes = w.shapes()
    assert len(shapes) == 1 and "two characters" in shapes[0]["s"]
    json.dumps(w.scene())


def test_a_long_typed_text_keeps_15_characters_and_buckets_the_rest():
    text = "abcdefghijklmnopqrstuvwxyz" + "aaaa"
    w = table(text=text)
    assert len(w.alphabet) == 16 and w.alphabet[-1] == OTHER
    assert sum(w.pairs.values()) == len(text) - 1


def test_shakespeare_alphabet_is_the_most_frequent_plus_a_bucket():
    w = table(source="shakespeare", chars=10000)
    ranked = [c for c, _ in Counter(shakespeare()).most_common(15)]
    assert w.alphabet == ranked + [OTHER]
    text = shakespeare()[:10000]
    assert w.rows["t"]["h"] == Counter(zip(text, text[1:]))[("t", "h")]
    bucketed = sum(n for (a, b), n in Counter(zip(text, text[1:])).items() if a == "\n" and b not in ranked)
    assert w.rows["\n"][OTHER] == bucketed


def test_slider_walks_the_slices():
    w = table(source="shakespeare", chars=1000, slider=True, row="t")
    for i, n in enumerate(SLICES):
        press(w, "slice", i)
        assert w.values()["n"] == n and w.values()["pairs"] == n - 1
    slider = [c for c in w.controls() if c["id"] == "slice"][0]
    assert slider["display"] == "1,115,394"


# Rows: clicks and keys ----------------------------------------------------------------------

def test_dragging_along_the_row_labels_selects_rows():
    w = table(source="shakespeare", chars=10000)
    for i, ch in enumerate(w.alphabet):
        w.handle({"type": "drag", "handle": "row:0", "x": 20, "y": TOP + i * CELL + CELL / 2})
        assert w.row == ch
    w.handle({"type": "drag", "handle": "row:0", "x": 20, "y": 9999})
    assert w.row == w.alphabet[-1]


def test_keys_move_the_selected_row():
    w = table(source="shakespeare", chars=10000, row=" ")
    key = lambda k, h="row:0": w.handle({"type": "key", "handle": h, "key": k})  # noqa: E731
    key("ArrowDown")
    assert w.row == "e"
    key("ArrowUp")
    key("ArrowUp")
    assert w.row == " "
    key("End")
    assert w.values()["row"] == "other"
    key("Home")
    assert w.row == " "
    key("Enter", "row:2")
    assert w.row == "t"


def test_row_handles_are_labelled_and_the_selected_row_is_marked():
    w = table(source="shakespeare", chars=10000, row="t")
    handles = [s for s in w.shapes() if s.get("handle", "").startswith("row:")]
    assert len(handles) == 16
    assert all(h["label"].startswith("row ") for h in handles)
    assert [h for h in handles if "selected" in h["cls"]][0]["handle"] == "row:2"


def test_scale_toggle_sizes_squares_by_row_probability():
    w = table(source="shakespeare", chars=10000, toggle=True, row="t")
    count_side = {k: s["w"] for k, s in squares(w).items()}
    press(w, "scale")
    assert w.values()["scale"] == "row"
    row_side = {k: s["w"] for k, s in squares(w).items()}
    # in count view the busy space row has the biggest squares; in row view the newline row does
    assert max(count_side, key=count_side.get)[0] in (" ", OTHER)
    assert max(row_side, key=row_side.get) == ("\n", OTHER)
    press(w, "scale")
    assert w.values()["scale"] == "count"


def test_square_area_is_proportional_to_count():
    w = table(text="aaaab", row="a")       # a->a three times, a->b once
    sq = squares(w)
    inner = CELL - 4
    assert sq[("a", "a")]["w"] == pytest.approx(inner, abs=0.1)
    assert (sq[("a", "b")]["w"] / inner) ** 2 == pytest.approx(1 / 3, abs=0.01)


# The stick --------------------------------------------------------------------------------

def test_pick_walks_the_cumulative_counts():
    row = {"h": 2, " ": 1, "e": 1}
    assert [pick(row, u) for u in (0, 0.49, 0.5, 0.74, 0.75, 0.999)] == ["h", "h", " ", " ", "e", "e"]
    assert pick({}, 0.3) is None


def test_dragging_u_and_keys():
    w = table(source="shakespeare", chars=50000, row="t", show=["stick"], u=0.05)
    assert w.values()["pick"] == " "
    w.handle({"type": "drag", "handle": "u", "x": LEFT + w._stick_w * 0.5, "y": 0})
    assert w.values()["u"] == 0.5 and w.values()["pick"] == "h"
    w.handle({"type": "key", "handle": "u", "key": "ArrowRight"})
    assert w.values()["u"] == 0.51
    w.handle({"type": "key", "handle": "u", "key": "End"})
    assert w.values()["u"] == 0.999
    w.handle({"type": "drag", "handle": "u", "x": -100, "y": 0})
    assert w.values()["u"] == 0.0
    assert readout(w, "u").startswith("0.000, which lands on")


def test_stick_pieces_are_as_wide_as_the_probabilities():
    w = table(source="shakespeare", chars=10000, row="e", show=["stick"], u=0.1)
    row = w.row_counts()
    total = sum(row.values())
    pieces = [s for s in w.shapes() if s["t"] == "rect" and s["y"] == w._stick_y]
    assert len(pieces) == len(row)
    for s, n in zip(pieces, row.values()):
        assert s["w"] == pytest.approx(w._stick_w * n / total, abs=0.1)
    assert [s["cls"] for s in pieces].count("accent3") == 1


# Generating -------------------------------------------------------------------------------

def test_generation_follows_the_rows_and_is_reproducible():
    w = table(source="shakespeare", chars=50000, row="t", show=["generate"], seed=3)
    press(w, "more")
    text = w.generated
    assert len(text) == 21 and text[0] == "t" and w.values()["steps"] == 20
    for a, b in zip(text, text[1:]):
        assert w.rows[a].get(b, 0) > 0, (a, b)
    press(w, "reset")
    assert w.generated == "t"
    for _ in range(20):
        press(w, "next")
    assert w.generated == text
    press(w, "seed", 4)
    press(w, "more")
    assert w.generated != text


def test_generation_matches_a_walk_with_the_same_seed():
    w = table(source="shakespeare", chars=10000, row="e", show=["generate"], seed=9)
    w.set_values({"steps": 15})
    rng, out = random.Random(9), "e"
    for _ in range(15):
        out += pick(w.rows[out[-1]], rng.random())
    assert w.generated == out


def test_generation_stops_at_a_dead_end():
    w = table(text="abc", row="a", show=["generate"])
    press(w, "more")
    assert w.generated == "abc"
    assert "stopped" in " ".join(r["value"] for r in w.readouts())


def test_a_learner_sampler_is_graded_against_the_stick():
    w = table(source="shakespeare", chars=50000, row="t", show=["generate"])

    def sample_next(probs, rng):
        u, run = rng.random(), 0.0
        for ch, p in probs.items():
            run += p
            if u < run:
                return ch
        return ch

    w.use(sample_next)
    press(w, "next")
    assert w.fn_note.startswith("sample_next(row, rng) picked") and w.fn_note.endswith("\u2713")

    def always_e(probs, rng):
        return "e"

    w.use(always_e)
    notes = []
    for _ in range(10):
        press(w, "next")
        notes.append(w.fn_note)
    assert any(n.endswith("\u2717") and "picked 'e'" in n for n in notes)
    assert all(n.endswith("\u2713") for n, ch in zip(notes, w.generated[-10:]) if ch == "e")

    def broken(probs, rng):
        return 1 / 0

    w.use(broken)
    press(w, "next")
    assert "ZeroDivisionError" in w.fn_note
    json.dumps(w.scene())
    with pytest.raises(TypeError, match="needs a function"):
        w.use(3)


# The lesson's widgets and the numbers its prose states ---------------------------------

def test_lesson_goals_start_unmet_and_their_solutions_meet_them():
    parts = lesson_widgets()
    assert set(parts) == {"typed", "bard", "stick", "gen"}
    for wid, part in parts.items():
        w = widgets.create("next_char_table", part.data)
        assert not w.goal_met(), wid
        w.set_values(part.data["goal"]["solution"])
        assert w.goal_met(), wid


@pytest.mark.parametrize("wid, values", [
    ("typed", {"text": "quick queens", "row": "q"}),          # only twice
    ("typed", {"text": "quick queens quote qat", "row": "q"}),  # q once followed by a
    ("typed", {"text": "quick queens quote", "row": "u"}),    # the right text, the wrong row
    ("bard", {"scale": "count", "row": "\n"}),                # the right row, read off counts
    ("bard", {"scale": "row", "row": " "}),
    ("stick", {"u": 0.1}),
    ("gen", {"steps": 9}),
])
def test_lesson_goals_reject_near_misses(wid, values):
    w = widgets.create("next_char_table", lesson_widgets()[wid].data)
    w.set_values(values)
    assert not w.goal_met()


def test_the_most_predictable_row_is_newline_then_a_capital_at_every_slice():
    for n in SLICES:
        w = table(source="shakespeare", chars=n)
        best = max((max(r.values()) / sum(r.values()), a) for a, r in w.rows.items() if r)
        assert best[1] == "\n" and max(w.rows["\n"], key=w.rows["\n"].get) == OTHER, n
    for n in (10000, 50000):
        w = table(source="shakespeare", chars=n, row="\n")
        assert 0.7 <= w.values()["top_p"] <= 0.8          # "about three times in four"


def test_numbers_stated_in_the_prose():
    text = shakespeare()
    assert len(set(text)) == 65 and 65 * 65 == 4225 and len(text) == 1115394
    w = table(source="shakespeare", chars=10000, row="t")
    assert (w.rows["t"]["h"], w.values()["row_total"], round(232 / 710, 3)) == (232, 710, 0.327)
    assert readout(w, "most likely after t") == "'h': 232 / 710 = 0.327"
    first = text[:50000]
    pairs = Counter(zip(first, first[1:]))
    row_t = {b: n for (a, b), n in pairs.items() if a == "t"}
    assert (row_t["h"], sum(row_t.values())) == (1064, 3089) and round(1064 / 3089, 3) == 0.344
    assert round(100 * row_t[" "] / 3089) == 23 and round(100 * 1064 / 3089) == 34
    assert len(set(first)) == 59
    # "the rows barely change past 50,000 characters"
    for n in SLICES[5:]:
        w = table(source="shakespeare", chars=n, row="t")
        assert abs(w.rows["t"]["h"] / w.values()["row_total"] - 0.344) < 0.012, n
    # 16 symbols in the widget's model
    assert len(table(source="shakespeare", chars=50000).alphabet) == 16


def test_lesson_cells_run_in_the_page_kernel_and_drive_the_generator():
    _, printed, _ = run_lesson("m14-l01")
    out = "".join(printed.values())
    assert "t then h: 1064 of 3089" in out and "59 rows" in out
    gen = widgets.mounted["gen"]
    assert gen.fn is not None and gen.fn.__name__ == "sample_next"
    press(gen, "more")
    assert gen.fn_note.endswith("\u2713")