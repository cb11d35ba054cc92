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

KERNELS = ["embedding", "embedding_bwd", "layernorm", "layernorm_bwd", "matmul", "attention",
           "attention_bwd", "attention_decode", "cross_entropy", "grad_norm", "adamw"]
BIAS, ROWSUM, ACC, GELU, GELU_GRAD = 1, 2, 4, 8, 16  # matmul.wgsl's epilogue flags
BETAS, EPS, WEIGHT_DECAY, MAX_NORM = (0.9, 0.99), 1e-8, 0.1, 1.0


class Engine:
    @classmethod
    async def create(cls, gpu, cfg: Config, batch: int, text_ids, load_wgsl):
        pipelines = await gpu.compile({k: load_wgsl(k) for k in KERNELS})
        return cls(gpu, cfg, batch, text_ids, pipelines)

    def __init__(self, gpu, cfg, batch, text_ids, pipelines):
        assert cfg.block_size <= 64, "attention_bwd.wgsl keeps one sequence in one workgroup"
        self.gpu, self.cfg, self.B, self.pipelines = gpu, cfg, batch, pipelines
        self.kernel_of = {id(p): k for k, p in pipelines.items()}  # to list dispatches by name
        self.causal, self.max_norm = True, MAX_NORM  # switchable, for the capstone's pathology presets
        self.switched = []  # (uniform buffer, words) of each attention dispatch: the mask flag follows
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
        self.adam_u = (gpu.uniform(bytes(48)), 0, 48)
        self.clip_u = (gpu.uniform(self.clip_words()), 0, 16)
        self.optimizer = [
            self.op_u("grad_norm", self.clip_u, [self.grads, self.clip], (1, 1, 1)),
            self.op_u("adamw", self.adam_u, [self.params, self.grads, self.m, self.v, self.clip], (-(-self.n // 256), 1, 1)),
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

    def p(self, name, grads=False):
        t = self.table[name]
        return (self.grads if grads else self.params)[0], 4 * t.offset, 4 * t.size

    def op(self, kernel, words, slices, groups):
        data = b"".join(struct.pack("<f" if isinstance(w, float) else "<I", w) for w in words)
        data += bytes(-len(data) % 16)
        return self.op_u(kernel, (self.gpu.uniform(data), 0, len(data)), slices, groups)

    def attention(self, kernel, words, slices, groups):
        """An attention dispatch; its uniform ends in the causal flag, so set_options can flip it."""
        uniform = self.gpu.uniform(struct.pack("<5I", *words, int(self.causal)) + bytes(12))
        self.switched.append((uniform, words))
        return self.op_u(kernel, (uniform, 0, 32), slices, groups)

    def clip_words(self):
        return struct.pack("<If", self.n, self.max_norm) + bytes(8)

    def op_u(self, kernel, uniform, slices, groups):
        pipeline = self.pipelines[kernel]
        return (pipeline, self.gpu.bind(pipeline, [uniform] + slices), groups)

    def matmul(self, a, b, out, M, N, K, a_strides, b_strides, flags, bias=None, aux=None):
        """out[M, N] = A·B with A(i, k) = a[i*a_i + k*a_k], B(k, j) = b[k*b_k + j*b_j]."""
        return self.op("matmul", [M, N, K, *a_strides, *b_strides, flags],
                       [a, b, bias or b, out, aux or self.scratch], (-(-N // 64), -(-M // 64), 1))

    def linear(self, x, w, b, out, M, flags=BIAS, aux=None):
        """out = x·Wᵀ + b, W being [N, K] as torch's Linear stores it."""
        N, K = self.table[w].shape
        return self.matmul(x, self.p(w), out, M, N, K, (K, 1), (1, K), flags, self.p(b), aux)

    def linear_bwd(self, dy, x, w, b, dx, M, flags=0, aux=None):
        """dx = dy·W (written, or times gelu'(aux)); dW = dyᵀ·x and db = column sums of dy."""
        N, K = self.table[w].shape
        return [self.matmul(dy, self.p(w), dx, M, K, N, (N, 1), (K, 1), flags, aux=aux),
                self.matmul(dy, x, self.p(w, True), N, K, M, (1, N), (K, 1), ROWSUM, aux=self.p(b, True))]

    def acts(self, B, T):
        """Activations kept for the backward pass, per layer where they differ."""
        C, V, L, H, N = self.cfg.n_embd, self.cfg.vocab_size, self.cfg.n_layer, self.cfg.n_head, B * T
        layer = lambda: SimpleNamespace(
            ln1=self.buf(N * C), xhat1=self.buf(N * C), rstd1=self.buf(N), qkv=self.buf(N * 3 * C),
            att=self.buf(B * H * T * self.cfg.block_size), y=self.buf(N * C), ln2=self.buf(N * C), xhat2=self.buf(N * C),
            rstd2=self.buf(N), u=self.buf(N * 4 * C), g=self.buf(N * 4 * C),
            cache=self.buf(self.cfg.block_size * 2 * C) if T == 1 else None)  # decoding only
        return SimpleNamespace(x=self.buf(N * C), h=[layer() for _ in range(L)], lnf=self.buf(N * C),
                               xhatf=self.buf(N * C), rstdf=self.buf(N), logits=self.buf(N * V),
                               dlogits=self.buf(N * V), dx=self.buf(N * C), dh=self.buf(N * C),
                               dqkv=self.buf(N * 3 * C), dy=self.buf(N * C), dg=self.buf(N * 4 * C))

    def build_forward(self, a, B, decode):
        cfg = self.cfg
        C, V, H = cfg.n_embd, cfg.vocab_size, cfg.n_head
        T = 1 if decode else cfg.block_size
        N = B * T
        text, offsets = (self.dec_text, self.dec_offsets) if decode else (self.text, self.offsets)
        ln = lambda x, w, y, xhat, rstd: self.op(
            "layernorm", [N, C], [x, self.p(w + ".weight"), self.p(w + ".bias"), y, xhat, rstd], (-(-N // 64), 1, 1))
        ops = [self.op("embedding", [B, T, C, int(decode)],
                       [text, offsets, self.p("transformer.wte.weight"), self.p("transformer.wpe.weight"), a.x],
                       (-(-N * C // 64), 1, 1))]
        for i, h in enumerate(a.h):
            n = f"transformer.h.{i}."
            ops.append(ln(a.x, n + "ln_1", h.ln1, h.xhat1, h.rstd1))
            ops.append(self.linear(h.ln1, n + "attn.c_attn.weight", n + "attn.c_attn.bias", h.qkv, N))
            if decode:
                ops.append(self.op("attention_decode", [cfg.block_size, C, H],
                                   [h.qkv, offsets, h.cache, h.y, h.att], (1, 1, 1)))
            else:
                ops.append(self.attention("attention", [B, T, C, H], [h.qkv, h.y, h.att], (B * H, 1, 1)))
            ops.append(self.linear(h.y, n + "attn.c_proj.weight", n + "attn.c_proj.bias", a.x, N, BIAS | ACC))
            ops.append(ln(a.x, n + "ln_2", h.ln2, h.xhat2, h.rstd2))
            ops.append(self.linear(h.ln2, n + "mlp.c_fc.weight", n + "mlp.c_fc.bias", h.g, N, BIAS | GELU, h.u))
            ops.append(self.linear(h.g, n + "mlp.c_proj.weight", n + "mlp.c_proj.bias", a.x, N, BIAS | ACC))
        ops.append(ln(a.x, "transformer.ln_f", a.lnf, a.xhatf, a.rstdf))
        # the unembedding is the token embedding, transposed (weight tying), without bias
        ops.append(self.matmul(a.lnf, self.p("transformer.wte.weight"), a.logits, N, V, C, (C, 1), (1, C), 0))
        if not decode:
            ops.append(self.op("cross_entropy", [B, T, V], [a.logits, text, offsets, a.dlogits, self.losses],
                               (-(-N // 64), 1, 1)))
        return ops

    def build_backward(self, a, B):
        cfg = self.cfg
        C, V, H, T = cfg.n_embd, cfg.vocab_size, cfg.n_head, cfg.block_size
        N = B * T
        ln_bwd = lambda dy, xhat, rstd, w, acc: self.op(
            "layernorm_bwd", [N, C, acc], [dy, xhat, rstd, self.p(w + ".weight"), a.dx,
                                           self.p(w + ".weight", True), self.p(w + ".bias", True)], (-(-(N + C) // 64), 1, 1))
        wte = "transformer.wte.weight"
        ops = [self.matmul(a.dlogits, self.p(wte), a.dh, N, C, V, (V, 1), (C, 1), 0),
               self.matmul(a.dlogits, a.lnf, self.p(wte, True), V, C, N, (1, V), (C, 1), 0),
               ln_bwd(a.dh, a.xhatf, a.rstdf, "transformer.ln_f", 0)]
        for i in reversed(range(cfg.n_layer)):
            h, n = a.h[i], f"transformer.h.{i}."
            ops += self.linear_bwd(a.dx, h.g, n + "mlp.c_proj.weight", n + "mlp.c_proj.bias", a.dg, N, GELU_GRAD, h.u)
            ops += self.linear_bwd(a.dg, h.ln2, n + "mlp.c_fc.weight", n + "mlp.c_fc.bias", a.dh, N)
            ops.append(ln_bwd(a.dh, h.xhat2, h.rstd2, n + "ln_2", 1))
            ops += self.linear_bwd(a.dx, h.y, n + "attn.c_proj.weight", n + "attn.c_proj.bias", a.dy, N)
            ops.append(self.attention("attention_bwd", [B, T, C, H], [h.qkv, a.dy, h.att, a.dqkv], (B * H, 1, 1)))
            ops += self.linear_bwd(a.dqkv, h.ln1, n + "attn.c_attn.weight", n + "attn.c_attn.bias", a.dh, N)
            ops.append(ln_bwd(a.dh, h.xhat1, h.rstd1, n + "ln_1", 1))
        ops.append(self.op("embedding_bwd", [B, T, C, V], [self.text, self.offsets, a.dx, self.p(wte, True),
                                                          self.p("transformer.wpe.weight", True)], (-(-(V + T) * C // 64), 1, 1)))
        return ops

    # -- what the training loop and the sampler call ----------------------------------
    def set_options(self, causal=True, max_norm=MAX_NORM):
        """Switch the causal mask and the clipping threshold (max_norm=inf: no clipping) for the
        steps that follow. Both are uniforms, so nothing is rebuilt or recompiled."""
        self.causal, self.max_norm = bool(causal), float(max_norm)
        for uniform, words in self.switched:
            self.gpu.write(uniform, struct.pack("<5I", *words, int(self.causal)) + bytes(12))
        self.gpu.write(self.clip_u[0], self.clip_words())

    def dispatches(self, ops=None):
        """(kernel, workgroups) for each dispatch of a list, the training step by default."""
        return [(self.kernel_of[id(p)], groups) for p, _, groups in (self.train_step if ops is None else ops)]

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
        (b1, b2) = BETAS
        self.gpu.write(self.offsets[0], array("I", offsets))
        self.gpu.write(self.adam_u[0], struct.pack("<IIfffffff", self.n, self.n_decay, lr, b1, b2, EPS, WEIGHT_DECAY,
                                                1 - b1**t, 1 - b2**t))
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
        self.gpu.write(self.dec_text[0], array("I", [token]))
        self.gpu.write(self.dec_offsets[0], array("I", [0, pos]))
        self.gpu.submit(self.decode_step, [(self.dec.logits[0], 0, self.logits_out, 4 * self.cfg.vocab_size)])
        return list(array("f", await self.gpu.read(self.logits_out, 4 * self.cfg.vocab_size)))
