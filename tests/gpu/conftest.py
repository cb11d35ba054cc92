"""Fixtures for the GPU tests: a wgpu device (skipped without an adapter), a runner for
single kernels, and the training text."""

import asyncio
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from mlmath.gpt.gpu import GpuError, load_wgsl, open_gpu

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def gpu():
    try:
        return asyncio.run(open_gpu())
    except GpuError as e:
        pytest.skip(f"wgpu has no adapter: {e}")


@pytest.fixture(scope="session")
def text_ids():
    path = Path(os.environ.get("MLMATH_DATA") or REPO.parent / "shared" / "data" / "tinyshakespeare.txt")
    if not path.exists():
        pytest.skip(f"training text not found at {path} (set MLMATH_DATA)")
    from mlmath.gpt.tokenizer import Tokenizer
    text = path.read_text(encoding="utf-8")
    return Tokenizer.from_text(text).encode(text)


class KernelRunner:
    """Runs one kernel on numpy arrays: binding 0 is the uniform, then one buffer per array."""

    def __init__(self, gpu):
        self.gpu, self.pipelines = gpu, {}

    def __call__(self, kernel, words, arrays, groups):
        if kernel not in self.pipelines:
            self.pipelines.update(asyncio.run(self.gpu.compile({kernel: load_wgsl(kernel)})))
        pipeline = self.pipelines[kernel]
        data = b"".join(struct.pack("<f" if isinstance(w, float) else "<I", w) for w in words)
        data += bytes(-len(data) % 16)
        slices = [(self.gpu.uniform(data), 0, len(data))]
        for a in arrays:
            buf = self.gpu.buffer(a.nbytes)
            self.gpu.write(buf, np.ascontiguousarray(a).tobytes())
            slices.append((buf, 0, a.nbytes))
        self.gpu.submit([(pipeline, self.gpu.bind(pipeline, slices), groups)])
        out = []
        for a, (buf, _, n) in zip(arrays, slices[1:]):
            staging = self.gpu.staging(n)
            self.gpu.submit([], [(buf, 0, staging, n)])
            out.append(np.frombuffer(asyncio.run(self.gpu.read(staging, n)), dtype=a.dtype).reshape(a.shape))
        return out


@pytest.fixture(scope="session")
def run(gpu):
    return KernelRunner(gpu)
