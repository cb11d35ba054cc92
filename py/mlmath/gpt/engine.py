"""The model on the GPU: buffers, pipelines, and a training step as a list of dispatches.

Everything is created once: buffers, pipelines, uniforms and bind groups. A step then
uploads B window offsets and the learning rate, and encodes the prepared dispatch list
into one compute pass. The only readback is the per-row losses, when asked for.
"""

import math
import struct
from array import array
from types import SimpleNamespace

from .model import Config, layout, param_table

# Each kernel's storage buffers, named as in its WGSL, in @binding order from 1 (binding 0
# is the uniform struct U). Dispatches name their buffers; this table alone orders them.
BINDINGS = {
    "embedding": ("text", "offsets", "wte", "wpe", "x"),
    "embedding_bwd": ("text", "offsets", "dx", "dwte", "dwpe"),
    "layernorm": ("x", "w", "b", "y", "xhat", "rstd"),
    "layernorm_bwd": ("dy", "xhat", "rstd", "w", "dx", "dw", "db"),
    "matmul": ("a", "b", "bias", "out", "aux"),
    "attention": ("qkv", "y", "att"),
    "attention_bwd": ("qkv", "dy", "att", "dqkv"),
    "attention_decode": ("qkv", "offsets", "cache", "y", "att"),
    "cross_entropy": ("logits", "text", "offsets", "dlogits", "losses"),
    "grad_norm": ("grads", "out"),
    "adamw": ("p", "g", "m", "v", "clip"),
}
KERNELS = list(BINDINGS)
BIAS, ROWSUM, ACC, GELU, GELU_GRAD = 1, 2, 4, 8, 16  # matmul.wgsl's epilogue flags
BETAS, EPS, WEIGHT_DECAY, MAX_NORM = (0.9, 0.99), 1e-8, 0.1, 1.0


