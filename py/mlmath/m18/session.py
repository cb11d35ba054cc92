"""One capstone session per page: the engine, the training task, and the model it trains.

The page's widgets share it (`session()`), so the model trained by one widget is the model
another saves, fingerprints or samples. Training runs as an asyncio task in the page's
worker: each iteration awaits its loss readback, and while it waits the worker answers
widget events, so Pause works and the page never freezes. The GPU opens on first use,
never at construction, so every widget builds (and draws) without one.
"""

import asyncio
import hashlib
import math
import statistics
import sys
import time
from dataclasses import dataclass, field

from ..gpt import checkpoint
from ..gpt.engine import Engine
from ..gpt.model import init_params, param_table
from ..gpt.prng import Rng
from ..gpt.sample import generate
from ..gpt.tokenizer import Tokenizer
from ..gpt.train import Windows, estimate, lr_at
from . import store
from .recipe import NORMAL, PRESETS, SIZES, every, preset_length

NO_GPU = ("No GPU to train on: {}. Every step that needs training opens without it; "
          "the tour, the quizzes and the code work as usual.")


@dataclass
class Run:
    """What one training run has shown so far: the numbers the widgets draw."""
    size: str
    steps: int
    seed: str
    preset: str | None
    step: int = 0
    losses: list = field(default_factory=list)    # per iteration
    ms: list = field(default_factory=list)        # wall time per iteration
    evals: list = field(default_factory=list)     # (step, train loss, val loss)
    samples: list = field(default_factory=list)   # (step, text)
    compile_ms: float | None = None               # building the engine: its shaders compile
    evaluate: bool = True                         # evaluate and sample along the way
    stopped: bool = False                         # asked to end at the next iteration
    ended: bool = False                           # finished, stopped or failed: nothing runs
    note: str = ""

    @property
    def slot(self):
        """Where the browser keeps it: a run of the recipe is the learner's own; a preset, the
        mystery run or a seed run (no evaluations) is an experiment, kept beside it."""
        return "mine" if self.preset is None and self.evaluate else "experiment"

    @property
    def first_ms(self):
        return self.ms[0] if self.ms else None

    @property
    def steady_ms(self):
        """Median of the iterations after the first: the first pays for warming up."""
        return statistics.median(self.ms[1:]) if len(self.ms) > 1 else None


def weights_sha256(cfg, flat) -> str:
    """SHA-256 of the tensors' bytes in state_dict order: exactly a checkpoint's data
    section (the file after its header), so metadata such as the seed never enters it."""
    h = hashlib.sha256()
    for p in param_table(cfg):
        h.update(flat[p.offset:p.offset + p.size].tobytes())
    return h.hexdigest()


