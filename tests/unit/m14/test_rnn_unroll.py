"""The rnn_unroll widget: stepping through time, the shared weights panel, the learner's
forward function, and the numbers lesson m14-l05 states about the hello cell."""

import json
import math

import pytest

from mlmath import widgets
from mlmath.m14.rnn_unroll import forward
from scene_checks import readout


def unroll(**config):
    return widgets.create("rnn_unroll", config)


def r2(v):
    return [round(x, 2) for x in v]


# Config ------------------------------------------------------------------------------

@pytest.mark.parametrize("config, words", [
    ({"text": "help"}, "characters from"),
    ({"text": "hellohello"}, "1 to 7"),
    ({"t": 9}, "t must"),
    ({"wx": [[0.1, 0.2]]}, "wx must"),
    ({"wh": [[5.0, 0, 0], [0, 0, 0], [0, 0, 0]]}, "wh must be a number"),
    ({"select": "wq:1:1"}, "select"),
    ({"select": "wx:4:1"}, "select"),
    ({"alphabet": "aa"}, "alphabet"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        unroll(**config)


# Stepping through time -----------------------------------------------------------------

def test_marker_keys_buttons_and_drag_move_time():
    w = unroll(t=0)
    w.handle({"type": "key", "handle": "t", "key": "ArrowRight"})
    assert w.t == 1
    w.handle({"type": "key", "handle": "t", "key": "End"})
    assert w.t == 5
    w.handle({"type": "key", "handle": "t", "key": "ArrowRight"})
    assert w.t == 5, "time stops at the end of the word"
    w.handle({"type": "input", "id": "back", "value": None})
    assert w.t == 4
    w.handle({"type": "key", "handle": "t", "key": "Home"})
    assert w.t == 0
    w.handle({"type": "input", "id": "step", "value": None})
    assert w.t == 1
    w.handle({"type": "drag", "handle": "t", "x": w.col_x(3) + 10, "y": 5})
    assert w.t == 3
    w.handle({"type": "input", "id": "end", "value": None})
    assert w.t == 5


def test_columns_after_the_marker_are_not_drawn_yet():
    w = unroll(t=2)
    texts = {s["s"] for s in w.shapes() if s["t"] == "text"}
    assert "0.80" in texts and "0.70" in texts        # h1 and h2 unit 1
    assert "0.76" not in texts                          # h3 unit 2 is not read yet
    w.handle({"type": "input", "id": "step", "value": None})
    assert "0.76" in {s["s"] for s in w.shapes() if s["t"] == "text"}


def test_readouts_show_the_steps_arithmetic():
    w = unroll(t=1)
    assert readout(w, "Wₓx₁") == "[1.00, 0.20, −0.50] (column 'h' of Wₓ)"
    assert readout(w, "Wₕh₀") == "[0.00, 0.00, 0.00]"
    assert readout(w, "h₁ = tanh(sum)") == "tanh([1.10, 0.10, −0.50]) = [0.80, 0.10, −0.46]"
    w.set_values({"t": 0})
    assert "nothing read yet" in readout(w, "t")


def test_typing_a_word():
    w = unroll(typing=True, t=1)
    w.handle({"type": "input", "id": "word", "value": "lo"})
    assert w.text == "lo" and w.values()["hs"][1][0] < 0
    w.handle({"type": "input", "id": "word", "value": "hallo"})
    assert w.text == "lo" and any("can't be read" in r["value"] for r in w.readouts())
    plain = unroll()
    plain.handle({"type": "input", "id": "word", "value": "lo"})
    assert plain.text == "hello", "without typing the word is fixed"


# The shared weights ------------------------------------------------------------------

def test_selecting_and_changing_a_weight_changes_every_copy():
    w = unroll(editable=True, t=5)
    before = w.values()["hs"]
    w.handle({"type": "drag", "handle": "wx:1:3", "x": 0, "y": 0})
    assert w.values()["sel"] == "wx:1:3" and w.values()["w"] == -0.6
    w.handle({"type": "key", "handle": "wx:1:3", "key": "ArrowUp"})
    assert w.weights("wx")[0][2] == -0.5
    w.handle({"type": "input", "id": "weight", "value": 0.3})
    assert w.weights("wx")[0][2] == 0.3
    after = w.values()["hs"]
    assert after[1] == before[1] and after[2] == before[2], "steps before the first l don't read column l"
    assert after[3] != before[3] and after[4] != before[4], "both l steps read the same column"
    # every copy in the boxes shows the selected entry outlined
    outlined = [s for s in w.shapes() if s["t"] == "rect" and s.get("cls") == "selected nofill"]
    assert len(outlined) == 5
    assert "used at every step that reads 'l': 3, 4" in readout(w, "Wₓ[1,3]")
    w.handle({"type": "input", "id": "reset", "value": None})
    assert w.weights("wx")[0][2] == -0.6


def test_weights_are_clamped_and_not_editable_unless_asked():
    w = unroll(editable=True)
    w.handle({"type": "input", "id": "weight", "value": 9})
    assert w.values()["w"] == 2.0
    locked = unroll()
    locked.handle({"type": "input", "id": "weight", "value": 1.5})
    locked.handle({"type": "key", "handle": "wh:1:1", "key": "ArrowUp"})
    assert locked.weights("wh")[0][0] == 0.5


def test_set_values_rejects_unknown_names():
    with pytest.raises(KeyError):
        unroll().set_values({"gap": 1})


# The learner's function --------------------------------------------------------------

def test_use_grades_a_learner_forward():
    w = unroll(t=5)

    def good(Wx, Wh, b, xs):
        return forward(Wx, Wh, b, xs)

    def forgetful(Wx, Wh, b, xs):
        return [forward(Wx, Wh, b, [x])[0] for x in xs]

    def broken(Wx, Wh, b, xs):
        raise ValueError("oops")

    w.use(good)
    assert "agrees with the cell at all 5 steps" in w.readouts()[-1]["value"]
    w.use(forgetful)
    assert "differs from the cell from step 2 on" in w.readouts()[-1]["value"]
    assert any(s.get("cls") == "bad nofill" for s in w.shapes())
    w.use(broken)
    assert "raised ValueError: oops" in w.readouts()[-1]["value"]
    json.dumps(w.scene())
    w.use(lambda *a: [[0.0, 0.0, 0.0]])
    assert "returned 1 states" in w.readouts()[-1]["value"]
    with pytest.raises(TypeError):
        w.use(3)
    w.use(None)
    assert not any("agrees" in r["value"] for r in w.readouts())


# Goals and the lesson's numbers --------------------------------------------------------

def test_the_numbers_the_prose_states():
    w = unroll()
    hs = w.states()
    assert r2(hs[1]) == [0.80, 0.10, -0.46]
    assert [round(math.tanh(v), 2) for v in (1.1, 0.1, -0.5)] == [0.80, 0.10, -0.46]
    assert r2(hs[3]) == [-0.10, 0.76, 0.05]
    assert r2(hs[4]) == [-0.69, 0.63, 0.78]
    assert r2(hs[5]) == [-0.14, -0.77, 0.13]
    assert [w.weights("wx")[i][1] for i in range(3)] == [1.0, 0.2, -0.5]
    # the first-step widget: only l makes unit 1 of h1 negative
    assert [c for c in "ehlo" if w.weights("wx")[0]["ehlo".index(c)] + w.weights("b")[0] < 0] == ["l"]
    # the shared widget: W_x[1, l] = 0 makes both l steps positive, 0.47 and 0.04
    w.set_values({"sel": "wx:1:3", "w": 0.0})
    hs = w.states()
    assert round(hs[3][0], 2) == 0.47 and round(hs[4][0], 2) == 0.04
