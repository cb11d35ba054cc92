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
LIMITS = {"vocab_size": 1 << 16, "block_size": 1 << 12, "n_layer": 64, "n_head": 64,
          "n_embd": 1 << 12}


def need(ok, message):
    if not ok:
        raise CheckpointError(message)


def from_bytes(blob: bytes):
    """(config, flat parameters, metadata), or CheckpointError saying in one line what is
    wrong. The whole file is checked first: header, config, offsets and values, so a
    caller that uploads the result never uploads part of a bad file."""
    need(len(blob) >= 8, "not a safetensors file: shorter than its 8-byte header length")
    (n,) = struct.unpack("<Q", blob[:8])
    need(n <= len(blob) - 8,
         f"truncated: header says {n} bytes, file has {len(blob) - 8} after the length")
    try:
        header = json.loads(blob[8:8 + n])
    except ValueError as e:
        raise CheckpointError(f"bad header: not JSON ({e})") from None
    need(isinstance(header, dict), "bad header: not a JSON object")
    meta = read_metadata(header.pop("__metadata__", None))
    cfg = read_config(meta["config"])
    need(len(meta["vocab"]) == cfg.vocab_size,
         f"vocabulary has {len(meta['vocab'])} symbols, config says {cfg.vocab_size}")
    table = param_table(cfg)
    missing, extra = {p.name for p in table} - set(header), set(header) - {p.name for p in table}
    need(not missing and not extra,
         f"wrong tensor names: missing {sorted(missing)[:3]}, unexpected {sorted(extra)[:3]}")
    data = bytes(blob[8 + n:])
    spans = sorted(((read_entry(p, header[p.name]), p) for p in table), key=lambda s: s[0])
    at = 0  # safetensors' rule: the tensors tile the data section, with no gaps or overlaps
    for (begin, end), p in spans:
        need(begin == at, f"{p.name}: bytes [{begin}, {end}) leave a gap or overlap at {at}")
        at = end
    need(at == len(data), f"the tensors need {at:,} bytes of data, the file has {len(data):,}"
         + ("; it may be truncated" if at > len(data) else ": extra bytes at the end"))
    flat = array("f", bytes(4 * layout(cfg)[0]))
    for (begin, end), p in spans:
        values = array("f", data[begin:end])
        if sys.byteorder != "little":
            values.byteswap()
        need(all(map(math.isfinite, values)), f"{p.name} holds NaN or infinite values")
        flat[p.offset:p.offset + p.size] = values
    return cfg, flat, meta


def read_metadata(meta):
    need(isinstance(meta, dict), "bad header: no __metadata__ object (config, vocab, seed, step)")
    for key in ("config", "vocab", "seed", "step", *meta):  # safetensors keeps only strings
        need(isinstance(meta.get(key), str),
             f"bad header: metadata {key!r} is {meta.get(key)!r:.40}, expected a string")
    need(meta["step"].isascii() and meta["step"].isdigit(),
         f"bad header: metadata step {meta['step']!r} is not a whole number")
    return meta


def read_config(text):
    try:
        fields = json.loads(text)
    except ValueError:
        raise CheckpointError(f"bad config: {text[:40]!r} is not JSON") from None
    need(isinstance(fields, dict) and set(fields) == set(LIMITS),
         f"bad config: expected the fields {', '.join(LIMITS)}")
    for key, top in LIMITS.items():
        need(type(fields[key]) is int and 1 <= fields[key] <= top,
             f"bad config: {key} = {fields[key]!r}, expected a whole number 1 to {top}")
    need(fields["n_embd"] % fields["n_head"] == 0,
         f"bad config: n_head = {fields['n_head']} does not divide n_embd = {fields['n_embd']}")
    return Config(**fields)


def read_entry(p, entry):
    """A tensor's [begin, end) in the data section, once its dtype and shape are right."""
    need(isinstance(entry, dict), f"{p.name}: {entry!r:.40} is not a tensor entry")
    need(entry.get("dtype") == "F32", f"{p.name}: dtype {entry.get('dtype')!r}, expected F32")
    need(entry.get("shape") == list(p.shape),
         f"{p.name}: shape {entry.get('shape')!r:.40}, expected {list(p.shape)}")
    span = entry.get("data_offsets")
    need(isinstance(span, list) and len(span) == 2 and all(type(x) is int and x >= 0 for x in span)
         and span[1] - span[0] == 4 * p.size,
         f"{p.name}: data_offsets {span!r:.60} are not [begin, begin + {4 * p.size}] in bytes")
    return tuple(span)
