// out[i, j] = sum_k A(i, k) * B(k, j), where A(i, k) = a[i*a_i + k*a_k] and
// B(k, j) = b[k*b_k + j*b_j]. Strides let one kernel compute x·Wᵀ (forward),
// dy·W (input gradient) and dyᵀ·x (weight gradient) with no transposed copies.
// k runs in order, so sums are reproducible.
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

// A 64x64 output tile per workgroup, 4x4 outputs per invocation: fewer barriers and
// workgroup-memory reads per multiply-add than one output each (8 KiB of tiles).
var<workgroup> ta: array<array<f32, 64>, 16>;  // ta[k][i]
var<workgroup> tb: array<array<f32, 64>, 16>;  // tb[k][j]

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
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_index) li: u32) {
    let i0 = wg.y * 64u;
    let j0 = wg.x * 64u;
    let ty = li / 16u;
    let tx = li % 16u;
    var s: array<array<f32, 4>, 4>;
    var rs: array<f32, 4>;
    for (var k0 = 0u; k0 < u.K; k0 += 16u) {
        // 256 invocations stage 16x64 of A and 64x16 of B, four elements each (zero outside).
        for (var e = 0u; e < 4u; e++) {
            let x = li + e * 256u;
            let k = k0 + x / 64u;
            let r = x % 64u;
            ta[x / 64u][r] = select(0.0, a[(i0 + r) * u.a_i + k * u.a_k], i0 + r < u.M && k < u.K);
            tb[x / 64u][r] = select(0.0, b[k * u.b_k + (j0 + r) * u.b_j], j0 + r < u.N && k < u.K);
        }
        workgroupBarrier();
        for (var k = 0u; k < 16u; k++) {
            for (var y = 0u; y < 4u; y++) {
                let av = ta[k][ty * 4u + y];
                rs[y] += av;
                for (var x = 0u; x < 4u; x++) { s[y][x] += av * tb[k][tx * 4u + x]; }
            }
        }
        workgroupBarrier();
    }
    for (var y = 0u; y < 4u; y++) {
        let i = i0 + ty * 4u + y;
        if ((u.flags & ROWSUM) != 0u && wg.x == 0u && tx == 0u && i < u.M) { aux[i] = rs[y]; }
        for (var x = 0u; x < 4u; x++) {
            let j = j0 + tx * 4u + x;
            if (i < u.M && j < u.N) { out[i * u.N + j] = epilogue(s[y][x], i, j); }
        }
    }
}

fn epilogue(acc: f32, i: u32, j: u32) -> f32 {
    let o = i * u.N + j;
    var v = acc;
    if ((u.flags & BIAS) != 0u) { v += bias[j]; }
    if ((u.flags & ACC) != 0u) { v += out[o]; }
    if ((u.flags & GELU) != 0u) { aux[o] = v; v = gelu(v); }
    if ((u.flags & GELU_GRAD) != 0u) { v *= gelu_grad(aux[o]); }
    return v;
}
