import pytest

from mlmath.gpt.tokenizer import Tokenizer


def test_sorted_vocabulary_round_trip():
    tok = Tokenizer.from_text("hello world\n")
    assert tok.chars == "\n dehlorw"
    assert tok.decode(tok.encode("hello")) == "hello"
    assert tok.encode("\n ") == [0, 1]


def test_unknown_characters_are_named():
    with pytest.raises(ValueError, match="'xz'"):
        Tokenizer("abc").encode("axbz")
