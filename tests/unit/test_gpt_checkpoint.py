"""Checkpoints: readable by the safetensors library, round-trip exactly, and every kind
of bad file is rejected with a message that says what is wrong."""

import json
import math
import random
import re
import struct

import numpy as np
import pytest
from safetensors.numpy import load, save

from mlmath.gpt.checkpoint import CheckpointError, from_bytes, to_bytes
from mlmath.gpt.model import Config, init_params, param_table

CFG = Config(n_layer=2)
VOCAB = "".join(chr(32 + i) for i in range(65))


@pytest.fixture(scope="module")
def blob_and_flat():
    flat = init_params(CFG, "ckpt")
    return to_bytes(CFG, flat, VOCAB, "ckpt", 20), flat


def test_safetensors_library_reads_every_tensor(blob_and_flat):
    blob, flat = blob_and_flat
    tensors = load(blob)
    assert set(tensors) == {p.name for p in param_table(CFG)}
    for p in param_table(CFG):
        t = tensors[p.name]
        assert t.dtype == np.float32 and t.shape == p.shape
        np.testing.assert_array_equal(t.ravel(), np.asarray(flat[p.offset:p.offset + p.size]))


def test_round_trip_and_metadata(blob_and_flat):
    blob, flat = blob_and_flat
    cfg, back, meta = from_bytes(blob)
    assert cfg == CFG and back.tobytes() == flat.tobytes()
    assert meta["vocab"] == VOCAB and meta["seed"] == "ckpt" and meta["step"] == "20"


def test_reads_a_file_the_library_wrote(blob_and_flat):
    blob, flat = blob_and_flat
    _, _, meta = from_bytes(blob)
    again = save(load(blob), metadata=meta)
    assert from_bytes(again)[1].tobytes() == flat.tobytes()


def rewrite(blob, edit):
    (n,) = struct.unpack("<Q", blob[:8])
    header = json.loads(blob[8:8 + n])
    edit(header)
    text = json.dumps(header).encode()
    return struct.pack("<Q", len(text)) + text + blob[8 + n:]


def data_at(blob, name):
    """Where a tensor's bytes start in the file."""
    (n,) = struct.unpack("<Q", blob[:8])
    return 8 + n + json.loads(blob[8:8 + n])[name]["data_offsets"][0]


def poke(blob, name, value):
    """The file with the first float of one tensor replaced."""
    at = data_at(blob, name)
    return blob[:at] + struct.pack("<f", value) + blob[at + 4:]


def config(**change):
    return lambda h: h["__metadata__"].update(config=json.dumps({**CFG.__dict__, **change}))


def offsets(name, value):
    return lambda h: h[name].update(data_offsets=value)


def shifted(h):
    """One tensor moved 4 bytes later: a gap before it, an overlap after."""
    begin, end = h["transformer.ln_f.bias"]["data_offsets"]
    h["transformer.ln_f.bias"]["data_offsets"] = [begin - 4, end - 4]


PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452") + bytes(range(256)) * 8
WPE = "transformer.wpe.weight"

