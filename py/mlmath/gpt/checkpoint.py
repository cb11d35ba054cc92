"""Checkpoints in the safetensors format, written and read in pure Python.

Layout: 8-byte little-endian header length, a JSON header naming each tensor's dtype,
shape and byte range, then the raw little-endian float32 data. Names and shapes are
nanoGPT's state_dict (lm_head.weight is left out: it is tied to transformer.wte.weight),
so `safetensors` or PyTorch can open the file. __metadata__ holds config, vocabulary,
seed and step (safetensors allows only strings there).
"""

import json
import math
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


# Bounds a config must respect before anything is sized from it: a file could name a
# model far too large to allocate, and these are well above any model a browser trains.
LIMITS = {"vocab_size": 1 << 16, "block_size": 1 << 12, "n_layer": 64, "n_head": 64, "n_embd": 1 << 12}
HEADER_MAX = 100_000_000  # the safetensors library's own limit on the header


def from_bytes(blob: bytes):
    """(config, flat parameters, metadata), or CheckpointError saying in one line what is
    wrong. The whole file is checked first: header, offsets, config and values, so a
    caller that uploads the result never uploads part of a bad file."""
    if len(blob) < 8:
        raise CheckpointError("not a safetensors file: shorter than its 8-byte header length")
    (n,) = struct.unpack("<Q", blob[:8])
    if n > len(blob) - 8:
        raise CheckpointError(f"truncated: header says {n} bytes, "
                              f"file has {len(blob) - 8} after the length")
    if n > HEADER_MAX:
        raise CheckpointError(f"a {n:,}-byte header is beyond safetensors' limit")
    try:
        header = json.loads(blob[8:8 + n])
    except ValueError as e:
        raise CheckpointError(f"bad header: not JSON ({e})") from None
    if not isinstance(header, dict):
        raise CheckpointError("bad header: not a JSON object")
    meta = read_metadata(header.pop("__metadata__", None))
    cfg = read_config(meta["config"])
    if len(meta["vocab"]) != cfg.vocab_size:
        raise CheckpointError(f"vocabulary has {len(meta['vocab'])} symbols, "
                              f"config says {cfg.vocab_size}")
    table = param_table(cfg)
    names = [p.name for p in table]
    if set(header) != set(names):
        missing, extra = sorted(set(names) - set(header)), sorted(set(header) - set(names))
        raise CheckpointError(f"wrong tensor names: missing {missing[:3]}, unexpected {extra[:3]}")
    data = bytes(blob[8 + n:])
    spans = sorted(((read_entry(p, header[p.name]), p) for p in table), key=lambda s: s[0])
    at = 0  # safetensors' rule: the tensors tile the data section, with no gaps or overlaps
    for (begin, end), p in spans:
        if begin != at:
            raise CheckpointError(f"{p.name}: bytes [{begin}, {end}) leave a gap or overlap at {at}")
        at = end
    if at != len(data):
        raise CheckpointError(f"the tensors need {at:,} bytes of data, the file has {len(data):,}"
                              + ("; it may be truncated" if at > len(data) else ": extra bytes at the end"))
    flat = array("f", bytes(4 * layout(cfg)[0]))
    for (begin, end), p in spans:
        values = array("f", data[begin:end])
        if sys.byteorder != "little":
            values.byteswap()
        if not all(map(math.isfinite, values)):
            raise CheckpointError(f"{p.name} holds NaN or infinite values")
        flat[p.offset:p.offset + p.size] = values
    return cfg, flat, meta


def read_metadata(meta):
    if not isinstance(meta, dict):
        raise CheckpointError("bad header: no __metadata__ object (config, vocab, seed, step)")
    for key in ("config", "vocab", "seed", "step", *meta):  # safetensors keeps only strings
        if not isinstance(meta.get(key), str):
            raise CheckpointError(f"bad header: metadata {key!r} is {meta.get(key)!r:.40}, "
                                  "expected a string")
    if not meta["step"].isdigit() or not meta["step"].isascii():
        raise CheckpointError(f"bad header: metadata step {meta['step']!r} is not a whole number")
    return meta


def read_config(text):
    try:
        fields = json.loads(text)
    except ValueError:
        raise CheckpointError(f"bad config: {text[:40]!r} is not JSON") from None
    if not isinstance(fields, dict) or set(fields) != set(LIMITS):
        raise CheckpointError(f"bad config: expected the fields {', '.join(LIMITS)}")
    for key, top in LIMITS.items():
        v = fields[key]
        if type(v) is not int or not 1 <= v <= top:
            raise CheckpointError(f"bad config: {key} = {v!r}, expected a whole number 1 to {top}")
    if fields["n_embd"] % fields["n_head"]:
        raise CheckpointError(f"bad config: n_head = {fields['n_head']} does not divide "
                              f"n_embd = {fields['n_embd']}")
    return Config(**fields)


def read_entry(p, entry):
    """A tensor's [begin, end) in the data section, once its dtype and shape are right."""
    if not isinstance(entry, dict):
        raise CheckpointError(f"{p.name}: {entry!r} is not a tensor entry")
    if entry.get("dtype") != "F32":
        raise CheckpointError(f"{p.name}: dtype {entry.get('dtype')!r}, expected F32")
    if entry.get("shape") != list(p.shape):
        raise CheckpointError(f"{p.name}: shape {entry.get('shape')}, expected {list(p.shape)}")
    span = entry.get("data_offsets")
    if (not isinstance(span, list) or len(span) != 2
            or any(type(x) is not int or x < 0 for x in span) or span[1] - span[0] != 4 * p.size):
        raise CheckpointError(f"{p.name}: data_offsets {span!r} are not [begin, begin + "
                              f"{4 * p.size}] in bytes")
    return tuple(span)
