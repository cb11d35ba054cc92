"""One training iteration of the capstone engine, dispatch by dispatch.

The list is the engine's own: built by the same code that trains, with a stand-in GPU
that records instead of allocating (capstone/listing.py), so it needs no WebGPU.
Step through it with the arrow keys or by clicking a cell.
"""

from .listing import MODULE_OF, listing_engine, phases, roles
from .recipe import SIZES
from ..widgets import register
from ..widgets.base import Widget, arrow_step, whole

PHASE_CLS = {"forward": "accent", "backward": "accent2", "optimizer": "accent3"}


@register
class CapstoneDispatches(Widget):
    name = "capstone_dispatches"
    width, height = 640, 190

    def configure(self, config):
        start = config.pop("start", 0)
        super().configure(config)
        cfg, batch, _ = SIZES["full"]
        engine = listing_engine(cfg, batch)
        self.items = [(phase, kernel, groups) for phase, ds in phases(engine) for kernel, groups in ds]
        self.index = whole(self.name, "start", start, 0, len(self.items) - 1)
        self.roles = roles(cfg)
        self.counts = {phase: len(ds) for phase, ds in phases(engine)}

    def values(self):
        return {"index": self.index}

    def set_values(self, values):
        self.index = max(0, min(len(self.items) - 1, int(values.get("index", self.index))))

    def handle(self, event):
        if event.get("type") == "drag" and event.get("handle", "").startswith("d"):
            self.index = int(event["handle"][1:])
        elif event.get("type") == "key":
            step = {"Home": -len(self.items), "End": len(self.items)}.get(event["key"], arrow_step(event["key"], 1, 10))
            self.set_values({"index": self.index + int(step)})

    def shapes(self):
        n, left, cell = len(self.items), 20, 600 / len(self.items)
        out = []
        for i, (phase, kernel, _) in enumerate(self.items):
            sel = i == self.index
            out.append({"t": "rect", "x": round(left + i * cell, 2), "y": 40 if sel else 48, "w": round(cell - 1, 2),
                        "h": 44 if sel else 28, "cls": PHASE_CLS[phase] + (" selected" if sel else ""),
                        "handle": f"d{i}", "label": f"dispatch {i + 1}: {kernel}",
                        "value": f"{i + 1} of {n}: {kernel}, {self.roles[i]}"})
        at = left
        for phase, count in self.counts.items():
            out += [{"t": "line", "x1": at, "y1": 96, "x2": at + count * cell - 2, "y2": 96, "cls": "bracket"},
                    {"t": "text", "x": min(at + count * cell / 2, 620), "y": 112, "s": f"{phase}: {count}", "cls": "small",
                     "anchor": "end" if at + count * cell / 2 > 560 else "middle"}]
            at += count * cell
        phase, kernel, groups = self.items[self.index]
        out += [{"t": "text", "x": 20, "y": 24, "s": f"dispatch {self.index + 1} of {n}  ·  {kernel}.wgsl",
                 "anchor": "start", "cls": "label"},
                {"t": "text", "x": 20, "y": 140, "s": self.roles[self.index], "anchor": "start"},
                {"t": "text", "x": 20, "y": 162, "s": f"taught in {MODULE_OF[kernel]}",
                 "anchor": "start", "cls": "small muted"},
                {"t": "text", "x": 20, "y": 180, "s": f"workgroups {groups[0]} × {groups[1]} × {groups[2]}",
                 "anchor": "start", "cls": "small muted"}]
        return out

    def readouts(self):
        return [{"label": "dispatches per iteration", "value": str(len(self.items))}]
