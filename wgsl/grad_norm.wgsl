// Global gradient norm and the clipping factor, in one workgroup so the reduction
// order is fixed: each invocation sums a contiguous chunk, then a tree in shared memory.
// out[0] = norm, out[1] = min(1, max_norm / (norm + 1e-6)) (torch's clip_grad_norm_).
struct U { n: u32, max_norm: f32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> grads: array<f32>;
@group(0) @binding(2) var<storage, read_write> out: array<f32>;

var<workgroup> part: array<f32, 256>;

@compute @workgroup_size(256)
fn main(@builtin(local_invocation_id) l: vec3<u32>) {
    let chunk = (u.n + 255u) / 256u;
    let end = min(u.n, (l.x + 1u) * chunk);
    var s = 0.0;
    for (var i = l.x * chunk; i < end; i++) { s += grads[i] * grads[i]; }
    part[l.x] = s;
    for (var w = 128u; w > 0u; w /= 2u) {
        workgroupBarrier();
        if (l.x < w) { part[l.x] += part[l.x + w]; }
    }
    if (l.x == 0u) {
        let norm = sqrt(part[0]);
        out[0] = norm;
        out[1] = min(1.0, u.max_norm / (norm + 1e-6));
    }
}
