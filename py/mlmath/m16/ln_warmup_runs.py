"""Short training runs of the same tiny stack wired pre-LN and post-LN: depth, learning rate, warmup.

The runs are l02_stack.train (d = 8, MLP blocks, 4 classes, 16 examples) with full-batch
Adam for 80 steps; warmup ramps the rate linearly from lr/40 up to lr over the first 40
steps. They take seconds in CPython but far too long in the page, so they are recorded in
l02_runs.py (by tools/m16_l02_record_runs.py) and a unit test reruns a sample. Chips choose
the depth (2, 6, 12, 24), the learning rate (0.01, 0.03), warmup (off, on) and the seed
(0, 1, 2: three random initialisations); both wirings are drawn together. Arrow keys on a
chip move the choice along its row, and keyboard focus follows the choice.

    ```widget ln_warmup_runs
    id = "runs"
    depth = 12         # 2, 6, 12 or 24
    lr = 0.03          # 0.01 or 0.03
    warmup = false
    seed = 0           # 0, 1 or 2
    ```

values() for goals: depth, lr, warmup (0 or 1), seed, pre_final, post_final (the loss before
the last step), pre_jump, post_jump (the largest rise of the loss over its lowest point so
far, as a ratio: 1 when it never rises), post_failed (1 when post-LN ends above 0.1 on this
setting), fails, pre_fails (how many of the three seeds end above 0.1 for post-LN and for
pre-LN on this depth, learning rate and warmup).
"""

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, one_of
from ..widgets.controls import Choice
from ..widgets.plot import Plot
from .l02_runs import DEPTHS, LRS, RUNS, SEEDS, STEPS, WARMUPS

WARMUP_STEPS = WARMUPS[1]
FAIL = 0.1                  # a run that ends above this loss has not learned the task
PLOT = Plot(x=(1, STEPS), y=(0.001, 10), box=(60, 30, 585, 230), ylog=True, yfmt=lambda v: num(v, 3))
CURVES = (("pre-LN", "accent"), ("post-LN", "accent2"))
# the chips under the plot: per knob, its chips' names and words, where its row starts and a chip's width
CHIPS = {"depth": ([str(d) for d in DEPTHS], [f"{d} layers" for d in DEPTHS], (60, 262), 64),
         "lr": ([str(r) for r in LRS], [f"lr {r}" for r in LRS], (362, 262), 64),
         "warmup": (["off", "on"], ["no warmup", f"warmup {WARMUP_STEPS}"], (60, 300), 96),
         "seed": ([str(s) for s in SEEDS], [f"seed {s}" for s in SEEDS], (362, 300), 64)}


def run(depth, wiring, lr, warmup, seed):
    return RUNS[f"{depth}/{wiring}/{lr}/{WARMUP_STEPS if warmup else 0}/{seed}"]


def jump(losses):
    """(ratio, low step, low, high step, high): the largest rise of the loss over the lowest
    it had reached before, with steps counted from 1. A ratio of 1: it never rose."""
    best, low_i, out = 1.0, 0, (1.0, 1, losses[0], 1, losses[0])
    for i, v in enumerate(losses):
        if v < losses[low_i]:
            low_i = i
        if v / losses[low_i] > best:
            best = v / losses[low_i]
            out = (best, low_i + 1, losses[low_i], i + 1, v)
    return out


