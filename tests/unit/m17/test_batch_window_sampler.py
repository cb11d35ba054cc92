"""The batch_window_sampler widget: windows on the strip, x and y shifted by one, dragging,
keys, resampling, the bigram losses, learner samplers, and the numbers lesson m17-l03 states."""

import math
import random
import re
from pathlib import Path

import pytest

from mlmath import widgets
from mlmath.data import shakespeare
from mlmath.m17.batch_window_sampler import CELL_Y, X0
from lesson_kernel import lesson_widget, run_lesson
from scene_checks import readout

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m17-l03.md"


def sampler(**config):
    return widgets.create("batch_window_sampler", config)


def key(w, handle, name):
    w.handle({"type": "key", "handle": handle, "key": name})


def test_windows_are_x_and_y_shifted_by_one():
    w = sampler()
    text = shakespeare()
    assert w.strip == text[:48]
    for s in w.starts:
        assert 0 <= s <= w.last == 48 - 8 - 1
    pairs = [sh for sh in w.shapes() if sh["t"] == "text" and sh.get("cls") in ("accent", "accent2")]
    xs = [sh["s"] for sh in pairs if sh["cls"] == "accent" and sh["s"] != "x"]
    ys = [sh["s"] for sh in pairs if sh["cls"] == "accent2" and sh["s"] != "y"]
    s = w.starts[0]
    show = lambda c: {" ": "\u2423", "\n": "\u21b5"}.get(c, c)
    assert xs == [show(c) for c in text[s:s + 8]]
    assert ys == [show(c) for c in text[s + 1:s + 9]]
    assert readout(w, "window 1") == f"x = data[{s}:{s + 8}], y = data[{s + 1}:{s + 9}]"
    assert all("legal" not in r["label"] for r in w.readouts())   # the last legal start is found by sliding, not read
    assert readout(w, "predictions in the batch, B\u00b7T") == "3\u00b78 = 24"


def test_drag_keys_and_strip_click_move_the_selected_window():
    w = sampler()
    w.handle({"type": "drag", "handle": "w2", "x": X0 + 20.5 * w.cw, "y": 60})
    assert w.sel == 2 and w.starts[2] == 20 - 4           # the bar is centred under the pointer
    key(w, "w2", "ArrowRight")
    assert w.starts[2] == 17
    key(w, "w2", "End")
    assert w.starts[2] == w.last
    key(w, "w2", "ArrowRight")
    assert w.starts[2] == w.last                          # never past the last legal start
    key(w, "w1", "Home")
    assert w.sel == 1 and w.starts[1] == 0
    key(w, "w1", "ArrowLeft")
    assert w.starts[1] == 0
    w.handle({"type": "drag", "handle": "strip", "x": X0 + 7.5 * w.cw, "y": CELL_Y + 5})
    assert w.starts[1] == 7                               # a click on the strip starts the selected window there
    w.handle({"type": "drag", "handle": "strip", "x": X0 + 46.5 * w.cw, "y": CELL_Y + 5})
    assert w.starts[1] == w.last
    w.handle({"type": "drag", "handle": "w9", "x": 100, "y": 60})   # no such window: ignored
    w.handle({"type": "drag", "handle": "strip", "x": "oops", "y": 0})
    assert w.starts[1] == w.last


def test_handles_follow_the_strip():
    w = sampler(loss=True)
    before = [i for i, s in enumerate(w.shapes()) if "handle" in s]
    key(w, "w0", "End")
    w.handle({"type": "input", "id": "resample"})
    after = [i for i, s in enumerate(w.shapes()) if "handle" in s]
    assert before == after == list(range(2 * 48, 2 * 48 + 4))


def test_resample_draws_uniform_legal_starts():
    w = sampler(n=16, T=8, B=4)
    seen = set()
    for _ in range(100):
        w.handle({"type": "input", "id": "resample"})
        seen.update(w.starts)
    assert seen == set(range(8))                          # 16 - 8 = 8 legal starts, all reached
    assert w.draws == 100


def test_goal_on_the_last_start():
    w = lesson_widget("m17-l03", "windows")
    assert not w.goal_met()
    key(w, "w0", "End")
    assert w.goal_met() and w.values()["start"] == 39 == w.values()["last"]
    key(w, "w0", "ArrowLeft")
    assert not w.goal_met()
    key(w, "w1", "End")                                   # the last start, but on window 2
    assert not w.goal_met()


