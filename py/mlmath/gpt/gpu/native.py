"""The adapter's native face: wgpu-py (wgpu-native over Vulkan, Metal or D3D12)."""

from pathlib import Path

import wgpu

from . import GpuError

WGSL = Path(__file__).resolve().parents[4] / "wgsl"

# WebGPU's default limits, requested explicitly so native runs fail where a browser would.
LIMITS = {
    "max-storage-buffers-per-shader-stage": 8,
    "max-compute-workgroup-storage-size": 16384,
    "max-compute-invocations-per-workgroup": 256,
    "min-storage-buffer-offset-alignment": 256,
    "max-storage-buffer-binding-size": 134217728,
}
U = wgpu.BufferUsage


def load_wgsl(name):
    return (WGSL / f"{name}.wgsl").read_text()


class Gpu:
    def __init__(self, device):
        self.device = device

    @classmethod
    async def open(cls):
        try:
            adapter = wgpu.gpu.request_adapter_sync(power_preference="high-performance")
        except RuntimeError as e:
            raise GpuError(f"no GPU adapter: {e}") from None
        if adapter is None:
            raise GpuError("no GPU adapter")
        return cls(adapter.request_device_sync(required_limits=LIMITS))

    def buffer(self, nbytes):
        return self.device.create_buffer(size=nbytes, usage=U.STORAGE | U.COPY_SRC | U.COPY_DST)

    def uniform(self, data):
        buf = self.device.create_buffer(size=len(data), usage=U.UNIFORM | U.COPY_DST)
        self.write(buf, data)
        return buf

    def staging(self, nbytes):
        return self.device.create_buffer(size=nbytes, usage=U.MAP_READ | U.COPY_DST)

    def write(self, buf, data, offset=0):
        self.device.queue.write_buffer(buf, offset, memoryview(data).cast("B"))

    async def compile(self, sources):
        pending = {
            name: self.device.create_compute_pipeline_async(
                layout="auto",
                compute={"module": self.device.create_shader_module(code=code),
                         "entry_point": "main"},
            )
            for name, code in sources.items()
        }
        return {name: await p for name, p in pending.items()}

    def bind(self, pipeline, slices):
        entries = [
            {"binding": i, "resource": {"buffer": buf, "offset": off, "size": size}}
            for i, (buf, off, size) in enumerate(slices)
        ]
        layout = pipeline.get_bind_group_layout(0)
        return self.device.create_bind_group(layout=layout, entries=entries)

    def submit(self, dispatches, copies=()):
        encoder = self.device.create_command_encoder()
        compute = encoder.begin_compute_pass()
        for pipeline, group, n in dispatches:
            compute.set_pipeline(pipeline)
            compute.set_bind_group(0, group)
            compute.dispatch_workgroups(*n)
        compute.end()
        for src, offset, dst, nbytes in copies:
            encoder.copy_buffer_to_buffer(src, offset, dst, 0, nbytes)
        self.device.queue.submit([encoder.finish()])

    async def read(self, staging, nbytes):
        await staging.map_async(wgpu.MapMode.READ, 0, nbytes)
        data = bytes(staging.read_mapped(0, nbytes))
        staging.unmap()
        return data