@register
class LnWarmupRuns(Widget):
    name = "ln_warmup_runs"
    width, height = 600, 340

    def configure(self, config):
        depth = one_of(self.name, "depth", config.pop("depth", 12), DEPTHS)
        lr = one_of(self.name, "lr", config.pop("lr", 0.03), LRS)
        warmup = flag(self.name, "warmup", config.pop("warmup", False))
        seed = one_of(self.name, "seed", config.pop("seed", 0), SEEDS)
        super().configure(config)
        self.knobs = {"depth": Choice("depth", "depth", DEPTHS, depth),
                      "lr": Choice("lr", "learning rate", LRS, lr),
                      "warmup": Choice("warmup", "warmup", [0, 1], int(warmup)),
                      "seed": Choice("seed", "seed", SEEDS, seed)}
        self.keyed = None           # the chip row the learner last used the keys on

    depth = property(lambda self: self.knobs["depth"].value)
    lr = property(lambda self: self.knobs["lr"].value)
    warmup = property(lambda self: bool(self.knobs["warmup"].value))
    seed = property(lambda self: self.knobs["seed"].value)

    def runs(self, seed=None):
        seed = self.seed if seed is None else seed
        return [run(self.depth, wiring, self.lr, self.warmup, seed) for wiring in ("pre", "post")]

    def values(self):
        pre, post = self.runs()
        fails = {w: sum(self.runs(s)[i][-1] > FAIL for s in SEEDS) for i, w in enumerate(("pre", "post"))}
        return {"depth": self.depth, "lr": self.lr, "warmup": int(self.warmup), "seed": self.seed,
                "pre_final": pre[-1], "post_final": post[-1], "pre_jump": jump(pre)[0], "post_jump": jump(post)[0],
                "post_failed": int(post[-1] > FAIL), "fails": fails["post"], "pre_fails": fails["pre"]}

    def handle(self, event):
        # a chip's handle is "knob:chip": a click (or Enter) picks that chip, arrows step along its row
        group, _, chip = str(event.get("handle", "")).partition(":")
        if group not in CHIPS or chip not in CHIPS[group][0]:
            return
        knob = self.knobs[group]
        if event.get("type") == "drag" or event.get("key") in ("Enter", " "):
            knob.index = CHIPS[group][0].index(chip)
            self.keyed = None
        elif event.get("type") == "key":
            knob.key(event.get("key"))
            self.keyed = group          # focus follows the choice, in this row only

    def __repr__(self):
        v = self.values()
        return (f"<ln_warmup_runs depth {self.depth}, lr {self.lr}, warmup {'on' if self.warmup else 'off'}, "
                f"seed {self.seed}: final loss pre-LN {v['pre_final']:.4f}, post-LN {v['post_final']:.4f}>")

    def shapes(self):
        chips, words = [], []
        for group, (names, texts, (x0, y0), w) in CHIPS.items():
            for i, (chip, text) in enumerate(zip(names, texts)):
                on, x = self.knobs[group].index == i, x0 + i * (w + 6)
                shape = S.handle(S.rect(x, y0, w, 26, "node selected" if on else "node", rx=5),
                                 f"{group}:{chip}", f"{group}: {text}" + (" (chosen)" if on else ""),
                                 "chosen" if on else "not chosen")
                if on and group == self.keyed:
                    shape["focus"] = True
                chips.append(shape)
                words.append(S.text(x + w / 2, y0 + 17, text, "small accent" if on else "small"))
        # the chips come first, so that a chip keeps its place when the warmup marker comes and goes
        left, top, right, bottom = PLOT.box
        out = chips + PLOT.frame("training step", xticks=[1, 20, 40, 60, 80])
        # the axis's name above the box: inside it, a run's early losses would run into it
        out.append(S.text(left + 4, top - 10, "training loss, log scale", "label", "start"))
        if self.warmup:
            x = PLOT.x(WARMUP_STEPS)
            out += [S.line(x, top, x, bottom, "muted"), S.text(x - 4, top + 12, "warmup ends", "small muted", "end")]
        for losses, (_, cls) in zip(self.runs(), CURVES):
            out.append(PLOT.polyline(list(enumerate(losses, 1)), cls))
        return out + PLOT.legend(CURVES, "top-right") + words

    def readouts(self):
        v = self.values()
        warm = f"warmup {WARMUP_STEPS} steps" if self.warmup else "no warmup"
        out = [{"label": "setting", "value": f"{self.depth} layers, Adam lr {self.lr}, {warm}, seed {self.seed}"}]
        for (name, _), losses in zip(CURVES, self.runs()):
            ratio, a, low, b, high = jump(losses)
            said = f"{losses[-1]:.4f} at step {STEPS}"
            if ratio > 2:
                said += f" (fell to {low:.3g} by step {a}, then jumped to {high:.3g} at step {b})"
            out.append({"label": f"{name} loss", "value": said})
        out.append({"label": "post-LN ends above 0.1 on", "value": f"{v['fails']} of {len(SEEDS)} seeds at this setting"})
        return out
