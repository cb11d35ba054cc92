"""beam_search_tree: beam search on lesson m17-l05's trained model, its controls and goal."""


import pytest

from mlmath.m17 import l05_decode as D
from mlmath.widgets import create


def test_width_one_is_greedy():
    m = D.model()
    for n in (1, 4, 8):
        assert D.beam_search(m, "ROMEO:\n", n, 1)[0][0] == D.generate(m, "ROMEO:\n", n, D.argmax)


def test_beam_scores_are_sums_of_log_probs():
    m = D.model()
    text, total = D.beam_search(m, "ROMEO:\n", 5, 3)[0]
    assert abs(-total / 5 - D.nll_per_char(m, "ROMEO:\n", text)) < 1e-9


def test_goal_unmet_at_start_and_met_by_its_solution():
    w = create("beam_search_tree", {"goal": {"text": "g", "check": "best > greedy + 0.01"}})
    assert not w.goal_met()
    w.set_values({"width": 2, "depth": 2})
    v = w.values()
    assert w.goal_met() and v["beats"] == 1
    assert w.texts(w.search())[0][0] == "Th"
    assert (v["forwards"], v["greedy_forwards"]) == (9, 8)
    w.set_values({"width": 1})
    assert not w.goal_met()


def test_controls_move_width_and_depth():
    w = create("beam_search_tree", {})
    w.handle({"type": "input", "id": "width", "value": "3"})
    w.handle({"type": "input", "id": "depth", "value": "99"})
    assert (w.w, w.d) == (3, 8)
    w.handle({"type": "input", "id": "depth", "value": "x"})
    assert w.d == 8
    assert len(w.search()) == 8 and all(len(row) == 3 for row in w.search())


def test_bad_options_rejected_and_a_verdict_given():
    with pytest.raises(ValueError):
        create("beam_search_tree", {"width": 9})
    with pytest.raises(ValueError):
        create("beam_search_tree", {"prompt": "caf\u00e9"})
    assert any(r["label"] == "verdict" for r in create("beam_search_tree", {"width": 4, "depth": 8}).readouts())
