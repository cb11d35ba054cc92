"""Short training runs of the same tiny stack wired pre-LN and post-LN, with and without warmup.

The runs are the ln_depth_gradients model (d = 8, MLP blocks, 4 classes, 16 examples)
trained with full-batch Adam at learning rate 0.03 for 80 steps; warmup ramps the rate
linearly from 0.03/40 up to 0.03 over the first 40 steps. They take seconds in CPython
but far too long in the page, so they are recorded in mlmath/m16/l02_runs.py and a unit
test reruns them. Chips choose the depth (2 or 12), warmup (off or on) and the seed
(0, 1, 2: three different random initialisations); both wirings are drawn together.

    ```widget ln_warmup_runs
    id = "runs"
    depth = 2          # 2 or 12
    warmup = false
    seed = 0           # 0, 1 or 2
    ```

values() for goals: depth, warmup (0 or 1), seed, pre_final, post_final (the loss before
the last step), pre_peak, post_peak (the highest loss after step 10), post_failed (1 when
post-LN ends above 0.1 on this setting), fails (how many of the three seeds end above 0.1
for post-LN on this depth and warmup).
"""

from ..widgets import register
from ..widgets.base import Widget, flag, one_of
from .ln_depth_gradients import legend, log_y
from .l02_runs import DEPTHS, LR, RUNS, SEEDS, STEPS, WARMUPS

WARMUP_STEPS = WARMUPS[1]
FAIL = 0.1                  # a run that ends above this loss has not learned the task
LEFT, RIGHT, TOP, BOTTOM = 60, 585, 30, 230
LOG_LO, LOG_HI = -3, 1


def run(depth, wiring, warmup, seed):
    return RUNS[f"{depth}/{wiring}/{WARMUP_STEPS if warmup else 0}/{seed}"]


