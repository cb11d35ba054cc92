"""One training iteration's dispatches, listed without a GPU.

The engine builds its dispatch list while it allocates buffers and bind groups. Handed a
stand-in that only counts bytes, it builds the very same list in CPython at build time,
so a page without WebGPU (and an exercise's check) can still read it.
"""

from ..gpt.engine import KERNELS, Engine
from ..gpt.model import Config


class NullGpu:
    """Accepts every call of the GPU interface and does nothing; counts the bytes asked for."""

    def __init__(self):
        self.nbytes = 0

    def buffer(self, nbytes):
        self.nbytes += nbytes
        return object()

    uniform = staticmethod(lambda data: object())
    staging = staticmethod(lambda nbytes: object())
    write = staticmethod(lambda buf, data, offset=0: None)
    bind = staticmethod(lambda pipeline, slices: slices)


def listing_engine(cfg: Config = Config(), batch: int = 32) -> Engine:
    return Engine(NullGpu(), cfg, batch, [0] * (cfg.block_size + 1), {k: object() for k in KERNELS})


# Which course module taught the idea behind each kernel.
MODULE_OF = {
    "embedding": "M14 (tokens become vectors) and M15 (positions)",
    "layernorm": "M13: LayerNorm, each row to mean 0 and variance 1",
    "matmul": "M16: the block's linear layers and the tied unembedding",
    "attention": "M15: scaled dot-product attention under the causal mask",
    "cross_entropy": "M14: cross-entropy on the next character; M12: its gradient",
    "embedding_bwd": "M12: backprop; gradients add into the rows that were used",
    "layernorm_bwd": "M12: backprop through LayerNorm (M13)",
    "attention_bwd": "M12: backprop through attention's softmax (M15)",
    "grad_norm": "M17: the global gradient norm, for clipping",
    "adamw": "M17: AdamW, weight decay on the matrices only",
}


def phases(engine: Engine):
    """[(phase, [(kernel, workgroups), ...])] for forward, backward and the optimizer."""
    n_fwd, n_bwd = len(engine.forward), len(engine.backward)
    d = engine.dispatches()
    return [("forward", d[:n_fwd]), ("backward", d[n_fwd:n_fwd + n_bwd]), ("optimizer", d[n_fwd + n_bwd:])]


def roles(cfg: Config = Config()):
    """What each dispatch of a training step does, in the engine's order."""
    out = ["embedding: token + position vectors"]
    for i in range(cfg.n_layer):
        out += [f"layer {i}: LayerNorm 1", f"layer {i}: q, k, v = x·W_attn", f"layer {i}: causal attention",
                f"layer {i}: attention output projection, added to x", f"layer {i}: LayerNorm 2",
                f"layer {i}: MLP up-projection and GELU", f"layer {i}: MLP down-projection, added to x"]
    out += ["final LayerNorm", "logits = x·Wteᵀ (tied unembedding)", "cross-entropy and its gradient"]
    out += ["gradient into x through the unembedding", "gradient of Wte from the unembedding",
            "final LayerNorm backward"]
    for i in reversed(range(cfg.n_layer)):
        out += [f"layer {i}: MLP down-projection, input gradient", f"layer {i}: MLP down-projection, weight gradient",
                f"layer {i}: MLP up-projection, input gradient (times GELU')",
                f"layer {i}: MLP up-projection, weight gradient", f"layer {i}: LayerNorm 2 backward",
                f"layer {i}: attention projection, input gradient", f"layer {i}: attention projection, weight gradient",
                f"layer {i}: attention backward (softmax)", f"layer {i}: q, k, v input gradient",
                f"layer {i}: q, k, v weight gradient", f"layer {i}: LayerNorm 1 backward"]
    out += ["embedding backward: rows of Wte and Wpe", "global gradient norm (for clipping)", "AdamW update"]
    return out
