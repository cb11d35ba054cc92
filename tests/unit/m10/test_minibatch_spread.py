"""minibatch_spread: measured variance tracks σ²/B, the mean stays on the full gradient, and the
numbers m10-l02 quotes at B = 16."""

from mlmath import widgets
from scene_checks import readout


def test_variance_falls_as_one_over_b():
    w = widgets.create("minibatch_spread", {})
    for b in (1, 2, 4, 8, 16, 32, 64):
        w.set_values({"batch": b})
        v = w.values()
        assert abs(v["variance"] / v["predicted"] - 1) < 0.15
        assert abs(v["mean"] - (-1.352)) < 0.06


def test_the_numbers_the_lesson_quotes():
    w = widgets.create("minibatch_spread", {"batch": 16})
    assert readout(w, "their variance") == "0.127" and readout(w, "σ² / B") == "0.1235"
    assert readout(w, "full gradient") == "−1.352"