def test_bigram_losses_and_batch_mean():
    w = sampler(loss=True, offset=1000, seed=2)
    text = shakespeare()
    part = text[:200_000]
    V = len(set(text))
    s = w.starts[0]
    a, b = w.strip[s], w.strip[s + 1]
    want = -math.log((sum(1 for x, y in zip(part, part[1:]) if (x, y) == (a, b)) + 1) /
                     (part[:-1].count(a) + V))
    assert w.pair_nll(s)[0] == pytest.approx(want)
    mean = sum(sum(w.pair_nll(t)) for t in w.starts) / 24
    assert float(readout(w, "batch loss, mean over all 24")) == pytest.approx(mean, abs=5e-4)
    assert w.values()["batch_loss"] == round(mean, 3)


def test_bad_options_are_rejected():
    for bad in ({"B": 5}, {"T": 1}, {"n": 60}, {"T": 14, "n": 16}, {"loss": "yes"}, {"offset": -1}):
        with pytest.raises(ValueError):
            sampler(**bad)


def test_learner_get_batch_is_drawn_and_checked():
    def good(data, B, T, rng):
        starts = [rng.randrange(len(data) - T) for _ in range(B)]
        return [data[s:s + T] for s in starts], [data[s + 1:s + T + 1] for s in starts]

    def unshifted(data, B, T, rng):
        starts = [rng.randrange(len(data) - T) for _ in range(B)]
        return [data[s:s + T] for s in starts], [data[s:s + T] for s in starts]

    def overrun(data, B, T, rng):
        return [data[len(data) - T:]] * B, [data[len(data) - T + 1:]] * B

    def broken(data, B, T, rng):
        raise RuntimeError("nope")

    w = sampler(B=4, seed=5).use(good)
    rng = random.Random(5 * 1000)
    assert w.starts == [rng.randrange(40) for _ in range(4)]
    assert readout(w, "your get_batch") == "every row is a window, y = x shifted by one"
    w.handle({"type": "input", "id": "resample"})
    rng = random.Random(5 * 1000 + 1)
    assert w.starts == [rng.randrange(40) for _ in range(4)]
    assert "shifted one place on" in sampler().use(unshifted).problem
    assert "past the end" in sampler().use(overrun).problem
    assert "RuntimeError" in readout(sampler().use(broken), "your get_batch")
    with pytest.raises(TypeError):
        sampler().use(3)


def test_lesson_numbers():
    kernel, printed, scenes = run_lesson("m17-l03")
    text = shakespeare()
    assert len(text) == 1_115_394
    assert "1,115,394 ids, vocabulary V = 65" in printed["cell-1"]
    assert "training starts from 0 to 81" in printed["cell-3"]          # prose: 0 to 81 on a 100-id text
    assert f"{math.log(65):.4f}" == "4.1744"
    assert printed["cell-5"].count("4.1744") == 2
    # the windows goal: its answer (start 39 = 48 - 8 - 1) is stated only after the widget
    body = LESSON.read_text()
    assert body.index("At start 39") > body.index('id = "windows"')
    # the learner's sampler reached the "yours" strip
    assert scenes["yours"]["readouts"][-1]["value"] == "every row is a window, y = x shifted by one"
    # the capstone's settings named in the loop's list
    out = printed["cell-9"]
    assert "betas (0.9, 0.99)  eps 1e-08  weight decay 0.1  clip at 1.0" in out
    assert "204,864 parameters in weight matrices decay; 3,456" in out
    assert "lr_at == get_lr at every step of a 3000-step run: True" in out
    assert "t =    1:  1 - 0.9^t = 0.1000   1 - 0.99^t = 0.0100" in out
    assert "t = 1000:  1 - 0.9^t = 1.0000   1 - 0.99^t = 1.0000" in out
    assert "`MAX_NORM` $= 1$" in body and "decay $0.1$" in body
    assert 204_864 + 3_456 == 208_320 and "208,320 parameters" in body
    with pytest.raises(OverflowError):                               # prose: math.exp(710) overflows
        math.exp(710)
    # the spike: about lr on the spike step itself, then tiny steps for a long time
    spike = printed["cell-7"]
    assert re.search(r"the spike step +1\.00\d\d", spike)           # quiz "spike": about eta
    assert re.search(r"50 steps after +0\.0079", spike) and "$0.008\\,\\eta$ after 50 steps" in body
    assert re.search(r"100 steps after +0\.0017 +0\.1631", spike) and "$0.0017\\,\\eta$ after 100" in body
    # the loop: starts at ln V, falls, never clips, held-out below the start
    rows = re.findall(r"step +(\d+)  loss ([\d.]+)  grad norm ([\d.]+)", printed["cell-8"])
    assert rows[0][1] == "4.174"
    assert all(float(n) < 1.0 for _, _, n in rows)
    held = float(re.search(r"held-out loss after 30 steps: ([\d.]+)", printed["cell-8"]).group(1))
    assert held < 3.0
    # module references: causal mask 15, cross-entropy 9 and 12, momentum 10
    assert "Module 15's causal mask" in body and "Modules 9 and 12" in body and "momentum of Module 10" in body
