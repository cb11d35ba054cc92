"""Where a GPT's parameters and FLOPs live: a calculator with five sliders.

Sliders set the number of blocks N, the width C, the number of heads H (1, 2, 4, 8 or 16; C is a
multiple of 16 so every choice splits it evenly), the context T and the vocabulary V. Stacked bars
show, to scale, where the parameters sit and where a token's forward FLOPs go, and a last row puts
the training count (3 x the forward FLOPs) next to the rule of thumb 6N.

Parameters follow nanoGPT's GPT exactly (mlmath.gpt.model.param_table, biases included, tied
unembedding):

    embeddings   V C + T C                  (wte, wpe)
    attention    N (4 C^2 + 4 C)            (c_attn 3C^2 + 3C, c_proj C^2 + C)
    MLP          N (8 C^2 + 5 C)            (c_fc 4C^2 + 4C, c_proj 4C^2 + C)
    LayerNorm    N 4 C + 2 C                (ln_1, ln_2 in every block, ln_f)

Forward FLOPs per token count the matrix products, one FLOP per multiplication or addition. A
linear layer from n_in to n_out numbers does n_out dot products of length n_in (2 n_in - 1 FLOPs
each) and n_out bias additions: exactly 2 n_in n_out, two FLOPs per weight. Attention's scores are
counted dense, over all T positions, as in module 15 (a head of width d = C/H scores T keys,
T (2d - 1), and mixes T values into d outputs, d (2T - 1)):

    attention    N 8 C^2                    (the projections: 2 per weight of c_attn and c_proj)
    scores       N (T (2C - H) + C (2T - 1))   (QK^T and AV, all H heads, no parameters)
    MLP          N 16 C^2
    unembed      V (2C - 1)                 (a dot product with every row of wte, no bias)

LayerNorm, GELU, softmax and the residual adds are a few operations per number and are left out.
Training does the forward pass and a backward pass that costs about two forwards: 3 x forward,
against the rule 6 x (number of parameters).

    ```widget param_flop_calculator
    id = "calc"
    N = 4; C = 64; H = 4; T = 64; V = 65       # starting sliders (the capstone's model)
    rows = ["block", "params", "flops", "train"]   # which panels to draw, in this order
    goal = { text = "...", check = "mlp_share >= 66", solution = { N = 12, C = 768 } }
    ```

values() for goals: N, C, H, T, V; params and its parts emb_params, attn_params, mlp_params,
ln_params; flops (forward, per token) and its parts attn_flops, score_flops, mlp_flops,
unembed_flops; mlp_share and mlp_flop_share (percent); train_flops (3 x flops), six_n (6 x params)
and rule_error (percent by which 6N misses train_flops).
"""

from ..show import commas, fixed
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, one_of, whole
from ..widgets.controls import Slider

RANGES = {"N": (1, 48, 1), "C": (16, 1024, 16), "T": (8, 2048, 8), "V": (2, 50304, 1)}
HEADS = (1, 2, 4, 8, 16)
ROWS = ("block", "params", "flops", "train")
SLIDER_LABELS = {"N": "blocks N", "C": "width C", "H": "heads H", "T": "context T", "V": "vocabulary V"}
TIMES, SQ = "\u00d7", "\u00b2"


def param_parts(N, C, T, V):
    """Parameters by where they live, as nanoGPT counts them (tied unembedding)."""
    return {"embeddings": V * C + T * C, "attention": N * (4 * C * C + 4 * C),
            "MLP": N * (8 * C * C + 5 * C), "LayerNorm": N * 4 * C + 2 * C}


def flop_parts(N, C, H, T, V):
    """Forward FLOPs per token by where they are spent (the matrix products, scores counted dense)."""
    return {"attention": N * 8 * C * C, "scores": N * (T * (2 * C - H) + C * (2 * T - 1)),
            "MLP": N * 16 * C * C, "unembed": V * (2 * C - 1)}


