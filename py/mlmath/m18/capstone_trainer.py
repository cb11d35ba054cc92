"""Train the capstone model on the page's GPU: start, pause, resume, and watch the numbers.

Shared by lessons m18-l01 (press start) and m18-l02 (longer runs, samples, pathology
presets, and a mystery run to diagnose). The training itself lives in the page's one
capstone session; this widget starts it and draws what it has measured.
"""

import asyncio
import random

from .recipe import PRESETS, SIZE_NAMES, SIZES, every, preset_length
from .session import session
from ..show import commas
from ..widgets import register
from ..widgets.base import Widget, flag
from .capstone_common import H, W, fmt_ms, loss_plot, loss_text, set_size, size_button

# What gives each pathology away: shown with the answer, once the learner has guessed.
LOOK = {
    "lr_high": "A peak rate 1000x the recipe's: as warmup raises it the loss leaps far above ln 65 "
               "and swings, and the run ends well above a healthy one.",
    "lr_low": "A rate 100x too low: the curve barely leaves ln 65 ≈ 4.17.",
    "no_warmup": "A large rate from iteration 1: within the first few iterations the loss jumps "
                 "above where it started, then descends.",
    "no_clip": "Plain SGD with no cap on the gradient: one steep batch throws the weights far, the "
               "next gradient is larger still, and the loss climbs to astronomical values, "
               "then to infinity or NaN, and the run stops. No other preset's loss passes 100.",
    "bad_init": "Weights 50x too large: the first loss is far above ln 65 ≈ 4.17.",
    "no_mask": "The mask off: the training loss runs well below the evaluated losses, which are "
               "measured with the mask on, as the model generates; the samples fall apart.",
}


