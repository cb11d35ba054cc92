"""The capstone package without a GPU: recipe, dispatch listing, sources, fingerprints, and
the engine options the pathology presets use (checked natively when wgpu has an adapter)."""

import asyncio
import hashlib
import math
from pathlib import Path

import pytest

from mlmath.m18.listing import MODULE_OF, listing_engine, phases, roles
from mlmath.m18.recipe import PRESETS, SIZES, every
from mlmath.m18.session import Session, weights_sha256
from mlmath.m18.sources import engine_files, highlight, line_count
from mlmath.gpt import checkpoint
from mlmath.gpt.model import Config, init_params, n_params
from mlmath.gpt.train import lr_at

ROOT = Path(__file__).resolve().parents[3]


def test_the_full_iteration_has_82_dispatches_10_plus_18_per_layer():
    e = listing_engine()
    assert len(e.dispatches()) == 82
    assert [(p, len(d)) for p, d in phases(e)] == [("forward", 32), ("backward", 48), ("optimizer", 2)]
    for L in range(1, 7):
        assert len(listing_engine(Config(n_layer=L), 4).dispatches()) == 10 + 18 * L
    assert phases(e)[1][1][0][0] == "matmul"  # index 32, the lesson's goal: the first backward dispatch


def test_roles_line_up_with_the_engines_kernels():
    for cfg in (Config(), SIZES["tiny"][0]):
        kernels = [k for k, _ in listing_engine(cfg, 4).dispatches()]
        names = roles(cfg)
        assert len(names) == len(kernels)
        for k, r in zip(kernels, names):
            assert ("causal attention" in r or "attention backward" in r) == (k in ("attention", "attention_bwd")), (k, r)
            assert ("LayerNorm" in r) == k.startswith("layernorm"), (k, r)
        assert set(kernels) <= set(MODULE_OF)


def test_the_stated_numbers():
    assert n_params(Config()) == 208_320  # m18-l05 and m18-l03 say "208,320"
    assert 32 * 64 == 2048
    assert round(math.exp(4) / (math.exp(4) + math.exp(2) + 1), 3) == 0.867
    assert round(math.exp(2) / (math.exp(2) + math.e + 1), 3) == 0.665
    assert every(3000) == 200 and every(40) == 10
    assert PRESETS["bad_init"][1].init_scale == 50 and not PRESETS["no_mask"][1].causal


def test_lr_schedule_takes_a_peak_and_warmup_and_keeps_its_default():
    assert lr_at(0, 3000) == pytest.approx(1e-3 / 101)
    assert lr_at(2999, 3000, lr=1e-2) == pytest.approx(1e-3, rel=1e-3)
    assert lr_at(0, 3000, lr=1e-2, warmup=0) == pytest.approx(1e-2)


def test_init_scale_multiplies_every_weight():
    cfg = SIZES["tiny"][0]
    a, b = init_params(cfg, "s"), init_params(cfg, "s", 50.0)
    nz = [i for i in range(0, len(a), 97) if a[i] not in (0.0, 1.0)]
    assert nz and all(b[i] == pytest.approx(50 * a[i], rel=1e-6) for i in nz)


def test_fingerprint_is_the_checkpoint_data_section():
    cfg = Config(n_layer=1, n_head=2, n_embd=8, block_size=8)
    flat = init_params(cfg, "x")
    blob = checkpoint.to_bytes(cfg, flat, "".join(chr(33 + i) for i in range(65)), "x", 3)
    n = int.from_bytes(blob[:8], "little")
    assert hashlib.sha256(blob[8 + n:]).hexdigest() == weights_sha256(cfg, flat)
    other = checkpoint.to_bytes(cfg, flat, "".join(chr(33 + i) for i in range(65)), "another seed", 9)
    assert hashlib.sha256(other[8 + int.from_bytes(other[:8], "little"):]).hexdigest() == weights_sha256(cfg, flat)


def test_sources_are_every_engine_file_with_its_lines_and_colouring_keeps_the_text():
    files = dict(engine_files())
    assert set(files) == ({p.relative_to(ROOT / "py/mlmath/gpt").as_posix() for p in (ROOT / "py/mlmath/gpt").rglob("*.py")}
                          | {p.name for p in (ROOT / "wgsl").glob("*.wgsl")})
    for name, text in files.items():
        lang = "wgsl" if name.endswith(".wgsl") else "py"
        tokens = highlight(text, lang)
        assert "".join(t for _, t in tokens) == text
        assert line_count(text) == text.count("\n")
    kinds = {c for c, _ in highlight(files["engine.py"], "py")}
    assert {"k", "c", "s", "f", "n"} <= kinds
    assert ["f", "main"] in highlight(files["matmul.wgsl"], "wgsl")


def test_session_without_a_gpu_says_what_is_missing(monkeypatch):
    import mlmath.gpt.gpu as gpu

    async def no_gpu():
        raise gpu.GpuError("this browser has no WebGPU (navigator.gpu is missing)")
    monkeypatch.setattr(gpu, "open_gpu", no_gpu)
    s = Session()
    with pytest.raises(gpu.GpuError):
        asyncio.run(s.open())
    assert "No GPU to train on" in s.status() and "navigator.gpu is missing" in s.status()


async def native_session():
    """A Session opened on wgpu's adapter (lavapipe here), or the test is skipped."""
    pytest.importorskip("wgpu")
    from mlmath.gpt.gpu import GpuError
    s = Session()
    try:
        await s.open()
    except GpuError as e:
        pytest.skip(f"no native adapter: {e}")
    return s


def test_a_short_native_run_trains_pauses_and_fingerprints():
    async def go():
        s = await native_session()
        s.size, s.steps = "tiny", 8
        s.seed = "unit"
        await s.start()
        a = await s.sha256()
        await s.start()
        b = await s.sha256()
        s.seed = "other"
        await s.start()
        c = await s.sha256()
        losses = s.run.losses
        blob = await s.checkpoint_bytes()
        with pytest.raises(checkpoint.CheckpointError):
            await s.load_checkpoint(blob[:100])
        assert await s.sha256() == c, "a bad file leaves the model untouched"
        await s.load_checkpoint(blob)
        return a, b, c, losses, await s.sha256(), s.run
    a, b, c, losses, loaded, run = asyncio.run(go())
    assert a == b != c and loaded == c
    assert len(losses) == 8 and run.evals and run.samples and len(run.samples[0][1]) == 100


def test_the_causal_switch_and_the_clip_switch_reach_the_gpu_natively():
    """The same weights and windows: the loss changes when the mask is switched off."""
    async def go():
        s = await native_session()
        s.size, s.steps = "tiny", 5
        await s.start()
        e = s.engine
        offsets = list(range(0, 800, 100))
        masked = await e.evaluate(offsets)
        e.set_options(causal=False)
        unmasked = await e.evaluate(offsets)
        e.set_options()
        again = await e.evaluate(offsets)
        return masked, unmasked, again
    masked, unmasked, again = asyncio.run(go())
    assert masked == again and unmasked != masked
