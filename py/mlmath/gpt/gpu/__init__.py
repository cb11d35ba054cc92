"""The GPU adapter: the same small interface over the browser's navigator.gpu (Pyodide)
and over wgpu-py (CPython), so one engine drives both.

    gpu.buffer(nbytes) / gpu.uniform(data) / gpu.staging(nbytes)   allocate
    gpu.write(buf, data, offset)                                    upload (no readback)
    await gpu.compile({name: wgsl})                                 pipelines, in parallel
    gpu.bind(pipeline, [(buf, offset, nbytes), ...])                bind group 0
    gpu.submit(dispatches, copies)     one encoder, one compute pass, then (src, offset, dst, n) copies
    await gpu.read(staging, nbytes)                                 map and copy out
"""

import sys


class GpuError(RuntimeError):
    pass


async def open_gpu():
    if sys.platform == "emscripten":
        from .browser import BrowserGpu as Gpu
    else:
        from .native import NativeGpu as Gpu
    return await Gpu.open()
