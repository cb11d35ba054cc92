// out[i, j] = sum_k A(i, k) * B(k, j), where A(i, k) = a[i*a_i + k*a_k] and
// B(k, j) = b[k*b_k + j*b_j]. Strides let one kernel compute x·Wᵀ (forward),
// dy·W (input gradient) and dyᵀ·x (weight gradient) with no transposed copies.
// 16x16 tiles staged in workgroup memory; k runs in order, so sums are reproducible.
// flags (bits): the epilogues fused into the same pass over the output
const BIAS = 1u;       // out += bias[j]                      (linear layer)
const ROWSUM = 2u;     // aux[i] = sum_k A(i, k)              (bias gradient, beside dW)
const ACC = 4u;        // out = out + result                  (residual stream)
const GELU = 8u;       // aux = result; out = gelu(result)    (MLP, pre-activation kept)
const GELU_GRAD = 16u; // out = result * gelu'(aux)           (back through the GELU)
struct U { M: u32, N: u32, K: u32, a_i: u32, a_k: u32, b_k: u32, b_j: u32, flags: u32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> a: array<f32>;
@group(0) @binding(2) var<storage, read> b: array<f32>;
@group(0) @binding(3) var<storage, read> bias: array<f32>;
@group(0) @binding(4) var<storage, read_write> out: array<f32>;
@group(0) @binding(5) var<storage, read_write> aux: array<f32>;

var<workgroup> ta: array<array<f32, 16>, 16>;
var<workgroup> tb: array<array<f32, 16>, 16>;

// erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): WGSL has no erf.
fn erf(x: f32) -> f32 {
    let z = abs(x);
    let t = 1.0 / (1.0 + 0.3275911 * z);
    let p = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
    return sign(x) * (1.0 - p * exp(-z * z));
}
fn gelu(x: f32) -> f32 { return 0.5 * x * (1.0 + erf(x * 0.70710678118654752)); }
fn gelu_grad(x: f32) -> f32 {
    return 0.5 * (1.0 + erf(x * 0.70710678118654752)) + x * exp(-0.5 * x * x) * 0.39894228040143268;
}

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
    let i = wg.y * 16u + l.y;
    let j = wg.x * 16u + l.x;
    var s = 0.0;
    var rs = 0.0;
    for (var k0 = 0u; k0 < u.K; k0 += 16u) {
        // Each invocation stages one element of each tile (zero outside the matrix).
        let ai = wg.y * 16u + l.y;
        let ak = k0 + l.x;
        ta[l.y][l.x] = select(0.0, a[ai * u.a_i + ak * u.a_k], ai < u.M && ak < u.K);
        let bk = k0 + l.y;
        let bj = wg.x * 16u + l.x;
        tb[l.y][l.x] = select(0.0, b[bk * u.b_k + bj * u.b_j], bk < u.K && bj < u.N);
        workgroupBarrier();
        for (var k = 0u; k < 16u; k++) {
            s += ta[l.y][k] * tb[k][l.x];
            rs += ta[l.y][k];
        }
        workgroupBarrier();
    }
    if (i >= u.M || j >= u.N) { return; }
    let o = i * u.N + j;
    if ((u.flags & BIAS) != 0u) { s += bias[j]; }
    if ((u.flags & ROWSUM) != 0u && j == 0u) { aux[i] = rs; }
    if ((u.flags & ACC) != 0u) { s += out[o]; }
    if ((u.flags & GELU) != 0u) { aux[o] = s; s = gelu(s); }
    if ((u.flags & GELU_GRAD) != 0u) { s *= gelu_grad(aux[o]); }
    out[o] = s;
}
