"""position_fingerprint: the encoding is sin/cos of a frequency ladder, the mystery is
found only at its own position, a single frequency (base 1) nearly repeats after 44
positions, and the numbers m03-l05 states."""

import math

from mlmath import widgets
from mlmath.m03.position_fingerprint import distance, encoding


def widget(**config):
    return widgets.create("position_fingerprint", config)


def test_the_encoding_is_a_ladder_of_clocks():
    fp = encoding(5, 8)
    for i in range(4):
        w = 10000 ** (-2 * i / 8)
        assert fp[2 * i] == math.sin(w * 5) and fp[2 * i + 1] == math.cos(w * 5)
        assert math.isclose(fp[2 * i] ** 2 + fp[2 * i + 1] ** 2, 1)


def test_the_lookup_is_unique():
    w = widget(positions=48, dims=8, base=10000, mystery=29)
    matches = []
    for g in range(48):
        w.set_values({"guess": g})
        if w.values()["match"] < 1e-9:
            matches.append(g)
    assert matches == [29]


def test_one_frequency_nearly_repeats_after_44():
    w = widget(positions=48, dims=8, base=1, mystery=3, guess=47)
    v = w.values()
    assert round(v["match"], 3) == 0.035 and v["closest_gap"] == 44
    assert round(7 * 2 * math.pi, 2) == 43.98


def test_distance_depends_only_on_the_gap():
    for k in (1, 6, 44):
        ds = {round(distance(encoding(p, 16), encoding(p + k, 16)), 9) for p in range(0, 150, 7)}
        assert len(ds) == 1


def test_the_closest_pairs_the_lesson_prints():
    for base, gap, dist in ((10000, 1, 1.0147), (1, 44, 0.0501)):
        fps = [encoding(p, 16, base) for p in range(200)]
        best = min((distance(fps[i], fps[j]), j - i) for i in range(200) for j in range(i + 1, 200))
        assert best[1] == gap and round(best[0], 4) == dist


def test_the_slowest_clock_of_a_wide_model_takes_tens_of_thousands_of_positions():
    # m03-l03's thread: with base 10000 and d = 512 the slowest hand's period is 2π·10000^(510/512)
    slowest = 10000 ** (-2 * 255 / 512)
    assert 10_000 < 2 * math.pi / slowest < 100_000
    assert 2 * math.pi / 1 < 6.3          # the fastest hand: one radian per position, period 2π
