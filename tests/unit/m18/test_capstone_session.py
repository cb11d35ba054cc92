"""The capstone session: what it says without a GPU, how a run ends, which slot keeps which
model, and that a refused checkpoint leaves the model on the GPU exactly as it was."""

import asyncio

import pytest

import mlmath.gpt.gpu as gpu
from mlmath.gpt.checkpoint import CheckpointError, to_bytes
from mlmath.gpt.model import init_params
from mlmath.m18 import store
from mlmath.m18.session import Session
from test_gpt_checkpoint import BAD, CFG, VOCAB


def test_without_a_gpu_one_line_says_what_is_missing_and_what_still_works(monkeypatch):
    async def no_adapter():
        raise gpu.GpuError("the browser offers WebGPU but no GPU adapter; switch on hardware acceleration")
    monkeypatch.setattr(gpu, "open_gpu", no_adapter)
    s = Session()
    with pytest.raises(gpu.GpuError):
        asyncio.run(s.open())
    said = s.status()
    assert "\n" not in said and "no GPU adapter" in said and "hardware acceleration" in said
    assert "opens without it" in said and not s.training


async def native_session():
    pytest.importorskip("wgpu")
    s = Session()
    try:
        await s.open()
    except gpu.GpuError as e:
        pytest.skip(f"no native adapter: {e}")
    s.size, s.steps = "tiny", 6
    return s


class Seen:
    """A watcher that records what a widget would draw at each refresh."""

    def __init__(self, s):
        self.s, self.log = s, []
        s.watch(self)

    def refresh(self):
        self.log.append((self.s.training, self.s.status()))


class Slots:
    """The browser's store, in memory: what each slot holds."""

    def __init__(self, monkeypatch):
        self.kept = {}
        monkeypatch.setattr(store, "available", lambda: True)
        monkeypatch.setattr(store, "save", self.save)
        monkeypatch.setattr(store, "load", self.load)

    async def save(self, blob, info, slot="mine"):
        self.kept[slot] = (blob, info)

    async def load(self, slot="mine"):
        return self.kept.get(slot)


def test_the_last_redraw_of_a_run_says_it_is_done_and_not_training():
    async def go():
        s = await native_session()
        seen = Seen(s)
        await s.start()
        return seen.log[-1]
    training, said = asyncio.run(go())
    assert not training and said.startswith("Done: 6 iterations")


def test_presets_and_seed_runs_are_kept_beside_the_learners_own_run(monkeypatch):
    slots = Slots(monkeypatch)

    async def go():
        s = await native_session()
        s.seed = "mine"
        await s.start()
        own = await s.sha256()
        s.seed = "experiment"
        await s.start("lr_low")
        assert slots.kept["experiment"][1]["preset"] == "lr_low"
        await s.start(evaluate=False)  # lesson 3's seed runs
        assert slots.kept["experiment"][1]["seed"] == "experiment"
        assert await s.restore()
        return own, await s.sha256(), s.model, s.stored
    own, restored, model, stored = asyncio.run(go())
    assert restored == own and model["seed"] == "mine" and stored["seed"] == "mine"


def test_a_refused_checkpoint_leaves_the_model_on_the_gpu_as_it_was():
    good = to_bytes(CFG, init_params(CFG, "ckpt"), VOCAB, "ckpt", 20)

    async def go():
        s = await native_session()
        await s.start(evaluate=False)
        before, model, changed = await s.sha256(), dict(s.model), []
        for case, (make, _, _) in BAD.items():
            with pytest.raises(CheckpointError):
                await s.load_checkpoint(make(good))
            if await s.sha256() != before or s.model != model:
                changed.append(case)
        return changed
    assert asyncio.run(go()) == []
