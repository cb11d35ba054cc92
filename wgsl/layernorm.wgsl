// LayerNorm over the C channels of each row, one invocation per row.
// Saves xhat and 1/std for the backward pass (so the input itself need not be kept).
struct U { N: u32, C: u32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<storage, read> b: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;
@group(0) @binding(5) var<storage, read_write> xhat: array<f32>;
@group(0) @binding(6) var<storage, read_write> rstd: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
    let row = id.x;
    if (row >= u.N) { return; }
    let o = row * u.C;
    let n = f32(u.C);
    var mean = 0.0;
    for (var c = 0u; c < u.C; c++) { mean += x[o + c]; }
    mean /= n;
    // Two passes: subtracting the mean first avoids the cancellation of E[x²] - E[x]².
    var v = 0.0;
    for (var c = 0u; c < u.C; c++) { let d = x[o + c] - mean; v += d * d; }
    let r = 1.0 / sqrt(v / n + 1e-5);
    rstd[row] = r;
    for (var c = 0u; c < u.C; c++) {
        let h = (x[o + c] - mean) * r;
        xhat[o + c] = h;
        y[o + c] = h * w[c] + b[c];
    }
}
