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

from ..widgets import register
from ..widgets.base import Widget, flag, whole
from ..show import commas

TIMES = "\u00d7"
RANGES = {"B": (1, 64, 1), "T": (1, 256, 1), "C": (8, 256, 8), "N": (1, 12, 1), "V": (2, 256, 1)}
SLIDER_LABELS = {"B": "batch B", "T": "context T", "C": "width C", "N": "blocks N", "V": "vocabulary V"}
STAGES = ("ids", "embed", "blocks", "ln_f", "unembed")
TITLES = {"ids": "token ids", "embed": "embed: wte[ids] + wpe[0..T\u22121]", "blocks": "N blocks",
          "ln_f": "final LayerNorm ln_f", "unembed": "unembed: \u00b7 wte\u1d40"}


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


def on_slider(widget, key, value, slider):
    """A whole number a slider (lo, hi, step) can show: lo to hi, in steps of step from lo."""
    lo, hi, step = slider
    if (whole(widget, key, value, lo, hi) - lo) % step:
        raise ValueError(f"{widget}: {key} must be {lo} plus a multiple of {step}, not {value!r}")
    return value


def snap(raw, slider):
    """A slider's raw position (a number or its text), rounded to the nearest step and clamped."""
    lo, hi, step = slider
    return min(max(int(round((float(raw) - lo) / step)) * step + lo, lo), hi)


