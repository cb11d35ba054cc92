"""The next-character distribution under temperature, top-k and top-p, and generation.

Bars are the 24 likeliest characters at temperature 1, in that fixed order, so when you
slide a knob the bars you watch stay put: the outline is the distribution after the
temperature, the solid bar what top-k and top-p leave of it (renormalised). The logits
come from your trained model (via its KV cache); before it is on the GPU, from bigram
counts of the text, and the widget says which.
"""

import asyncio
import math
import sys
import time
from collections import Counter

from .session import session
from ..gpt.sample import softmax, transforms
from ..show import char
from ..widgets import register
from ..widgets.base import Widget, flag, one_of

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
        self.knobs = [one_of(self.name, "knobs", k, KNOBS) for k in config.pop("knobs", KNOBS)]
        self.prompt = config.pop("prompt", "ROMEO:\nWhat light through yonder window breaks? It is the ")
        self.generate = flag(self.name, "generate", config.pop("generate", True))
        super().configure(config)
        self.temperature, self.top_k, self.top_p = 1.0, 0, 1.0
        self.s = session()
        self.s.watch(self)
        self.s.look_up_soon()
        self.bigrams = Bigrams()
        self.chars = self.bigrams.chars
        self.logits, self.source = self.bigrams.logits(self.prompt), "bigram counts (no trained model on the GPU yet)"
        self.text, self.rate, self.message, self.talking = "", None, "", False

    # -- the math ------------------------------------------------------------------------------
    def stages(self):
        return transforms(self.logits, self.temperature, self.top_k, self.top_p)

    def values(self):
        final = self.stages()[-1][1]
        return {"temperature": self.temperature, "top_k": self.top_k, "top_p": self.top_p,
                "kept": sum(1 for p in final if p > 0), "top_prob": max(final)}

    def set_values(self, values):
        self.temperature = min(2.0, max(0.05, float(values.get("temperature", self.temperature))))
        self.top_k = max(0, min(len(self.chars), int(values.get("top_k", self.top_k))))
        self.top_p = min(1.0, max(0.01, float(values.get("top_p", self.top_p))))

    # -- events ----------------------------------------------------------------------------------
    def handle(self, event):
        if event.get("type") != "input":
            return
        cid, value = event["id"], event.get("value")
        if cid in ("temperature", "top_k", "top_p"):
            self.set_values({cid: value})
        elif cid == "prompt":
            bad = sorted(set(str(value)) - set(self.chars))
            if bad:
                self.message = f"The vocabulary has no {''.join(bad)!r}: the model only knows tiny-shakespeare's 65 characters."
                return
            self.prompt, self.message = str(value), ""
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
        self.logits = await self.s.next_logits(self.prompt)
        m = self.s.model
        self.source = f"your model (seed {m['seed']!r}, {m['step']} iterations)"

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
        out = [{"t": "line", "x1": LEFT, "y1": BOTTOM, "x2": RIGHT, "y2": BOTTOM, "cls": "axis"},
               {"t": "text", "x": 4, "y": 14, "s": f"next character after the prompt · bars scaled to {peak:.0%}",
                "anchor": "start", "cls": "small muted"}]
        for j, i in enumerate(order):
            x = LEFT + j * slot
            out.append({"t": "rect", "x": round(x + 2, 1), "y": round(BOTTOM - after_t[i] * scale, 1),
                        "w": round(slot - 4, 1), "h": round(after_t[i] * scale, 1), "cls": "muted nofill"})
            out.append({"t": "rect", "x": round(x + 2, 1), "y": round(BOTTOM - final[i] * scale, 1),
                        "w": round(slot - 4, 1), "h": round(final[i] * scale, 1), "cls": "accent" if final[i] else "bad"})
            out.append({"t": "text", "x": round(x + slot / 2, 1), "y": BOTTOM + 16, "s": char(self.chars[i]),
                        "cls": "label" if final[i] else "muted"})
            if final[i] >= 0.005:
                out.append({"t": "text", "x": round(x + slot / 2, 1), "y": round(BOTTOM - final[i] * scale - 4, 1),
                            "s": f"{final[i] * 100:.0f}", "cls": "small"})
        rest = sum(final[i] for i in range(len(final)) if i not in order)
        out.append({"t": "text", "x": RIGHT, "y": BOTTOM + 34, "s": f"the other {len(final) - SHOWN} characters hold "
                    f"{rest:.1%} · numbers are percentages", "anchor": "end", "cls": "small muted"})
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "logits from", "value": self.source},
               {"label": "tokens kept", "value": f"{v['kept']} of {len(self.chars)}"},
               {"label": "likeliest", "value": f"{v['top_prob']:.1%}"}]
        if self.message:
            out.insert(0, {"label": "", "value": self.message})
        if self.rate:
            out.append({"label": "generation", "value": f"{self.rate:,.0f} characters/s (KV cache)"})
        return out

    def controls(self):
        spec = {"temperature": ("temperature", 0.05, 2.0, 0.05, self.temperature, f"{self.temperature:.2f}"),
                "top_k": ("top-k (0 = off)", 0, len(self.chars), 1, self.top_k, str(self.top_k or "off")),
                "top_p": ("top-p", 0.01, 1.0, 0.01, self.top_p, f"{self.top_p:.2f}")}
        out = [{"kind": "text", "id": "prompt", "label": "prompt", "value": self.prompt}]
        out += [{"kind": "range", "id": k, "label": spec[k][0], "min": spec[k][1], "max": spec[k][2], "step": spec[k][3],
                 "value": spec[k][4], "display": spec[k][5]} for k in self.knobs]
        if self.s.engine is None:
            out.append({"kind": "button", "id": "wake", "label": "Use my trained model"})
        if self.generate:
            out.append({"kind": "button", "id": "generate", "label": "Generate 200 characters", "disabled": self.talking})
            out.append({"kind": "code", "id": "out", "label": "generated text", "wrap": True, "follow": True, "rows": 8,
                        "tokens": [["", self.prompt], ["f", self.text]] if self.text else
                                  [["", "Generated text streams here, one character per decode step."]]})
        return out
