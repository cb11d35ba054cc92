"""Checkpoints: readable by the safetensors library, round-trip exactly, and every kind
of bad file is rejected with a message that says what is wrong."""

import json
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


@pytest.mark.parametrize("make, message", [
    (lambda b: b[:5], "shorter than"),
    (lambda b: b[:200], "truncated"),
    (lambda b: b[:-100], "truncated"),
    (lambda b: b[:8] + b"{not json" + b[17:], "bad header"),
    (lambda b: rewrite(b, lambda h: h.pop("__metadata__")), "bad header"),
    (lambda b: rewrite(b, lambda h: h.update({"lm_head.weight": h.pop("transformer.wte.weight")})), "wrong tensor names"),
    (lambda b: rewrite(b, lambda h: h["transformer.wpe.weight"].update(shape=[32, 128])), "shape"),
    (lambda b: rewrite(b, lambda h: h["transformer.wpe.weight"].update(dtype="F16")), "dtype"),
])
def test_bad_files_are_rejected_clearly(blob_and_flat, make, message):
    with pytest.raises(CheckpointError, match=message):
        from_bytes(make(blob_and_flat[0]))
