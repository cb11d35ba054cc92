"""The next-character distribution under temperature, top-k and top-p, and generation.

Bars are the 24 likeliest characters at temperature 1, in that fixed order, so when you
slide a knob the bars you watch stay put: the outline is the distribution after the
temperature, the solid bar what top-k and top-p leave of it (renormalised). The logits
come from your trained model (via its KV cache); before it is on the GPU, from bigram
counts of the text, and the widget says which. Every sampler on a page follows the model
on the GPU: when one of them (or a load) puts a model there, the others redraw from it.
The prompt box is one line, so a new line is typed as \\n.
"""

import asyncio
import math
import time
from collections import Counter

from .session import session
from ..gpt.sample import transforms
from ..show import char, commas, fixed, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, one_of
from ..widgets.controls import Slider

SHOWN = 24
KNOBS = ("temperature", "top_k", "top_p")
LEFT, TOP, BOTTOM, RIGHT = 40, 24, 190, 630


class Bigrams:
    """Fallback logits: log counts of (previous, next) character pairs, add-one smoothed."""

    def __init__(self):
        from ..data import shakespeare
        text = shakespeare()[:200_000]
        self.chars = "".join(sorted(set(shakespeare())))
        self.pairs = Counter(zip(text, text[1:]))

    def logits(self, prompt):
        prev = prompt[-1] if prompt else "\n"
        return [math.log(self.pairs.get((prev, c), 0) + 1) for c in self.chars]


