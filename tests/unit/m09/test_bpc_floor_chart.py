"""bpc_floor_chart: the curve is the recorded loss in bits, its first dip under the unigram
entropy is at iteration 84, and the run ends above the bigram line and far above Shannon's band."""

import math

from mlmath import widgets
from mlmath.m09.l04_capstone_curve import BIGRAM_VAL_BITS, LOSSES, SHANNON_BAND, UNIGRAM_BITS


def test_bits_are_the_recorded_nats_over_ln2():
    w = widgets.create("bpc_floor_chart", {"step": 10})
    assert math.isclose(w.values()["bits"], LOSSES[9] / math.log(2))


def test_first_below_unigram_and_where_it_ends():
    w = widgets.create("bpc_floor_chart", {})
    first = w.values()["first_below_unigram"]
    assert first == 84 and LOSSES[83] / math.log(2) < UNIGRAM_BITS
    assert all(v / math.log(2) >= UNIGRAM_BITS for v in LOSSES[:83])
    assert min(LOSSES) / math.log(2) > BIGRAM_VAL_BITS > SHANNON_BAND[1]
    assert w.values()["val_bits"] > BIGRAM_VAL_BITS


def test_the_handle_walks_the_run():
    w = widgets.create("bpc_floor_chart", {})
    w.handle({"type": "drag", "handle": "step", "x": w.plot.x(84), "y": 0})
    assert w.values()["step"] == 84
    w.handle({"type": "key", "handle": "step", "key": "ArrowRight"})
    assert w.values()["step"] == 85
