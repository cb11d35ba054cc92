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

// A 64x64 output tile per workgroup, 4x4 outputs per invocation held as four vec4s:
// fewer barriers and workgroup-memory reads per multiply-add than one output each, and
// vector arithmetic that software rasterizers (lavapipe, SwiftShader) keep in registers.
var<workgroup> ta: array<array<vec4<f32>, 16>, 16>;  // ta[k][i / 4]
var<workgroup> tb: array<array<vec4<f32>, 16>, 16>;  // tb[k][j / 4]

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
    // s0..s3: rows ty*4 .. ty*4+3 of the tile, columns tx*4 .. tx*4+3; rs: those rows' sums of A
    var s0 = vec4<f32>(); var s1 = vec4<f32>(); var s2 = vec4<f32>(); var s3 = vec4<f32>();
    var rs = vec4<f32>();
    for (var k0 = 0u; k0 < u.K; k0 += 16u) {
        // Each invocation stages four consecutive rows of A and columns of B at one k (zero outside).
        let k = k0 + ty;
        var av: vec4<f32>;
        var bv: vec4<f32>;
        for (var c = 0u; c < 4u; c++) {
            let r = tx * 4u + c;
            av[c] = select(0.0, a[(i0 + r) * u.a_i + k * u.a_k], i0 + r < u.M && k < u.K);
            bv[c] = select(0.0, b[k * u.b_k + (j0 + r) * u.b_j], j0 + r < u.N && k < u.K);
        }
        ta[ty][tx] = av;
        tb[ty][tx] = bv;
        workgroupBarrier();
        for (var kk = 0u; kk < 16u; kk++) {
            let ak = ta[kk][ty];  // A(i, k) for this invocation's four rows i
            let bk = tb[kk][tx];  // B(k, j) for its four columns j
            rs += ak;
            s0 += ak.x * bk; s1 += ak.y * bk; s2 += ak.z * bk; s3 += ak.w * bk;
        }
        workgroupBarrier();
    }
    let s = array<vec4<f32>, 4>(s0, s1, s2, s3);
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
