"""The credits: every file of the engine, read from the very files this page runs, with
its line count; click a name (or use the arrow keys) to read it, coloured. Above the
list, the trained model keeps writing, one character per decode step."""

import asyncio
import time

from .session import session
from .sources import engine_files, highlight, line_count
from ..show import commas
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget

ROW, TOP = 17, 70
CORE = {"engine.py", "train.py", "adamw.wgsl"}  # where one training step lives


@register
class CapstoneCredits(Widget):
    name = "capstone_credits"

    def configure(self, config):
        super().configure(config)
        self.files = engine_files()
        self.counts = [line_count(t) for _, t in self.files]
        self.index = next(i for i, (n, _) in enumerate(self.files) if n == "engine.py")
        self.seen = set()
        self.credit = 0
        self.width, self.height = 640, TOP + ROW * ((len(self.files) + 1) // 2) + 30
        self.s = session()
        self.s.look_up_soon()
        self.talking, self.line, self.message = False, "", ""

    def values(self):
        return {"seen_core": max(len(self.seen & CORE), self.credit)}

    def set_values(self, values):
        self.credit = int(values.get("seen_core", self.credit))

    def select(self, i):
        self.index = max(0, min(len(self.files) - 1, i))
        self.seen.add(self.files[self.index][0])

    def handle(self, event):
        t = event.get("type")
        if t == "drag" and event.get("handle", "").startswith("f"):
            self.select(int(event["handle"][1:]))
        elif t == "key":
            step = {"ArrowDown": 1, "ArrowRight": 1, "ArrowUp": -1, "ArrowLeft": -1, "Home": -99, "End": 99}.get(event["key"], 0)
            self.select(self.index + step)
        elif t == "input" and event["id"] == "talk":
            self.talking = not self.talking
            if self.talking:
                asyncio.ensure_future(self.keep_talking())

    async def keep_talking(self):
        """Generate until stopped: chunks of text, the last two lines shown above the files."""
        try:
            if self.s.engine is None and not await self.s.restore():
                self.message, self.talking = "No trained model is stored in this browser yet.", False
            n = 0
            while self.talking:
                def on_token(ch, stages):
                    self.line = (self.line + ch)[-400:]
                    self.refresh()
                await self.s.sample(64, self.line[-32:] or "\n", 0.8, 0, 0.95, seed=f"credits/{n}/{time.time()}",
                                    on_token=on_token)
                n += 1
        except Exception as e:  # noqa: BLE001 - no WebGPU, for one
            self.message, self.talking = self.s.problem or f"{type(e).__name__}: {e}", False
        self.refresh()

    def shapes(self):
        lines = self.line.split("\n")[-2:] if self.line else [self.message or "The model is quiet. Press Keep talking."]
        out = [S.rect(0, 0, 640, 48, "node")]
        out += [S.text(10, 20 + 18 * k, text[-84:], "label", "start") for k, text in enumerate(lines)]
        half = (len(self.files) + 1) // 2
        biggest = max(self.counts)
        for i, ((name, _), n) in enumerate(zip(self.files, self.counts)):
            x, y = (10 if i < half else 330), TOP + ROW * (i % half)
            sel = i == self.index
            # the row is a clickable, focusable rect (text lets clicks through to what is beneath)
            row = S.rect(x - 4, y - 13, 300, ROW, "accent", opacity=0.15 if sel else 0.0)
            row = S.handle(row, f"f{i}", f"{name}, {n} lines", f"{name}: {n} lines")
            row["focus"] = sel  # keyboard focus follows the selection
            out += [row,
                    S.rect(x + 170, y - 10, 100 * n / biggest, 10, "accent2" if name.endswith(".wgsl") else "accent"),
                    S.text(x, y, name, "label" if sel else "", "start"),
                    S.text(x + 165, y, str(n), "small", "end")]
        return out

    def readouts(self):
        py = [(n, c) for (n, _), c in zip(self.files, self.counts) if n.endswith(".py")]
        wg = [(n, c) for (n, _), c in zip(self.files, self.counts) if n.endswith(".wgsl")]
        return [{"label": "engine", "value": f"{len(self.files)} files, {commas(sum(self.counts))} lines"},
                {"label": "Python", "value": f"{len(py)} files, {commas(sum(c for _, c in py))} lines"},
                {"label": "WGSL", "value": f"{len(wg)} kernels, {commas(sum(c for _, c in wg))} lines"}]

    def controls(self):
        name, text = self.files[self.index]
        return [{"kind": "button", "id": "talk", "label": "Stop talking" if self.talking else "Keep talking"},
                {"kind": "code", "id": "source", "rows": 24, "label": f"{name}, {self.counts[self.index]} lines",
                 "tokens": highlight(text, "wgsl" if name.endswith(".wgsl") else "py")}]
