"""The window_vs_rnn_params widget: dragging the window, the two counts, the goal, and
the parameter counts lesson m14-l05 states."""

import pytest

from lesson_kernel import lesson_widget
from mlmath import widgets
from mlmath.m14.window_vs_rnn_params import mlp_params, rnn_params


def chart(**config):
    return widgets.create("window_vs_rnn_params", config)


@pytest.mark.parametrize("config, words", [
    ({"n": 0}, "n must"),
    ({"n": 40}, "n must"),
    ({"vocab": 1.5}, "vocab"),
    ({"hidden": True}, "hidden"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        chart(**config)


def test_drag_and_keys_move_the_window():
    w = chart()
    w.handle({"type": "drag", "handle": "n", "x": w.plot.x(16) + 3, "y": 0})
    assert w.n == 16
    w.handle({"type": "key", "handle": "n", "key": "ArrowRight"})
    assert w.n == 17
    w.handle({"type": "key", "handle": "n", "key": "PageDown"})
    assert w.n == 12
    w.handle({"type": "key", "handle": "n", "key": "Home"})
    assert w.n == 1
    w.handle({"type": "key", "handle": "n", "key": "ArrowLeft"})
    assert w.n == 1
    w.handle({"type": "drag", "handle": "n", "x": 10_000, "y": 0})
    assert w.n == 32


def test_rnn_count_never_depends_on_the_window():
    w = chart()
    counts = set()
    for n in range(1, 33):
        w.set_values({"n": n})
        counts.add(w.values()["rnn"])
    assert counts == {23165}


def test_readouts_and_scene():
    w = chart(n=3)
    r = {x["label"]: x["value"] for x in w.readouts()}
    assert r["MLP, window 3"].endswith("= 10,315")
    assert r["RNN, any length"].endswith("= 23,165")
    assert r["difference"] == "the MLP has 12,850 fewer"
    assert [s["handle"] for s in w.scene()["shapes"] if s.get("handle")] == ["n"]
    with pytest.raises(ValueError):
        w.set_values({"rnn": 1})


def test_lesson_goal_unmet_at_start_and_met_only_at_the_crossing():
    w = lesson_widget("m14-l05", "params")
    assert not w.goal_met()
    met = []
    for n in range(1, 33):
        w.set_values({"n": n})
        if w.goal_met():
            met.append(n)
    assert met == [16] == [w.goal["solution"]["n"]]


def test_the_numbers_the_prose_states():
    assert rnn_params(65, 100) == 6500 + 10000 + 100 + 6500 + 65 == 23165
    assert mlp_params(65, 10, 100, 3) == 10315
    assert mlp_params(65, 10, 100, 16) == 23315
    assert mlp_params(65, 10, 100, 15) < rnn_params(65, 100)
    assert mlp_params(65, 10, 100, 100) == 107315
    assert mlp_params(65, 10, 100, 4) - mlp_params(65, 10, 100, 3) == 10 * 100 == 1000
    assert rnn_params(4, 3) == 40 and mlp_params(4, 2, 3, 5) == 57
    # the unshared quiz: one 100 x 100 W_h per character, over 1,000 characters
    assert 1000 * 100 * 100 == 10_000_000
