"""The bptt_shares widget: the scalar RNN's forward and backward numbers, stepping back in
time, the w_h slider, selection, the learner's function, goals, and the numbers lesson
m14-l06 states (including its cells' printed output, run through the page's kernel)."""

import json
import math
import re

import pytest

from mlmath import widgets
from mlmath.m14.bptt_shares import backward, forward, loss
from lesson_kernel import lesson_widget, run_lesson
from scene_checks import readout

XS, Y = [1, -1, 1, -1, 1], 0.2


def make(**config):
    return widgets.create("bptt_shares", config)


def step(w, times=1):
    for _ in range(times):
        w.handle({"type": "input", "id": "step"})


def fd(xs, y, w_x, w_h, b, h=1e-6):
    return (loss(xs, y, w_x, w_h + h, b) - loss(xs, y, w_x, w_h - h, b)) / (2 * h)


@pytest.mark.parametrize("config, words", [
    ({"xs": [1]}, "2 to 6"),
    ({"xs": [1] * 7}, "2 to 6"),
    ({"xs": [1, "a"]}, "finite number"),
    ({"y": float("nan")}, "finite number"),
    ({"range": [1, -1]}, "less than"),
    ({"w_h": 3}, "outside range"),
    ({"walked": 6}, "0 to 5"),
    ({"walked": True}, "0 to 5"),
])
def test_bad_config_is_rejected(config, words):
    with pytest.raises(ValueError, match=words):
        make(**config)


# The numbers ------------------------------------------------------------------------------

@pytest.mark.parametrize("case", [
    (XS, Y, 1.0, 0.3, 0.0), (XS, Y, 1.0, 0.83, 0.0), ([0.5, 2.0, -1.5], -0.4, 0.7, -0.9, 0.1),
    ([1, 0, 0, 0, 0, 0, 1], 0.6, 1.2, 1.1, -0.2),
])
def test_the_shares_add_up_to_the_finite_difference(case):
    hs, deltas, shares = backward(*case)
    assert shares[0] == 0.0                       # h_0 = 0: step 1's use of w_h changes nothing
    assert sum(shares) == pytest.approx(fd(*case), abs=1e-8)


def test_each_delta_is_the_derivative_with_respect_to_that_state():
    """delta_t = dL/dh_t: perturb h_t and rerun the rest of the chain."""
    xs, y, w_x, w_h, b = XS, Y, 1.0, 0.6, 0.1
    hs, deltas, _ = backward(xs, y, w_x, w_h, b)

    def loss_from(t, h_t):
        h = h_t
        for x in xs[t:]:
            h = math.tanh(w_x * x + w_h * h + b)
        return 0.5 * (h - y) ** 2
    for t in range(len(xs) + 1):
        eps = 1e-6
        num = (loss_from(t, hs[t] + eps) - loss_from(t, hs[t] - eps)) / (2 * eps)
        assert deltas[t] == pytest.approx(num, abs=1e-8)


def test_values_and_the_sum_only_count_walked_steps():
    w = make(xs=XS, y=Y, w_h=0.3)
    _, _, shares = backward(XS, Y, 1.0, 0.3, 0.0)
    assert w.values()["grad"] == 0 and w.values()["done"] == 0
    step(w)
    assert w.values()["grad"] == pytest.approx(shares[4])
    step(w, 2)
    assert w.values()["grad"] == pytest.approx(shares[4] + shares[3] + shares[2])
    assert readout(w, "sum so far").startswith("c\u2085 + c\u2084 + c\u2083 = ")
    step(w, 5)                                   # extra presses do nothing
    assert w.values()["walked"] == 5 and w.values()["done"] == 1
    assert w.values()["grad"] == pytest.approx(sum(shares))
    assert w.values()["fd"] == pytest.approx(sum(shares), abs=1e-8)
    assert "\u22120.1469" in readout(w, "finite difference")
    assert [c for c in w.controls() if c["id"] == "step"][0]["disabled"] is True
    w.handle({"type": "input", "id": "reset"})
    assert w.values()["walked"] == 0 and w.values()["grad"] == 0


def test_the_slider_snaps_clamps_and_keeps_the_walk():
    w = make(walked=5)
    w.handle({"type": "input", "id": "w_h", "value": "0.8349"})
    assert w.values()["w_h"] == 0.83 and w.values()["walked"] == 5
    w.handle({"type": "input", "id": "w_h", "value": "9"})
    assert w.values()["w_h"] == 1.5
    w.handle({"type": "input", "id": "w_h", "value": "oops"})
    assert w.values()["w_h"] == 1.5


def test_deltas_appear_as_the_walk_reaches_them():
    w = make()
    texts = lambda: [s["s"] for s in w.shapes() if s["t"] == "text" and s["s"].startswith("\u03b4")]  # noqa: E731
    assert texts() == []
    step(w)
    assert texts() == ["\u03b4\u2084 =", "\u03b4\u2085 ="]
    step(w, 4)
    assert len(texts()) == 5                     # delta_1 .. delta_5; h_0 is not learned


