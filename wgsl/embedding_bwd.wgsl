// Embedding gradients without atomics: each invocation owns one output element and
// loops over the rows in order, so the sum is the same on every run.
// Invocations [0, V*C) own dwte[v, c]; the next T*C own dwpe[t, c].
// dwte is accumulated onto: the tied unembedding's gradient is already there.
struct U { B: u32, T: u32, C: u32, V: u32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> text: array<u32>;
@group(0) @binding(2) var<storage, read> offsets: array<u32>;
@group(0) @binding(3) var<storage, read> dx: array<f32>;
@group(0) @binding(4) var<storage, read_write> dwte: array<f32>;
@group(0) @binding(5) var<storage, read_write> dwpe: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
    let i = id.x;
    let C = u.C;
    if (i < u.V * C) {
        let v = i / C;
        let c = i % C;
        var s = 0.0;
        for (var b = 0u; b < u.B; b++) {
            for (var t = 0u; t < u.T; t++) {
                if (text[offsets[b] + t] == v) { s += dx[(b * u.T + t) * C + c]; }
            }
        }
        dwte[i] += s;
    } else if (i < (u.V + u.T) * C) {
        let j = i - u.V * C;
        let t = j / C;
        let c = j % C;
        var s = 0.0;
        for (var b = 0u; b < u.B; b++) { s += dx[(b * u.T + t) * C + c]; }
        dwpe[j] = s;
    }
}
