"""dropout_running_mean: unscaled dropout keeps 1 - p of the input on average, inverted
dropout keeps all of it; the goal's 5% window holds at p = 0.5 for every count of masks it allows."""

from mlmath import widgets
from mlmath.m13.dropout_running_mean import MAX_MASKS, X, outputs


def test_kept_units_are_scaled_by_one_over_one_minus_p():
    last, _ = outputs(0.25, 1, True)
    assert all(o == 0 or abs(o - x / 0.75) < 1e-12 for o, x in zip(last, X))
    last, _ = outputs(0.25, 1, False)
    assert all(o == 0 or o == x for o, x in zip(last, X))


def test_the_mean_settles_at_the_input_only_when_scaled():
    for p in (0.2, 0.5, 0.7):
        _, scaled = outputs(p, MAX_MASKS, True)
        _, plain = outputs(p, MAX_MASKS, False)
        assert abs(sum(scaled) / sum(X) - 1) < 0.05
        assert abs(sum(plain) / sum(X) - (1 - p)) < 0.05


def test_the_goal_window_never_depends_on_luck_at_p_one_half():
    for n in range(500, MAX_MASKS + 1):
        _, mean = outputs(0.5, n, True)
        assert abs(sum(mean) / sum(X) - 1) < 0.05


def test_the_widget_starts_unscaled_near_one_half():
    w = widgets.create("dropout_running_mean", {"masks": 1000})
    v = w.values()
    assert not v["scaled"] and abs(v["ratio"] - 0.5) < 0.05 and v["expected"] == 0.5
    w.handle({"type": "input", "id": "scaled", "value": None})
    assert w.values()["scaled"] and abs(w.values()["ratio"] - 1) < 0.05
