"""The adapter's browser face: WebGPU through Pyodide's js module, in the page's worker.

Each call crosses the JS bridge (about 1-2 µs; a dict turned into a JS object about
10 µs), so descriptors are converted only at setup and a step is plain method calls.
"""

from js import Object, Promise, Uint8Array, navigator
from pyodide.ffi import jsnull, to_js
from pyodide.http import open_url

from ...data import site_url
from . import GpuError

# GPUBufferUsage and GPUMapMode flags (the constants of the WebGPU spec)
MAP_READ, COPY_SRC, COPY_DST, UNIFORM, STORAGE = 1, 4, 8, 64, 128


def js(obj):
    """A Python dict (nested lists and dicts too) as the plain JS object WebGPU expects."""
    return to_js(obj, dict_converter=Object.fromEntries)


def load_wgsl(name):
    # A synchronous request is fine in a worker: the page never waits on it.
    return open_url(site_url(f"wgsl/{name}.wgsl")).read()


async def adapter():
    """The browser's GPU adapter, or GpuError saying in a few words what is missing."""
    if not getattr(navigator, "gpu", None):
        raise GpuError("this browser has no WebGPU; it ships in Chrome and Edge 113+, "
                       "Safari 26+ and Firefox 141+ on Windows")
    found = await navigator.gpu.requestAdapter()
    if found is None or found is jsnull:  # JS null reaches Python as jsnull, not None
        raise GpuError("the browser offers WebGPU but no GPU adapter; switch on hardware "
                       "acceleration in its settings, or use a computer whose GPU it supports")
    return found


class Gpu:
    def __init__(self, device):
        self.device = device
        self.uploads = {}  # one typed array per upload size, reused by every step

    @classmethod
    async def open(cls):
        device = await (await adapter()).requestDevice()
        # A device can arrive already lost (a GPU process that crashed, a reset driver): its
        # `lost` promise has settled, so it wins a race against one that settles now.
        lost = await Promise.race(to_js([device.lost, Promise.resolve(0)]))
        if lost:
            raise GpuError(f"the GPU device was lost as it opened ({lost.message or lost.reason}); "
                           "reload the page to try again")
        return cls(device)

    def buffer(self, nbytes):
        usage = STORAGE | COPY_SRC | COPY_DST
        return self.device.createBuffer(js({"size": nbytes, "usage": usage}))

    def uniform(self, data):
        buf = self.device.createBuffer(js({"size": len(data), "usage": UNIFORM | COPY_DST}))
        self.write(buf, data)
        return buf

    def staging(self, nbytes):
        return self.device.createBuffer(js({"size": nbytes, "usage": MAP_READ | COPY_DST}))

    def write(self, buf, data, offset=0):
        data = memoryview(data).cast("B")
        if len(data) not in self.uploads:
            self.uploads[len(data)] = Uint8Array.new(len(data))
        upload = self.uploads[len(data)]
        upload.assign(data)  # copy into the JS heap; writeBuffer copies it on again
        self.device.queue.writeBuffer(buf, offset, upload)

    async def compile(self, sources):
        pending = [
            self.device.createComputePipelineAsync(js({
                "layout": "auto",
                "compute": {"module": self.device.createShaderModule(js({"code": code})),
                            "entryPoint": "main"},
            }))
            for code in sources.values()
        ]
        return dict(zip(sources, await Promise.all(to_js(pending))))

    def bind(self, pipeline, slices):
        entries = [
            {"binding": i, "resource": {"buffer": buf, "offset": off, "size": size}}
            for i, (buf, off, size) in enumerate(slices)
        ]
        layout = pipeline.getBindGroupLayout(0)
        return self.device.createBindGroup(js({"layout": layout, "entries": entries}))

    def submit(self, dispatches, copies=()):
        encoder = self.device.createCommandEncoder()
        compute = encoder.beginComputePass()
        for pipeline, group, (x, y, z) in dispatches:
            compute.setPipeline(pipeline)
            compute.setBindGroup(0, group)
            compute.dispatchWorkgroups(x, y, z)
        compute.end()
        for src, offset, dst, nbytes in copies:
            encoder.copyBufferToBuffer(src, offset, dst, 0, nbytes)
        self.device.queue.submit(to_js([encoder.finish()]))

    async def read(self, staging, nbytes):
        await staging.mapAsync(MAP_READ, 0, nbytes)
        data = Uint8Array.new(staging.getMappedRange(0, nbytes)).to_bytes()
        staging.unmap()
        return data
