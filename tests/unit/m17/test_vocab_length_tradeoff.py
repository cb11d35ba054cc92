"""The vocab_length_tradeoff widget and the cost numbers lesson m17-l01 states."""


import pytest

from mlmath import widgets
from mlmath.gpt.model import Config, n_params
from mlmath.m17.l01_tokenizers import held_out, pieces, subword_curve, tokenize, word_vocab
from mlmath.m17.vocab_length_tradeoff import PLOT, X0, X1, data
from lesson_kernel import run_lesson


def plot(**config):
    return widgets.create("vocab_length_tradeoff", config)


def test_curve_counts_real_tokens():
    text = held_out()
    curve = subword_curve(text)
    assert curve[0] == len(text) == 20_000
    for k in (1, 37, 111, 500):
        assert curve[k] == len(tokenize(text, "subword", k=k))
    assert all(a >= b for a, b in zip(curve, curve[1:]))


def test_bad_config_rejected():
    for config in ({"merges": 501}, {"d_model": 0}, {"context": True}):
        with pytest.raises(ValueError):
            plot(**config)


def test_drag_keys_and_slider():
    w = plot()
    w.handle({"type": "drag", "handle": "merges", "x": PLOT.x(176), "y": 0})
    assert w.k == 111
    w.handle({"type": "drag", "handle": "merges", "x": X0 - 50, "y": 0})
    assert w.k == 0
    w.handle({"type": "drag", "handle": "merges", "x": X1 + 50, "y": 0})
    assert w.k == 500
    w.handle({"type": "key", "handle": "merges", "key": "Home"})
    w.handle({"type": "key", "handle": "merges", "key": "ArrowRight"})
    w.handle({"type": "key", "handle": "merges", "key": "PageUp"})
    assert w.k == 26
    w.handle({"type": "input", "id": "merges", "value": "300"})
    assert w.k == 300
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"vocab": 3})


def test_goal_is_the_fewest_merges():
    goal = {"text": "t", "check": "reach >= 100 and prev_reach < 100", "solution": {"merges": 111}}
    w = plot(goal=goal)
    assert not w.goal_met()
    w.set_values({"merges": 112})
    assert not w.goal_met()
    w.set_values({"merges": 111})
    assert w.goal_met()


def test_prose_numbers():
    d = data()
    v = plot(merges=111).values()
    assert v["tokens"] == 12_778 and v["vocab"] == 176 and v["embed"] == 11_264 and v["reach"] >= 100
    assert plot(merges=110).values()["reach"] < 100
    assert plot().values()["reach"] == 64.0 and plot().values()["embed"] == 4_160
    curve = d["curve"]
    assert curve[0] - curve[111] > curve[111] - curve[500]       # the next 389 merges save less
    assert (d["word_v"], d["word_t"], d["word_unk"]) == (3_758, 5_459, 855)
    assert d["word_v"] == len(word_vocab()) + 1 and d["word_t"] == len(pieces(held_out()))
    assert d["word_v"] * 64 == 240_512
    assert n_params(Config()) == 208_320
    assert n_params(Config(vocab_size=3758)) == 444_672 == 208_320 + (3758 - 65) * 64
    assert 3758 * 64 > 444_672 - 3758 * 64          # the embedding is bigger than the rest of the model
    _, printed, _ = run_lesson("m17-l01")
    joined = "\n".join(printed.values())
    assert "word: V = 3,758  embedding 240,512  whole model 444,672" in joined
