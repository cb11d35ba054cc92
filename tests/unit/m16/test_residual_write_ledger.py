"""residual_write_ledger (lesson m16-l03): the stream at one position as a sum of seven terms."""

from lesson_kernel import lesson_widget
from mlmath.m16 import l03_lens as L
from mlmath.widgets import create

def test_all_terms_on_is_the_model():
    w = lesson_widget("m16-l03", "ledger")
    m = w.model
    rec = L.forward(m, m.encode("ROMEO:\nWhat say you now"))
    assert w.stream() == rec.streams[-1][14]
    p = L.softmax(L.lens(m, rec.streams[-1][14]))
    assert abs(w.p_next() - p[m.index[" "]]) < 1e-12


def test_prose_numbers():
    w = lesson_widget("m16-l03", "ledger")
    assert (w.prompt[14], w.prompt[15]) == ("y", " ")
    assert round(w.p_next(), 3) == 0.755                      # "a probability of 0.755"
    emb_only = [True] + [False] * 6
    assert w.p_next(emb_only) < 0.01                          # the embedding alone: nonsense
    assert w.worst() == "mlp 1"                               # the goal's solution


def test_toggle_by_click_and_key_and_goal():
    w = lesson_widget("m16-l03", "ledger")
    assert not w.goal_met()
    w.handle({"type": "drag", "handle": "term2", "x": 0, "y": 0})
    assert w.on[2] is False and w.values()["off"] == "mlp 1" and w.goal_met()
    w.handle({"type": "key", "handle": "term2", "key": "Enter"})
    assert all(w.on) and not w.goal_met()
    w.handle({"type": "key", "handle": "term3", "key": "ArrowLeft"})
    assert all(w.on)
    w.handle({"type": "drag", "handle": "term1", "x": 0, "y": 0})
    w.handle({"type": "drag", "handle": "term2", "x": 0, "y": 0})
    assert w.values()["off"] == "several" and not w.goal_met()
    w.handle({"type": "input", "id": "all", "value": None})
    assert all(w.on)
    w.set_values({"off": "mlp 1"})
    assert w.goal_met()


def test_removing_a_term_is_one_subtraction():
    w = create("residual_write_ledger", {"pos": 10})
    full = w.stream()
    w.handle({"type": "drag", "handle": "term6", "x": 0, "y": 0})
    assert all(abs(a - (b - c)) < 1e-12 for a, b, c in zip(w.stream(), full, w.terms[6]))


def test_position_slider_and_empty_sum():
    w = create("residual_write_ledger")
    w.handle({"type": "input", "id": "pos", "value": 7})
    assert w.pos == 7 and all(w.on)
    w.set_values({"mask": "0000000"})
    assert w.p_next() is None and w.values()["p"] == -1.0
    assert "empty" in w.readouts()[1]["value"]
    assert any(s.get("s") == "nothing left to decode" for s in w.shapes())
    w.set_values({"mask": "1"})
    assert w.on == [True] + [True] * 6


def test_the_switches_come_first():
    shapes = lesson_widget("m16-l03", "ledger").shapes()
    assert [sh["handle"] for sh in shapes[:7]] == [f"term{k}" for k in range(7)]