def groups(n, size=64):
    """Workgroups for n items: `size` is the kernel's @workgroup_size, or a matmul tile's side."""
    return -(-n // size)


def pack(*fields):
    """A uniform struct U's bytes: floats as f32, ints as u32, padded to a multiple of 16
    bytes, the unit uniform buffers are laid out in."""
    data = b"".join(struct.pack("<f" if isinstance(f, float) else "<I", f) for f in fields)
    return data + bytes(-len(data) % 16)


class Engine:
    @classmethod
    async def create(cls, gpu, cfg: Config, batch: int, text_ids, load_wgsl):
        pipelines = await gpu.compile({k: load_wgsl(k) for k in KERNELS})
        return cls(gpu, cfg, batch, text_ids, pipelines)

    def __init__(self, gpu, cfg, batch, text_ids, pipelines):
        assert cfg.block_size <= 64, "attention_bwd.wgsl keeps one sequence in one workgroup"
        self.gpu, self.cfg, self.B, self.pipelines = gpu, cfg, batch, pipelines
        self.kernel_of = {id(p): k for k, p in pipelines.items()}  # to list dispatches by name
        self.causal, self.max_norm = True, MAX_NORM  # switchable, for the pathology presets
        self.sgd = False  # plain SGD instead of AdamW: the no-clipping preset's optimizer
        self.switched = []  # (uniform, fields) of each attention dispatch: the mask flag follows
        self.n, self.n_decay = layout(cfg)
        self.table = {p.name: p for p in param_table(cfg)}
        self.params, self.grads, self.m, self.v = (self.buf(self.n) for _ in range(4))
        self.text = self.buf(len(text_ids))
        gpu.write(self.text[0], array("I", text_ids))
        self.offsets = self.buf(max(batch, 2))
        self.scratch = self.buf(1)  # for unused read-write slots: they may not alias
        self.clip = self.buf(2)  # [grad norm, clipping factor]
        N = batch * cfg.block_size
        self.losses, self.losses_out = self.buf(N), gpu.staging(4 * N)
        self.a = self.acts(batch, cfg.block_size)
        self.forward = self.build_forward(self.a, batch, decode=False)
        self.backward = self.build_backward(self.a, batch)
        self.adam_u = self.uniform(bytes(48))  # AdamW's 9 fields, padded: step() writes them
        self.clip_u = self.uniform(pack(self.n, self.max_norm))
        self.optimizer = [
            # one workgroup, so the norm's reduction order is fixed
            self.run("grad_norm", self.clip_u, (1, 1, 1), grads=self.grads, out=self.clip),
            self.run("adamw", self.adam_u, (groups(self.n, 256), 1, 1),
                     p=self.params, g=self.grads, m=self.m, v=self.v, clip=self.clip),
        ]
        self.train_step = self.forward + self.backward + self.optimizer
        self.dec_text, self.dec_offsets = self.buf(1), self.buf(2)
        self.logits_out = gpu.staging(4 * cfg.vocab_size)
        self.dec = self.acts(1, 1)
        self.decode_step = self.build_forward(self.dec, 1, decode=True)

    # -- buffers and dispatches ------------------------------------------------------
    # Kernels see slices (buffer, byte offset, byte size): a parameter is a slice of the
    # flat buffer, an activation a whole buffer of its own.
    def buf(self, floats):
        return (self.gpu.buffer(4 * floats), 0, 4 * floats)

    def uniform(self, data):
        return (self.gpu.uniform(data), 0, len(data))

    def p(self, name, grads=False):
        t = self.table[name]
        return (self.grads if grads else self.params)[0], 4 * t.offset, 4 * t.size

    def run(self, kernel, u, workgroups, **buffers):
        """One dispatch: u is the uniform, as the list of U's fields or as a slice that is
        rewritten later; `buffers` are the storage bindings by their WGSL names."""
        if isinstance(u, list):
            u = self.uniform(pack(*u))
        slices = [u] + [buffers.pop(name) for name in BINDINGS[kernel]]
        assert not buffers, f"{kernel}.wgsl has no binding named {', '.join(buffers)}"
        pipeline = self.pipelines[kernel]
        return (pipeline, self.gpu.bind(pipeline, slices), workgroups)

    def causal_u(self, *fields):
        """An attention uniform: U's fields, then the causal flag that set_options flips."""
        uniform = self.uniform(pack(*fields, int(self.causal)))
        self.switched.append((uniform, fields))
        return uniform

    def matmul(self, a, b, out, M, N, K, a_strides, b_strides, flags, bias=None, aux=None):
        """out[M, N] = A·B with A(i, k) = a[i*a_i + k*a_k], B(k, j) = b[k*b_k + j*b_j],
        then the epilogues in `flags`. Unused slots are still bound: bias to b (read-only
        bindings may alias), aux to scratch (read-write ones may not)."""
        return self.run("matmul", [M, N, K, *a_strides, *b_strides, flags],
                        (groups(N), groups(M), 1),
                        a=a, b=b, bias=bias or b, out=out, aux=aux or self.scratch)

    def linear(self, x, name, out, M, flags=BIAS, aux=None):
        """out = x·Wᵀ + b for the module `name`, W being [N, K] as torch's Linear stores it."""
        N, K = self.table[name + ".weight"].shape
        return self.matmul(x, self.p(name + ".weight"), out, M, N, K, (K, 1), (1, K), flags,
                           bias=self.p(name + ".bias"), aux=aux)

    def linear_bwd(self, dy, x, name, dx, M, flags=0, aux=None):
        """dx = dy·W (written, or times gelu'(aux)); dW = dyᵀ·x, with db, the column sums
        of dy, fused beside it (ROWSUM sums the rows of dyᵀ)."""
        w = name + ".weight"
        N, K = self.table[w].shape
        return [self.matmul(dy, self.p(w), dx, M, K, N, (N, 1), (K, 1), flags, aux=aux),
                self.matmul(dy, x, self.p(w, True), N, K, M, (1, N), (K, 1), ROWSUM,
                            aux=self.p(name + ".bias", True))]

    def layernorm(self, x, name, y, xhat, rstd, N):
        return self.run("layernorm", [N, self.cfg.n_embd], (groups(N), 1, 1),
                        x=x, w=self.p(name + ".weight"), b=self.p(name + ".bias"),
                        y=y, xhat=xhat, rstd=rstd)

    def layernorm_bwd(self, dy, xhat, rstd, name, dx, N, acc):
        """dx from dy (added onto dx when acc, written when not); dw and db beside it."""
        C = self.cfg.n_embd
        return self.run("layernorm_bwd", [N, C, acc], (groups(N + C), 1, 1),
                        dy=dy, xhat=xhat, rstd=rstd, w=self.p(name + ".weight"), dx=dx,
                        dw=self.p(name + ".weight", True), db=self.p(name + ".bias", True))

    def acts(self, B, T):
        """Activations, row-major, one row per position (B*T rows). Each layer keeps its
        own, as the backward pass reads them again; gradients are shared across layers."""
        C, V, H, block = self.cfg.n_embd, self.cfg.vocab_size, self.cfg.n_head, self.cfg.block_size
        N, buf = B * T, self.buf
        layer = lambda: SimpleNamespace(
            ln1=buf(N * C), xhat1=buf(N * C), rstd1=buf(N),  # (B*T, C), (B*T, C), (B*T,)
            qkv=buf(N * 3 * C),  # (B*T, 3C): rows [q | k | v]
            att=buf(B * H * T * block),  # (B, H, T, block_size): softmax probabilities
            y=buf(N * C),  # (B*T, C): the heads' outputs side by side
            ln2=buf(N * C), xhat2=buf(N * C), rstd2=buf(N),  # (B*T, C), (B*T, C), (B*T,)
            u=buf(N * 4 * C), g=buf(N * 4 * C),  # (B*T, 4C) each: u = c_fc(ln2), g = gelu(u)
            cache=buf(block * 2 * C) if T == 1 else None)  # (block_size, 2C): rows [k | v]
        return SimpleNamespace(
            x=buf(N * C),  # (B*T, C): the residual stream
            h=[layer() for _ in range(self.cfg.n_layer)],
            lnf=buf(N * C), xhatf=buf(N * C), rstdf=buf(N),  # (B*T, C), (B*T, C), (B*T,)
            logits=buf(N * V), dlogits=buf(N * V),  # (B*T, V) each
            # gradients: dx (B*T, C) the residual stream's, dh (B*T, C) a LayerNorm output's
            dx=buf(N * C), dh=buf(N * C),
            dqkv=buf(N * 3 * C), dy=buf(N * C),  # (B*T, 3C) at qkv, (B*T, C) at y
            dg=buf(N * 4 * C))  # (B*T, 4C): at u, through GELU'

    def build_forward(self, a, B, decode):
        cfg = self.cfg
        C, V, H = cfg.n_embd, cfg.vocab_size, cfg.n_head
        T = 1 if decode else cfg.block_size
        N = B * T
        text, offsets = (self.dec_text, self.dec_offsets) if decode else (self.text, self.offsets)
        wte = self.p("transformer.wte.weight")
        ops = [self.run("embedding", [B, T, C, int(decode)], (groups(N * C), 1, 1), text=text,
                        offsets=offsets, wte=wte, wpe=self.p("transformer.wpe.weight"), x=a.x)]
        for i, h in enumerate(a.h):
            n = f"transformer.h.{i}."
            ops.append(self.layernorm(a.x, n + "ln_1", h.ln1, h.xhat1, h.rstd1, N))
            ops.append(self.linear(h.ln1, n + "attn.c_attn", h.qkv, N))
            if decode:
                ops.append(self.run("attention_decode", [cfg.block_size, C, H], (1, 1, 1),
                                    qkv=h.qkv, offsets=offsets, cache=h.cache, y=h.y, att=h.att))
            else:
                ops.append(self.run("attention", self.causal_u(B, T, C, H), (B * H, 1, 1),
                                    qkv=h.qkv, y=h.y, att=h.att))
            # x += c_proj(y), fused: ACC adds the projection onto the residual stream
            ops.append(self.linear(h.y, n + "attn.c_proj", a.x, N, BIAS | ACC))
            ops.append(self.layernorm(a.x, n + "ln_2", h.ln2, h.xhat2, h.rstd2, N))
            # g = gelu(c_fc(ln2)), fused; GELU keeps the pre-activation u for the backward
            ops.append(self.linear(h.ln2, n + "mlp.c_fc", h.g, N, BIAS | GELU, aux=h.u))
            # x += c_proj(g), fused
            ops.append(self.linear(h.g, n + "mlp.c_proj", a.x, N, BIAS | ACC))
        ops.append(self.layernorm(a.x, "transformer.ln_f", a.lnf, a.xhatf, a.rstdf, N))
        # the unembedding is the token embedding, transposed (weight tying), without bias
        ops.append(self.matmul(a.lnf, wte, a.logits, N, V, C, (C, 1), (1, C), 0))
        if not decode:
            ops.append(self.run("cross_entropy", [B, T, V], (groups(N), 1, 1),
                                logits=a.logits, text=text, offsets=offsets,
                                dlogits=a.dlogits, losses=self.losses))
        return ops

    def build_backward(self, a, B):
        cfg = self.cfg
        C, V, H, T = cfg.n_embd, cfg.vocab_size, cfg.n_head, cfg.block_size
        N = B * T
        wte = "transformer.wte.weight"
        ops = [self.matmul(a.dlogits, self.p(wte), a.dh, N, C, V, (V, 1), (C, 1), 0),
               self.matmul(a.dlogits, a.lnf, self.p(wte, True), V, C, N, (1, V), (C, 1), 0),
               # written, not added: the residual stream's gradient starts here
               self.layernorm_bwd(a.dh, a.xhatf, a.rstdf, "transformer.ln_f", a.dx, N, 0)]
        for i in reversed(range(cfg.n_layer)):
            h, n = a.h[i], f"transformer.h.{i}."
            # dg = (dx·W) * gelu'(u), fused
            ops += self.linear_bwd(a.dx, h.g, n + "mlp.c_proj", a.dg, N, GELU_GRAD, h.u)
            ops += self.linear_bwd(a.dg, h.ln2, n + "mlp.c_fc", a.dh, N)
            # dx += the MLP branch's gradient, as the forward added the branch onto x
            ops.append(self.layernorm_bwd(a.dh, h.xhat2, h.rstd2, n + "ln_2", a.dx, N, 1))
            ops += self.linear_bwd(a.dx, h.y, n + "attn.c_proj", a.dy, N)
            ops.append(self.run("attention_bwd", self.causal_u(B, T, C, H), (B * H, 1, 1),
                                qkv=h.qkv, dy=a.dy, att=h.att, dqkv=a.dqkv))
            ops += self.linear_bwd(a.dqkv, h.ln1, n + "attn.c_attn", a.dh, N)
            ops.append(self.layernorm_bwd(a.dh, h.xhat1, h.rstd1, n + "ln_1", a.dx, N, 1))
        # dwte is added onto: the unembedding's gradient is already there
        ops.append(self.run("embedding_bwd", [B, T, C, V], (groups((V + T) * C), 1, 1),
                            text=self.text, offsets=self.offsets, dx=a.dx,
                            dwte=self.p(wte, True), dwpe=self.p("transformer.wpe.weight", True)))
        return ops

    # -- what the training loop and the sampler call ----------------------------------
    def set_options(self, causal=True, max_norm=MAX_NORM):
        """Switch the causal mask and the clipping threshold (max_norm=inf: no clipping) for the
        steps that follow. Both are uniforms, so nothing is rebuilt or recompiled."""
        self.causal, self.max_norm = bool(causal), float(max_norm)
        for uniform, fields in self.switched:
            self.gpu.write(uniform[0], pack(*fields, int(self.causal)))
        self.gpu.write(self.clip_u[0], pack(self.n, self.max_norm))

    def dispatches(self, ops=None):
        """(kernel, workgroups) for each dispatch of a list, the training step by default."""
        ops = self.train_step if ops is None else ops
        return [(self.kernel_of[id(p)], workgroups) for p, _, workgroups in ops]

    def set_params(self, flat: array):
        """Upload parameters and reset the optimizer state."""
        self.gpu.write(self.params[0], flat)
        for b in (self.m, self.v, self.grads):
            self.gpu.write(b[0], bytes(4 * self.n))

    async def fetch(self, slice_):
        """Read a buffer slice back (tests, checkpoints): slow, never inside the loop."""
        buf, offset, nbytes = slice_
        staging = self.gpu.staging(nbytes)
        self.gpu.submit([], [(buf, offset, staging, nbytes)])
        return array("f", await self.gpu.read(staging, nbytes))

    def step(self, offsets, t, lr, keep_loss=False):
        """Submit training step t (from 1) on the windows starting at `offsets`."""
        (b1, b2), eps, decay, bc2 = BETAS, EPS, WEIGHT_DECAY, 1 - BETAS[1]**t
        if self.sgd:  # m = g, v stays 0, the divisor is eps = 1, no decay: p -= lr * g
            (b1, b2), eps, decay, bc2 = (0.0, 1.0), 1.0, 0.0, 1.0
        self.gpu.write(self.offsets[0], array("I", offsets))
        self.gpu.write(self.adam_u[0], pack(self.n, self.n_decay, float(lr), b1, b2, eps,
                                            decay, 1 - b1**t, bc2))
        copies = [(self.losses[0], 0, self.losses_out, self.losses[2])] if keep_loss else []
        self.gpu.submit(self.train_step, copies)

    async def loss(self):
        """Mean loss of the last step submitted with keep_loss (or of the last evaluate)."""
        per_row = array("f", await self.gpu.read(self.losses_out, self.losses[2]))
        return math.fsum(per_row) / len(per_row)

    async def evaluate(self, offsets):
        self.gpu.write(self.offsets[0], array("I", offsets))
        self.gpu.submit(self.forward, [(self.losses[0], 0, self.losses_out, self.losses[2])])
        return await self.loss()

    async def decode(self, token, pos):
        """Logits for the next token after `token` at position `pos`, using the KV cache."""
        nbytes = 4 * self.cfg.vocab_size
        self.gpu.write(self.dec_text[0], array("I", [token]))
        self.gpu.write(self.dec_offsets[0], array("I", [0, pos]))
        self.gpu.submit(self.decode_step, [(self.dec.logits[0], 0, self.logits_out, nbytes)])
        return list(array("f", await self.gpu.read(self.logits_out, nbytes)))