def short(n):
    """A big count in words: 1,249,920 -> '1.25 M'."""
    for div, unit in ((1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")):
        if n >= div:
            return f"{n / div:.3g} {unit}"
    return str(n)


def pct(part, total):
    return 100 * part / total if total else 0.0


# (css class, opacity) for each part of a bar
PARAM_STYLE = {"embeddings": ("accent3", 0.8), "attention": ("accent", 0.85), "MLP": ("accent2", 0.85),
               "LayerNorm": ("op", 1.0)}
FLOP_STYLE = {"attention": ("accent", 0.85), "scores": ("accent", 0.35), "MLP": ("accent2", 0.85),
              "unembed": ("accent3", 0.8)}
FLOP_NAMES = {"attention": "attn. projections", "scores": "attn. scores", "unembed": "unembedding"}


@register
class ParamFlopCalculator(Widget):
    name = "param_flop_calculator"
    width = 680
    X0, BAR_W = 24, 632
    ROW_H = {"block": 122, "params": 92, "flops": 92, "train": 96}

    def configure(self, config):
        start = {"N": 4, "C": 64, "T": 64, "V": 65}
        dims = {k: whole(self.name, k, config.pop(k, v), *RANGES[k]) for k, v in start.items()}
        heads = one_of(self.name, "H", config.pop("H", 4), HEADS)
        rows = config.pop("rows", ["params", "flops"])
        if (not isinstance(rows, list) or not rows or any(r not in ROWS for r in rows)
                or len(set(rows)) != len(rows)):
            raise ValueError(f"param_flop_calculator: rows must be a list drawn from {ROWS}, not {rows!r}")
        self.rows = list(rows)
        self.height = 12 + sum(self.ROW_H[r] for r in self.rows)
        super().configure(config)
        self.knobs = {k: Slider(k, SLIDER_LABELS[k], *RANGES[k], v, fmt=commas) for k, v in dims.items()}
        # H's slider runs over the positions of HEADS, 0..4
        self.knobs["H"] = Slider("H", SLIDER_LABELS["H"], 0, len(HEADS) - 1, 1, HEADS.index(heads),
                                 fmt=lambda i: str(HEADS[i]))

    @property
    def dims(self):
        return {k: (HEADS[self.knobs[k].value] if k == "H" else self.knobs[k].value) for k in ("N", "C", "T", "V", "H")}

    # State ------------------------------------------------------------------------------------
    def params(self):
        d = self.dims
        return param_parts(d["N"], d["C"], d["T"], d["V"])

    def flops(self):
        d = self.dims
        return flop_parts(d["N"], d["C"], d["H"], d["T"], d["V"])

    def values(self):
        p, f = self.params(), self.flops()
        P, F = sum(p.values()), sum(f.values())
        train, six_n = 3 * F, 6 * P
        return {**self.dims, "params": P, "emb_params": p["embeddings"], "attn_params": p["attention"],
                "mlp_params": p["MLP"], "ln_params": p["LayerNorm"], "mlp_share": round(pct(p["MLP"], P), 4),
                "flops": F, "attn_flops": f["attention"], "score_flops": f["scores"], "mlp_flops": f["MLP"],
                "unembed_flops": f["unembed"], "mlp_flop_share": round(pct(f["MLP"], F), 4),
                "train_flops": train, "six_n": six_n, "rule_error": round(100 * abs(six_n - train) / train, 4)}

    def set_values(self, values):
        values = dict(values)
        if "H" in values:           # a head count, where the slider holds its position
            self.knobs["H"].set(HEADS.index(one_of(self.name, "H", values.pop("H"), HEADS)))
        super().set_values(values)

    def __repr__(self):
        d = self.dims
        return (f"<param_flop_calculator N={d['N']} C={d['C']} H={d['H']} T={d['T']} V={d['V']}: "
                f"{commas(sum(self.params().values()))} parameters>")

    # The scene --------------------------------------------------------------------------------
    def _stacked(self, out, y, parts, style, names, total):
        """A bar split into parts, to scale, with a legend line of counts and shares beneath it."""
        x = self.X0
        for key, n in parts.items():
            w = self.BAR_W * n / total if total else 0
            if w <= 0:
                continue
            cls, op = style[key]
            out.append(S.rect(x, y, w, 24, cls + " nostroke", opacity=op))
            if w > 46:
                out.append(S.text(x + w / 2, y + 16, f"{fixed(pct(n, total), 1)}%", "small label"))
            x += w
        out.append(S.rect(self.X0, y, self.BAR_W, 24, "nofill muted"))
        lx = self.X0
        step = self.BAR_W / len(parts)
        for key, n in parts.items():
            cls, op = style[key]
            out.append(S.rect(lx, y + 34, 10, 10, cls + " nostroke", opacity=op))
            out.append(S.text(lx + 14, y + 43, names.get(key, key), "small label", "start"))
            out.append(S.text(lx + 14, y + 57, f"{commas(n)} ({fixed(pct(n, total), 1)}%)", "small muted", "start"))
            lx += step

    def shapes(self):
        C, out, y = self.dims["C"], [], 8
        p, f = self.params(), self.flops()
        P, F = sum(p.values()), sum(f.values())
        for row in self.rows:
            if row == "block":
                out.append(S.text(self.X0, y + 12, f"one block's four weight matrices, area = parameters (C = {C})",
                                  "label", "start"))
                u, h, gap = 44, 38, 16
                x = self.X0
                mats = [("c_attn", 3, "3C" + SQ, "accent"), ("c_proj", 1, "C" + SQ, "accent"),
                        ("c_fc", 4, "4C" + SQ, "accent2"), ("c_proj", 4, "4C" + SQ, "accent2")]
                spans = {}
                for name, k, sym, cls in mats:
                    w = k * u
                    out.append(S.rect(x, y + 24, w, h, cls, opacity=0.8))
                    out.append(S.text(x + w / 2, y + 47, name, "small label"))
                    out.append(S.text(x + w / 2, y + 76, f"{sym} = {commas(k * C * C)}", "small muted"))
                    group = "attn" if cls == "accent" else "mlp"
                    lo, hi = spans.get(group, (x, x + w))
                    spans[group] = (min(lo, x), max(hi, x + w))
                    x += w + gap
                for group, label, cls in (("attn", f"attention: 4C{SQ} = {commas(4 * C * C)}", "accent"),
                                          ("mlp", f"MLP: 8C{SQ} = {commas(8 * C * C)}", "accent2")):
                    lo, hi = spans[group]
                    out.append(S.path([[(lo, y + 84), (lo, y + 90), (hi, y + 90), (hi, y + 84)]], cls + " bracket"))
                    out.append(S.text((lo + hi) / 2, y + 106, label, "small " + cls))
            elif row == "params":
                out.append(S.text(self.X0, y + 12, f"parameters: {commas(P)}", "label", "start"))
                self._stacked(out, y + 20, p, PARAM_STYLE, {}, P)
            elif row == "flops":
                out.append(S.text(self.X0, y + 12, f"forward FLOPs per token: {commas(F)}", "label", "start"))
                self._stacked(out, y + 20, f, FLOP_STYLE, FLOP_NAMES, F)
            elif row == "train":
                train, six_n = 3 * F, 6 * P
                top = max(train, six_n)
                out.append(S.text(self.X0, y + 12, "training FLOPs per token: the count against the rule", "label", "start"))
                for i, (label, n, cls) in enumerate((("3 " + TIMES + " forward", train, "accent2"),
                                                     ("6 " + TIMES + " params", six_n, "accent3"))):
                    by = y + 22 + 28 * i
                    w = max(1.0, (self.BAR_W - 190) * n / top)
                    out.append(S.text(self.X0 + 80, by + 15, label, "small label", "end"))
                    out.append(S.rect(self.X0 + 88, by, w, 20, cls + " nostroke", opacity=0.85))
                    out.append(S.text(self.X0 + 94 + w, by + 15, commas(n), "small label", "start"))
                err = 100 * (six_n - train) / train
                out.append(S.text(self.X0 + 88, y + 80, f"6N is {fixed(abs(err), 1)}% {'below' if err < 0 else 'above'} the count",
                                  "small " + ("good" if abs(err) < 2 else "muted"), "start"))
            y += self.ROW_H[row]
        return out

    def readouts(self):
        d = self.dims
        C, H, T = d["C"], d["H"], d["T"]
        p, f = self.params(), self.flops()
        P, F = sum(p.values()), sum(f.values())
        out = [{"label": "model", "value": f"N = {d['N']} block{'s' if d['N'] > 1 else ''}, C = {C}, H = {H} heads of width {C // H}, "
                                           f"T = {T}, V = {d['V']}"}]
        if "block" in self.rows or "params" in self.rows:
            out.append({"label": "parameters", "value": (
                f"{commas(P)} in all; MLP {fixed(pct(p['MLP'], P), 1)}%, attention {fixed(pct(p['attention'], P), 1)}%, "
                f"embeddings {fixed(pct(p['embeddings'], P), 1)}%, LayerNorm {fixed(pct(p['LayerNorm'], P), 1)}%; "
                f"one block 12C{SQ} + 13C = {commas(12 * C * C + 13 * C)}")})
        if "flops" in self.rows or "train" in self.rows:
            out.append({"label": "forward FLOPs per token", "value": (
                f"{commas(F)}; MLP {fixed(pct(f['MLP'], F), 1)}%, attention projections "
                f"{fixed(pct(f['attention'], F), 1)}%, attention scores {fixed(pct(f['scores'], F), 1)}%, "
                f"unembedding {fixed(pct(f['unembed'], F), 1)}%; about {fixed(F / P)} per parameter")})
        if "train" in self.rows:
            train, six_n = 3 * F, 6 * P
            out.append({"label": "training FLOPs per token", "value": (
                f"3 {TIMES} forward = {commas(train)} ({short(train)}); 6 {TIMES} parameters = {commas(six_n)} "
                f"({short(six_n)}); "
                f"6N is off by {fixed(100 * abs(six_n - train) / train, 1)}%")})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in ("N", "C", "H", "T", "V")]