class Session:
    def __init__(self):
        self.gpu, self.problem, self.lost = None, None, None
        self.engines = {}          # (config, batch) -> Engine: each compiles its shaders once
        self.engine = None         # the engine holding the current model
        self.tok = self.ids = None
        self.size, self.seed = "full", "mlmath"
        self.steps = SIZES["full"][2]
        self.run = None            # the latest Run
        self.model = None          # {"seed", "step", "size", "preset"} of the weights on the GPU
        self.stored = None         # info of the learner's own model kept in the browser, once looked up
        self.task = None
        self.go = asyncio.Event()  # cleared while paused
        self.go.set()
        self.decoding = asyncio.Lock()  # one KV-cache walk at a time: two samplers share the cache
        self.watchers = []
        self.looked = False
        self.last_refresh = 0.0

    # -- the widgets that show this session ----------------------------------------------
    def watch(self, widget):
        self.watchers.append(widget)

    def changed(self, force=True):
        """Redraw every watching widget (at most ten times a second mid-run)."""
        now = time.monotonic()
        if force or now - self.last_refresh > 0.1:
            self.last_refresh = now
            for w in self.watchers:
                w.refresh()

    @property
    def training(self):
        # `ended`, not only task.done(): the run's last redraw happens inside its own task
        return self.task is not None and not self.task.done() and not self.run.ended

    @property
    def paused(self):
        return self.training and not self.go.is_set()

    def status(self):
        if self.problem:
            return self.problem
        if self.lost:
            return f"The GPU device was lost ({self.lost}). Resume from the last stored model."
        if self.paused:
            return f"Paused at iteration {self.run.step}."
        if self.training:
            return "Starting: compiling the shaders…" if not self.run.ms else f"Training: iteration {self.run.step} of {self.run.steps}."
        if self.run and self.run.note:
            return self.run.note
        if self.model:
            return f"Model ready: seed {self.model['seed']!r}, {self.model['step']} iterations ({self.model['size']})."
        return "Ready. Nothing is trained yet."

    # -- the GPU and the engine ----------------------------------------------------------
    async def open(self):
        if self.gpu is not None:
            return self.gpu
        from ..gpt.gpu import GpuError, open_gpu
        try:
            self.gpu = await open_gpu()
        except (GpuError, ImportError) as e:
            self.problem = NO_GPU.format(e)
            raise
        self.problem = self.lost = None
        if sys.platform == "emscripten":
            from pyodide.ffi import create_once_callable
            gpu = self.gpu
            gpu.device.lost.then(create_once_callable(lambda info: self.on_lost(gpu, info)))
        return self.gpu

    def on_lost(self, gpu, info):
        if gpu is not self.gpu:
            return  # an older device, already replaced
        self.lost = str(getattr(info, "message", "") or getattr(info, "reason", "") or "no reason given")
        self.gpu, self.engines, self.engine = None, {}, None
        self.changed()

    def text(self):
        if self.tok is None:
            from ..data import shakespeare
            text = shakespeare()
            self.tok = Tokenizer.from_text(text)
            self.ids = self.tok.encode(text)
        return self.tok, self.ids

    async def engine_for(self, cfg, batch):
        """The engine for a size, built (and its shaders compiled) on first use; (engine, ms)."""
        gpu = await self.open()
        key = (cfg, batch)
        if key in self.engines:
            return self.engines[key], 0.0
        from ..gpt.gpu import load_wgsl
        _, ids = self.text()
        t0 = time.perf_counter()
        self.engines[key] = await Engine.create(gpu, cfg, batch, ids, load_wgsl)
        return self.engines[key], (time.perf_counter() - t0) * 1000

    # -- training ------------------------------------------------------------------------
    def start(self, preset=None, resume=None, evaluate=True):
        """Start a run (a preset's broken options, or the recipe). Stops any run in progress.
        evaluate=False skips the evaluations and samples (a short run that only needs its weights)."""
        previous = self.task if self.training else None
        self.stop()
        steps = preset_length(preset, self.steps) if preset else self.steps
        self.run = Run(self.size, steps, self.seed, preset, evaluate=evaluate)
        self.task = asyncio.ensure_future(self._train(self.run, resume, previous))
        self.changed()
        return self.task

    def stop(self):
        """End the run at its next iteration boundary. Not task.cancel(): cancelling a run
        mid-readback would leave its staging buffer mapped for the next run."""
        if self.training:
            self.run.stopped = True
        self.go.set()

    def pause(self):
        if self.training:
            self.go.clear()
            self.changed()
            return asyncio.ensure_future(self.keep())  # a paused model is worth keeping

    def resume(self):
        self.go.set()
        self.changed()

    async def _train(self, run, resume, previous=None):
        cfg, batch, _ = SIZES[run.size]
        options = PRESETS[run.preset][1] if run.preset else NORMAL
        if previous is not None:
            await asyncio.wait([previous])  # the old run ends first: one run on the GPU at a time
        try:
            engine, run.compile_ms = await self.engine_for(cfg, batch)
            first = 0
            if resume:  # (flat parameters, iterations already done): AdamW's moments restart at zero
                flat, first = resume
            else:
                flat = init_params(cfg, run.seed, options.init_scale)
            engine.set_params(flat)
            engine.set_options(options.causal, min(options.max_norm, 3e38))
            engine.sgd = options.sgd
            self.engine, run.step = engine, first
            self.model = {"seed": run.seed, "step": first, "size": run.size, "preset": run.preset}
            windows, rng = Windows(len(self.ids), cfg.block_size), Rng(run.seed, "batches")
            for _ in range(first):  # the same batches an unbroken run would have drawn
                windows.sample(rng, batch, "train")
            interval = every(run.steps)
            for it in range(first, run.steps):
                await self.go.wait()
                if run.stopped:
                    run.note = f"Stopped at iteration {run.step}."
                    break
                t0 = time.perf_counter()
                engine.step(windows.sample(rng, batch, "train"), it + 1,
                            lr_at(it, run.steps, options.lr, options.warmup), keep_loss=True)
                loss = await engine.loss()
                run.ms.append((time.perf_counter() - t0) * 1000)
                run.step = self.model["step"] = it + 1
                run.losses.append(loss)
                if not math.isfinite(loss):
                    run.note = f"Diverged: the loss became {loss} at iteration {it + 1}. The run stopped."
                    break
                if run.evaluate and (run.step % interval == 0 or run.step == run.steps):
                    est = await estimate(engine, windows, run.seed, run.step, batches=4)
                    run.evals.append((run.step, est["train"], est["val"]))
                    run.samples.append((run.step, await self.sample(100, seed=f"{run.seed}/{run.step}")))
                    await self.keep()
                self.changed(force=False)
            else:
                run.note = f"Done: {run.steps} iterations, seed {run.seed!r}."
                if not run.evaluate:
                    await self.keep()
        except Exception as e:  # noqa: BLE001 - the learner reads what went wrong
            if self.lost:
                run.note = self.status()
            elif not self.problem:
                run.note = f"Training stopped: {type(e).__name__}: {e}"
        finally:
            run.ended = True
            self.changed()

    # -- the model: fingerprint, checkpoints, the browser's copy -------------------------
    async def weights(self):
        return await self.engine.fetch(self.engine.params)

    async def sha256(self):
        return weights_sha256(self.engine.cfg, await self.weights())

    async def checkpoint_bytes(self):
        m = self.model
        return checkpoint.to_bytes(self.engine.cfg, await self.weights(), self.tok.chars, m["seed"], m["step"])

    async def load_checkpoint(self, blob, info=None):
        """Put a checkpoint's weights on the GPU. Every CheckpointError is raised before
        anything changes, so a refused file leaves the current model as it was."""
        cfg, flat, meta = checkpoint.from_bytes(blob)
        tok, _ = self.text()
        if meta["vocab"] != tok.chars:
            raise checkpoint.CheckpointError("its vocabulary is not tiny-shakespeare's 65 characters")
        if cfg.block_size > 64:
            raise checkpoint.CheckpointError(f"its context is {cfg.block_size}; this engine handles at most 64")
        size = next((s for s, (c, _, _) in SIZES.items() if c == cfg), None)
        model = {"seed": meta["seed"], "step": int(meta["step"]), "size": size or "custom",
                 "preset": (info or {}).get("preset")}
        if self.training:  # the run ends first, so its last iteration cannot land on these weights
            self.stop()
            await asyncio.wait([self.task])
        engine, _ = await self.engine_for(cfg, SIZES[size][1] if size else 8)
        engine.set_params(flat)
        engine.set_options()
        self.engine, self.model = engine, model
        self.changed()

    async def keep(self):
        """Store the current run's model in the browser, in its slot (a no-op outside one)."""
        if self.engine is None or not store.available():
            return
        r = self.run
        info = dict(self.model, curve=r.losses[::max(1, len(r.losses) // 300)], evals=r.evals)
        await store.save(await self.checkpoint_bytes(), info, r.slot)
        if r.slot == "mine":
            self.stored = info

    def look_up_soon(self):
        """In the page, find out once whether this browser can train (so a widget can say so
        and waive its gate before anyone presses Start) and which models it keeps."""
        if sys.platform != "emscripten" or self.looked:
            return
        self.looked = True

        async def go():
            from ..gpt.gpu import GpuError
            from ..gpt.gpu.browser import adapter
            try:
                await adapter()  # no device yet: one opens on first use
            except GpuError as e:
                self.problem = NO_GPU.format(e)
            try:
                if store.available():
                    await self.look_up_stored()
            finally:
                self.changed()
        asyncio.ensure_future(go())

    async def look_up_stored(self):
        found = await store.load()
        self.stored = found and found[1]
        return found

    async def restore(self):
        """Load the learner's own model kept in the browser; True when there was one."""
        found = await self.look_up_stored()
        if not found:
            return False
        await self.load_checkpoint(found[0], found[1])
        return True

    # -- generation ----------------------------------------------------------------------
    async def next_logits(self, prompt):
        """The model's logits for the character after `prompt` (its last window), via the KV cache."""
        T = self.engine.cfg.block_size
        window = self.tok.encode(prompt)[-T:] or [0]
        async with self.decoding:
            for pos, t in enumerate(window):
                logits = await self.engine.decode(t, pos)
        return logits

    async def sample(self, n, prompt="\n", temperature=0.8, top_k=0, top_p=1.0, seed="sample", on_token=None):
        async with self.decoding:
            return await generate(self.engine, self.tok, prompt, n, temperature, top_k, top_p, seed, on_token)


_session = None


def session() -> Session:
    """The page's one session (a module-level singleton: every widget on a page shares it)."""
    global _session
    if _session is None:
        _session = Session()
    return _session