@register
class CapstoneSampler(Widget):
    name = "capstone_sampler"
    width, height = 660, 230

    def configure(self, config):
        self.shown = [one_of(self.name, "knobs", k, KNOBS) for k in config.pop("knobs", KNOBS)]
        self.prompt = config.pop("prompt", "ROMEO:\nWhat light through yonder window breaks? It is the ")
        self.generate = flag(self.name, "generate", config.pop("generate", True))
        super().configure(config)
        self.s = session()
        self.s.watch(self)
        self.s.look_up_soon()
        self.bigrams = Bigrams()
        self.chars = self.bigrams.chars
        self.knobs = {"temperature": Slider("temperature", "temperature", 0.05, 2.0, 0.05, 1.0, fmt=fixed),
                      "top_k": Slider("top_k", "top-k (0 = off)", 0, len(self.chars), 1, 0,
                                      fmt=lambda k: str(k) if k else "off"),
                      "top_p": Slider("top_p", "top-p", 0.01, 1.0, 0.01, 1.0, fmt=fixed)}
        self.logits, self.source = self.bigrams.logits(self.prompt), "bigram counts (no trained model on the GPU yet)"
        self.text, self.rate, self.message, self.talking = "", None, "", False
        self.following = None  # the session's model these bars were drawn from

    @property
    def temperature(self):
        return self.knobs["temperature"].value

    @property
    def top_k(self):
        return self.knobs["top_k"].value

    @property
    def top_p(self):
        return self.knobs["top_p"].value

    # -- the math ------------------------------------------------------------------------------
    def stages(self):
        return transforms(self.logits, self.temperature, self.top_k, self.top_p)

    def values(self):
        final = self.stages()[-1][1]
        return {**super().values(), "kept": sum(1 for p in final if p > 0), "top_prob": max(final)}

    # -- events ----------------------------------------------------------------------------------
    def handle(self, event):
        if event.get("type") != "input" or event.get("id") in self.knobs:
            return super().handle(event)
        cid, value = event["id"], event.get("value")
        if cid == "prompt":
            value = str(value).replace("\\n", "\n")
            bad = sorted(set(value) - set(self.chars))
            if bad:
                self.message = f"The vocabulary has no {''.join(bad)!r}: the model only knows tiny-shakespeare's 65 characters."
                return
            self.prompt, self.message = value, ""
            self.logits = self.bigrams.logits(self.prompt)
            if self.s.engine is not None:
                asyncio.ensure_future(self.guard(self.model_logits()))
        elif cid == "wake":
            asyncio.ensure_future(self.guard(self.wake()))
        elif cid == "generate":
            asyncio.ensure_future(self.guard(self.talk()))

    async def guard(self, job):
        try:
            await job
        except Exception as e:  # noqa: BLE001 - no WebGPU, for one: say so
            self.message = self.s.problem or f"{type(e).__name__}: {e}"
            self.talking = False
        self.refresh()

    async def wake(self):
        if self.s.engine is None and not await self.s.restore():
            self.message = "No trained model is stored in this browser yet: train one in lesson 1 or 2."
            return
        await self.model_logits()

    async def model_logits(self):
        m = self.following = self.s.model
        self.logits = await self.s.next_logits(self.prompt)
        self.source = f"your model (seed {m['seed']!r}, {m['step']} iterations)"

    def refresh(self):
        if self.s.engine is not None and self.s.model is not self.following and not self.s.training:
            self.following = self.s.model  # once: the redraw below comes back through here
            asyncio.ensure_future(self.guard(self.model_logits()))
        super().refresh()

    async def talk(self, n=200):
        if self.s.engine is None:
            await self.wake()
            if self.s.engine is None:
                return
        self.text, self.talking = "", True
        t0, count = time.perf_counter(), 0

        def on_token(ch, stages):
            nonlocal count
            count += 1
            self.text += ch
            self.rate = count / max(1e-9, time.perf_counter() - t0)
            if count % 4 == 0:
                self.refresh()
        await self.s.sample(n, self.prompt, self.temperature, self.top_k, self.top_p,
                            seed=f"talk/{time.time()}", on_token=on_token)
        self.talking = False

    # -- the picture -------------------------------------------------------------------------------
    def shapes(self):
        (_, base), *_ , (_, final) = transforms(self.logits)[:1] + self.stages()
        after_t = self.stages()[0][1]
        order = sorted(range(len(base)), key=lambda i: (-base[i], i))[:SHOWN]
        peak = max(max(after_t[i] for i in order), max(final[i] for i in order), 1e-9)
        scale = (BOTTOM - TOP) / peak
        slot = (RIGHT - LEFT) / SHOWN
        out = [S.line(LEFT, BOTTOM, RIGHT, BOTTOM, "axis"),
               S.text(4, 14, f"next character after the prompt \u00b7 bars scaled to {num(peak * 100, 0)}%",
                      "small muted", "start")]
        for j, i in enumerate(order):   # rects in pairs, outline then solid: the page's tests read them so
            x = LEFT + j * slot
            out.append(S.rect(x + 2, BOTTOM - after_t[i] * scale, slot - 4, after_t[i] * scale, "muted nofill"))
            out.append(S.rect(x + 2, BOTTOM - final[i] * scale, slot - 4, final[i] * scale, "accent" if final[i] else "bad"))
            out.append(S.text(x + slot / 2, BOTTOM + 16, char(self.chars[i]), "label" if final[i] else "muted"))
            if final[i] >= 0.005:
                out.append(S.text(x + slot / 2, BOTTOM - final[i] * scale - 4, num(final[i] * 100, 0), "small"))
        rest = sum(final[i] for i in range(len(final)) if i not in order)
        out.append(S.text(RIGHT, BOTTOM + 34, f"the other {len(final) - SHOWN} characters hold {fixed(rest * 100, 1)}% "
                          "\u00b7 numbers are percentages", "small muted", "end"))
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "logits from", "value": self.source},
               {"label": "tokens kept", "value": f"{v['kept']} of {len(self.chars)}"},
               {"label": "likeliest", "value": f"{fixed(v['top_prob'] * 100, 1)}%"}]
        if self.message:
            out.insert(0, {"label": "", "value": self.message})
        if self.rate:
            out.append({"label": "generation", "value": f"{commas(round(self.rate))} characters/s (KV cache)"})
        return out

    def controls(self):
        out = [{"kind": "text", "id": "prompt", "label": "prompt (\\n starts a new line)",
                "value": self.prompt.replace("\n", "\\n")}]
        out += [self.knobs[k].control() for k in self.shown]
        if self.s.engine is None:
            out.append({"kind": "button", "id": "wake", "label": "Use my trained model"})
        if self.generate:
            out.append({"kind": "button", "id": "generate", "label": "Generate 200 characters", "disabled": self.talking})
            out.append({"kind": "code", "id": "out", "label": "generated text", "wrap": True, "follow": True, "rows": 8,
                        "tokens": [["", self.prompt], ["f", self.text]] if self.text else
                                  [["", "Generated text streams here, one character per decode step."]]})
        return out
