"""GPT's forward pass as a pipeline of stages, with the tensor shape and the parameters at each.

    token ids (B, T) -> embed: wte[ids] + wpe[0..T-1] -> N blocks -> ln_f -> unembed: . wte^T -> logits (B, T, V)

Sliders set the batch B, the context length T (the windows fill the context, so the position
table wpe has T rows), the model width C, the number of blocks N and the vocabulary V. A button
unties the unembedding (a separate V x C matrix instead of reusing wte). Clicking a stage
(or focusing it and pressing Enter or Space; Up/Down move between stages) selects it, and the
readouts say what that stage does, its output shape and its parameters.

Parameters follow nanoGPT's GPT exactly (mlmath.gpt.model.param_table, biases included):

    embed     V*C + T*C
    block     12 C^2 + 13 C   (ln_1 2C, attention 3C^2+3C + C^2+C, ln_2 2C, MLP 4C^2+4C + 4C^2+C)
    ln_f      2 C
    unembed   0 when tied (it reuses wte), V*C when untied

    ```widget gpt_forward_pipeline
    id = "pipe"
    B = 2; T = 8; C = 16; N = 2; V = 65     # starting sliders
    tied = true
    goal = { text = "...", check = "N == 4 and C == 64", solution = { N = 4, C = 64 } }
    ```

values() for goals: B, T, C, N, V, tied (1 or 0), selected (stage index 0-4), params, and
x_floats / logits_floats (numbers in the (B,T,C) stream and in the (B,T,V) logits).
"""

from ..show import commas
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, one_of, whole
from ..widgets.controls import Slider, Toggle

TIMES = "\u00d7"
RANGES = {"B": (1, 64, 1), "T": (1, 256, 1), "C": (8, 256, 8), "N": (1, 12, 1), "V": (2, 256, 1)}
SLIDER_LABELS = {"B": "batch B", "T": "context T", "C": "width C", "N": "blocks N", "V": "vocabulary V"}
STAGES = ("ids", "embed", "blocks", "ln_f", "unembed")
TITLES = {"ids": "token ids", "embed": "embed: wte[ids] + wpe[0..T\u22121]", "blocks": "N blocks",
          "ln_f": "final LayerNorm ln_f", "unembed": "unembed: \u00b7 wte\u1d40"}
# the pipeline runs downwards, so Down (or Right) moves to the next stage
DOWN = {"ArrowDown": "ArrowRight", "ArrowRight": "ArrowRight", "ArrowUp": "ArrowLeft", "ArrowLeft": "ArrowLeft"}


def block_params(C):
    """One pre-LN block: ln_1, attention (c_attn, c_proj), ln_2, MLP (c_fc, c_proj), biases included."""
    return 2 * C + (3 * C * C + 3 * C) + (C * C + C) + 2 * C + (4 * C * C + 4 * C) + (4 * C * C + C)


def stage_params(stage, T, C, N, V, tied=True):
    return {"ids": 0, "embed": V * C + T * C, "blocks": N * block_params(C), "ln_f": 2 * C,
            "unembed": 0 if tied else V * C}[stage]


def total_params(T, C, N, V, tied=True):
    return sum(stage_params(s, T, C, N, V, tied) for s in STAGES)


def stage_shape(stage, B, T, C, V):
    return {"ids": (B, T), "embed": (B, T, C), "blocks": (B, T, C), "ln_f": (B, T, C), "unembed": (B, T, V)}[stage]


def symbolic_shape(stage):
    return {"ids": "(B, T)", "unembed": "(B, T, V)"}.get(stage, "(B, T, C)")


