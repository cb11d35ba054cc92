"""The model's shape: configuration, the parameter table, and the seeded initialisation.

Parameters live in one flat float32 buffer so that AdamW and clipping are single passes.
The table follows nanoGPT's state_dict names and shapes; the 2-D weights come first so
weight decay applies to exactly the prefix [0, n_decay). Each tensor starts on a multiple
of 64 floats (256 bytes), WebGPU's alignment for binding a slice of a buffer.
"""

import math
from array import array
from dataclasses import dataclass

from .prng import Rng

ALIGN = 64


@dataclass(frozen=True)
class Config:
    vocab_size: int = 65
    block_size: int = 64
    n_layer: int = 4
    n_head: int = 4
    n_embd: int = 64


@dataclass(frozen=True)
class Param:
    name: str
    shape: tuple
    offset: int
    init: float | str  # a normal's standard deviation, or "zeros" / "ones"

    @property
    def size(self) -> int:
        return math.prod(self.shape)


def param_table(cfg: Config) -> list[Param]:
    """Every parameter in nanoGPT's state_dict order, placed in the flat buffer."""
    V, T, C, L = cfg.vocab_size, cfg.block_size, cfg.n_embd, cfg.n_layer
    std, proj_std = 0.02, 0.02 / math.sqrt(2 * L)  # residual projections scaled down
    specs = [("transformer.wte.weight", (V, C), std), ("transformer.wpe.weight", (T, C), std)]
    for i in range(L):
        h = f"transformer.h.{i}."
        specs += [
            (h + "ln_1.weight", (C,), "ones"), (h + "ln_1.bias", (C,), "zeros"),
            (h + "attn.c_attn.weight", (3 * C, C), std),
            (h + "attn.c_attn.bias", (3 * C,), "zeros"),
            (h + "attn.c_proj.weight", (C, C), proj_std), (h + "attn.c_proj.bias", (C,), "zeros"),
            (h + "ln_2.weight", (C,), "ones"), (h + "ln_2.bias", (C,), "zeros"),
            (h + "mlp.c_fc.weight", (4 * C, C), std), (h + "mlp.c_fc.bias", (4 * C,), "zeros"),
            (h + "mlp.c_proj.weight", (C, 4 * C), proj_std), (h + "mlp.c_proj.bias", (C,), "zeros"),
        ]
    specs += [("transformer.ln_f.weight", (C,), "ones"), ("transformer.ln_f.bias", (C,), "zeros")]
    table, offset = {}, 0
    for name, shape, init in sorted(specs, key=lambda s: len(s[1]) != 2):  # stable: 2-D first
        table[name] = Param(name, shape, offset, init)
        offset += -(-math.prod(shape) // ALIGN) * ALIGN
    return [table[name] for name, _, _ in specs]


def n_params(cfg: Config) -> int:
    return sum(p.size for p in param_table(cfg))


def layout(cfg: Config) -> tuple[int, int]:
    """(floats in the flat buffer, floats in its weight-decayed prefix)."""
    table = param_table(cfg)
    end = max(p.offset + p.size for p in table)
    decay_end = max(p.offset + p.size for p in table if len(p.shape) == 2)
    return -(-end // ALIGN) * ALIGN, decay_end


def init_params(cfg: Config, seed: str, scale: float = 1.0) -> array:
    """nanoGPT's init: normal(0, 0.02) weights (residual projections 0.02/sqrt(2L)),
    zero biases, LayerNorm weights one; normals drawn in state_dict order.
    scale multiplies every standard deviation (1 is nanoGPT's; the capstone breaks it on
    purpose)."""
    rng = Rng(seed, "init")
    flat = array("f", bytes(4 * layout(cfg)[0]))
    for p in param_table(cfg):
        if p.init == "ones":
            flat[p.offset:p.offset + p.size] = array("f", [1.0]) * p.size
        elif p.init != "zeros":  # the buffer starts at zero
            normals = (rng.normal() * p.init * scale for _ in range(p.size))
            flat[p.offset:p.offset + p.size] = array("f", normals)
    return flat
