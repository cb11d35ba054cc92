"""The dot_score_spread widget: honest samples of q·k for ±1 vectors, a histogram on a fixed axis,
the measured variance against d_k / c², the d_k slider and the divisor chips; and the numbers
lesson m15-l02 states about it, checked against the lesson's own widget configs."""

import math
import random

import pytest

from mlmath import widgets
from mlmath.show import fixed
from mlmath.m15.dot_score_spread import DKS, sample_dots
from mlmath.m15.score_scale import DIVISORS
from lesson_kernel import lesson_part, run_lesson
from scene_checks import assert_scene_fits


def lesson_config(wid):
    return dict(lesson_part("m15-l02", "widget", wid).data)


def said(w):
    return " | ".join(f"{r['label']} = {r['value']}" for r in w.readouts())


def slide(w, dk):
    w.handle({"type": "input", "id": "dk", "value": DKS.index(dk)})


@pytest.mark.parametrize("config, words", [
    ({"dk": 3}, "dk must be one of"),
    ({"dk": 1}, "dk must be one of"),
    ({"dk": True}, "dk must be one of"),
    ({"divisor": "half"}, "divisor"),
    ({"divisors": "yes"}, "divisors"),
    ({"samples": 50}, "samples"),
    ({"samples": 2.5}, "samples"),
    ({"seed": -1}, "seed"),
])
def test_bad_config_fails_loudly(config, words):
    with pytest.raises(ValueError, match=words):
        widgets.create("dot_score_spread", config)


# The sampling is honest ------------------------------------------------------------------------
def test_samples_match_an_explicit_plus_minus_one_dot_product():
    """Rebuild each sample's q and k as ±1 lists from the same bits and take the dot product the long way."""
    for dk in (2, 8, 64):
        rng = random.Random(15 * 1_000_003 + dk)
        want = []
        for _ in range(50):
            qb, kb = rng.getrandbits(dk), rng.getrandbits(dk)
            q = [1 if qb >> i & 1 else -1 for i in range(dk)]
            k = [1 if kb >> i & 1 else -1 for i in range(dk)]
            want.append(sum(a * b for a, b in zip(q, k)))
        assert sample_dots(dk, 50, 15) == want


def test_every_score_has_the_parity_of_dk_and_lies_in_range():
    for dk in DKS:
        for d in sample_dots(dk, 300, 4):
            assert -dk <= d <= dk and (d - dk) % 2 == 0


@pytest.mark.parametrize("dk", DKS)
def test_measured_variance_is_close_to_dk_and_to_one_after_dividing_by_sqrt_dk(dk):
    w = widgets.create("dot_score_spread", dict(dk=dk, samples=4000))
    v = w.values()
    assert v["theory"] == dk
    assert v["var"] == pytest.approx(dk, rel=0.1)
    w.set_values({"div": "sqrt"})
    assert w.values()["var"] == pytest.approx(1.0, rel=0.1)
    assert w.values()["theory"] == pytest.approx(1.0)
    w.set_values({"div": "dk"})
    assert w.values()["var"] == pytest.approx(1 / dk, rel=0.1)


def test_same_seed_same_picture_and_other_seed_other_samples():
    a, b, c = widgets.create("dot_score_spread", dict(dk=64, seed=1)), widgets.create("dot_score_spread", dict(dk=64, seed=1)), widgets.create("dot_score_spread", dict(dk=64, seed=2))
    assert a.values() == b.values()
    assert a.dots() != c.dots()


# Input -----------------------------------------------------------------------------------------
def test_slider_maps_index_to_dk_and_ignores_junk():
    w = widgets.create("dot_score_spread")
    slide(w, 128)
    assert w.values()["dk"] == 128
    w.handle({"type": "input", "id": "dk", "value": 99})
    w.handle({"type": "input", "id": "dk", "value": -3})
    assert w.values()["dk"] == 128
    slide(w, 2)
    w.handle({"type": "input", "id": "dk", "value": "abc"})
    assert w.values()["dk"] == 2
    slider = w.scene()["controls"][0]
    assert slider["kind"] == "range" and slider["min"] == 0 and slider["max"] == len(DKS) - 1
    assert slider["display"] == "2"


def test_divisor_chips_by_click_and_key_only_when_shown():
    w = widgets.create("dot_score_spread", dict(dk=512, divisors=True))
    w.handle({"type": "drag", "handle": "div:sqrt", "x": 0, "y": 0})
    assert w.values()["div"] == "sqrt" and w.values()["c"] == pytest.approx(math.sqrt(512))
    w.handle({"type": "key", "handle": "div:dk", "key": "Enter"})
    assert w.values()["div"] == "dk"
    w.handle({"type": "key", "handle": "div:dk", "key": "ArrowLeft"})
    assert w.values()["div"] == "sqrt"
    w.handle({"type": "key", "handle": "div:none", "key": "x"})
    assert w.values()["div"] == "sqrt"
    chips = [s for s in w.scene()["shapes"] if s.get("handle", "").startswith("div:")]
    assert [c["handle"] for c in chips] == [f"div:{d}" for d in DIVISORS]
    assert [("selected" in c["cls"]) for c in chips] == [False, True, False]
    hidden = widgets.create("dot_score_spread", dict(dk=512))
    hidden.handle({"type": "drag", "handle": "div:sqrt", "x": 0, "y": 0})
    assert hidden.values()["div"] == "none"
    assert not any(s.get("handle") for s in hidden.scene()["shapes"])


