"""Five recorded loss curves as small multiples; name what went wrong with each.

One run per recipe of mlmath/m17/l04_curves.py that a curve can reveal (healthy, learning rate
too high, too low, small training data, no warmup; the mask-off run is left out because at this
size its curve looks healthy), all for one init seed, in a fixed shuffled order. Each panel has
a chip: click it (or Enter / arrow keys on it) to cycle through the five diagnoses. A cell can hand the board a function, `widget("board").diagnose = f`; the board
then also shows what f(run) says about each panel (run = {"step": [...], "train": [...],
"val": [...]}) and counts its hits.

    ```widget curve_diagnosis_board
    id = "board"
    seed = "a"          # which recorded seed: "a" (shown in the lesson) or "b" (held out)
    guesses = true      # show the learner's chips (false: only the function's verdicts)
    ```

values(): correct (panels whose chip names the right diagnosis), named (panels with any chip
chosen), fn_correct (panels the handed-in function gets right; -1 with no function).
"""

import math

from ..widgets import register
from ..widgets.base import Widget, flag, one_of
from .l04_curves import RUNS

NAMES = ["healthy", "lr_high", "lr_low", "overfit", "no_warmup"]  # what a curve alone can show
TEXT = {"healthy": "healthy", "lr_high": "lr too high", "lr_low": "lr too low", "overfit": "overfitting",
        "no_warmup": "no warmup", "leak": "leak (mask off)"}
ORDER = ["overfit", "lr_low", "healthy", "no_warmup", "lr_high"]
PW, PH, GX, GY, X0, Y0 = 180, 92, 20, 58, 15, 28
Y_HI = 5.0


