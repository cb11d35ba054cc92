// Causal self-attention, one workgroup per (sequence, head), one invocation per query t.
// qkv rows are [q | k | v], each C wide, head h owning channels [h*hs, (h+1)*hs).
// The softmax probabilities are kept in att (B, H, T, T) for the backward pass.
// causal = 0 lets every query see the whole window (a broken model, for the capstone's
// pathology preset: it reads the answer it is asked to predict).
struct U { B: u32, T: u32, C: u32, H: u32, causal: u32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> qkv: array<f32>;
@group(0) @binding(2) var<storage, read_write> y: array<f32>;
@group(0) @binding(3) var<storage, read_write> att: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(workgroup_id) wg: vec3<u32>, @builtin(local_invocation_id) l: vec3<u32>) {
    let t = l.x;
    if (t >= u.T) { return; }
    let b = wg.x / u.H;
    let h = wg.x % u.H;
    let hs = u.C / u.H;
    let scale = 1.0 / sqrt(f32(hs));
    let q = (b * u.T + t) * 3u * u.C + h * hs;
    let row = (wg.x * u.T + t) * u.T;
    let last = select(u.T - 1u, t, u.causal != 0u);  // the last key query t may see
    var m = -3.0e38;
    for (var j = 0u; j <= last; j++) {
        let k = (b * u.T + j) * 3u * u.C + u.C + h * hs;
        var s = 0.0;
        for (var d = 0u; d < hs; d++) { s += qkv[q + d] * qkv[k + d]; }
        s *= scale;
        att[row + j] = s;
        m = max(m, s);
    }
    var z = 0.0;
    for (var j = 0u; j <= last; j++) {
        let e = exp(att[row + j] - m);
        att[row + j] = e;
        z += e;
    }
    for (var j = 0u; j < u.T; j++) {
        att[row + j] = select(0.0, att[row + j] / z, j <= last);
    }
    for (var d = 0u; d < hs; d++) {
        var s = 0.0;
        for (var j = 0u; j <= last; j++) {
            s += att[row + j] * qkv[(b * u.T + j) * 3u * u.C + 2u * u.C + h * hs + d];
        }
        y[(b * u.T + t) * u.C + h * hs + d] = s;
    }
}
