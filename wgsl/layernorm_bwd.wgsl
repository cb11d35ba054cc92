// LayerNorm backward. Invocations [0, N) each own a row of dx, which is added onto the
// residual stream's gradient (acc = 1) or written (acc = 0, the final LayerNorm).
// Invocations [N, N + C) each own one channel of dw and db and sum over rows in order.
struct U { N: u32, C: u32, acc: u32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> dy: array<f32>;
@group(0) @binding(2) var<storage, read> xhat: array<f32>;
@group(0) @binding(3) var<storage, read> rstd: array<f32>;
@group(0) @binding(4) var<storage, read> w: array<f32>;
@group(0) @binding(5) var<storage, read_write> dx: array<f32>;
@group(0) @binding(6) var<storage, read_write> dw: array<f32>;
@group(0) @binding(7) var<storage, read_write> db: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
    let i = id.x;
    let C = u.C;
    if (i < u.N) {
        let o = i * C;
        // dx = rstd * (g - mean(g) - xhat * mean(g * xhat)) with g = dy * w
        var mg = 0.0;
        var mgx = 0.0;
        for (var c = 0u; c < C; c++) {
            let g = dy[o + c] * w[c];
            mg += g;
            mgx += g * xhat[o + c];
        }
        mg /= f32(C);
        mgx /= f32(C);
        for (var c = 0u; c < C; c++) {
            let d = rstd[i] * (dy[o + c] * w[c] - mg - xhat[o + c] * mgx);
            dx[o + c] = select(d, dx[o + c] + d, u.acc == 1u);
        }
    } else if (i < u.N + C) {
        let c = i - u.N;
        var sw = 0.0;
        var sb = 0.0;
        for (var r = 0u; r < u.N; r++) {
            sw += dy[r * C + c] * xhat[r * C + c];
            sb += dy[r * C + c];
        }
        dw[c] = sw;
        db[c] = sb;
    }
}
