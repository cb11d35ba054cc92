"""The learned_position_rows widget: the capstone's own wte/wpe rows, the lookup x = wte[c] + wpe[p],
the end of the table, dragging, keys, goals, and the numbers lesson m15-l04 states."""

import pytest

from lesson_kernel import lesson_part, lesson_widget
from mlmath import widgets
from mlmath.data import shakespeare
from mlmath.gpt.model import Config, init_params, param_table
from mlmath.m15.learned_position_rows import DIMS, ROWS, TEXT, VOCAB
from scene_checks import assert_scene_fits, readout




@pytest.mark.parametrize("config, words", [({"p": 72}, "p must"), ({"p": -1}, "p must"),
                                           ({"p": True}, "p must"), ({"seed": ""}, "seed")])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("learned_position_rows", config)


def test_text_and_vocabulary_are_the_capstones():
    text = shakespeare()
    assert TEXT == text[:len(TEXT)]
    assert VOCAB == "".join(sorted(set(text)))
    cfg = Config()
    assert (ROWS, DIMS, len(VOCAB)) == (cfg.block_size, cfg.n_embd, cfg.vocab_size)


def test_rows_are_the_capstones_starting_weights():
    cfg = Config()
    flat = init_params(cfg, "mlmath")
    table = {p.name: p for p in param_table(cfg)}
    w = widgets.create("learned_position_rows", dict(seed="mlmath"))
    wte, wpe = table["transformer.wte.weight"], table["transformer.wpe.weight"]
    for r in (0, 17, 63):
        start = wpe.offset + r * DIMS
        assert w.wpe[r] == pytest.approx(list(flat[start:start + DIMS]), rel=1e-6, abs=1e-9)
    row = VOCAB.index("e")
    start = wte.offset + row * DIMS
    assert w.row_of("e") == pytest.approx(list(flat[start:start + DIMS]), rel=1e-6, abs=1e-9)
    assert widgets.create("learned_position_rows", dict(seed="other")).wpe[0] != w.wpe[0]


def test_input_is_character_row_plus_position_row():
    w = widgets.create("learned_position_rows")
    for p in (0, 5, 63):
        want = [a + b for a, b in zip(w.row_of(TEXT[p]), w.wpe[p])]
        assert w.input_at(p) == pytest.approx(want)
    # the same character at two positions gets two different inputs
    first, second = TEXT.index("e"), TEXT.index("e", TEXT.index("e") + 1)
    assert w.input_at(first) != w.input_at(second)
    assert w.input_at(64) is None and w.input_at(71) is None


def test_drag_and_keys():
    w = widgets.create("learned_position_rows", dict(p=5))
    w.handle({"type": "drag", "handle": "p", "x": w.cx(40), "y": 0})
    assert w.p == 40
    w.handle({"type": "key", "handle": "p", "key": "PageUp"})
    assert w.p == 48
    w.handle({"type": "key", "handle": "p", "key": "End"})
    assert w.p == len(TEXT) - 1
    w.handle({"type": "key", "handle": "p", "key": "ArrowRight"})
    assert w.p == len(TEXT) - 1
    w.handle({"type": "key", "handle": "p", "key": "Home"})
    assert w.p == 0
    w.handle({"type": "drag", "handle": "p", "x": -50, "y": 0})
    assert w.p == 0


def test_readouts_and_the_end_of_the_table():
    w = widgets.create("learned_position_rows", dict(p=63))
    assert readout(w, "wpe row") == "row 63"
    assert readout(w, "table size") == "64 rows \u00d7 64 numbers = 4,096 parameters"
    w.set_values({"p": 64})
    assert readout(w, "wpe row") == "none (rows 0 to 63)"
    texts = [s["s"] for s in w.shapes() if s["t"] == "text"]
    assert "no row 64: the table has rows 0 to 63 only" in texts
    assert w.values() == {"p": 64, "has_row": 0, "rows": 64}


def test_goal_unmet_at_start_and_met_by_its_solution():
    part = lesson_part("m15-l04", "widget", "table")
    w = lesson_widget("m15-l04", "table")
    assert not w.goal_met()
    w.set_values({"p": 65})
    assert not w.goal_met()
    w.set_values(part.data["goal"]["solution"])
    assert w.goal_met()
    with pytest.raises(KeyError):
        w.set_values({"q": 1})


def test_scene_is_json_and_uses_known_classes():
    scene = assert_scene_fits(widgets.create("learned_position_rows").scene(), max_shapes=249)
    assert [s["handle"] for s in scene["shapes"] if "handle" in s] == ["p"]
