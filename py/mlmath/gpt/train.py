"""Training: random windows of the text, the learning-rate schedule, and the loop."""

import math

from .prng import Rng

LR, MIN_LR, WARMUP = 1e-3, 1e-4, 100


def lr_at(it: int, steps: int, lr: float = LR, warmup: int = WARMUP) -> float:
    """nanoGPT's schedule: linear warmup over `warmup` steps, then cosine down to lr / 10
    (MIN_LR for the default peak LR)."""
    min_lr = lr * MIN_LR / LR
    if it < warmup:
        return lr * (it + 1) / (warmup + 1)
    ratio = min(1.0, (it - warmup) / max(1, steps - warmup))
    return min_lr + 0.5 * (1.0 + math.cos(math.pi * ratio)) * (lr - min_lr)


class Windows:
    """Start offsets of random windows: the first 90% of the text trains, the rest validates.
    A window of T tokens also needs its T targets, one further on, so it spans T + 1."""

    def __init__(self, n_tokens: int, block_size: int):
        self.split, self.n, self.T = int(0.9 * n_tokens), n_tokens, block_size

    def sample(self, rng: Rng, batch: int, split: str) -> list[int]:
        lo, hi = (0, self.split) if split == "train" else (self.split, self.n)
        return [lo + rng.below(hi - lo - self.T) for _ in range(batch)]


async def estimate(engine, windows, seed, step, batches=10):
    """Mean train and validation loss over a few batches, drawn from their own stream, with
    the causal mask on even if the run trains without it: the loss as the model generates."""
    rng, causal = Rng(seed, f"eval/{step}"), engine.causal
    engine.set_options(True, engine.max_norm)
    losses = {split: sum([await engine.evaluate(windows.sample(rng, engine.B, split))
                          for _ in range(batches)]) / batches
              for split in ("train", "val")}
    engine.set_options(causal, engine.max_norm)
    return losses


async def train(engine, windows, seed, steps, loss_every=1, on_loss=None,
                eval_every=0, on_eval=None, sample_every=0, on_sample=None):
    """Run `steps` AdamW steps. Hooks: on_loss(step, loss) every loss_every steps,
    on_eval(step, {"train": .., "val": ..}) and await on_sample(step) at their intervals."""
    rng = Rng(seed, "batches")
    for it in range(steps):
        step = it + 1
        keep = step % loss_every == 0 or step == steps
        engine.step(windows.sample(rng, engine.B, "train"), step, lr_at(it, steps), keep_loss=keep)
        if keep and on_loss:
            on_loss(step, await engine.loss())
        if eval_every and step % eval_every == 0 and on_eval:
            on_eval(step, await estimate(engine, windows, seed, step))
        if sample_every and step % sample_every == 0 and on_sample:
            await on_sample(step)
