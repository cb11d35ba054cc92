"""The tokenizer_compare widget, the three tokenizers of mlmath.m17.l01_tokenizers (the recorded merge
table is retrained here), and the numbers lesson m17-l01 states about words and subwords."""


import pytest

from mlmath import widgets
from mlmath.m17.l01_tokenizers import (CHARS, MERGES, N_MERGES, TRAIN_CHARS, corpus, encode_piece, pieces,
                                       tokenize, train_merges, word_vocab)
from mlmath.m17.tokenizer_compare import MAX_TEXT, SLICES
from lesson_kernel import run_lesson


def compare(**config):
    return widgets.create("tokenizer_compare", config)


def test_recorded_merges_match_a_fresh_training_run():
    assert len(MERGES) == N_MERGES
    assert train_merges(corpus()[:TRAIN_CHARS], N_MERGES) == [tuple(p) for p in MERGES]


def test_merge_training_on_a_tiny_text():
    # "aaab aab": pieces 'aaab', ' aab'; (a, a) occurs 3 times, the most: merged first
    merges = train_merges("aaab aab", 2)
    assert merges[0] == ("a", "a")
    assert encode_piece("the", 0) == ["t", "h", "e"]


def test_pieces_cover_every_character():
    text = corpus()[:20_000] + "  odd  spacing\t\n é7!"
    assert "".join(pieces(text)) == text


@pytest.mark.parametrize("text", ["To be, or not to be", "A quizzical robot", "Shall I compare thee\nnow", "é!"])
def test_every_tokenizer_round_trips(text):
    for kind in ("char", "word", "subword"):
        assert "".join(t for t, _ in tokenize(text, kind)) == text


def test_bad_config_rejected():
    for config in ({"words": 12345}, {"merges": 501}, {"merges": -1}, {"sliders": ["x"]},
                   {"text": "x" * (MAX_TEXT + 1)}):
        with pytest.raises(ValueError):
            compare(**config)


def test_ids_are_positions_in_each_vocabulary():
    w = compare(text="A quizzical robot")
    vocab = word_vocab(TRAIN_CHARS)
    assert [i for _, _, i in w.rows["char"]] == [CHARS.index(c) for c in "A quizzical robot"]
    assert [i for _, _, i in w.rows["word"]] == [vocab.index("A"), len(vocab), len(vocab)]
    for t, ok, i in w.rows["subword"]:
        assert ok and (i == CHARS.index(t) if len(t) == 1 else "".join(MERGES[i - 65]) == t)
    v = w.values()
    assert v["word_unk"] == 2 and v["char_unk"] == 0 and v["sub_unk"] == 0
    assert v["word_vocab"] == len(vocab) + 1 and v["sub_vocab"] == 65 + 500
    assert any("UNK" in r["value"] for r in w.readouts())


def test_events_move_state():
    w = compare(sliders=["words", "merges"])
    assert [c["id"] for c in w.controls()] == ["text", "words", "merges"]
    w.handle({"type": "input", "id": "merges", "value": "0"})
    assert w.values()["sub_tokens"] == w.values()["char_tokens"]
    w.handle({"type": "input", "id": "words", "value": "0"})
    assert w.words == SLICES[0] and w.values()["word_vocab"] == 785
    w.handle({"type": "input", "id": "text", "value": "caf\u00e9" + "x" * 100})
    assert w.values()["text"] == "caf\u00e9" + "x" * (MAX_TEXT - 4)
    w.handle({"type": "input", "id": "text", "value": "caf\u00e9"})
    v = w.values()
    assert v["char_unk"] == 1 and v["sub_unk"] == 1 and v["word_unk"] == 2   # "caf" and "é"
    assert any(sh.get("cls") == "bad" for sh in w.shapes())


def test_goal():
    goal = {"text": "t", "check": "word_unk >= 1 and char_unk == 0", "solution": {"text": "A quizzical robot"}}
    w = compare(text="To be, or not to be", goal=goal)
    assert not w.goal_met()
    w.handle({"type": "input", "id": "text", "value": "caf\u00e9"})
    assert not w.goal_met()           # unknown to the word tokenizer, but é isn't one of the 65
    w.set_values({"text": "A quizzical robot"})
    assert w.goal_met()
    with pytest.raises(KeyError):
        w.set_values({"tokens": 3})


def test_prose_numbers():
    def count(text, kind):
        return len(tokenize(text, kind))
    assert count("To be, or not to be", "char") == 19
    assert count("To be, or not to be", "word") == 7 and count("To be, or not to be", "subword") == 7
    assert [len(word_vocab(n)) for n in (10_000, 200_000)] == [784, 5935]
    assert all(" compare" not in word_vocab(n) for n in SLICES)
    for w in (" quizzical", " robot"):
        assert w not in word_vocab(TRAIN_CHARS)
    assert MERGES[:5] == [(" ", "t"), ("h", "e"), ("o", "u"), (" ", "a"), (" t", "he")]
    assert encode_piece(" the", 5) == [" the"] and encode_piece(" the", 4) != [" the"]
    assert encode_piece(" thee", 500) == [" thee"]
    assert encode_piece(" question", 500) == [" ", "qu", "est", "ion"]
    _, printed, _ = run_lesson("m17-l01")
    joined = "\n".join(printed.values())
    assert "500 merges: [' thee'] [' ', 'qu', 'est', 'ion']" in joined
    assert "  5 merges: [' the', 'e']" in joined
