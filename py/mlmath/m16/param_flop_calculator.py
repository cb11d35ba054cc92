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

from ..widgets import register
from ..widgets.base import Widget, one_of
from .gpt_forward_pipeline import on_slider, snap
from ..show import commas

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


def pct(part, whole):
    return 100 * part / whole if whole else 0.0


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
        self.dims = {k: on_slider(self.name, k, config.pop(k, v), RANGES[k]) for k, v in start.items()}
        self.dims["H"] = one_of(self.name, "H", config.pop("H", 4), HEADS)
        rows = config.pop("rows", ["params", "flops"])
        if (not isinstance(rows, list) or not rows or any(r not in ROWS for r in rows)
                or len(set(rows)) != len(rows)):
            raise ValueError(f"param_flop_calculator: rows must be a list drawn from {ROWS}, not {rows!r}")
        self.rows = list(rows)
        self.height = 12 + sum(self.ROW_H[r] for r in self.rows)
        super().configure(config)

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
        for key, value in values.items():
            if key in RANGES:
                self.dims[key] = on_slider(self.name, key, int(value), RANGES[key])
            elif key == "H":
                self.dims["H"] = int(one_of(self.name, "H", value, HEADS))
            else:
                raise KeyError(f"param_flop_calculator sets N, C, H, T and V, not {key!r}")

    # Events -----------------------------------------------------------------------------------
    def handle(self, event):
        if event.get("type") != "input":
            return
        key = event.get("id")
        try:
            raw = float(event.get("value"))
        except (TypeError, ValueError):
            return
        if key == "H":                      # the slider runs over 0..4, the exponent of 2
            self.dims["H"] = HEADS[min(max(int(round(raw)), 0), len(HEADS) - 1)]
        elif key in RANGES:
            self.dims[key] = snap(raw, RANGES[key])

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
            out.append({"t": "rect", "x": round(x, 2), "y": y, "w": round(w, 2), "h": 24,
                        "cls": cls + " nostroke", "opacity": op})
            if w > 46:
                out.append({"t": "text", "x": round(x + w / 2, 2), "y": y + 16, "cls": "small label",
                            "s": f"{pct(n, total):.1f}%"})
            x += w
        out.append({"t": "rect", "x": self.X0, "y": y, "w": self.BAR_W, "h": 24, "cls": "nofill muted"})
        lx = self.X0
        step = self.BAR_W / len(parts)
        for key, n in parts.items():
            cls, op = style[key]
            out.append({"t": "rect", "x": round(lx, 2), "y": y + 34, "w": 10, "h": 10,
                        "cls": cls + " nostroke", "opacity": op})
            out.append({"t": "text", "x": round(lx + 14, 2), "y": y + 43, "anchor": "start", "cls": "small label",
                        "s": names.get(key, key)})
            out.append({"t": "text", "x": round(lx + 14, 2), "y": y + 57, "anchor": "start", "cls": "small muted",
                        "s": f"{commas(n)} ({pct(n, total):.1f}%)"})
            lx += step

    def shapes(self):
        C, out, y = self.dims["C"], [], 8
        p, f = self.params(), self.flops()
        P, F = sum(p.values()), sum(f.values())
        for row in self.rows:
            if row == "block":
                out.append({"t": "text", "x": self.X0, "y": y + 12, "anchor": "start", "cls": "label",
                            "s": f"one block's four weight matrices, area = parameters (C = {C})"})
                u, h, gap = 44, 38, 16
                x = self.X0
                mats = [("c_attn", 3, "3C" + SQ, "accent"), ("c_proj", 1, "C" + SQ, "accent"),
                        ("c_fc", 4, "4C" + SQ, "accent2"), ("c_proj", 4, "4C" + SQ, "accent2")]
                spans = {}
                for name, k, sym, cls in mats:
                    w = k * u
                    out.append({"t": "rect", "x": x, "y": y + 24, "w": w, "h": h, "cls": cls, "opacity": 0.8})
                    out.append({"t": "text", "x": x + w / 2, "y": y + 47, "cls": "small label", "s": name})
                    out.append({"t": "text", "x": x + w / 2, "y": y + 76, "cls": "small muted",
                                "s": f"{sym} = {commas(k * C * C)}"})
                    group = "attn" if cls == "accent" else "mlp"
                    lo, hi = spans.get(group, (x, x + w))
                    spans[group] = (min(lo, x), max(hi, x + w))
                    x += w + gap
                for group, label, cls in (("attn", f"attention: 4C{SQ} = {commas(4 * C * C)}", "accent"),
                                          ("mlp", f"MLP: 8C{SQ} = {commas(8 * C * C)}", "accent2")):
                    lo, hi = spans[group]
                    out.append({"t": "path", "d": f"M {lo} {y + 84} L {lo} {y + 90} L {hi} {y + 90} L {hi} {y + 84}",
                                "cls": cls + " bracket"})
                    out.append({"t": "text", "x": (lo + hi) / 2, "y": y + 106, "cls": "small " + cls, "s": label})
            elif row == "params":
                out.append({"t": "text", "x": self.X0, "y": y + 12, "anchor": "start", "cls": "label",
                            "s": f"parameters: {commas(P)}"})
                self._stacked(out, y + 20, p, PARAM_STYLE, {}, P)
            elif row == "flops":
                out.append({"t": "text", "x": self.X0, "y": y + 12, "anchor": "start", "cls": "label",
                            "s": f"forward FLOPs per token: {commas(F)}"})
                self._stacked(out, y + 20, f, FLOP_STYLE, FLOP_NAMES, F)
            elif row == "train":
                train, six_n = 3 * F, 6 * P
                top = max(train, six_n)
                out.append({"t": "text", "x": self.X0, "y": y + 12, "anchor": "start", "cls": "label",
                            "s": "training FLOPs per token: the count against the rule"})
                for i, (label, n, cls) in enumerate((("3 " + TIMES + " forward", train, "accent2"),
                                                     ("6 " + TIMES + " params", six_n, "accent3"))):
                    by = y + 22 + 28 * i
                    w = max(1.0, (self.BAR_W - 190) * n / top)
                    out.append({"t": "text", "x": self.X0 + 80, "y": by + 15, "anchor": "end", "cls": "small label",
                                "s": label})
                    out.append({"t": "rect", "x": self.X0 + 88, "y": by, "w": round(w, 2), "h": 20,
                                "cls": cls + " nostroke", "opacity": 0.85})
                    out.append({"t": "text", "x": round(self.X0 + 94 + w, 2), "y": by + 15, "anchor": "start",
                                "cls": "small label", "s": commas(n)})
                err = 100 * (six_n - train) / train
                out.append({"t": "text", "x": self.X0 + 88, "y": y + 80, "anchor": "start",
                            "cls": "small " + ("good" if abs(err) < 2 else "muted"),
                            "s": f"6N is {abs(err):.1f}% {'below' if err < 0 else 'above'} the count"})
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
                f"{commas(P)} in all; MLP {pct(p['MLP'], P):.1f}%, attention {pct(p['attention'], P):.1f}%, "
                f"embeddings {pct(p['embeddings'], P):.1f}%, LayerNorm {pct(p['LayerNorm'], P):.1f}%; "
                f"one block 12C{SQ} + 13C = {commas(12 * C * C + 13 * C)}")})
        if "flops" in self.rows or "train" in self.rows:
            out.append({"label": "forward FLOPs per token", "value": (
                f"{commas(F)}; MLP {pct(f['MLP'], F):.1f}%, attention projections "
                f"{pct(f['attention'], F):.1f}%, attention scores {pct(f['scores'], F):.1f}%, "
                f"unembedding {pct(f['unembed'], F):.1f}%; about {F / P:.2f} per parameter")})
        if "train" in self.rows:
            train, six_n = 3 * F, 6 * P
            out.append({"label": "training FLOPs per token", "value": (
                f"3 {TIMES} forward = {commas(train)} ({short(train)}); 6 {TIMES} parameters = {commas(six_n)} "
                f"({short(six_n)}); "
                f"6N is off by {100 * abs(six_n - train) / train:.1f}%")})
        return out

    def controls(self):
        out = []
        for key in ("N", "C", "H", "T", "V"):
            if key == "H":
                out.append({"kind": "range", "id": "H", "label": SLIDER_LABELS["H"], "min": 0, "max": len(HEADS) - 1,
                            "step": 1, "value": HEADS.index(self.dims["H"]), "display": str(self.dims["H"])})
                continue
            lo, hi, step = RANGES[key]
            out.append({"kind": "range", "id": key, "label": SLIDER_LABELS[key], "min": lo, "max": hi,
                        "step": step, "value": self.dims[key], "display": commas(self.dims[key])})
        return out
