"""The kv_cache_generate widget: step-by-step generation with and without a KV cache, its
running counts (checked against a simulation that does the dot products), events, goal,
and the numbers lesson m15-l06 states about it."""

import math
from pathlib import Path

import pytest

from lesson_kernel import lesson_widget, run_lesson
from mlmath import widgets
from mlmath.gpt.model import Config
from mlmath.m15.kv_cache_generate import dots_with_cache, dots_without_cache
from scene_checks import assert_scene_fits

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m15-l06.md"



def simulate(T):
    """Generate T tokens both ways, counting every query-key dot product actually taken."""
    without = with_cache = 0
    kv_without = kv_with = 0
    for t in range(1, T + 1):
        for i in range(t):                  # rerun: every row i attends over keys 0..i
            kv_without += 1
            for _ in range(i + 1):
                without += 1
        kv_with += 1                        # cached: one new key and value
        with_cache += t                     # one query against t keys
    return without, with_cache, kv_without, kv_with


def test_rejects_bad_options():
    for bad in ({"length": 3}, {"length": 41}, {"t": 0}, {"t": 33}, {"text": "short"}, {"length": True}):
        with pytest.raises(ValueError):
            widgets.create("kv_cache_generate", dict(**bad))


@pytest.mark.parametrize("t", [1, 2, 5, 12, 28, 32])
def test_counts_match_a_simulation(t):
    w = widgets.create("kv_cache_generate")
    w.set_values({"t": t})
    v = w.values()
    assert (v["nocache"], v["cache"], v["kv_nocache"], v["kv_cache"]) == simulate(t)
    assert v["step_nocache"] == t * (t + 1) // 2 and v["step_cache"] == t


def test_buttons_step_and_reset():
    w = widgets.create("kv_cache_generate", dict(length=10, t=2))
    w.handle({"type": "input", "id": "next", "value": None})
    assert w.t == 3
    w.handle({"type": "input", "id": "next4", "value": None})
    assert w.t == 7
    w.handle({"type": "input", "id": "next4", "value": None})
    assert w.t == 10
    controls = {c["id"]: c for c in w.controls()}
    assert controls["next"]["disabled"] and controls["next4"]["disabled"] and not controls["reset"]["disabled"]
    w.handle({"type": "input", "id": "next", "value": None})
    assert w.t == 10
    w.handle({"type": "input", "id": "reset", "value": None})
    assert w.t == 2
    w.handle({"type": "drag", "handle": "x", "x": 0, "y": 0})
    assert w.t == 2


def test_scene_highlights_the_right_rows():
    w = widgets.create("kv_cache_generate", dict(length=12))
    w.set_values({"t": 5})
    shapes = assert_scene_fits(w.scene())["shapes"]
    rows = [s for s in shapes if s["t"] == "rect" and s.get("cls") == "accent" and s["h"] == pytest.approx(w.BOX / w.length, abs=0.1)]
    bright = [s for s in rows if s["opacity"] > 0.5]
    faded = [s for s in rows if s["opacity"] < 0.5]
    # left: all 5 rows recomputed; right: only the newest row, 4 faded
    assert len(bright) == 6 and len(faded) == 4
    big = widgets.create("kv_cache_generate")
    big.set_values({"t": 32})
    assert_scene_fits(big.scene(), max_shapes=199)
    text = {r["label"]: r["value"] for r in big.readouts()}
    assert text["dot products so far, without cache"] == "5,984" and text["with cache"] == "528"
    assert text["ratio"] == "11.33×"


def test_goal_is_the_lesson_goal():
    w = lesson_widget("m15-l06", "generate")
    assert not w.goal_met()
    first = next(t for t in range(1, 33) if (w.set_values({"t": t}) or w.goal_met()))
    assert first == 28
    with pytest.raises(ValueError, match="computed"):
        w.set_values({"cache": 3})


def test_closed_forms():
    for T in range(1, 200):
        assert dots_without_cache(T) == sum(t * (t + 1) // 2 for t in range(1, T + 1))
        assert dots_with_cache(T) == sum(range(1, T + 1))
        assert math.isclose(dots_without_cache(T) / dots_with_cache(T), (T + 2) / 3)


def test_numbers_the_lesson_states():
    text = LESSON.read_text()
    assert simulate(12)[:2] == (364, 78) and "the counts are the widget's: 364 without the cache, 78 with it" in text
    assert "$364/78 \\approx 4.67$" in text and f"{364 / 78:.2f}" == "4.67"
    assert (28 + 2) / 3 == 10 and "10 at $T = 28$ in the widget" in text
    assert (4000 + 2) // 3 == 1334 and (4000 + 2) % 3 == 0 and "answer = 1334" in text
    assert dots_with_cache(10000) - dots_with_cache(9999) == 1000 * (dots_with_cache(10) - dots_with_cache(9))
    cfg = Config()
    floats = cfg.n_layer * 2 * cfg.n_embd * cfg.block_size
    assert floats == 32768 and floats * 4 == 128 * 1024
    assert "$4 \\times 2 \\times 64 \\times 64 = 32{,}768$ numbers, 128 KiB" in text
    assert (cfg.block_size, cfg.n_embd // cfg.n_head) == (64, 16)


def test_the_cells_print_what_the_prose_says():
    _, printed, _ = run_lesson("m15-l06")
    demo = printed["cell-2"]
    assert "without the cache: 364" in demo and "with the cache:    78" in demo
    assert "largest gap anywhere: 0.0" in demo
    sums = printed["cell-3"]
    assert "ratio    22.0" in sums and "ratio   334.0" in sums
