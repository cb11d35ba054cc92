"""The attention_saturation widget: seeded normal query and keys, scores q·k / c on the first d_k
components, softmax weights, the output y and the gradients dy/ds_j = w_j (v_j - y); the d_k slider,
key selection and divisor chips; and the numbers lesson m15-l02 states about it and its training cell."""

import math
import random
import re

import pytest

from mlmath import widgets
from mlmath.gpt.model import Config
from mlmath.show import fixed
from mlmath.m15.attention_saturation import DKS, nice_ceiling, tiny
from mlmath.m15.score_scale import DIVISORS
from lesson_kernel import lesson_part, run_lesson
from scene_checks import assert_scene_fits

VALS = [2, 9, 4, 7, 1, 5]



def lesson_config(wid):
    return dict(lesson_part("m15-l02", "widget", wid).data)


def said(w):
    return " | ".join(f"{r['label']} = {r['value']}" for r in w.readouts())


def output(scores, vals):
    m = max(scores)
    e = [math.exp(s - m) for s in scores]
    return sum(x * v for x, v in zip(e, vals)) / sum(e)


@pytest.mark.parametrize("config, words", [
    ({"dk": 3}, "dk must be one of"),
    ({"divisor": "half"}, "divisor"),
    ({"divisors": 1}, "divisors"),
    ({"values": [1]}, "values"),
    ({"values": [1, 2, 3, 4, 5, 6, 7]}, "values"),
    ({"values": [1, "a"]}, "values"),
    ({"seed": 1.5}, "seed"),
])
def test_bad_config_fails_loudly(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("attention_saturation", config)


# The arithmetic ------------------------------------------------------------------------------------
def test_vectors_are_seeded_normal_draws_and_scores_use_the_first_dk_components():
    w = widgets.create("attention_saturation", dict(seed=3))
    rng = random.Random(3)
    q = [rng.gauss(0, 1) for _ in range(512)]
    keys = [[rng.gauss(0, 1) for _ in range(512)] for _ in range(6)]
    for dk in (1, 16, 512):
        for d, c in (("none", 1.0), ("sqrt", math.sqrt(dk)), ("dk", float(dk))):
            w.set_values({"dk": dk, "div": d})
            v = w.values()
            for name, k in zip("ABCDEF", keys):
                assert v["s" + name] == pytest.approx(sum(a * b for a, b in zip(q[:dk], k[:dk])) / c)


def test_weights_are_softmax_and_gradients_match_nudging_each_score():
    w = widgets.create("attention_saturation", dict(dk=16))
    v = w.values()
    s = [v["s" + n] for n in "ABCDEF"]
    assert sum(v["w" + n] for n in "ABCDEF") == pytest.approx(1.0)
    assert v["y"] == pytest.approx(output(s, VALS))
    for j, n in enumerate("ABCDEF"):
        up, down = list(s), list(s)
        up[j] += 1e-6
        down[j] -= 1e-6
        rate = (output(up, VALS) - output(down, VALS)) / 2e-6
        assert v["g" + n] == pytest.approx(rate, abs=1e-7), n
    assert v["gsum"] == pytest.approx(sum(abs(v["g" + n]) for n in "ABCDEF"))


def test_huge_scores_do_not_overflow():
    w = widgets.create("attention_saturation", dict(dk=512))
    v = w.values()
    assert v["wmax"] > 0.9999 and math.isfinite(v["gsum"])


def test_helpers():
    assert [nice_ceiling(x) for x in (0.07, 1, 1.2, 3, 37.3, 51)] == [1, 1, 2, 5, 50, 100]
    assert tiny(9.2e-6) == "9\u00d710\u207b\u2076" and tiny(-0.635) == "\u22120.635" and tiny(0) == "0.000"


# Input ------------------------------------------------------------------------------------------------
def test_slider_key_selection_and_chips():
    w = widgets.create("attention_saturation", dict(divisors=True))
    w.handle({"type": "input", "id": "dk", "value": DKS.index(64)})
    assert w.values()["dk"] == 64
    w.handle({"type": "input", "id": "dk", "value": 1})      # a position, though 1 is also a d_k
    assert w.values()["dk"] == 2
    w.handle({"type": "input", "id": "dk", "value": DKS.index(64)})
    w.handle({"type": "input", "id": "dk", "value": "x"})
    assert w.values()["dk"] == 64
    w.handle({"type": "drag", "handle": "key:C", "x": 0, "y": 0})
    assert w.sel == 2 and "\u2202y/\u2202sC" in said(w)
    w.handle({"type": "key", "handle": "key:C", "key": "ArrowRight"})
    assert w.sel == 3
    w.handle({"type": "key", "handle": "key:A", "key": "Enter"})
    assert w.sel == 0
    w.handle({"type": "key", "handle": "key:A", "key": "ArrowLeft"})
    assert w.sel == 0
    w.handle({"type": "drag", "handle": "div:dk", "x": 0, "y": 0})
    assert w.values()["div"] == "dk"
    w.handle({"type": "key", "handle": "div:dk", "key": "ArrowLeft"})
    assert w.values()["div"] == "sqrt"
    plain = widgets.create("attention_saturation")
    plain.handle({"type": "drag", "handle": "div:dk", "x": 0, "y": 0})
    assert plain.values()["div"] == "none"
    with pytest.raises(KeyError):
        plain.set_values({"sel": 1})


def test_readouts_and_bars_show_the_numbers():
    w = widgets.create("attention_saturation", dict(dk=64))
    v = w.values()
    text = said(w)
    top = "ABCDEF"[v["top"]]
    assert f"top weight = w{top} = {fixed(v['wmax'], 4)}" in text
    assert f"output y = {fixed(v['y'], 3)}" in text
    assert f"= {tiny(v['g' + top])}" in text
    words = [s["s"] for s in w.scene()["shapes"] if s["t"] == "text"]
    for n in "ABCDEF":
        assert tiny(v["w" + n]) in words and tiny(v["g" + n]) in words and fixed(v["s" + n], 2) in words
    grads = [s for s in w.scene()["shapes"] if s["t"] == "rect" and s.get("cls") == "accent2"]
    assert grads[0]["h"] == pytest.approx(min(abs(v["gA"]), 2) / 2 * 40, abs=0.1)


def test_scene_is_json_and_uses_known_classes():
    for dk in DKS:
        for d in DIVISORS:
            w = widgets.create("attention_saturation", dict(dk=dk, divisor=d, divisors=True))
            scene = assert_scene_fits(w.scene(), max_shapes=199)
            for s in scene["shapes"]:
                if s.get("handle"):
                    assert s["label"]


# The lesson --------------------------------------------------------------------------------------------
def test_saturate_goal_first_met_at_256():
    w = widgets.create("attention_saturation", dict(**lesson_config("saturate")))
    assert not w.goal_met()
    met = []
    for dk in DKS:
        w.set_values({"dk": dk})
        met.append(w.goal_met())
    assert met.index(True) == DKS.index(256)


def test_numbers_the_prose_states_about_the_widgets():
    w = widgets.create("attention_saturation", dict(**lesson_config("saturate")))
    w.set_values({"dk": 256})
    v = w.values()
    assert "ABCDEF"[v["top"]] == "B" and fixed(v["wmax"], 4) == "0.9994"
    w.set_values({"dk": 512})
    v = w.values()
    assert "ABCDEF"[v["top"]] == "E" and VALS[4] == 1
    s = [v["s" + n] for n in "ABCDEF"]
    assert round(min(s)) == -10 and round(max(s)) == 37
    assert tiny(v["gsum"]) == "9\u00d710\u207b\u2076"
    r = widgets.create("attention_saturation", dict(**lesson_config("rescue")))
    assert r.values()["dk"] == 512 and r.values()["div"] == "none"
    r.set_values({"div": "sqrt"})
    assert fixed(r.values()["wmax"], 3) == "0.409"
    assert all(abs(r.values()["g" + n]) > 0.01 for n in "ABCDEF")     # "every gradient bar is back"
    r.set_values({"div": "dk"})
    v = r.values()
    assert all(0.15 < v["w" + n] < 0.2 for n in "ABCDEF")             # "near 1/6"
    assert fixed(sum(VALS) / 6, 2) == "4.67" and abs(v["y"] - 28 / 6) < 0.1


def test_the_training_cell_freezes_raw_and_learns_scaled():
    _, printed, _ = run_lesson("m15-l02")
    out = printed["cell-2"]
    raw, scaled = out.split("scaled scores")
    raw_loss = [float(x) for x in re.findall(r"loss\s+([\d.]+)", raw)]
    scaled_loss = [float(x) for x in re.findall(r"loss\s+([\d.]+)", scaled)]
    scaled_top = [float(x) for x in re.findall(r"top weight ([\d.]+)", scaled)]
    assert raw_loss == [12.5] * 4 and 0.5 * (1 - 6) ** 2 == 12.5
    assert "top weight 1.0000" in raw
    assert f"{scaled_loss[0]:.2f}" == "3.54" and f"{scaled_top[0]:.2f}" == "0.41"
    assert scaled_loss[2] == 0.0                                      # step 40 reads 0.0000


def test_the_raw_runs_gradient_is_almost_zero_at_the_start():
    """dL/dq = (y - 6) * sum_j w_j (v_j - y) k_j / c, on the widget's own vectors at d_k = 512."""
    sizes = {}
    for d in ("none", "sqrt"):
        w = widgets.create("attention_saturation", dict(dk=512, divisor=d))
        v = w.values()
        grad = [(v["y"] - 6) * sum(v["g" + n] * k[i] for n, k in zip("ABCDEF", w.keys)) / w.c for i in range(512)]
        sizes[d] = math.sqrt(sum(x * x for x in grad))
    assert sizes["none"] < 1e-3 and sizes["sqrt"] > 1


def test_capstone_head_size_is_16():
    cfg = Config()
    assert cfg.n_head == 4 and cfg.n_embd == 64 and cfg.n_embd // cfg.n_head == 16


def test_softmax_gap_arithmetic_in_the_prose():
    assert f"{math.e:.1f}" == "2.7"
    assert round(math.exp(10), -3) == 22000