@register
class CurveDiagnosisBoard(Widget):
    name = "curve_diagnosis_board"
    width, height = 600, 330

    def configure(self, config):
        self.seed = one_of(self.name, "seed", config.pop("seed", "a"), ("a", "b"))
        self.guesses = flag(self.name, "guesses", config.pop("guesses", True))
        super().configure(config)
        self.order = ORDER if self.seed == "a" else ORDER[2:] + ORDER[:2]
        self.chips = [None] * len(self.order)
        self.diagnose = None

    def runs(self):
        return [RUNS[f"{name}/{self.seed}"] for name in self.order]

    def verdicts(self):
        """What the handed-in function says about each panel (a string, or the error it raised)."""
        if self.diagnose is None:
            return None
        out = []
        for run in self.runs():
            try:
                out.append(str(self.diagnose({k: list(v) for k, v in run.items()})))
            except Exception as e:  # the learner's function: show the error on the panel
                out.append(f"error: {type(e).__name__}")
        return out

    def values(self):
        v = self.verdicts()
        return {"correct": sum(c == n for c, n in zip(self.chips, self.order)),
                "named": sum(c is not None for c in self.chips),
                "fn_correct": -1 if v is None else sum(a == n for a, n in zip(v, self.order))}

    def set_values(self, values):
        for key, value in dict(values).items():
            if key == "chips" and isinstance(value, list) and len(value) == len(self.order) and all(c in NAMES for c in value):
                self.chips = list(value)
            elif key == "correct" and value == len(self.order):
                self.chips = list(self.order)
            else:
                raise KeyError(f"curve_diagnosis_board sets chips (a list of {len(self.order)} of {NAMES}) "
                               f"or correct = {len(self.order)}; not {key}={value!r}")

    def handle(self, event):
        kind, handle, key = event.get("type"), str(event.get("handle", "")), event.get("key")
        if not handle.startswith("chip:") or not handle[5:].isdigit() or int(handle[5:]) >= len(self.order):
            return
        i = int(handle[5:])
        now = self.chips[i]
        pos = -1 if now is None else NAMES.index(now)
        if kind == "drag" or (kind == "key" and key in ("Enter", " ", "ArrowRight", "ArrowDown")):
            self.chips[i] = NAMES[(pos + 1) % len(NAMES)]
        elif kind == "key" and key in ("ArrowLeft", "ArrowUp"):
            self.chips[i] = NAMES[(pos - 1) % len(NAMES)]

    def __repr__(self):
        v = self.values()
        return f"<curve_diagnosis_board seed {self.seed}: {v['correct']} of 5 named right, function gets {v['fn_correct']}>"

    def _box(self, i):
        return X0 + (i % 3) * (PW + GX), Y0 + (i // 3) * (PH + GY)

    def _path(self, x0, y0, run, key):
        steps = run["step"]
        pts = []
        for s, v in zip(steps, run[key]):
            v = min(max(v, 0.0), Y_HI) if math.isfinite(v) else Y_HI
            pts.append(f"{round(x0 + (s - steps[0]) / (steps[-1] - steps[0]) * PW, 1)} {round(y0 + (Y_HI - v) / Y_HI * PH, 1)}")
        return "M" + " L".join(pts)

    def shapes(self):
        verdicts = self.verdicts()
        out = []
        if self.guesses:  # chips first: stable indices keep keyboard focus
            for i in range(len(self.order)):
                x, y = self._box(i)
                c = self.chips[i]
                cls = "node" if c is None else ("node good" if c == self.order[i] else "node bad")
                out.append({"t": "rect", "x": x, "y": y + PH + 6, "w": PW, "h": 22, "rx": 5, "cls": cls,
                            "handle": f"chip:{i}", "label": f"diagnosis for panel {i + 1}",
                            "value": "not named" if c is None else TEXT[c]})
        for i, run in enumerate(self.runs()):
            x, y = self._box(i)
            out.append({"t": "rect", "x": x, "y": y, "w": PW, "h": PH, "cls": "grid nofill"})
            for level in (2, 4):
                yy = round(y + (Y_HI - level) / Y_HI * PH, 1)
                out.append({"t": "line", "x1": x, "y1": yy, "x2": x + PW, "y2": yy, "cls": "grid"})
                out.append({"t": "text", "x": x + 3, "y": yy - 2, "s": str(level), "anchor": "start", "cls": "small muted"})
            out.append({"t": "path", "d": self._path(x, y, run, "train"), "cls": "accent nofill"})
            out.append({"t": "path", "d": self._path(x, y, run, "val"), "cls": "accent2 nofill"})
            out.append({"t": "text", "x": x + PW - 4, "y": y + 12, "s": f"panel {i + 1}", "anchor": "end", "cls": "small muted"})
            if self.guesses:
                c = self.chips[i]
                out.append({"t": "text", "x": x + PW / 2, "y": y + PH + 21, "s": "click to name" if c is None else TEXT[c],
                            "cls": "small"})
            if verdicts is not None:
                ok = verdicts[i] == self.order[i]
                yy = y + PH + (44 if self.guesses else 20)
                out.append({"t": "text", "x": x + PW / 2, "y": yy, "s": f"diagnose: {TEXT.get(verdicts[i], verdicts[i])[:22]}",
                            "cls": "small good" if ok else "small bad"})
        out.append({"t": "text", "x": X0, "y": 16, "s": "train", "anchor": "start", "cls": "small accent"})
        out.append({"t": "text", "x": X0 + 40, "y": 16, "s": "validation", "anchor": "start", "cls": "small accent2"})
        out.append({"t": "text", "x": X0 + 110, "y": 16, "s": "loss, 0 to 5, over 300 steps", "anchor": "start",
                    "cls": "small muted"})
        return out

    def readouts(self):
        v = self.values()
        out = []
        if self.guesses:
            out.append({"label": "named right", "value": f"{v['correct']} of {len(self.order)}"})
        out.append({"label": "your diagnose()", "value": "not handed in yet" if v["fn_correct"] < 0
                    else f"{v['fn_correct']} of {len(self.order)} right"})
        return out
