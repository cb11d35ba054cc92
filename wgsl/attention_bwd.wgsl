// Causal self-attention backward, one workgroup per (sequence, head), T <= 64.
// Three phases separated by barriers, each invocation owning a row or column:
//   1. invocation j: dv_j = sum_i P_ij dy_i
//   2. invocation i: dS_ij = P_ij (dP_ij - sum_j P_ij dP_ij) with dP_ij = dy_i . v_j,
//      written over P (which is no longer needed), times the score scale
//   3. invocation i: dq_i = sum_j dS_ij k_j;  invocation j: dk_j = sum_i dS_ij q_i
// causal = 0: the unmasked attention of attention.wgsl (every P_ij may be nonzero).
struct U { B: u32, T: u32, C: u32, H: u32, causal: u32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> qkv: array<f32>;
@group(0) @binding(2) var<storage, read> dy: array<f32>;
@group(0) @binding(3) var<storage, read_write> att: array<f32>;
@group(0) @binding(4) var<storage, read_write> dqkv: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
    let t = l.x;
    let b = wg.x / u.H;
    let h = wg.x % u.H;
    let hs = u.C / u.H;
    let C3 = 3u * u.C;
    let base = wg.x * u.T * u.T;
    let last = select(u.T - 1u, t, u.causal != 0u);   // row t's last key
    let first = select(0u, t, u.causal != 0u);        // column t's first query
    if (t < u.T) {
        for (var d = 0u; d < hs; d++) {
            var s = 0.0;
            for (var i = first; i < u.T; i++) { s += att[base + i * u.T + t] * dy[(b * u.T + i) * u.C + h * hs + d]; }
            dqkv[(b * u.T + t) * C3 + 2u * u.C + h * hs + d] = s;
        }
    }
    storageBarrier();
    if (t < u.T) {
        let scale = 1.0 / sqrt(f32(hs));
        let row = base + t * u.T;
        var dp: array<f32, 64>;  // dP_tj, kept so the second pass need not recompute it
        var r = 0.0;
        for (var j = 0u; j <= last; j++) {
            var s = 0.0;
            for (var d = 0u; d < hs; d++) { s += dy[(b * u.T + t) * u.C + h * hs + d] * qkv[(b * u.T + j) * C3 + 2u * u.C + h * hs + d]; }
            dp[j] = s;
            r += att[row + j] * s;
        }
        for (var j = 0u; j <= last; j++) { att[row + j] = att[row + j] * (dp[j] - r) * scale; }
    }
    storageBarrier();
    if (t < u.T) {
        for (var d = 0u; d < hs; d++) {
            var sq = 0.0;
            for (var j = 0u; j <= last; j++) { sq += att[base + t * u.T + j] * qkv[(b * u.T + j) * C3 + u.C + h * hs + d]; }
            dqkv[(b * u.T + t) * C3 + h * hs + d] = sq;
            var sk = 0.0;
            for (var i = first; i < u.T; i++) { sk += att[base + i * u.T + t] * qkv[(b * u.T + i) * C3 + h * hs + d]; }
            dqkv[(b * u.T + t) * C3 + u.C + h * hs + d] = sk;
        }
    }
}
