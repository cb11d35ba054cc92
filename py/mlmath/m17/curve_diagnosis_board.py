"""Five recorded loss curves as small multiples; name what went wrong with each.

One run per recipe of mlmath/m17/l04_curves.py that a curve can reveal (healthy, learning rate
too high, too low, small training data, no warmup; the mask-off run is left out because at this
size its curve looks healthy), all for one init seed, in a fixed shuffled order. Each panel has
a chip: click it (or Enter on it) to cycle through the five diagnoses, or step through them with
the arrow keys. A cell can hand the board a function, `widget("board").diagnose = f`; the board
then also shows what f(run) says about each panel (run = {"step": [...], "train": [...],
"val": [...]}) and counts its hits.

    ```widget curve_diagnosis_board
    id = "board"
    seed = "a"          # which recorded seed: "a" (shown in the lesson) or "b" (held out)
    guesses = true      # show the learner's chips (false: only the function's verdicts)
    ```

values(): chips (each panel's chip, None where unnamed), correct (panels whose chip names the
right diagnosis), named (panels with any chip chosen), fn_correct (panels the handed-in function
gets right; -1 with no function). set_values takes chips, or correct = 5 for all named right.
"""

import math

from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, one_of
from ..widgets.controls import Choice
from ..widgets.plot import Plot
from .l04_curves import RUNS

NAMES = ["healthy", "lr_high", "lr_low", "overfit", "no_warmup"]  # what a curve alone can show
TEXT = {"healthy": "healthy", "lr_high": "lr too high", "lr_low": "lr too low", "overfit": "overfitting",
        "no_warmup": "no warmup", "leak": "leak (mask off)"}
ORDER = ["overfit", "lr_low", "healthy", "no_warmup", "lr_high"]
PW, PH, GX, GY, X0, Y0 = 180, 92, 20, 58, 15, 28
Y_HI = 5.0


def pinned(v):
    """A loss as the panel draws it: past the top, or diverged (inf, nan), it runs along the top."""
    return min(max(v, 0.0), Y_HI) if math.isfinite(v) else Y_HI


@register
class CurveDiagnosisBoard(Widget):
    name = "curve_diagnosis_board"
    width, height = 600, 330

    def configure(self, config):
        self.seed = one_of(self.name, "seed", config.pop("seed", "a"), ("a", "b"))
        self.guesses = flag(self.name, "guesses", config.pop("guesses", True))
        super().configure(config)
        self.order = ORDER if self.seed == "a" else ORDER[2:] + ORDER[:2]
        self.knobs = {f"chip:{i}": Choice(f"chip:{i}", f"diagnosis for panel {i + 1}", [None, *NAMES], None)
                      for i in range(len(self.order))}
        self.diagnose = None

    @property
    def chips(self):
        return [knob.value for knob in self.knobs.values()]

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
        return {"chips": self.chips, "correct": sum(c == n for c, n in zip(self.chips, self.order)),
                "named": sum(c is not None for c in self.chips),
                "fn_correct": -1 if v is None else sum(a == n for a, n in zip(v, self.order))}

    def set_values(self, values):
        values = dict(values)
        chips = values.pop("chips", None)
        if chips is None and values.get("correct") == len(self.order):
            chips = self.order
        if chips is not None:
            if not (isinstance(chips, list) and len(chips) == len(self.order)
                    and all(c is None or c in NAMES for c in chips)):
                raise ValueError(f"{self.name}: chips must be a list of {len(self.order)} of {NAMES} or None")
            for knob, c in zip(self.knobs.values(), chips):
                knob.assign(c)
        super().set_values(values)

    # A click, or Enter, moves a chip on to the next diagnosis (after the last, the first).
    def drag(self, handle, x, y):
        knob = self.knobs.get(handle)
        if knob is not None:
            knob.index = knob.index % len(NAMES) + 1

    def handle(self, event):
        if event.get("type") == "key" and event.get("key") in ("Enter", " "):
            self.drag(event.get("handle"), 0, 0)
        else:
            super().handle(event)

    def __repr__(self):
        v = self.values()
        return f"<curve_diagnosis_board seed {self.seed}: {v['correct']} of 5 named right, function gets {v['fn_correct']}>"

    def _box(self, i):
        x, y = X0 + (i % 3) * (PW + GX), Y0 + (i // 3) * (PH + GY)
        return x, y, x + PW, y + PH

    def shapes(self):
        verdicts = self.verdicts()
        out = []
        for i, c in enumerate(self.chips if self.guesses else []):  # chips first: stable indices keep keyboard focus
            x, _, _, bottom = self._box(i)
            cls = "node" if c is None else ("node good" if c == self.order[i] else "node bad")
            out.append(S.handle(S.rect(x, bottom + 6, PW, 22, cls, rx=5), f"chip:{i}", f"diagnosis for panel {i + 1}",
                                "not named" if c is None else TEXT[c]))
        for i, run in enumerate(self.runs()):
            x, y, right, bottom = box = self._box(i)
            plot = Plot(x=(run["step"][0], run["step"][-1]), y=(0, Y_HI), box=box)
            out.append(S.rect(x, y, PW, PH, "grid nofill"))
            for level in (2, 4):
                out.append(S.line(x, plot.y(level), right, plot.y(level), "grid"))
                out.append(S.text(x + 3, plot.y(level) - 2, str(level), "small muted", "start"))
            for key, cls in (("train", "accent nofill"), ("val", "accent2 nofill")):
                out.append(plot.polyline([(s, pinned(v)) for s, v in zip(run["step"], run[key])], cls))
            out.append(S.text(right - 4, y + 12, f"panel {i + 1}", "small muted", "end"))
            if self.guesses:
                c = self.chips[i]
                out.append(S.text(x + PW / 2, bottom + 21, "click to name" if c is None else TEXT[c], "small"))
            if verdicts is not None:
                out.append(S.text(x + PW / 2, bottom + (44 if self.guesses else 20),
                                  f"diagnose: {TEXT.get(verdicts[i], verdicts[i])[:22]}",
                                  "small good" if verdicts[i] == self.order[i] else "small bad"))
        out.append(S.text(X0, 16, "train", "small accent", "start"))
        out.append(S.text(X0 + 40, 16, "validation", "small accent2", "start"))
        out.append(S.text(X0 + 110, 16, "loss, 0 to 5, over 300 steps", "small muted", "start"))
        return out

    def readouts(self):
        v = self.values()
        out = []
        if self.guesses:
            out.append({"label": "named right", "value": f"{v['correct']} of {len(self.order)}"})
        out.append({"label": "your diagnose()", "value": "not handed in yet" if v["fn_correct"] < 0
                    else f"{v['fn_correct']} of {len(self.order)} right"})
        return out