@register
class LnWarmupRuns(Widget):
    name = "ln_warmup_runs"
    width, height = 600, 330

    def configure(self, config):
        self.depth = one_of(self.name, "depth", config.pop("depth", 2), DEPTHS)
        self.warmup = flag(self.name, "warmup", config.pop("warmup", False))
        self.seed = one_of(self.name, "seed", config.pop("seed", 0), SEEDS)
        super().configure(config)

    def values(self):
        pre = run(self.depth, "pre", self.warmup, self.seed)
        post = run(self.depth, "post", self.warmup, self.seed)
        fails = sum(run(self.depth, "post", self.warmup, s)[-1] > FAIL for s in SEEDS)
        return {"depth": self.depth, "warmup": int(self.warmup), "seed": self.seed,
                "pre_final": pre[-1], "post_final": post[-1], "pre_peak": max(pre[10:]),
                "post_peak": max(post[10:]), "post_failed": int(post[-1] > FAIL), "fails": fails}

    def set_values(self, values):
        for key, value in dict(values).items():
            if key == "depth" and value in DEPTHS:
                self.depth = value
            elif key == "warmup" and value in (0, 1, True, False):
                self.warmup = bool(value)
            elif key == "seed" and value in SEEDS:
                self.seed = value
            else:
                raise KeyError(f"ln_warmup_runs sets depth {list(DEPTHS)}, warmup 0/1, seed {list(SEEDS)}; not {key}={value!r}")

    def handle(self, event):
        handle = str(event.get("handle", ""))
        kind, key = event.get("type"), event.get("key")
        press = kind == "drag" or (kind == "key" and key in ("Enter", " "))
        group, _, val = handle.partition(":")
        if group == "depth" and val.isdigit() and int(val) in DEPTHS:
            options, now = list(DEPTHS), self.depth
        elif group == "warmup" and val in ("off", "on"):
            options, now = ["off", "on"], "on" if self.warmup else "off"
        elif group == "seed" and val.isdigit() and int(val) in SEEDS:
            options, now = list(SEEDS), self.seed
        else:
            return
        if press:
            pick = val if group == "warmup" else int(val)
        elif kind == "key" and key in ("ArrowRight", "ArrowLeft"):
            i = options.index(now) + (1 if key == "ArrowRight" else -1)
            pick = options[min(max(i, 0), len(options) - 1)]
        else:
            return
        if group == "depth":
            self.depth = pick
        elif group == "warmup":
            self.warmup = pick == "on"
        else:
            self.seed = pick

    def __repr__(self):
        v = self.values()
        return (f"<ln_warmup_runs depth {self.depth}, warmup {'on' if self.warmup else 'off'}, seed {self.seed}: "
                f"final loss pre-LN {v['pre_final']:.4f}, post-LN {v['post_final']:.4f}>")

    def _x(self, step):
        return LEFT + (step - 1) / (STEPS - 1) * (RIGHT - LEFT)

    def _y(self, v):
        return log_y(v, TOP, BOTTOM, LOG_LO, LOG_HI)

    def shapes(self):
        out = []
        for e in range(LOG_LO, LOG_HI + 1):
            y = round(self._y(10.0 ** e), 1)
            out.append({"t": "line", "x1": LEFT, "y1": y, "x2": RIGHT, "y2": y, "cls": "grid"})
            out.append({"t": "text", "x": LEFT - 6, "y": y + 4, "s": {-3: "0.001", -2: "0.01", -1: "0.1", 0: "1", 1: "10"}[e],
                        "anchor": "end", "cls": "small muted"})
        out.append({"t": "line", "x1": LEFT, "y1": BOTTOM, "x2": RIGHT, "y2": BOTTOM, "cls": "axis"})
        out.append({"t": "line", "x1": LEFT, "y1": TOP, "x2": LEFT, "y2": BOTTOM, "cls": "axis"})
        for k in (1, 20, 40, 60, 80):
            x = round(self._x(k), 1)
            out.append({"t": "line", "x1": x, "y1": BOTTOM, "x2": x, "y2": BOTTOM + 4, "cls": "tick"})
            out.append({"t": "text", "x": x, "y": BOTTOM + 16, "s": str(k), "cls": "small muted"})
        out.append({"t": "text", "x": (LEFT + RIGHT) / 2, "y": BOTTOM + 32, "s": "training step", "cls": "small"})
        out.append({"t": "text", "x": LEFT + 4, "y": TOP - 10, "s": "training loss, log scale", "anchor": "start",
                    "cls": "small"})
        if self.warmup:
            x = round(self._x(WARMUP_STEPS), 1)
            out.append({"t": "line", "x1": x, "y1": TOP, "x2": x, "y2": BOTTOM, "cls": "muted"})
            out.append({"t": "text", "x": x - 4, "y": TOP + 12, "s": "warmup ends", "anchor": "end", "cls": "small muted"})
        for wiring, cls in (("pre", "accent"), ("post", "accent2")):
            losses = run(self.depth, wiring, self.warmup, self.seed)
            d = "M" + " L".join(f"{round(self._x(i + 1), 1)} {round(self._y(v), 1)}" for i, v in enumerate(losses))
            out.append({"t": "path", "d": d, "cls": cls + " nofill"})
        out += legend()
        handles, labels = [], []
        rows = (("depth", [(str(d), f"{d} layers", self.depth == d) for d in DEPTHS], 60),
                ("warmup", [("off", "no warmup", not self.warmup), ("on", f"warmup {WARMUP_STEPS}", self.warmup)], 230),
                ("seed", [(str(s), f"seed {s}", self.seed == s) for s in SEEDS], 420))
        for group, chips, x0 in rows:
            for i, (val, text, on) in enumerate(chips):
                w = 78 if group == "warmup" else 52
                x = x0 + i * (w + 6)
                handles.append({"t": "rect", "x": x, "y": 292, "w": w, "h": 26, "rx": 5,
                                "cls": "node selected" if on else "node", "handle": f"{group}:{val}",
                                "label": f"{group}: {text}" + (" (chosen)" if on else ""),
                                "value": "chosen" if on else "not chosen"})
                labels.append({"t": "text", "x": x + w / 2, "y": 309, "s": text,
                               "cls": "small accent" if on else "small"})
        return out + handles + labels

    def readouts(self):
        v = self.values()
        fmt = lambda x: f"{x:.4f}"
        return [
            {"label": "setting", "value": f"{self.depth} layers, {'warmup ' + str(WARMUP_STEPS) + ' steps' if self.warmup else 'no warmup'}, Adam lr {LR}, seed {self.seed}"},
            {"label": "pre-LN loss at step 80", "value": fmt(v["pre_final"])},
            {"label": "post-LN loss at step 80", "value": fmt(v["post_final"]) + ("  (stuck)" if v["post_failed"] else "")},
            {"label": "post-LN fails on", "value": f"{v['fails']} of {len(SEEDS)} seeds at this depth and warmup"},
        ]
