"""logit_lens_grid and the trained model behind lesson m16-l03: the pure-Python forward pass,
the widget's events and goal, and every number the lesson's prose states."""

import asyncio
import math
from pathlib import Path

import pytest

from lesson_kernel import lesson_widget
from mlmath.m16 import l03_lens as L
from mlmath.data import shakespeare
from mlmath.widgets import create

REPO = Path(__file__).resolve().parents[3]


@pytest.fixture(scope="module")
def m():
    return L.load()


def test_checkpoint_is_small_and_what_the_lesson_says(m):
    assert L.PATH.stat().st_size < 200_000
    assert round(L.PATH.stat().st_size / 1000) == 169  # "a 169 KB file"
    from mlmath.gpt.model import n_params
    assert n_params(m.cfg) == 41_280
    assert (m.cfg.n_layer, m.cfg.n_embd, m.cfg.n_head, m.cfg.block_size, m.step) == (3, 32, 4, 32, 600)
    assert L.PATH.is_relative_to(REPO / "py" / "mlmath")  # shipped in the m16 package


def test_stream_is_the_sum_of_its_terms(m):
    rec = L.forward(m, m.encode("ROMEO:\nWhat say you now"))
    assert len(rec.writes) == 6 and len(rec.streams) == 7
    for t in range(len(rec.x0)):
        total = list(rec.x0[t])
        for w in rec.writes:
            total = [a + b for a, b in zip(total, w[t])]
        assert total == rec.streams[-1][t]


def test_forward_is_causal(m):
    a = L.forward(m, m.encode("ROMEO: hi"))
    b = L.forward(m, m.encode("ROMEO: yo"))
    assert a.streams[-1][:7] == b.streams[-1][:7]
    assert a.streams[-1][8] != b.streams[-1][8]


def test_grid_starts_unmet():
    assert not lesson_widget("m16-l03", "grid").goal_met()


def test_grid_events():
    w = create("logit_lens_grid")
    w.handle({"type": "drag", "handle": "pos5", "x": 0, "y": 0})
    assert w.pos == 5
    w.handle({"type": "key", "handle": "pos5", "key": "ArrowRight"})
    w.handle({"type": "key", "handle": "pos5", "key": "ArrowUp"})
    assert (w.pos, w.depth) == (6, 1)
    w.handle({"type": "drag", "handle": "depth3", "x": 0, "y": 0})
    assert w.depth == 3
    w.handle({"type": "key", "handle": "pos6", "key": "ArrowUp"})
    assert w.depth == 3  # clamped
    w.handle({"type": "input", "id": "prompt", "value": "To be, or not"})
    assert w.prompt == "To be, or not" and len(w.targets) == 12 and w.pos == 6
    w.handle({"type": "input", "id": "prompt", "value": "caf\u00e9"})
    assert w.prompt == "To be, or not" and "alphabet" in w.error
    assert any("alphabet" in r["value"] for r in w.readouts())
    w.handle({"type": "input", "id": "prompt", "value": "x" * 30})
    assert w.prompt == "To be, or not"


def test_grid_rejects_a_bad_prompt():
    with pytest.raises(ValueError, match="alphabet"):
        create("logit_lens_grid", {"prompt": "\u00e9\u00e9\u00e9"})
    with pytest.raises(ValueError, match="alphabet"):
        create("logit_lens_grid").set_values({"prompt": "caf\u00e9"})


def test_grid_readouts_match_the_lens(m):
    w = create("logit_lens_grid")
    rec = L.forward(m, m.encode(w.prompt[:-1]))
    for d, stream in enumerate(rec.streams[::2]):
        for t in (0, 9, 20):
            p = L.softmax(L.lens(m, stream[t]))
            assert abs(w.p_next(d, t) - p[w.targets[t]]) < 1e-12


def test_grid_prose_numbers():
    """Step 4's prose and quiz, on the starting prompt."""
    w = create("logit_lens_grid")
    chars = w.model.chars
    losses = [w.loss(d) for d in range(4)]
    assert losses[0] > 5 > math.log(65)                       # far above a uniform guess
    assert 2.15 < losses[1] < 2.3                             # "near 2.2"
    assert 0 < losses[1] - losses[2] < 0.1                    # block 2: less than a tenth
    assert 0 < losses[2] - losses[3] < 0.1                    # block 3: a few hundredths
    assert losses[0] - losses[1] > 3 * (losses[1] - losses[3])
    same = sum(w.top(0, t)[0] == w.model.encode(w.prompt[t])[0] for t in range(len(w.targets)))
    assert same >= len(w.targets) - 1                         # "at almost every position"
    assert chars[w.top(0, 7)[0]] == "W"                       # after W it says W
    assert chars[w.top(1, 7)[0]] == "h"                       # h after W
    assert chars[w.top(1, 14)[0]] == " "                      # a space after y


def test_depth_report_numbers_in_the_table(m):
    """Step 5's table, the bigram's 2.54, 'two times in three', and the quiz answer 0.10."""
    text = shakespeare()
    split = int(0.9 * len(text))
    r = L.depth_report(m, text[split:], L.bigram_probs(text[:split], m.chars), 40)
    assert r["n"] == 1280
    assert [round(x, 2) for x in r["loss"]] == [5.55, 2.59, 2.48, 2.44]
    assert r["same"] == [1263, 38, 39, 34]
    assert r["agree"] == [73, 859, 908, 916]
    assert round(r["bigram"], 2) == 2.54
    assert round(r["agree"][1] / r["n"] * 3) == 2
    assert abs((r["bigram"] - r["loss"][3]) - 0.10) < 0.015
    assert r["loss"][1] > r["bigram"] > r["loss"][2] > r["loss"][3]


def test_lesson_cells_print_what_the_prose_says():
    from lesson_kernel import run_lesson
    kernel, printed, scenes = run_lesson("m16-l03")
    out = "\n".join(str(v) for v in printed.values())
    assert "trained steps: 600" in out and "writes: 6" in out
    assert "positions of held-out text" in out


@pytest.mark.gpu
def test_pure_python_forward_matches_the_engine(m):
    """The lesson's forward pass agrees with the WGSL engine that trained the checkpoint."""
    from mlmath.gpt.engine import Engine
    from mlmath.gpt.gpu import GpuError, load_wgsl, open_gpu
    try:
        gpu = asyncio.run(open_gpu())
    except GpuError as e:
        pytest.skip(f"wgpu has no adapter: {e}")
    text = shakespeare()
    ids = m.encode(text[:5000])
    engine = asyncio.run(Engine.create(gpu, m.cfg, 1, ids, load_wgsl))
    cfg, flat, _ = __import__("mlmath.gpt.checkpoint", fromlist=["x"]).from_bytes(L.PATH.read_bytes())
    engine.set_params(flat)
    asyncio.run(engine.evaluate([1000]))
    full = asyncio.run(engine.fetch(engine.a.logits))
    V, T = cfg.vocab_size, cfg.block_size
    rec = L.forward(m, ids[1000:1000 + T])
    for t in range(T):
        mine = L.lens(m, rec.streams[-1][t])
        gap = max(abs(a - b) for a, b in zip(mine, full[t * V:(t + 1) * V]))
        assert gap < 1e-3, f"position {t}: logits differ by {gap}"
