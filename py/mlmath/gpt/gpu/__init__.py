"""The GPU adapter: the same small interface over the browser's navigator.gpu (Pyodide)
and over wgpu-py (CPython), so one engine drives both.

    load_wgsl(name)                                    a kernel's source
    gpu.buffer(nbytes) / gpu.uniform(data)             allocate
    gpu.staging(nbytes)                                allocate, to read back
    gpu.write(buf, data, offset)                       upload (no readback)
    await gpu.compile({name: wgsl})                    pipelines, in parallel
    gpu.bind(pipeline, [(buf, offset, nbytes), ...])   bind group 0
    gpu.submit(dispatches, copies)                     one encoder, one compute pass,
                                                       then the (src, offset, dst, n) copies
    await gpu.read(staging, nbytes)                    map and copy out
"""

import sys


class GpuError(RuntimeError):
    pass


def face():
    if sys.platform == "emscripten":
        from . import browser as face
    else:
        from . import native as face
    return face


async def open_gpu():
    return await face().Gpu.open()


def load_wgsl(name):
    """A kernel's WGSL: fetched from the site's wgsl/ in the page, read from the repository
    natively."""
    return face().load_wgsl(name)