def test_selecting_a_step_explains_its_share():
    w = make()
    w.handle({"type": "drag", "handle": "t3", "x": 0, "y": 0})
    assert "isn't known yet" in w.readouts()[-1]["value"]
    step(w, 3)                                   # reaches t = 3; the last press selects it
    text = w.readouts()[-1]["value"]
    hs, deltas, shares = backward(XS, Y, 1.0, 0.3, 0.0)
    assert text.startswith("Step 3: c\u2083 = \u03b4\u2083") and f"{shares[2]:.4f}".replace("-", "\u2212") in text
    w.handle({"type": "key", "handle": "t3", "key": "ArrowRight"})
    assert w.readouts()[-1]["value"].startswith("Step 4")
    w.handle({"type": "key", "handle": "t9", "key": "Enter"})       # no such step
    assert w.readouts()[-1]["value"].startswith("Step 4")
    boxes = [s for s in w.shapes() if s.get("handle")]
    assert [b["handle"] for b in boxes] == ["t1", "t2", "t3", "t4", "t5"]
    assert all(b["label"].startswith("time step") for b in boxes)
    assert "selected" in boxes[3]["cls"]


def test_the_waterfall_ends_at_the_sum():
    w = make(walked=5)
    v = w.values()["grad"]
    label = [s for s in w.shapes() if s["t"] == "text" and s.get("anchor") == "start" and s["x"] > 560]
    assert label and label[0]["s"] == f"{v:.3f}".replace("-", "\u2212")


# The learner's function ---------------------------------------------------------------

def test_a_right_learner_function_is_ticked_and_outlined():
    w = make(walked=5)
    w.use(lambda xs, y, w_x, w_h, b: backward(xs, y, w_x, w_h, b)[2])
    assert readout(w, "<lambda>").endswith("\u2713 (green outlines)")
    assert len([s for s in w.shapes() if "nofill" in s.get("cls", "")]) == 5


def test_a_wrong_or_broken_learner_function_is_reported():
    w = make(walked=5)

    def bptt_shares(xs, y, w_x, w_h, b):
        return [0.0] * len(xs)
    w.use(bptt_shares)
    assert "\u2717: c\u2082 is 0.0000" in readout(w, "bptt_shares")
    w.use(lambda *a: [1, 2])
    assert "returned 2 shares" in readout(w, "<lambda>")
    w.use(lambda *a: 1 / 0)
    assert "raised ZeroDivisionError" in readout(w, "<lambda>")
    json.dumps(w.scene())
    with pytest.raises(TypeError):
        w.use(7)
    w.use(None)
    assert all(r["label"] != "<lambda>" for r in w.readouts())


# The lesson ------------------------------------------------------------------------------

def test_lesson_goals_near_misses_fail():
    walk = lesson_widget("m14-l06", "walk")
    step(walk, 4)
    assert not walk.goal_met()
    cancel = lesson_widget("m14-l06", "cancel")   # goal-less, in a Going deeper section
    near = []
    for i in range(-150, 151):
        cancel.set_values({"w_h": i / 100})
        if abs(cancel.values()["grad"]) < 0.005:
            near.append(i / 100)
    assert near == [0.82, 0.83]                   # one zero of the sum in the whole range, near 0.82


def test_numbers_stated_in_the_prose():
    hs, deltas, shares = backward(XS, Y, 1.0, 0.3, 0.0)
    assert [f"{c:.3f}" for c in shares] == ["0.000", "0.001", "-0.005", "0.029", "-0.172"]
    assert f"{sum(shares):.3f}" == "-0.147"
    assert [round(d, 3) for d in deltas[5:2:-1]] == [0.464, 0.078, 0.013]
    assert round(deltas[2], 4) == 0.0022 and round(deltas[1], 5) == 0.00038
    w = make(walked=5)                                                # the widget writes them the same way
    shapes = w.shapes()
    labels = [shapes[i + 1]["s"] for i, s in enumerate(shapes) if s["t"] == "text" and s["s"].startswith("\u03b4")]
    assert labels == ["0.00038", "0.0022", "0.013", "0.078", "0.464"]
    ratios = [deltas[t - 1] / deltas[t] for t in range(2, 6)]
    assert all(0.15 < r < 0.19 for r in ratios)                      # "each about a sixth of the one before"
    # at the bottom of the loss no bar is zero; steps 2 and 4 push one way, 3 and 5 the other
    _, _, best = backward(XS, Y, 1.0, 0.82, 0.0)
    assert best[1] > 0.01 and best[3] > 0.01 and best[2] < -0.01 and best[4] < -0.01
    lo = min((loss(XS, Y, 1.0, i / 1000, 0.0), i / 1000) for i in range(-1500, 1501))
    assert 0.82 <= lo[1] <= 0.83
    # the long run in the vanishing step
    long_xs = [math.sin(1.7 * t) for t in range(1, 31)]
    far = backward(long_xs, 0.5, 1.0, 0.9, 0.0)[2]
    assert max(abs(c) for c in far[:10]) < abs(far[-1]) / 1000
    assert forward([1], 1.0, 0.0, 0.0)[1] == pytest.approx(math.tanh(1))


def test_lesson_cells_run_in_the_page_kernel_and_print_what_the_prose_says():
    _, printed, scenes = run_lesson("m14-l06")
    text = "\n".join(printed.values())
    bptt = float(re.search(r"BPTT, summed over time: (\S+)", text).group(1))
    fdv = float(re.search(r"finite difference:\s+(\S+)", text).group(1))
    assert abs(bptt - fdv) < 1e-9 and round(bptt, 3) == -0.147          # "agree to about ten digits"
    assert any(r["value"].endswith("\u2713 (green outlines)") for r in scenes["cancel"]["readouts"])
    first10 = float(re.search(r"biggest share among steps 1-10: (\S+)", text).group(1))
    last = float(re.search(r"share of the last step:\s+(\S+)", text).group(1))
    assert first10 * 1000 < abs(last)
