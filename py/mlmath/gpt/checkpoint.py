"""Checkpoints in the safetensors format, written and read in pure Python.

Layout: 8-byte little-endian header length, a JSON header naming each tensor's dtype,
shape and byte range, then the raw little-endian float32 data. Names and shapes are
nanoGPT's state_dict (lm_head.weight is left out: it is tied to transformer.wte.weight),
so `safetensors` or PyTorch can open the file. __metadata__ holds config, vocabulary,
seed and step (safetensors allows only strings there).
"""

import json
import struct
import sys
from array import array
from dataclasses import asdict

from .model import Config, layout, param_table


class CheckpointError(ValueError):
    pass


def to_bytes(cfg: Config, flat: array, vocab: str, seed: str, step: int) -> bytes:
    header, chunks, at = {}, [], 0
    for p in param_table(cfg):
        data = flat[p.offset:p.offset + p.size]
        if sys.byteorder != "little":
            data.byteswap()
        chunks.append(data.tobytes())
        header[p.name] = {"dtype": "F32", "shape": list(p.shape),
                          "data_offsets": [at, at + 4 * p.size]}
        at += 4 * p.size
    header["__metadata__"] = {"config": json.dumps(asdict(cfg)), "vocab": vocab, "seed": seed,
                              "step": str(step)}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)  # the data starts 8-byte aligned, as safetensors writes it
    return struct.pack("<Q", len(text)) + text + b"".join(chunks)


def from_bytes(blob: bytes):
    """(config, flat parameters, metadata), or CheckpointError saying what is wrong."""
    if len(blob) < 8:
        raise CheckpointError("not a safetensors file: shorter than its 8-byte header length")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > len(blob) - 8:
        raise CheckpointError(f"truncated: header says {n} bytes, "
                              f"file has {len(blob) - 8} after the length")
    try:
        header = json.loads(blob[8:8 + n])
        meta = header.pop("__metadata__")
        cfg = Config(**json.loads(meta["config"]))
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise CheckpointError(f"bad header: {e}") from None
    table = param_table(cfg)
    names = [p.name for p in table]
    if set(header) != set(names):
        missing, extra = sorted(set(names) - set(header)), sorted(set(header) - set(names))
        raise CheckpointError(f"wrong tensor names: missing {missing[:3]}, unexpected {extra[:3]}")
    data = blob[8 + n:]
    flat = array("f", bytes(4 * layout(cfg)[0]))
    for p in table:
        entry = header[p.name]
        if entry.get("dtype") != "F32":
            raise CheckpointError(f"{p.name}: dtype {entry.get('dtype')}, expected F32")
        if entry.get("shape") != list(p.shape):
            raise CheckpointError(f"{p.name}: shape {entry.get('shape')}, expected {list(p.shape)}")
        begin, end = entry.get("data_offsets", (0, -1))
        if end - begin != 4 * p.size or end > len(data):
            raise CheckpointError(f"{p.name}: bytes [{begin}, {end}) do not fit; "
                                  "the file may be truncated")
        values = array("f", data[begin:end])
        if sys.byteorder != "little":
            values.byteswap()
        flat[p.offset:p.offset + p.size] = values
    if len(meta.get("vocab", "")) != cfg.vocab_size:
        raise CheckpointError(f"vocabulary has {len(meta.get('vocab', ''))} symbols, "
                              f"config says {cfg.vocab_size}")
    return cfg, flat, meta