@register
class GptForwardPipeline(Widget):
    name = "gpt_forward_pipeline"
    width, height = 640, 392
    BOX_X, BOX_W, BOX_H = 24, 236, 34
    SHAPE_X, BAR_X, BAR_MAX, PARAM_X = 282, 400, 110, 620

    def configure(self, config):
        start = {"B": 2, "T": 8, "C": 16, "N": 2, "V": 65}
        self.dims = {k: on_slider(self.name, k, config.pop(k, v), RANGES[k]) for k, v in start.items()}
        self.tied = flag(self.name, "tied", config.pop("tied", True))
        selected = config.pop("selected", "embed")
        if selected not in STAGES:
            raise ValueError(f"gpt_forward_pipeline: selected must be one of {STAGES}, not {selected!r}")
        self.selected = STAGES.index(selected)
        super().configure(config)

    # State ------------------------------------------------------------------------------------
    def params(self):
        d = self.dims
        return total_params(d["T"], d["C"], d["N"], d["V"], self.tied)

    def values(self):
        d = self.dims
        return {**d, "tied": int(self.tied), "selected": self.selected, "params": self.params(),
                "x_floats": d["B"] * d["T"] * d["C"], "logits_floats": d["B"] * d["T"] * d["V"]}

    def set_values(self, values):
        for key, value in values.items():
            if key in RANGES:
                self.dims[key] = on_slider(self.name, key, int(value), RANGES[key])
            elif key == "tied":
                self.tied = bool(value)
            elif key == "selected":
                self.selected = whole(self.name, "selected", value, 0, len(STAGES) - 1)
            else:
                raise KeyError(f"gpt_forward_pipeline sets {sorted(RANGES)}, tied and selected, not {key!r}")

    # Events -----------------------------------------------------------------------------------
    def handle(self, event):
        kind = event.get("type")
        if kind == "input":
            key = event.get("id")
            if key == "tie":
                self.tied = not self.tied
            elif key in RANGES:
                try:
                    self.dims[key] = snap(event.get("value"), RANGES[key])
                except (TypeError, ValueError):
                    return
            return
        handle = event.get("handle") or ""
        if not handle.startswith("stage:") or handle[6:] not in STAGES:
            return
        i = STAGES.index(handle[6:])
        if kind == "drag":
            self.selected = i
        elif kind == "key":
            key = event.get("key")
            if key in ("Enter", " "):
                self.selected = i
            elif key in ("ArrowDown", "ArrowRight"):
                self.selected = min(self.selected + 1, len(STAGES) - 1)
            elif key in ("ArrowUp", "ArrowLeft"):
                self.selected = max(self.selected - 1, 0)
            elif key == "Home":
                self.selected = 0
            elif key == "End":
                self.selected = len(STAGES) - 1

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
        out.append({"t": "text", "x": self.SHAPE_X, "y": 12, "anchor": "start", "cls": "small muted",
                    "s": "output shape"})
        out.append({"t": "text", "x": self.PARAM_X, "y": 12, "anchor": "end", "cls": "small muted",
                    "s": "parameters"})
        rows = self._rows()
        for i, (s, y, h) in enumerate(rows):
            x, w = self.BOX_X, self.BOX_W
            if s == "blocks":       # one slab per block, stacked, the first in front
                for k in range(N - 1, 0, -1):
                    out.append({"t": "rect", "x": x + 3 * k, "y": y + h - self.BOX_H - 3 * k, "w": w,
                                "h": self.BOX_H, "rx": 5, "cls": "op"})
                y_box = y + h - self.BOX_H
            else:
                y_box = y
            sel = i == self.selected
            out.append({"t": "rect", "x": x, "y": y_box, "w": w, "h": self.BOX_H, "rx": 5,
                        "cls": ("node selected" if sel else "node") if s != "ids" else
                               ("op selected" if sel else "op"),
                        "handle": f"stage:{s}", "label": f"stage {i + 1} of {len(STAGES)}: {TITLES[s]}"})
            title = TITLES[s] if s != "blocks" else f"N = {N} block{'s' if N > 1 else ''}, stacked"
            out.append({"t": "text", "x": x + w / 2, "y": y_box + 22, "s": title,
                        "cls": "label"})
            shape = stage_shape(s, B, T, C, V)
            mid = y_box + self.BOX_H / 2
            out.append({"t": "text", "x": self.SHAPE_X, "y": mid - 3, "anchor": "start", "cls": "label",
                        "s": symbolic_shape(s)})
            out.append({"t": "text", "x": self.SHAPE_X, "y": mid + 12, "anchor": "start", "cls": "small muted",
                        "s": "(" + ", ".join(str(n) for n in shape) + ")"})
            if s != "ids":          # the last axis as a bar: C wide in the stream, V wide at the end
                last = shape[-1]
                bw = max(2, round(self.BAR_MAX * last / widest, 1))
                out.append({"t": "rect", "x": self.BAR_X, "y": mid - 6, "w": bw, "h": 12, "rx": 2,
                            "cls": "accent2" if s == "unembed" else "accent", "opacity": 0.55})
                out.append({"t": "text", "x": self.BAR_X + bw + 4, "y": mid + 4, "anchor": "start",
                            "cls": "small muted", "s": "V" if s == "unembed" else "C"})
            p = stage_params(s, T, C, N, V, self.tied)
            out.append({"t": "text", "x": self.PARAM_X, "y": mid + 5, "anchor": "end",
                        "cls": "label" if p else "small muted",
                        "s": commas(p) if p or s == "ids" else "0 (tied)" if s == "unembed" else "0"})
            if i + 1 < len(rows):   # the arrow down to the next stage
                nxt = rows[i + 1][1]
                ax = x + w / 2
                top, bottom = y_box + self.BOX_H, nxt
                out.append({"t": "line", "x1": ax, "y1": top + 2, "x2": ax, "y2": bottom - 4, "cls": "edge"})
                out.append({"t": "path", "d": f"M {ax - 4} {bottom - 9} L {ax} {bottom - 3} L {ax + 4} {bottom - 9}",
                            "cls": "edge"})
        last_y = rows[-1][1] + self.BOX_H + 20
        out.append({"t": "text", "x": self.BOX_X, "y": last_y, "anchor": "start", "cls": "small label",
                    "s": f"logits: {V} scores per position, {commas(B * T * V)} numbers"})
        out.append({"t": "text", "x": self.PARAM_X, "y": last_y, "anchor": "end", "cls": "label",
                    "s": f"total {commas(self.params())}"})
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
        out = []
        for key, (lo, hi, step) in RANGES.items():
            out.append({"kind": "range", "id": key, "label": SLIDER_LABELS[key], "min": lo, "max": hi,
                        "step": step, "value": self.dims[key], "display": str(self.dims[key])})
        out.append({"kind": "button", "id": "tie",
                    "label": "untie the unembedding" if self.tied else "tie it to wte again"})
        return out
