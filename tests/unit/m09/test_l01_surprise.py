"""Module 9's arithmetic, and every number lesson m09-l01 states in its prose."""

import math

from mlmath.data import shakespeare
from mlmath.m09.l01_surprise import binary_entropy, cross_entropy, entropy, kl, surprise

WEATHER = [0.7, 0.2, 0.08, 0.02]


def test_surprise_halving_adds_a_bit_and_bits_convert_to_nats():
    assert [surprise(p) for p in (1, 0.5, 0.25, 0.125)] == [0, 1, 2, 3]
    assert surprise(0.25) == surprise(0.5) + surprise(0.5)            # two coins: surprises add
    assert math.isclose(surprise(0.5, math.e), 0.693, abs_tol=5e-4)    # 1 bit in nats
    assert math.isclose(3 * math.log(2), 2.079, abs_tol=5e-4)          # the quiz: 3 bits in nats
    assert surprise(0) == math.inf and str(surprise(1)) == "0.0"


def test_the_weather_numbers():
    assert round(surprise(0.7), 2) == 0.51 and round(surprise(0.02), 2) == 5.64 and surprise(0.02) > 5
    assert round(entropy(WEATHER), 2) == 1.23
    assert round(0.02 * surprise(0.02), 2) == 0.11


def test_entropy_skips_zeros_and_is_largest_when_flat():
    assert entropy([0.5, 0.5, 0, 0]) == 1 and entropy([1.0, 0.0]) == 0
    assert entropy([0.25] * 4) == 2
    assert round(entropy([0.97, 0.01, 0.01, 0.01]), 2) == 0.24 and round(surprise(0.01), 1) == 6.6
    assert round(entropy([0.4, 0.3, 0.2, 0.1]), 2) == 1.85
    assert round(entropy([1 / 3] * 3 + [0]), 2) == 1.58 == round(math.log2(3), 2)     # the quiz's flat-over-three
    assert binary_entropy(0.5) == 1 and binary_entropy(1) == 0
    assert abs(binary_entropy(0.11) - 0.5) < 0.005 and surprise(0.11) > 3


def test_cross_entropy_is_entropy_plus_kl():
    p, q = [0.5, 0.3, 0.2], [0.2, 0.5, 0.3]
    assert math.isclose(cross_entropy(p, q), entropy(p) + kl(p, q))
    assert kl(p, p) == 0 and kl(p, q) > 0 and cross_entropy([1, 0], [0, 1]) == math.inf


def test_shakespeares_character_entropy():
    text = shakespeare()
    assert len(text) == 1_115_394 and len(set(text)) == 65
    counts = {}
    for ch in text:
        counts[ch] = counts.get(ch, 0) + 1
    h = entropy([c / len(text) for c in counts.values()])
    assert round(h, 2) == 4.78 and round(math.log2(65), 2) == 6.02
    assert round(math.log2(65) - h, 2) == 1.24
