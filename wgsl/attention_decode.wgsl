// One new position against the KV cache, one invocation per head.
// qkv is the new row [q | k | v]; its k and v are stored in the cache at slot pos,
// then q attends over slots 0..pos. Scores go to att (H, T) as scratch.
struct U { T: u32, C: u32, H: u32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> qkv: array<f32>;
@group(0) @binding(2) var<storage, read> offsets: array<u32>;
@group(0) @binding(3) var<storage, read_write> cache: array<f32>;
@group(0) @binding(4) var<storage, read_write> y: array<f32>;
@group(0) @binding(5) var<storage, read_write> att: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
    let h = id.x;
    if (h >= u.H) { return; }
    let pos = offsets[1];
    let hs = u.C / u.H;
    let C2 = 2u * u.C;
    // cache rows are [k | v] per position
    for (var d = 0u; d < hs; d++) {
        cache[pos * C2 + h * hs + d] = qkv[u.C + h * hs + d];
        cache[pos * C2 + u.C + h * hs + d] = qkv[2u * u.C + h * hs + d];
    }
    let scale = 1.0 / sqrt(f32(hs));
    var m = -3.0e38;
    for (var j = 0u; j <= pos; j++) {
        var s = 0.0;
        for (var d = 0u; d < hs; d++) { s += qkv[h * hs + d] * cache[j * C2 + h * hs + d]; }
        att[h * u.T + j] = s * scale;
        m = max(m, s * scale);
    }
    var z = 0.0;
    for (var j = 0u; j <= pos; j++) {
        let e = exp(att[h * u.T + j] - m);
        att[h * u.T + j] = e;
        z += e;
    }
    for (var d = 0u; d < hs; d++) {
        var s = 0.0;
        for (var j = 0u; j <= pos; j++) { s += att[h * u.T + j] / z * cache[j * C2 + u.C + h * hs + d]; }
        y[h * hs + d] = s;
    }
}
