"""Lesson m09-l04's data and numbers: the copied capstone curve equals module 18's
recording, the reference lines are what tiny-shakespeare gives, and the stated
conversions (perplexity, bits, passes over the text) hold."""

import math

from mlmath.data import shakespeare
from mlmath.gpt.model import Config, n_params
from mlmath.m09 import l04_capstone_curve as C
from mlmath.m18.preset_runs import RUNS


def test_the_curve_is_module_18s_recording():
    run = RUNS["tiny/300/healthy/mlmath"]
    assert C.LOSSES == run["losses"] and C.EVALS == run["evals"]
    assert C.FULL_EVALS == RUNS["full/100/healthy/mlmath"]["evals"]
    assert round(C.LOSSES[0], 2) == 4.18 and abs(C.LOSSES[0] - math.log(65)) < 0.01   # starts near ln 65


def test_reference_lines_from_tiny_shakespeare():
    text = shakespeare()
    cut = int(0.9 * len(text))
    vocab = "".join(sorted(set(text)))
    assert len(vocab) == 65 and C.UNIFORM_BITS == math.log2(65)
    counts = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    h = -sum(c / len(text) * math.log2(c / len(text)) for c in counts.values())
    assert abs(h - C.UNIGRAM_BITS) < 1e-6
    b = C.bigram_cross_entropy_bits(text[:cut], text[cut:], vocab)
    assert abs(b - C.BIGRAM_VAL_BITS) < 1e-6 and round(2 ** b) == 12


def test_the_numbers_the_lesson_states():
    val = C.EVALS[-1][2]
    assert C.EVALS[-1][0] == 300 and round(val / math.log(2), 3) == 3.945
    assert round(val / math.log(2) - C.BIGRAM_VAL_BITS, 2) == 0.36
    assert round(C.FULL_EVALS[-1][2] / math.log(2), 3) == 3.959
    assert n_params(Config()) == 208_320 and Config().block_size == 64 and Config().vocab_size == 65
    assert round(3000 * 32 * 64 / int(0.9 * len(shakespeare()))) == 6
    assert round(math.log(65), 2) == 4.17 and round(math.log2(27), 3) == 4.755 and round(math.log(2), 3) == 0.693
    assert round(math.exp(2), 2) == 7.39 and round((math.e + math.e ** 3) / 2, 1) == 11.4
    assert C.SHANNON_BAND == (0.6, 1.3)
