"""What a momentum velocity remembers: v_t = β·v_{t−1} + g_t, fed a pattern of gradients.

Unrolled, v_t = g_t + β·g_{t−1} + β²·g_{t−2} + ...: every past gradient, fading by β a step.
A steady gradient g piles up to g / (1 − β); one that flips sign every step mostly cancels,
to ± g / (1 + β). The "ravine" pattern is both at once, as across-and-along a ravine:
g_t = 0.2 + (−1)^(t+1), a small steady pull plus a big zigzag.

    ```widget momentum_echo
    id = "echo"
    pattern = "steady"     # or "alternating", "ravine"
    beta = 0.0             # 0..0.99 on a grid of 0.01
    ```

values(): pattern, beta, velocity (v after STEPS steps), flips (how often v changes sign
over steps 11..STEPS), steady_gain (1 / (1 − β)), zigzag_gain (1 / (1 + β)).
"""

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets import shapes as S
from ..widgets.plot import Plot

STEPS = 40
PATTERNS = {"steady": lambda t: 1.0, "alternating": lambda t: 1.0 if t % 2 else -1.0,
            "ravine": lambda t: 0.2 + (1.0 if t % 2 else -1.0)}
LABELS = {"steady": "steady: g = 1 every step", "alternating": "alternating: g = 1, −1, 1, ...",
          "ravine": "ravine: g = 0.2 ± 1"}


def velocities(pattern, beta, steps=STEPS):
    """v_1 .. v_steps for the pattern's gradients g_1 .. g_steps, starting from v_0 = 0."""
    g, v, out = PATTERNS[pattern], 0.0, []
    for t in range(1, steps + 1):
        v = beta * v + g(t)
        out.append(v)
    return out


@register
class MomentumEcho(Widget):
    name = "momentum_echo"
    width, height = 600, 320

    def configure(self, config):
        pattern = one_of(self.name, "pattern", config.pop("pattern", "steady"), PATTERNS)
        beta = number(self.name, "beta", config.pop("beta", 0.0), 0, 0.99)
        self.plot = Plot((0, STEPS + 1), (-3, 11), box=(44, 14, 584, 282))
        self.knobs = {"pattern": Choice("pattern", "gradient pattern", list(PATTERNS), pattern,
                                        fmt=lambda p: LABELS[p]),
                      "beta": Slider("beta", "momentum β", 0, 0.99, 0.01, beta, coarse=0.1)}
        super().configure(config)

    def values(self):
        pattern, beta = self.knobs["pattern"].value, self.knobs["beta"].value
        vs = velocities(pattern, beta)
        tail = vs[10:]
        flips = sum(1 for u, w in zip(tail, tail[1:]) if (u > 0) != (w > 0))
        return {"pattern": pattern, "beta": beta, "velocity": vs[-1], "flips": flips,
                "steady_gain": 1 / (1 - beta), "zigzag_gain": 1 / (1 + beta)}

    def shapes(self):
        p = self.plot
        pattern, beta = self.knobs["pattern"].value, self.knobs["beta"].value
        g = PATTERNS[pattern]
        vs = velocities(pattern, beta)
        # axes on the edges, so the step numbers sit under the box, clear of the bars and the
        # velocity; the zero line, where v changes sign, is drawn on its own
        out = p.frame("step t", "gradient g (dots) and velocity v (line)", edges=True)
        out.append(S.line(*p.at(0, 0), *p.at(STEPS + 1, 0), "axis"))
        out += [p.segment(t, 0, t, g(t), "muted") for t in range(1, STEPS + 1)]
        out += [p.point(t, g(t), "muted", r=2.5) for t in range(1, STEPS + 1)]
        out.append(p.polyline(list(zip(range(1, STEPS + 1), vs)), "accent"))
        out += [p.point(t, v, "accent", r=2.5) for t, v in zip(range(1, STEPS + 1), vs) if p.inside(t, v)]
        out += p.legend([("gradient g", "muted"), ("velocity v", "accent")], corner="top-right")
        return out

    def readouts(self):
        v = self.values()
        return [{"label": f"v after {STEPS} steps", "value": num(v["velocity"], 3)},
                {"label": "a steady gradient is multiplied by 1/(1 − β)", "value": num(v["steady_gain"], 3)},
                {"label": "a flipping one by 1/(1 + β)", "value": num(v["zigzag_gain"], 3)},
                {"label": "sign changes of v after step 10", "value": str(v["flips"])}]

    def controls(self):
        return [self.knobs["pattern"].control(), self.knobs["beta"].control()]
