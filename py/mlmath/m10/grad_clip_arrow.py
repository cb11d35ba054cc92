"""Gradient clipping by global norm, drawn: a gradient of two parameters (think of them as
two tensors, A and B) as an arrow, the threshold c as a circle, and the clipped arrow.

Global clipping (the capstone's, and torch's clip_grad_norm_) scales the whole gradient by
min(1, c / (‖g‖ + 10⁻⁶)): inside the circle nothing changes, outside the arrow is shortened
onto the circle and keeps its direction. Clipping each tensor on its own ("per-tensor")
shortens each part separately, which can turn the arrow.

    ```widget grad_clip_arrow
    id = "clip"
    gx = 0.6            # the gradient's two parts, -4..4 on a grid of 0.1 (drag the tip)
    gy = 0.4
    max_norm = 1.0      # the threshold c, 0.25..3 on a grid of 0.25
    mode = "global"     # or "per-tensor"
    ```

values(): gx, gy, max_norm, mode, norm (‖g‖ before), scale (global clipping's factor),
clipped_norm, turn (degrees between the gradient and its clipped version).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets import shapes as S
from ..widgets.plot import Plot

MODES = ("global", "per-tensor")


def clip(gx, gy, c, mode="global"):
    """The clipped gradient: one factor for both parts (global) or one per part (per-tensor)."""
    if mode == "global":
        s = min(1.0, c / (math.hypot(gx, gy) + 1e-6))
        return gx * s, gy * s
    return tuple(g * min(1.0, c / (abs(g) + 1e-6)) for g in (gx, gy))


def angle(ax, ay, bx, by):
    """Degrees between two vectors (0 if either is zero)."""
    if not (ax or ay) or not (bx or by):
        return 0.0
    cos = (ax * bx + ay * by) / (math.hypot(ax, ay) * math.hypot(bx, by))
    return math.degrees(math.acos(max(-1.0, min(1.0, cos))))


@register
class GradClipArrow(Widget):
    name = "grad_clip_arrow"
    width, height = 600, 330

    def configure(self, config):
        n = self.name
        gx = number(n, "gx", config.pop("gx", 0.6), -4, 4)
        gy = number(n, "gy", config.pop("gy", 0.4), -4, 4)
        c = number(n, "max_norm", config.pop("max_norm", 1.0), 0.25, 3)
        mode = one_of(n, "mode", config.pop("mode", "global"), MODES)
        # equal units on both axes (8.8 / 540 px = 4.5 / 276 px), so the threshold circle is round
        self.plot = Plot((-4.4, 4.4), (-2.25, 2.25), box=(44, 14, 584, 290))
        self.knobs = {"gx": Slider("gx", "gradient of tensor A", -4, 4, 0.1, gx, coarse=0.5),
                      "gy": Slider("gy", "gradient of tensor B", -4, 4, 0.1, gy, coarse=0.5),
                      "max_norm": Slider("max_norm", "threshold c (max_norm)", 0.25, 3, 0.25, c),
                      "mode": Choice("mode", "clipping", MODES, mode)}
        super().configure(config)

    def values(self):
        v = {k: knob.value for k, knob in self.knobs.items()}
        gx, gy, c = v["gx"], v["gy"], v["max_norm"]
        norm = math.hypot(gx, gy)
        cx, cy = clip(gx, gy, c, v["mode"])
        v.update(norm=norm, scale=min(1.0, c / (norm + 1e-6)), clipped_norm=math.hypot(cx, cy),
                 turn=angle(gx, gy, cx, cy))
        return v

    def drag(self, handle, x, y):
        if handle == "gx":
            self.knobs["gx"].set(self.plot.x.value(x))
            self.knobs["gy"].set(self.plot.y.value(y))

    def shapes(self):
        p, v = self.plot, self.values()
        gx, gy, c = v["gx"], v["gy"], v["max_norm"]
        cx, cy = clip(gx, gy, c, v["mode"])
        out = [p.handle("gx", gx, gy, "tip of the gradient (arrows move tensor A's part)",
                        f"g = ({num(gx, 1)}, {num(gy, 1)})", cls="accent2"),
               # names and ticks on the edges, clear of the arrows; the axes through 0 drawn on their own
               *p.frame("tensor A's gradient", "tensor B's gradient", edges=True),
               S.line(*p.at(-4.4, 0), *p.at(4.4, 0), "axis"), S.line(*p.at(0, -2.25), *p.at(0, 2.25), "axis")]
        out.append(p.polyline([(c * math.cos(t / 60 * math.pi), c * math.sin(t / 60 * math.pi))
                               for t in range(121)], "good"))
        if v["mode"] == "per-tensor":      # each part capped on its own: the square |A|, |B| ≤ c
            out.append(p.polyline([(-c, -c), (c, -c), (c, c), (-c, c), (-c, -c)], "muted"))
        out += p.arrow(0, 0, gx, gy, "accent2")
        out += p.arrow(0, 0, cx, cy, "accent")
        out += p.legend([("gradient", "accent2"), ("clipped", "accent"), ("‖g‖ = c", "good")], corner="bottom-left")
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "‖g‖ before", "value": num(v["norm"], 3)},
                {"label": "global factor min(1, c/‖g‖)", "value": num(v["scale"], 3)},
                {"label": "‖g‖ after", "value": num(v["clipped_norm"], 3)},
                {"label": "direction turned by", "value": f"{num(v['turn'], 1)}°"}]

    def controls(self):
        return [self.knobs[k].control() for k in ("gx", "gy", "max_norm", "mode")]
