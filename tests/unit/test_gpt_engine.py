"""The engine without a GPU: its binding table is the WGSL's, a dispatch must name exactly
its kernel's buffers, and the whole plan it hands the GPU (kernels, uniform bytes, bound
slices, workgroups) is pinned, so a rewrite of engine.py that changes any of it fails here."""

import hashlib
import re
import struct
from pathlib import Path

import pytest

from mlmath.gpt.engine import BINDINGS, KERNELS, Engine, groups, pack
from mlmath.gpt.model import Config

WGSL = Path(__file__).resolve().parents[2] / "wgsl"
DECLARATION = re.compile(r"@binding\((\d+)\) var<(\w+)[^>]*> (\w+)")


def test_bindings_are_the_wgsl_declarations_in_order():
    assert sorted(KERNELS) == sorted(p.stem for p in WGSL.glob("*.wgsl"))
    for kernel, names in BINDINGS.items():
        found = DECLARATION.findall((WGSL / f"{kernel}.wgsl").read_text())
        assert [int(i) for i, _, _ in found] == list(range(len(found))), kernel
        assert found[0][1:] == ("uniform", "u"), kernel
        assert tuple(name for _, _, name in found[1:]) == names, kernel


def test_groups_and_pack():
    assert [groups(n) for n in (1, 64, 65)] == [1, 1, 2] and groups(257, 256) == 2
    assert pack(3, 1.5) == struct.pack("<If", 3, 1.5) + bytes(8)
    assert len(pack(*range(5))) == 32 and len(pack(*range(9))) == 48


class Buffer:
    def __init__(self, gpu, kind, nbytes):
        self.name, self.data = f"{kind}{len(gpu.buffers)}[{nbytes}]", bytearray(nbytes)
        gpu.buffers.append(self)


class RecordingGpu:
    """Keeps what the engine asks for: buffers in allocation order and uniform contents."""

    def __init__(self):
        self.buffers = []

    def buffer(self, nbytes):
        return Buffer(self, "s", nbytes)

    def staging(self, nbytes):
        return Buffer(self, "m", nbytes)

    def uniform(self, data):
        buf = Buffer(self, "u", len(data))
        self.write(buf, data)
        return buf

    def write(self, buf, data, offset=0):
        if buf.name[0] == "u":
            data = bytes(memoryview(data).cast("B"))
            assert offset + len(data) <= len(buf.data)
            buf.data[offset:offset + len(data)] = data

    bind = staticmethod(lambda pipeline, slices: slices)
    submit = staticmethod(lambda dispatches, copies=(): None)


def plan(engine, ops):
    return "\n".join(
        repr((engine.kernel_of[id(p)], groups_,
              [(b.name, off, n, b.data.hex() if b.name[0] == "u" else "") for b, off, n in slices]))
        for p, slices, groups_ in ops)


def plan_sha256():
    h = hashlib.sha256()
    for cfg, batch in ((Config(), 32), (Config(n_layer=2, n_head=4, n_embd=32, block_size=16), 3)):
        gpu = RecordingGpu()
        e = Engine(gpu, cfg, batch, [0] * 1000, {k: object() for k in KERNELS})
        for options in ({}, {"causal": False, "max_norm": float("inf")}, {}):
            e.set_options(**options)
            e.step(list(range(batch)), 3, 1e-3)
            for ops in (e.train_step, e.forward, e.decode_step):
                h.update(plan(e, ops).encode())
        h.update(repr([b.name for b in gpu.buffers]).encode())
    return h.hexdigest()


def test_the_dispatch_plan_is_pinned():
    # Recorded before engine.py's bindings were named; update it only for a change that is
    # meant to give the GPU different work.
    assert plan_sha256() == "3c979253faf977e19f33ac25e66bf8c552ea3a20de27eae7698281af6d5c5f7f"


def test_a_dispatch_names_exactly_its_kernels_buffers():
    e = Engine(RecordingGpu(), Config(n_layer=1, n_embd=8, n_head=2, block_size=4), 1, [0] * 9,
               {k: object() for k in KERNELS})
    with pytest.raises(KeyError):
        e.run("grad_norm", [1, 1.0], (1, 1, 1), grads=e.grads)
    with pytest.raises(AssertionError, match="no binding named outt"):
        e.run("grad_norm", [1, 1.0], (1, 1, 1), grads=e.grads, out=e.clip, outt=e.clip)
