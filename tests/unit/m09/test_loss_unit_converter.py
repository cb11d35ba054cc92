"""loss_unit_converter: bits are nats / ln 2, perplexity is e^nats = 2^bits, a uniform
guess over k choices has loss ln k, and the handle moves the loss."""

import math

from mlmath import widgets


def test_the_three_scales_agree():
    w = widgets.create("loss_unit_converter", {"loss": 2.0})
    v = w.values()
    assert math.isclose(v["bits"], 2 / math.log(2)) and math.isclose(v["perplexity"], 2 ** v["bits"])
    w.set_values({"loss": round(math.log(2), 2)})
    assert abs(w.values()["perplexity"] - 2) < 0.02 and abs(w.values()["bits"] - 1) < 0.01


def test_a_uniform_guess_over_65():
    w = widgets.create("loss_unit_converter", {})
    w.handle({"type": "drag", "handle": "loss", "x": w.plot.x(math.log(65)), "y": 0})
    assert abs(w.values()["perplexity"] - 65) < 0.4