# (bad file, what the message says, whether the safetensors library refuses it too). Those
# above issue 20's line were refused before it; those below slipped through or raised a raw error.
BAD = {
    "empty": (lambda b: b"", "shorter than", True),
    "five bytes": (lambda b: b[:5], "shorter than", True),
    "length only": (lambda b: b[:8], "truncated", True),
    "cut in the header": (lambda b: b[:200], "truncated", True),
    "cut in the data": (lambda b: b[:-100], "truncated", True),
    "last byte cut": (lambda b: b[:-1], "truncated", True),
    "random bytes": (lambda b: bytes(random.Random(1).randrange(256) for _ in range(4000)), "truncated", True),
    "header length 2**63": (lambda b: struct.pack("<Q", 1 << 63) + b[8:], "truncated", True),
    "header length 2**40": (lambda b: struct.pack("<Q", 1 << 40) + b[8:], "truncated", True),
    "a renamed PNG": (lambda b: PNG, "truncated", True),
    "header not JSON": (lambda b: b[:8] + b"{not json" + b[17:], "bad header", True),
    "header a JSON list": (lambda b: rewrite(b, lambda h: h.clear()).replace(b"{}", b"[]"), "bad header", True),
    "no metadata": (lambda b: rewrite(b, lambda h: h.pop("__metadata__")), "bad header", False),
    "tensor renamed": (lambda b: rewrite(b, lambda h: h.update({"lm_head.weight": h.pop("transformer.wte.weight")})), "wrong tensor names", False),
    "tensor missing": (lambda b: rewrite(b, lambda h: h.pop("transformer.ln_f.bias")), "wrong tensor names", False),
    "extra tensor": (lambda b: rewrite(b, lambda h: h.update(extra={"dtype": "F32", "shape": [0], "data_offsets": [0, 0]})), "wrong tensor names", False),
    "wrong shape": (lambda b: rewrite(b, lambda h: h[WPE].update(shape=[32, 128])), "shape", False),
    "transposed shape": (lambda b: rewrite(b, lambda h: h["transformer.h.0.mlp.c_fc.weight"].update(shape=[64, 256])), "shape", False),
    "dtype F16": (lambda b: rewrite(b, lambda h: h[WPE].update(dtype="F16")), "dtype", True),
    "dtype F64": (lambda b: rewrite(b, lambda h: h[WPE].update(dtype="F64")), "dtype", True),
    "vocabulary too short": (lambda b: rewrite(b, lambda h: h["__metadata__"].update(vocab="abc")), "vocabulary has 3", False),
    "config not JSON": (lambda b: rewrite(b, lambda h: h["__metadata__"].update(config="{")), "bad config", False),
    "offsets beyond the file": (lambda b: rewrite(b, offsets(WPE, [1 << 40, (1 << 40) + 8192])), "data_offsets|gap", True),
    # issue 20
    "random data after a real header": (lambda b: b[:data_at(b, "transformer.wte.weight")] + random.Random(2).randbytes(len(b) - data_at(b, "transformer.wte.weight")), "NaN or infinite", False),
    "a NaN weight": (lambda b: poke(b, WPE, math.nan), "NaN or infinite", False),
    "an infinite weight": (lambda b: poke(b, "transformer.h.1.ln_2.bias", -math.inf), "NaN or infinite", False),
    "negative offsets": (lambda b: rewrite(b, offsets("transformer.ln_f.bias", [-256, 0])), "data_offsets", True),
    "trailing bytes": (lambda b: b + bytes(8), "extra bytes at the end", True),
    "a gap and an overlap": (lambda b: rewrite(b, shifted), "gap or overlap", True),
    "offsets as strings": (lambda b: rewrite(b, offsets(WPE, ["0", "8192"])), "data_offsets", True),
    "a tensor entry that is a number": (lambda b: rewrite(b, lambda h: h.update({WPE: 7})), "not a tensor entry", True),
    "n_head does not divide n_embd": (lambda b: rewrite(b, config(n_head=5)), "does not divide", False),
    "n_embd 100000": (lambda b: rewrite(b, config(n_embd=100_000)), "n_embd = 100000", False),
    "n_layer 10**9": (lambda b: rewrite(b, config(n_layer=10 ** 9)), "n_layer", False),
    "block_size 0": (lambda b: rewrite(b, config(block_size=0)), "block_size", False),
    "n_embd a float": (lambda b: rewrite(b, config(n_embd=64.0)), "n_embd", False),
    "n_layer true": (lambda b: rewrite(b, config(n_layer=True)), "n_layer", False),
    "config with an unknown field": (lambda b: rewrite(b, config(dropout=0)), "expected the fields", False),
    "config a list": (lambda b: rewrite(b, lambda h: h["__metadata__"].update(config="[]")), "expected the fields", False),
    "step abc": (lambda b: rewrite(b, lambda h: h["__metadata__"].update(step="abc")), "step 'abc'", False),
    "step negative": (lambda b: rewrite(b, lambda h: h["__metadata__"].update(step="-3")), "whole number", False),
    "step a number": (lambda b: rewrite(b, lambda h: h["__metadata__"].update(step=20)), "expected a string", True),
    "seed missing": (lambda b: rewrite(b, lambda h: h["__metadata__"].pop("seed")), "'seed'", False),
    "metadata a list": (lambda b: rewrite(b, lambda h: h.update(__metadata__=["x"])), "__metadata__", True),
}


@pytest.mark.parametrize("case", BAD)
def test_every_bad_file_is_refused_in_one_line(blob_and_flat, case):
    make, message, library_refuses = BAD[case]
    bad = make(blob_and_flat[0])
    with pytest.raises(CheckpointError) as refused:
        from_bytes(bad)
    text = str(refused.value)
    assert "\n" not in text and len(text) < 200, text
    assert re.search(message, text), text
    if library_refuses:  # the library that reads these files agrees they are broken
        with pytest.raises(Exception):
            load(bad)


def test_the_offsets_may_list_tensors_in_any_order(blob_and_flat):
    """safetensors sorts its tensors by name, not by place: the check is on the tiling."""
    blob, flat = blob_and_flat
    assert from_bytes(save(load(blob), metadata=from_bytes(blob)[2]))[1].tobytes() == flat.tobytes()