def test_set_values_rejects_what_it_cannot_set():
    w = widgets.create("dot_score_spread")
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"var": 1})
    with pytest.raises(KeyError):
        w.set_values({"sel": 1})
    with pytest.raises(ValueError):
        w.set_values({"dk": 1000})
    with pytest.raises(ValueError):
        w.set_values({"div": "half"})


# Drawing -----------------------------------------------------------------------------------------
def test_histogram_counts_every_sample_and_readouts_state_the_numbers():
    w = widgets.create("dot_score_spread", dict(dk=512))
    bins, below, above = w.counts()
    assert sum(bins) + below + above == 2000
    assert below + above > 0                             # at d_k = 512 a few scores fall off the ±64 axis
    v = w.values()
    text = said(w)
    assert f"measured variance = {fixed(v['var'], 3)} over 2000 samples" in text
    assert "theory d\u2096 / c\u00b2 = 512.000" in text
    assert f"measured sd = {fixed(v['sd'], 2)}" in text
    words = [s["s"] for s in w.scene()["shapes"] if s["t"] == "text"]
    assert f"\u00b11 sd = {fixed(v['sd'], 2)}" in words
    assert f"\u2190{below} beyond" in words and f"{above} beyond\u2192" in words
    bars = [s for s in w.scene()["shapes"] if s["t"] == "rect" and s.get("cls") == "accent"]
    assert len(bars) == sum(1 for n in bins if n)
    assert max(b["h"] for b in bars) == pytest.approx(214 - 24, abs=0.1)   # the tallest bar fills the plot


def test_scene_is_json_and_uses_known_classes_and_stays_small():
    for dk in DKS:
        for d in DIVISORS:
            w = widgets.create("dot_score_spread", dict(dk=dk, divisor=d, divisors=True))
            scene = assert_scene_fits(w.scene(), max_shapes=199)
            for s in scene["shapes"]:
                if s.get("handle"):
                    assert s["label"]


# The lesson ---------------------------------------------------------------------------------------
def test_first_goal_is_met_only_at_dk_64():
    cfg = lesson_config("spread")
    w = widgets.create("dot_score_spread", dict(**cfg))
    assert not w.goal_met()
    met = []
    for dk in DKS:
        w.set_values({"dk": dk})
        if w.goal_met():
            met.append(dk)
    assert met == [64]


def test_rescale_goal_is_met_only_by_sqrt_at_512():
    cfg = lesson_config("rescale")
    w = widgets.create("dot_score_spread", dict(**cfg))
    assert not w.goal_met()
    met = []
    for d in DIVISORS:
        w.set_values({"div": d})
        if w.goal_met():
            met.append(d)
    assert met == ["sqrt"]


def test_numbers_the_prose_states():
    w = widgets.create("dot_score_spread", dict(**{k: v for k, v in lesson_config("spread").items() if k != "goal"}))
    sds = {}
    for dk in (16, 64, 256):
        w.set_values({"dk": dk})
        sds[dk] = fixed(w.values()["sd"], 2)
    assert sds == {16: "4.00", 64: "7.97", 256: "15.71"}
    w.set_values({"dk": 512})
    assert sum(w.counts()[1:]) > 0                      # "some scores land beyond ±64"
    r = widgets.create("dot_score_spread", dict(**{k: v for k, v in lesson_config("rescale").items() if k != "goal"}))
    r.set_values({"div": "sqrt"})
    assert fixed(r.values()["c"], 2) == "22.63" and fixed(r.values()["var"], 2) == "1.03"
    for dk in DKS:                                       # "the variance stays near 1 at every stop"
        r.set_values({"dk": dk})
        assert 0.9 < r.values()["var"] < 1.1


def test_the_variance_table_cell_hovers_near_one():
    _, printed, _ = run_lesson("m15-l02")
    rows = [line.split() for line in printed["cell-1"].splitlines()[1:]]
    assert [int(r[0]) for r in rows] == [1, 4, 16, 64]
    for r in rows:
        assert 0.85 < float(r[2]) < 1.2, r


def test_sqrt_and_dk_divisors_draw_different_pictures():
    """Once divided, scores sit on a zoomed axis (±4), where √d_k leaves a bell a few units wide
    and d_k a spike in the middle bins: the two are told apart at a glance."""
    w = widgets.create("dot_score_spread", dict(dk=512, divisors=True))
    w.set_values({"div": "sqrt"})
    bell = w.counts()[0]
    w.set_values({"div": "dk"})
    spike = w.counts()[0]
    assert sum(1 for n in bell if n) >= 15 and sum(1 for n in spike if n) <= 3
    assert max(spike) > 0.9 * 2000 and max(bell) < 0.2 * 2000
    words = [s["s"] for s in w.scene()["shapes"] if s["t"] == "text"]
    assert any("zoomed 16" in t for t in words)


def test_the_quiz_explanations_numbers():
    """why-not-dk: "variance 1/d_k, about 0.002 here"."""
    r = widgets.create("dot_score_spread", dict(**{k: v for k, v in lesson_config("rescale").items() if k != "goal"}))
    r.set_values({"div": "dk"})
    assert fixed(r.values()["var"], 3) == "0.002" and fixed(1 / 512, 3) == "0.002"
