// x[b, t, :] = wte[token] + wpe[position], one invocation per (row, channel).
// Tokens come straight from the text on the GPU: row (b, t) reads text[offsets[b] + t],
// so the host uploads only one window offset per sequence each step.
// In decode mode (one row) the position is offsets[1] instead of t: the KV-cache slot.
struct U { B: u32, T: u32, C: u32, decode: u32 }
@group(0) @binding(0) var<uniform> u: U;
@group(0) @binding(1) var<storage, read> text: array<u32>;
@group(0) @binding(2) var<storage, read> offsets: array<u32>;
@group(0) @binding(3) var<storage, read> wte: array<f32>;
@group(0) @binding(4) var<storage, read> wpe: array<f32>;
@group(0) @binding(5) var<storage, read_write> x: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
    let i = id.x;
    if (i >= u.B * u.T * u.C) { return; }
    let c = i % u.C;
    let row = i / u.C;
    let b = row / u.T;
    let t = row % u.T;
    let token = text[offsets[b] + t];
    let pos = select(t, offsets[1], u.decode == 1u);
    x[i] = wte[token * u.C + c] + wpe[pos * u.C + c];
}