@register
class CapstoneTrainer(Widget):
    name = "capstone_trainer"
    width, height = W, H

    def configure(self, config):
        self.presets, self.samples, self.mystery = (flag(self.name, k, config.pop(k, False))
                                                    for k in ("presets", "samples", "mystery"))
        super().configure(config)
        self.s = session()
        self.s.watch(self)
        self.s.look_up_soon()
        self.run = None            # the run this widget started
        self.secret = None         # the mystery run's preset
        self.guess = None          # one guess per mystery run, then the answer shows
        self.tally = [0, 0]        # mystery runs guessed right, guessed
        self.verdict, self.solved, self.credited = "", 0, 0

    # -- state for goals -------------------------------------------------------------------
    def values(self):
        return {"trained_steps": max(self.run.step if self.run else 0, self.credited), "diagnosed": self.solved,
                "no_webgpu": int(bool(self.s.problem))}  # without a GPU a training gate is waived

    def set_values(self, values):
        self.credited = int(values.get("trained_steps", self.credited))
        self.solved = int(values.get("diagnosed", self.solved))

    # -- events ------------------------------------------------------------------------------
    def handle(self, event):
        if event.get("type") != "input":
            return
        cid, value, s = event["id"], event.get("value"), self.s
        if cid == "start":
            self.begin(None)
        elif cid == "pause":
            s.resume() if s.paused else s.pause()
        elif cid == "size":
            set_size(s, value)
        elif cid == "steps":
            s.steps = max(20, int(value))
        elif cid == "resume_stored":
            asyncio.ensure_future(self.resume_stored())
        elif cid.startswith("preset_"):
            self.begin(cid[7:])
        elif cid == "mystery":
            self.secret, self.guess, self.verdict = random.choice(sorted(PRESETS)), None, ""
            # A seed of its own: with the labelled button's seed its numbers would match exactly.
            seed, s.seed = s.seed, f"{s.seed}/mystery/{sum(self.tally) + 1}"
            self.begin(self.secret)
            s.seed = seed
        elif cid.startswith("diagnose_") and cid[9:] in PRESETS and self.can_guess():
            self.guess, right = cid[9:], cid[9:] == self.secret
            self.tally[0] += right
            self.tally[1] += 1
            self.solved = max(self.solved, int(right))
            answer = PRESETS[self.secret][0]
            self.verdict = (f"Right: {answer}. " if right else
                            f"Not {PRESETS[self.guess][0]}: it was {answer}. ") + LOOK[self.secret] + \
                f" Right first time: {self.tally[0]} of {self.tally[1]} mystery runs."

    def can_guess(self):
        """One guess per mystery run, once it has finished: each guess costs a whole run."""
        return self.secret is not None and self.guess is None and self.run is self.s.run and not self.s.training

    def begin(self, preset):
        self.s.start(preset)
        self.run = self.s.run

    async def resume_stored(self):
        """After a lost device (or a reload): continue from the model kept in the browser."""
        found = await self.s.look_up_stored()
        if not found:
            return
        from ..gpt.checkpoint import from_bytes
        cfg, flat, meta = from_bytes(found[0])
        self.s.size = found[1].get("size", "full") if found[1].get("size") in SIZES else "full"
        self.s.seed = meta.get("seed", self.s.seed)
        self.s.start(found[1].get("preset"), resume=(flat, int(meta.get("step", 0))))
        self.run = self.s.run

    # -- the picture ------------------------------------------------------------------------
    def shapes(self):
        r = self.run
        return loss_plot(r.losses if r else [], r.evals if r else [],
                         "training loss (blue); evaluated train and validation (dots)",
                         x_max=r.steps if r else self.s.steps)

    def readouts(self):
        s, r = self.s, self.run
        out = [{"label": "", "value": s.status() if r is s.run or r is None else "This run was replaced by a newer one."}]
        if self.mystery and self.verdict:
            out.append({"label": "", "value": self.verdict})
        if not r:
            return out
        B, T = SIZES[r.size][1], SIZES[r.size][0].block_size
        steady = r.steady_ms
        out += [{"label": "iteration", "value": f"{r.step} / {r.steps}"},
                {"label": "loss", "value": loss_text(r.losses[-1]) if r.losses else "—"}]
        if r.compile_ms is not None:
            out.append({"label": "engine build + shader compile", "value": fmt_ms(r.compile_ms)})
        out += [{"label": "first iteration", "value": fmt_ms(r.first_ms)},
                {"label": "steady (median)", "value": f"{fmt_ms(steady)}/iter" if steady else "—"},
                {"label": "tokens/s", "value": commas(round(B * T * 1000 / steady)) if steady else "—"}]
        if r.evals:
            _, tr, va = r.evals[-1]
            out.append({"label": f"at {r.evals[-1][0]}: train / val", "value": f"{loss_text(tr)} / {loss_text(va)}"})
        if (self.presets or self.mystery) and r.preset and not (self.mystery and self.guess is None):
            out.append({"label": "preset", "value": PRESETS[r.preset][0]})
        return out

    def controls(self):
        s = self.s
        running = s.training and self.run is s.run
        out = []
        if self.mystery:
            out.append({"kind": "button", "id": "mystery", "label": "Train a mystery run"})
            if self.secret:
                out += [{"kind": "button", "id": f"diagnose_{k}", "label": f"It is: {label}",
                         "disabled": not self.can_guess()} for k, (label, _) in PRESETS.items()]
        else:
            out.append({"kind": "button", "id": "start", "label": "Restart" if self.run else "Start training"})
        out.append({"kind": "button", "id": "pause", "label": "Resume" if s.paused else "Pause", "disabled": not running})
        out.append(size_button(s))
        out.append({"kind": "range", "id": "steps", "label": "iterations", "min": 20, "max": 5000, "step": 20,
                    "value": s.steps, "display": f"{commas(s.steps)} ({SIZE_NAMES[s.size]})"})
        if self.presets:
            # a preset that fixes its own length, or runs longer than the slider says, says so
            for k, (label, o) in PRESETS.items():
                n = preset_length(k, s.steps)
                out.append({"kind": "button", "id": f"preset_{k}",
                            "label": f"{label} ({commas(n)} iterations)" if o.steps or n != s.steps else label})
        if s.lost or (s.stored and not s.training):
            out.append({"kind": "button", "id": "resume_stored",
                        "label": f"Resume from the stored model (iteration {s.stored['step']})" if s.stored else
                                 "Resume from the stored model"})
        if self.samples:
            r = self.run
            log = "".join(f"— iteration {st} —\n{text}\n\n" for st, text in (r.samples if r else []))
            out.append({"kind": "code", "id": "samples", "follow": True, "wrap": True, "rows": 12,
                        "label": f"samples every {every(s.steps)} iterations",
                        "tokens": [["", log or "Samples appear here as the model trains."]]})
        return out