@register
class GptForwardPipeline(Widget):
    name = "gpt_forward_pipeline"
    width, height = 640, 392
    BOX_X, BOX_W, BOX_H = 24, 236, 34
    SHAPE_X, BAR_X, BAR_MAX, PARAM_X = 282, 400, 110, 620

    def configure(self, config):
        start = {"B": 2, "T": 8, "C": 16, "N": 2, "V": 65}
        dims = {k: whole(self.name, k, config.pop(k, v), *RANGES[k]) for k, v in start.items()}
        tied = flag(self.name, "tied", config.pop("tied", True))
        selected = one_of(self.name, "selected", config.pop("selected", "embed"), STAGES)
        super().configure(config)
        self.knobs = {k: Slider(k, SLIDER_LABELS[k], *RANGES[k], v) for k, v in dims.items()}
        self.knobs["tied"] = Toggle("tied", "tie it to wte again", "untie the unembedding", tied)
        self.knobs["selected"] = Slider("selected", "stage", 0, len(STAGES) - 1, 1, STAGES.index(selected))

    @property
    def dims(self):
        return {k: self.knobs[k].value for k in RANGES}

    @property
    def tied(self):
        return self.knobs["tied"].value

    @property
    def selected(self):
        return self.knobs["selected"].value

    def params(self):
        d = self.dims
        return total_params(d["T"], d["C"], d["N"], d["V"], self.tied)

    def values(self):
        d = self.dims
        return {**d, "tied": int(self.tied), "selected": self.selected, "params": self.params(),
                "x_floats": d["B"] * d["T"] * d["C"], "logits_floats": d["B"] * d["T"] * d["V"]}

    def handle(self, event):
        stage = str(event.get("handle") or "").removeprefix("stage:")
        if stage not in STAGES:
            return super().handle(event)
        key, knob = event.get("key"), self.knobs["selected"]
        if event.get("type") == "drag" or key in ("Enter", " "):
            knob.set(STAGES.index(stage))
        elif event.get("type") == "key":
            knob.key(DOWN.get(key, key))

    def __repr__(self):
        d = self.dims
        return (f"<gpt_forward_pipeline B={d['B']} T={d['T']} C={d['C']} N={d['N']} V={d['V']}"
                f"{'' if self.tied else ' untied'}: {commas(self.params())} parameters>")

    # The scene --------------------------------------------------------------------------------
    def _rows(self):
        """(stage, top y, box height) for each stage, top to bottom; the blocks box grows with N."""
        rows, y = [], 22
        for s in STAGES:
            h = self.BOX_H + (3 * (self.dims["N"] - 1) if s == "blocks" else 0)
            rows.append((s, y, h))
            y += h + 30
        return rows

    def shapes(self):
        d, out = self.dims, []
        B, T, C, N, V = d["B"], d["T"], d["C"], d["N"], d["V"]
        widest = max(C, V)
        out.append(S.text(self.SHAPE_X, 12, "output shape", "small muted", "start"))
        out.append(S.text(self.PARAM_X, 12, "parameters", "small muted", "end"))
        rows = self._rows()
        for i, (s, y, h) in enumerate(rows):
            x, w = self.BOX_X, self.BOX_W
            if s == "blocks":       # one slab per block, stacked, the first in front
                for k in range(N - 1, 0, -1):
                    out.append(S.rect(x + 3 * k, y + h - self.BOX_H - 3 * k, w, self.BOX_H, "op", rx=5))
                y_box = y + h - self.BOX_H
            else:
                y_box = y
            sel = i == self.selected
            box = S.rect(x, y_box, w, self.BOX_H, ("op" if s == "ids" else "node") + (" selected" if sel else ""), rx=5)
            out.append(S.handle(box, f"stage:{s}", f"stage {i + 1} of {len(STAGES)}: {TITLES[s]}",
                                "selected" if sel else "not selected"))
            title = TITLES[s] if s != "blocks" else f"N = {N} block{'s' if N > 1 else ''}, stacked"
            out.append(S.text(x + w / 2, y_box + 22, title, "label"))
            shape = stage_shape(s, B, T, C, V)
            mid = y_box + self.BOX_H / 2
            out.append(S.text(self.SHAPE_X, mid - 3, symbolic_shape(s), "label", "start"))
            out.append(S.text(self.SHAPE_X, mid + 12, "(" + ", ".join(str(n) for n in shape) + ")", "small muted", "start"))
            if s != "ids":          # the last axis as a bar: C wide in the stream, V wide at the end
                last = shape[-1]
                bw = max(2, round(self.BAR_MAX * last / widest, 1))
                out.append(S.rect(self.BAR_X, mid - 6, bw, 12, "accent2" if s == "unembed" else "accent", rx=2, opacity=0.55))
                out.append(S.text(self.BAR_X + bw + 4, mid + 4, "V" if s == "unembed" else "C", "small muted", "start"))
            p = stage_params(s, T, C, N, V, self.tied)
            out.append(S.text(self.PARAM_X, mid + 5, commas(p) if p or s == "ids" else "0 (tied)" if s == "unembed" else "0",
                              "label" if p else "small muted", "end"))
            if i + 1 < len(rows):   # the arrow down to the next stage
                out += S.arrow(x + w / 2, y_box + self.BOX_H + 2, x + w / 2, rows[i + 1][1] - 3, "edge", head=7)
        last_y = rows[-1][1] + self.BOX_H + 20
        out.append(S.text(self.BOX_X, last_y, f"logits: {V} scores per position, {commas(B * T * V)} numbers",
                          "small label", "start"))
        out.append(S.text(self.PARAM_X, last_y, f"total {commas(self.params())}", "label", "end"))
        return out

    def _about(self, s):
        d = self.dims
        B, T, C, N, V = d["B"], d["T"], d["C"], d["N"], d["V"]
        if s == "ids":
            return ("The input: B sequences of T integers, each an index into the vocabulary of V characters. "
                    "No parameters, and no feature axis yet.")
        if s == "embed":
            return (f"Looks up row ids[b][t] of the token table wte ({V}{TIMES}{C}) and adds row t of the position "
                    f"table wpe ({T}{TIMES}{C}). Every integer becomes a vector of C = {C} numbers.")
        if s == "blocks":
            return (f"{N} pre-LN blocks, run one after another. Each reads the ({B}, {T}, {C}) stream and adds "
                    f"an attention delta, then an MLP delta; its output has the same shape, so the next block "
                    f"can read it. Same code in every block, its own weights: 12C\u00b2 + 13C = "
                    f"{commas(block_params(C))} each.")
        if s == "ln_f":
            return ("One last LayerNorm over the C numbers at each position, with its own gain and bias (2C). "
                    "The stream's scale depends on how much the blocks added; ln_f resets it before scoring.")
        return ((f"Scores every vocabulary entry by a dot product with its row of wte, the same table the "
                 f"embedding read: (B, T, C) \u00b7 wte\u1d40 ({C}{TIMES}{V}) = (B, T, V). No new parameters.")
                if self.tied else
                (f"Untied: a separate {V}{TIMES}{C} output matrix scores the vocabulary, "
                 f"{commas(V * C)} extra parameters."))

    def readouts(self):
        d = self.dims
        T, C, N, V = d["T"], d["C"], d["N"], d["V"]
        s = STAGES[self.selected]
        shape = stage_shape(s, d["B"], T, C, V)
        formula = {"ids": "none", "embed": f"V\u00b7C + T\u00b7C = {V}\u00b7{C} + {T}\u00b7{C}",
                   "blocks": f"N\u00b7(12C\u00b2 + 13C) = {N} {TIMES} {commas(block_params(C))}",
                   "ln_f": f"2C = 2\u00b7{C}",
                   "unembed": "reuses wte" if self.tied else f"V\u00b7C = {V}\u00b7{C}"}[s]
        p = stage_params(s, T, C, N, V, self.tied)
        return [
            {"label": f"stage {self.selected + 1}: {TITLES[s]}", "value": self._about(s)},
            {"label": "output shape", "value": f"{symbolic_shape(s)} = (" + ", ".join(map(str, shape)) + ")"},
            {"label": "its parameters", "value": f"{formula} = {commas(p)}" if s != "ids" else "0"},
            {"label": "total parameters" + ("" if self.tied else " (untied)"), "value": commas(self.params())},
        ]

    def controls(self):
        return [self.knobs[k].control() for k in (*RANGES, "tied")]
