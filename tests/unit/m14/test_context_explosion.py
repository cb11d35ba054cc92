"""The context_explosion widget: rows |V|^n, contexts counted honestly on a slice, held-out
positions with no row, goal, events, and the numbers lesson m14-l04 states about them."""

from pathlib import Path

import pytest

from mlbuild.lesson import parse_lesson
from mlmath import widgets
from mlmath.data import shakespeare

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m14-l04.md"


def make(**config):
    return widgets.create("context_explosion", config)


def reference(train, test, n):
    seen = {train[i:i + n] for i in range(len(train) - n)}
    held = [test[i:i + n] for i in range(len(test) - n)]
    return len(seen), sum(c not in seen for c in held), len(held)


def test_rejects_bad_option_values():
    for bad in ({"n": 0}, {"n": 7}, {"chars": 10}, {"heldout": True}):
        with pytest.raises(ValueError):
            make(**bad)


def test_counts_match_a_direct_count_on_the_slice():
    w = make(chars=3000, heldout=1000)
    s = shakespeare()
    for n in range(1, 7):
        w.set_values({"n": n})
        seen, unseen, total = reference(s[:3000], s[3000:4000], n)
        v = w.values()
        assert v["rows"] == 65 ** n
        assert v["seen"] == seen and abs(v["unseen"] - unseen / total) < 1e-12
        assert v["filled"] == seen / 65 ** n


def test_slider_clicks_and_keys_set_n():
    w = make()
    w.handle({"type": "input", "id": "n", "value": 3})
    assert w.n == 3
    w.handle({"type": "drag", "handle": "n:5", "x": 0, "y": 0})
    assert w.n == 5
    w.handle({"type": "key", "handle": "n:5", "key": "ArrowRight"})
    assert w.n == 6
    w.handle({"type": "key", "handle": "n:6", "key": "ArrowRight"})
    assert w.n == 6
    w.handle({"type": "key", "handle": "n:6", "key": "ArrowLeft"})
    assert w.n == 5
    w.handle({"type": "key", "handle": "n:2", "key": "Enter"})
    assert w.n == 2
    w.handle({"type": "drag", "handle": "bogus", "x": 0, "y": 0})
    assert w.n == 2
    w.handle({"type": "key", "handle": "n:2", "key": "End"})
    assert w.n == 6


def test_unvisited_n_shows_a_question_mark_and_is_counted_on_visit():
    w = make()
    marks = [s for s in w.shapes() if s["t"] == "text" and s["s"] == "?"]
    assert len(marks) == 5
    w.set_values({"n": 4})      # counts n = 4, and n = 3 for unseen_prev
    marks = [s for s in w.shapes() if s["t"] == "text" and s["s"] == "?"]
    assert len(marks) == 3


def test_readouts_state_the_numbers():
    w = make()
    w.set_values({"n": 4})
    text = {r["label"]: r["value"] for r in w.readouts()}
    assert text["rows a table needs, 65^4"] == "17,850,625"
    assert text["held-out positions with no row"] == "657 of 4,996 (13.2%)"


def test_goal_is_the_lesson_goal():
    part = {p.id: p for p in parse_lesson(LESSON).parts("widget")}["explode"]
    w = widgets.create(part.arg, part.data)
    assert not w.goal_met()
    for n, met in ((2, False), (3, False), (4, True), (5, False), (6, False)):
        w.set_values({"n": n})
        assert w.goal_met() is met, n


def test_numbers_the_lesson_states():
    s = shakespeare()
    assert len(set(s)) == 65
    train, test = s[:50000], s[50000:55000]
    assert reference(train, test, 2)[0] == 872 and round(872 / 4225 * 100, 1) == 20.6
    assert reference(train, test, 3)[0] == 4948 and 65 ** 3 == 274625 and round(4948 / 274625 * 100, 1) == 1.8
    assert reference(train, test, 4)[1:] == (657, 4996)
    seen6, unseen6, total6 = reference(train, test, 6)
    assert seen6 == 31390 and 65 ** 6 // 10 ** 9 == 75 and abs(unseen6 / total6 - 0.5) < 0.01
    text = LESSON.read_text()
    for phrase in ["$4{,}948$ of $274{,}625$", "$657$ of the $4{,}996$", "($13.2\\%$)", "$17{,}850{,}625$",
                   "answer = 19915", "$650 + 6{,}000 + 200 + 13{,}000 + 65 = 19{,}915$"]:
        assert phrase in text, phrase
    assert 65 ** 3 * 65 == 17850625
    assert 65 * 10 + 30 * 200 + 200 + 200 * 65 + 65 == 19915
