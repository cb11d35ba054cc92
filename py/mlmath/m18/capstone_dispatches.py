"""One training iteration of the capstone engine, dispatch by dispatch.

The list is the engine's own: built by the same code that trains, with a stand-in GPU
that records instead of allocating (capstone/listing.py), so it needs no WebGPU.
Step through it with the arrow keys or by clicking a cell.
"""

from .listing import MODULE_OF, listing_engine, phases, roles
from .recipe import SIZES
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, whole
from ..widgets.controls import Slider

PHASE_CLS = {"forward": "accent", "backward": "accent2", "optimizer": "accent3"}
# The dispatches are a sequence read left to right, like a list: Down and PageDown go on.
KEYS = {"ArrowRight": 1, "ArrowDown": 1, "ArrowLeft": -1, "ArrowUp": -1, "PageDown": 10, "PageUp": -10}


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
        self.knobs = {"index": Slider("index", "dispatch", 0, len(self.items) - 1, 1,
                                      whole(self.name, "start", start, 0, len(self.items) - 1), coarse=10)}
        self.roles = roles(cfg)
        self.counts = {phase: len(ds) for phase, ds in phases(engine)}

    @property
    def index(self):
        return self.knobs["index"].value

    # Every cell is a handle on the one index: a click picks that cell, keys step from the current one.
    def handle(self, event):
        if event.get("type") == "key" and str(event.get("handle", "")).startswith("d"):
            key = event.get("key")
            if key in KEYS:
                self.knobs["index"].set(self.index + KEYS[key])
            else:
                self.knobs["index"].key(key)  # Home, End
        else:
            super().handle(event)

    def drag(self, handle, x, y):
        if str(handle).startswith("d"):
            self.knobs["index"].set(handle[1:])

    def shapes(self):
        n, left, cell = len(self.items), 20, 600 / len(self.items)
        out = []
        for i, (phase, kernel, _) in enumerate(self.items):
            sel = i == self.index
            box = S.rect(left + i * cell, 40 if sel else 48, cell - 1, 44 if sel else 28,
                         PHASE_CLS[phase] + (" selected" if sel else ""))
            out.append(S.handle(box, f"d{i}", f"dispatch {i + 1}: {kernel}", f"{i + 1} of {n}: {kernel}, {self.roles[i]}"))
            out[-1]["focus"] = sel  # keyboard focus follows the selection
        at = left
        for phase, count in self.counts.items():
            mid = at + count * cell / 2
            out += [S.line(at, 96, at + count * cell - 2, 96, "bracket"),
                    S.text(min(mid, 620), 112, f"{phase}: {count}", "small", "end" if mid > 560 else "middle")]
            at += count * cell
        phase, kernel, groups = self.items[self.index]
        out += [S.text(20, 24, f"dispatch {self.index + 1} of {n}  \u00b7  {kernel}.wgsl", "label", "start"),
                S.text(20, 140, self.roles[self.index], "", "start"),
                S.text(20, 162, f"taught in {MODULE_OF[kernel]}", "small muted", "start"),
                S.text(20, 180, f"workgroups {groups[0]} \u00d7 {groups[1]} \u00d7 {groups[2]}", "small muted", "start")]
        return out

    def readouts(self):
        return [{"label": "dispatches per iteration", "value": str(len(self.items))}]
