"""The char_vocab_grid widget, and the numbers lesson m17-l01 states about the character vocabulary."""


import pytest

from mlmath import widgets
from mlmath.data import shakespeare
from mlmath.gpt.tokenizer import Tokenizer
from mlmath.m17.l01_tokenizers import CHARS
from mlmath.m17.char_vocab_grid import MAX_TEXT
from lesson_kernel import run_lesson


def grid(**config):
    return widgets.create("char_vocab_grid", config)


def test_vocabulary_is_the_capstones():
    assert CHARS == "".join(sorted(set(shakespeare())))
    assert CHARS == Tokenizer.from_text(shakespeare()).chars
    assert len(CHARS) == 65


@pytest.mark.parametrize("config", [{"text": "x" * (MAX_TEXT + 1)}, {"target": [65]},
                                    {"target": "20"}, {"target": []}, {"target": [True]}])
def test_bad_config_rejected(config):
    with pytest.raises(ValueError):
        grid(**config)


def test_ids_and_readouts():
    w = grid(text="Hark!")
    assert w.ids() == [20, 39, 56, 49, 2]
    assert w.values()["round_trip"] == 1
    assert w.readouts()[0]["value"] == "[20, 39, 56, 49, 2]"
    w.set_values({"text": "Hé7"})
    assert w.ids() == [20, None, None]
    v = w.values()
    assert v["unknown"] == 2 and v["round_trip"] == 0
    assert any("encode would fail" in r["value"] for r in w.readouts())


def test_click_and_keys_append_and_delete():
    w = grid()
    w.handle({"type": "drag", "handle": "c:20", "x": 0, "y": 0})
    w.handle({"type": "key", "handle": "c:47", "key": "Enter"})
    assert w.text == "Hi"
    w.handle({"type": "key", "handle": "c:47", "key": "Backspace"})
    assert w.text == "H"
    w.handle({"type": "input", "id": "text", "value": "x" * 100})
    assert len(w.text) == MAX_TEXT
    w.handle({"type": "drag", "handle": "c:1", "x": 0, "y": 0})
    assert len(w.text) == MAX_TEXT
    w.handle({"type": "input", "id": "clear", "value": None})
    assert w.text == ""


def test_goal_met_only_by_target():
    w = grid(text="Hi", target=[20, 39, 56, 49, 2],
             goal={"text": "t", "check": "matches == 1", "solution": {"text": "Hark!"}})
    assert not w.goal_met()
    w.handle({"type": "input", "id": "text", "value": "hark!"})
    assert not w.goal_met()
    w.handle({"type": "input", "id": "text", "value": "Hark!"})
    assert w.goal_met()
    with pytest.raises(KeyError):
        w.set_values({"ids": [1]})


def test_every_character_is_a_labelled_cell():
    handles = [sh for sh in grid(text="x" * MAX_TEXT).scene()["shapes"] if "handle" in sh]
    assert len(handles) == 65 and all(sh.get("label") for sh in handles)


def test_prose_numbers():
    """'Hi' -> [20, 47]; A is 13, a is 39, F is 18 and is the first character; 65 characters: newline,
    space, ten punctuation marks and symbols, the digit 3, 26 capitals, 26 small letters."""
    assert [CHARS.index(c) for c in "Hi"] == [20, 47]
    assert CHARS.index("A") == 13 and CHARS.index("a") == 39 and CHARS.index("F") == 18
    assert shakespeare()[0] == "F"
    assert CHARS.index("H") == 20
    other = [c for c in CHARS if not c.isalpha() and c not in " \n"]
    assert len(other) == 11 and "3" in other       # ten marks and symbols, plus the digit 3
    assert sum(c.isupper() for c in CHARS) == 26 and sum(c.islower() for c in CHARS) == 26
    assert "é" not in CHARS and "7" not in CHARS


def test_lesson_cells_print_what_the_prose_says():
    _, printed, _ = run_lesson("m17-l01")
    joined = "\n".join(printed.values())
    assert "65 characters in the capstone's vocabulary" in joined
    assert "same vocabulary as yours: True" in joined
    assert "same ids on the first 80 characters: True" in joined
    assert "[20, 39, 56, 49, 2] -> 'Hark!'" in joined
    assert "café: characters not in the vocabulary: 'é'" in joined
