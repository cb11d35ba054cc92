"""The bpe_merge_stepper widget: greedy merges with a stated tie-break, clicks on pair rows, undo,
goals, and the numbers lesson m17-l02 states about the tongue-twister."""

import pytest

from mlmath import widgets
from mlmath.m17.l02_bpe import count_pairs, merge, top_pair
from mlmath.m17.bpe_merge_stepper import ranked
from lesson_kernel import lesson_part
from scene_checks import readout

TEXT = "peter piper picked a peck of pickled peppers"


def make(**config):
    return widgets.create("bpe_merge_stepper", config)


def press(w, cid):
    w.handle({"type": "input", "id": cid, "value": None})


def test_bad_options_rejected():
    with pytest.raises(ValueError, match="max_merges"):
        make(max_merges=0)
    with pytest.raises(ValueError, match="bytes"):
        make(text="x" * 61)


def test_tie_break_is_first_seen_and_matches_python_max():
    ids = list(TEXT.encode())
    table = ranked(ids)
    assert [(bytes(p), c, f) for p, c, f in table[:2]] == [(b"pe", 5, 0), (b" p", 5, 5)]
    assert table[0][0] == top_pair(ids) == max(count_pairs(ids), key=count_pairs(ids).get)
    after = merge(ids, (112, 101), 256)
    top3 = ranked(after)[:3]
    assert [c for _, c, _ in top3] == [3, 3, 3]
    assert top3[0][0] == (32, 112) and top3[0][2] == 4 and top3[1][0] == (112, 105) and top3[1][2] == 5
    assert top3[2][0] == (99, 107)


def test_merge_top_pair_shrinks_by_the_count_and_grows_the_table():
    w = make(text=TEXT)
    assert w.values() == {"merges": 0, "length": 44, "bytes": 44, "vocab": 256, "greedy": 1, "top": 5}
    lengths = [44]
    for _ in range(4):
        press(w, "top")
        lengths.append(w.values()["length"])
    assert lengths == [44, 39, 36, 33, 30]
    assert [m[0] for m in w.merges][:2] == [(112, 101), (32, 112)]
    assert [bytes(w.vocab[m[1]]) for m in w.merges] == [b"pe", b" p", b" pi", b"ck"]
    assert w.values()["greedy"] == 1 and w.values()["vocab"] == 260
    assert readout(w, "sequence length") == "44 bytes \u2192 30 tokens"
    assert readout(w, "vocabulary size") == "256 + 4 = 260"


def test_clicking_a_lower_row_merges_that_pair_and_is_not_greedy():
    w = make(text=TEXT)
    w.handle({"type": "drag", "handle": "pair:99,107", "x": 0, "y": 0})      # c + k
    assert w.values()["length"] == 41 and w.values()["greedy"] == 0
    w.handle({"type": "drag", "handle": "pair:99,107", "x": 5, "y": 5})      # the same drag again: pair is gone
    assert w.values()["merges"] == 1
    w.handle({"type": "key", "handle": "pair:112,101", "key": "ArrowDown"})  # not Enter: nothing
    assert w.values()["merges"] == 1
    w.handle({"type": "key", "handle": "pair:112,101", "key": "Enter"})
    assert w.values()["merges"] == 2 and w.values()["length"] == 36
    assert any("not the top pair" in s.get("s", "") and "bad" in s["cls"] for s in w.shapes())
    w.handle({"type": "drag", "handle": "pair:oops", "x": 0, "y": 0})
    assert w.values()["merges"] == 2


def test_undo_and_reset():
    w = make(text=TEXT)
    press(w, "top")
    press(w, "top")
    press(w, "undo")
    assert w.values()["merges"] == 1 and w.values()["length"] == 39 and 257 not in w.vocab
    press(w, "reset")
    assert w.values()["merges"] == 0 and w.values()["length"] == 44


def test_max_merges_and_running_out_of_pairs():
    w = make(text="abab", max_merges=5)
    for _ in range(6):
        press(w, "top")
    assert w.values()["length"] == 1 and w.values()["merges"] == 2 and w.values()["top"] == 0
    assert any(c["id"] == "top" and c["disabled"] for c in w.controls())
    cap = make(text=TEXT, max_merges=2)
    for _ in range(4):
        press(cap, "top")
    assert cap.values()["merges"] == 2


def test_set_values_and_goal():
    part = lesson_part("m17-l02", "widget", "steps")
    w = widgets.create("bpe_merge_stepper", part.data)
    assert not w.goal_met()
    w.set_values(part.data["goal"]["solution"])
    assert w.goal_met()
    w.set_values({"merges": 3})
    assert not w.goal_met()
    (a, b), _, _ = ranked(w.ids)[-1]
    w.handle({"type": "drag", "handle": f"pair:{a},{b}", "x": 0, "y": 0})
    assert w.values()["merges"] == 4 and not w.goal_met()      # four merges, one not greedy
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"length": 3})


@pytest.mark.parametrize("merges", [0, 3, 10])
def test_pair_rows_are_labelled(merges):
    w = make(text=TEXT, max_merges=10)
    w.set_values({"merges": merges})
    for s in w.shapes():
        if "handle" in s:
            assert s["label"] and s["value"]


def test_a_click_anywhere_on_a_row_reaches_its_button():
    """Nothing but text (which takes no clicks) is drawn over a pair row: the count bar lies under it."""
    w = make(text=TEXT)
    shapes = w.shapes()
    rows = [i for i, s in enumerate(shapes) if str(s.get("handle", "")).startswith("pair:")]
    assert rows
    for i in rows:
        r = shapes[i]
        for s in shapes[i + 1:]:
            if s["t"] == "text":
                continue
            if s["t"] == "rect":
                inside = r["x"] <= s["x"] < r["x"] + r["w"] and r["y"] <= s["y"] < r["y"] + r["h"]
                assert not inside, f"a {s.get('cls')} rect is drawn over the row {r['handle']}"
