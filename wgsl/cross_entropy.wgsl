// Softmax cross-entropy fused with its gradient, one invocation per row.
// The target of row (b, t) is the next character: text[offsets[b] + t + 1].
// losses[row] is kept per row; the host averages it in a fixed order when it reads it.
// dlogits = (softmax - onehot) / N: the gradient of the mean loss.
struct U { B: u32, T: u32, V: u32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> logits: array<f32>;
@group(0) @binding(2) var<storage, read> text: array<u32>;
@group(0) @binding(3) var<storage, read> offsets: array<u32>;
@group(0) @binding(4) var<storage, read_write> dlogits: array<f32>;
@group(0) @binding(5) var<storage, read_write> losses: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
    let row = id.x;
    let n = u.B * u.T;
    if (row >= n) { return; }
    let tgt = text[offsets[row / u.T] + row % u.T + 1u];
    let o = row * u.V;
    var m = -3.0e38;
    for (var v = 0u; v < u.V; v++) { m = max(m, logits[o + v]); }
    var z = 0.0;
    for (var v = 0u; v < u.V; v++) { z += exp(logits[o + v] - m); }
    losses[row] = log(z) + m - logits[o + tgt];
    for (var v = 0u; v < u.V; v++) {
        let p = exp(logits[o + v] - m) / z;
        dlogits[o + v] = (p - select(0.0, 1.0, v == tgt)) / f32(n);
    }
}
