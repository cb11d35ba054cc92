"""Short training runs of the same tiny stack wired pre-LN and post-LN, with and without warmup.

The runs are l02_stack.train (d = 8, MLP blocks, 4 classes, 16 examples) with full-batch
Adam at learning rate 0.03 for 80 steps; warmup ramps the rate linearly from 0.03/40 up to
0.03 over the first 40 steps. They take seconds in CPython but far too long in the page, so
they are recorded in l02_runs.py and a unit test reruns them. Chips choose the depth (2 or
12), warmup (off or on) and the seed (0, 1, 2: three different random initialisations);
both wirings are drawn together.

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

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, one_of
from ..widgets.controls import Choice
from ..widgets.plot import Plot
from .l02_runs import DEPTHS, LR, RUNS, SEEDS, STEPS, WARMUPS

WARMUP_STEPS = WARMUPS[1]
FAIL = 0.1                  # a run that ends above this loss has not learned the task
PLOT = Plot(x=(1, STEPS), y=(0.001, 10), box=(60, 30, 585, 230), ylog=True, yfmt=lambda v: num(v, 3))
CURVES = (("pre-LN", "accent"), ("post-LN", "accent2"))
# the chips under the plot: per knob, its chips' names and words, where the row starts and a chip's width
CHIPS = {"depth": ([str(d) for d in DEPTHS], [f"{d} layers" for d in DEPTHS], 60, 52),
         "warmup": (["off", "on"], ["no warmup", f"warmup {WARMUP_STEPS}"], 230, 78),
         "seed": ([str(s) for s in SEEDS], [f"seed {s}" for s in SEEDS], 420, 52)}


def run(depth, wiring, warmup, seed):
    return RUNS[f"{depth}/{wiring}/{WARMUP_STEPS if warmup else 0}/{seed}"]


@register
class LnWarmupRuns(Widget):
    name = "ln_warmup_runs"
    width, height = 600, 330

    def configure(self, config):
        depth = one_of(self.name, "depth", config.pop("depth", 2), DEPTHS)
        warmup = flag(self.name, "warmup", config.pop("warmup", False))
        seed = one_of(self.name, "seed", config.pop("seed", 0), SEEDS)
        super().configure(config)
        self.knobs = {"depth": Choice("depth", "depth", DEPTHS, depth),
                      "warmup": Choice("warmup", "warmup", [0, 1], int(warmup)),
                      "seed": Choice("seed", "seed", SEEDS, seed)}

    depth = property(lambda self: self.knobs["depth"].value)
    warmup = property(lambda self: bool(self.knobs["warmup"].value))
    seed = property(lambda self: self.knobs["seed"].value)

    def values(self):
        pre = run(self.depth, "pre", self.warmup, self.seed)
        post = run(self.depth, "post", self.warmup, self.seed)
        fails = sum(run(self.depth, "post", self.warmup, s)[-1] > FAIL for s in SEEDS)
        return {"depth": self.depth, "warmup": int(self.warmup), "seed": self.seed,
                "pre_final": pre[-1], "post_final": post[-1], "pre_peak": max(pre[10:]),
                "post_peak": max(post[10:]), "post_failed": int(post[-1] > FAIL), "fails": fails}

    def handle(self, event):
        # a chip's handle is "knob:chip": a click (or Enter) picks that chip, arrows step the knob
        group, _, chip = str(event.get("handle", "")).partition(":")
        if group not in CHIPS or chip not in CHIPS[group][0]:
            return
        knob = self.knobs[group]
        if event.get("type") == "drag" or event.get("key") in ("Enter", " "):
            knob.index = CHIPS[group][0].index(chip)
        elif event.get("type") == "key":
            knob.key(event.get("key"))

    def __repr__(self):
        v = self.values()
        return (f"<ln_warmup_runs depth {self.depth}, warmup {'on' if self.warmup else 'off'}, seed {self.seed}: "
                f"final loss pre-LN {v['pre_final']:.4f}, post-LN {v['post_final']:.4f}>")

    def shapes(self):
        chips, words = [], []
        for group, (names, texts, x0, w) in CHIPS.items():
            for i, (chip, text) in enumerate(zip(names, texts)):
                on, x = self.knobs[group].index == i, x0 + i * (w + 6)
                chips.append(S.handle(S.rect(x, 292, w, 26, "node selected" if on else "node", rx=5),
                                      f"{group}:{chip}", f"{group}: {text}" + (" (chosen)" if on else ""),
                                      "chosen" if on else "not chosen"))
                words.append(S.text(x + w / 2, 309, text, "small accent" if on else "small"))
        # the chips come first, so that a chip keeps its place when the warmup marker comes and goes
        left, top, right, bottom = PLOT.box
        out = chips + PLOT.frame("training step", xticks=[1, 20, 40, 60, 80])
        # the axis's name above the box: inside it, a run's early losses would run into it
        out.append(S.text(left + 4, top - 10, "training loss, log scale", "label", "start"))
        if self.warmup:
            x = PLOT.x(WARMUP_STEPS)
            out += [S.line(x, top, x, bottom, "muted"), S.text(x - 4, top + 12, "warmup ends", "small muted", "end")]
        for wiring, (_, cls) in zip(("pre", "post"), CURVES):
            losses = run(self.depth, wiring, self.warmup, self.seed)
            out.append(PLOT.polyline(list(enumerate(losses, 1)), cls))
        return out + PLOT.legend(CURVES, "top-right") + words

    def readouts(self):
        v = self.values()
        warm = f"warmup {WARMUP_STEPS} steps" if self.warmup else "no warmup"
        return [
            {"label": "setting", "value": f"{self.depth} layers, {warm}, Adam lr {LR}, seed {self.seed}"},
            {"label": "pre-LN loss at step 80", "value": f"{v['pre_final']:.4f}"},
            {"label": "post-LN loss at step 80", "value": f"{v['post_final']:.4f}" + ("  (stuck)" if v["post_failed"] else "")},
            {"label": "post-LN fails on", "value": f"{v['fails']} of {len(SEEDS)} seeds at this depth and warmup"},
        ]
