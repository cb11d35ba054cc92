// AdamW on the flat parameter buffer, exactly as torch.optim.AdamW computes it, with the
// gradient scaled by the clipping factor. Parameters [0, n_decay) are the 2-D weights
// (laid out first) and get weight decay; biases and LayerNorm parameters do not.
// The host supplies lr and the bias corrections bc1 = 1 - b1^t, bc2 = 1 - b2^t each step.
struct U { n: u32, n_decay: u32, lr: f32, b1: f32, b2: f32, eps: f32, wd: f32, bc1: f32, bc2: f32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read_write> p: array<f32>;
@group(0) @binding(2) var<storage, read> g: array<f32>;
@group(0) @binding(3) var<storage, read_write> m: array<f32>;
@group(0) @binding(4) var<storage, read_write> v: array<f32>;
@group(0) @binding(5) var<storage, read> clip: array<f32>;

@compute @workgroup_size(256)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
    let i = id.x;
    if (i >= u.n) { return; }
    let grad = g[i] * clip[1];
    let wd = select(0.0, u.wd, i < u.n_decay);
    let w = p[i] * (1.0 - u.lr * wd);
    let mi = m[i] + (grad - m[i]) * (1.0 - u.b1);
    let vi = v[i] * u.b2 + (1.0 - u.b2) * grad * grad;
    m[i] = mi;
    v[i] = vi;
    p[i] = w - (u.lr / u.bc1) * mi / (sqrt(vi) / sqrt(u.bc2) + u.eps);
}
