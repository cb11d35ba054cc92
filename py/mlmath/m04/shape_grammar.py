"""One grammar for every parent shape: g(x) = a·f(b·(x − h)) + k.

The learner picks a parent (if `pick`), slides the moves the block allows (`moves`, some
of "a", "b", "h", "k"), and drags the marked anchor point (arrows move it: left/right
slide h, up/down slide k). The parent stays drawn faintly, the anchor shows where the
grammar carries one point of it, and a `target` graph (in the second colour) gives a shape to match.
With `stages`, a fifth control plays the moves one at a time, in the order that builds
g from f: squeeze by b, shift by h, stretch by a, lift by k.

    ```widget shape_grammar
    id = "shifts"
    parent = "square"
    moves = ["h", "k"]
    target = { h = 2, k = -3 }
    goal = { text = "...", check = "gap < 1e-9", solution = { h = 2, k = -3 } }
    ```

values(): parent, a, b, h, k, stage (4 unless `stages`), x0/y0 (the anchor's new place),
gap (the largest vertical gap to the target over the window; inf without one).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, flag, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot
from .l01_parents import PARENTS, graph_gap, moved_point, transform

B_VALUES = [-3, -2, -1.5, -1, -0.5, -0.25, 0.25, 0.5, 1, 1.5, 2, 3]
STAGES = ["f(x)", "f(b·x)", "f(b·(x − h))", "a·f(b·(x − h))", "a·f(b·(x − h)) + k"]
MOVES = ("a", "b", "h", "k")


def _b_text(b):
    return num(b, 2)


@register
class ShapeGrammar(Widget):
    name = "shape_grammar"
    width, height = 600, 340

    def configure(self, config):
        parent = one_of(self.name, "parent", config.pop("parent", "square"), PARENTS)
        pick = flag(self.name, "pick", config.pop("pick", False))
        moves = config.pop("moves", list(MOVES))
        if not isinstance(moves, list) or not moves or any(m not in MOVES for m in moves) or len(set(moves)) < len(moves):
            raise ValueError(f"{self.name}: moves must be a list of distinct names from {list(MOVES)}, not {moves!r}")
        self.moves = [m for m in MOVES if m in moves]
        self.stages = flag(self.name, "stages", config.pop("stages", False))
        start = {"a": number(self.name, "a", config.pop("a", 1), -3, 3),
                 "b": one_of(self.name, "b", config.pop("b", 1), B_VALUES),
                 "h": number(self.name, "h", config.pop("h", 0), -4, 4),
                 "k": number(self.name, "k", config.pop("k", 0), -4, 4)}
        target = config.pop("target", None)
        if target is not None:
            if not isinstance(target, dict) or set(target) - {"parent", *MOVES}:
                raise ValueError(f"{self.name}: target must be a table of parent, a, b, h, k, not {target!r}")
            tp = one_of(self.name, "target parent", target.get("parent", parent), PARENTS)
            ta, tb, th, tk = (number(self.name, f"target {m}", target.get(m, d), -10, 10)
                              for m, d in (("a", 1), ("b", 1), ("h", 0), ("k", 0)))
            if tb == 0:
                raise ValueError(f"{self.name}: target b must not be 0")
            self.target = (tp, transform(PARENTS[tp][0], ta, tb, th, tk))
        else:
            self.target = None
        self.fixed = dict(start)
        self.knobs = {}
        if pick:
            self.knobs["parent"] = Choice("parent", "parent f", list(PARENTS), parent, fmt=lambda p: PARENTS[p][1])
        else:
            self.parent_fixed = parent
        sliders = {"a": Slider("a", "a (stretch up/down; negative flips)", -3, 3, 0.5, start["a"]),
                   "b": Choice("b", "b (squeeze sideways; negative flips)", B_VALUES, start["b"], fmt=_b_text),
                   "h": Slider("h", "h (shift right)", -4, 4, 0.5, start["h"]),
                   "k": Slider("k", "k (shift up)", -4, 4, 0.5, start["k"])}
        for m in self.moves:
            self.knobs[m] = sliders[m]
        if self.stages:
            self.knobs["stage"] = Choice("stage", "moves applied", list(range(5)), 0,
                                         fmt=lambda s: f"{s} of 4: {STAGES[s]}")
        self.plot = Plot((-5, 5), (-5, 5), box=(40, 14, 584, 306))
        super().configure(config)

    # state -----------------------------------------------------------------------
    @property
    def parent(self):
        return self.knobs["parent"].value if "parent" in self.knobs else self.parent_fixed

    def move(self, m):
        return self.knobs[m].value if m in self.knobs else self.fixed[m]

    @property
    def stage(self):
        return self.knobs["stage"].value if self.stages else 4

    def params(self, stage=None):
        """a, b, h, k with only the first `stage` moves applied (the rest left at rest)."""
        s = self.stage if stage is None else stage
        a, b, h, k = (self.move(m) for m in MOVES)
        return {"b": b if s >= 1 else 1, "h": h if s >= 2 else 0, "a": a if s >= 3 else 1, "k": k if s >= 4 else 0}

    def curve_fn(self, stage=None):
        return transform(PARENTS[self.parent][0], **self.params(stage))

    def anchor(self, stage=None):
        return moved_point(PARENTS[self.parent][2], **self.params(stage))

    def values(self):
        x0, y0 = self.anchor()
        gap = graph_gap(self.curve_fn(), self.target[1]) if self.target else math.inf
        v = {"parent": self.parent, **{m: self.move(m) for m in MOVES}, "stage": self.stage,
             "x0": x0, "y0": y0, "gap": gap}
        return v

    # events ----------------------------------------------------------------------
    def drag(self, handle, x, y):
        if handle != "anchor":
            return
        # the anchor sits at (x0/b + h, a*y0 + k): a drag sets h and k where they may move
        px, py = PARENTS[self.parent][2]
        p = self.params()
        if "h" in self.knobs and self.stage >= 2:
            self.knobs["h"].set(self.plot.x.value(x) - px / p["b"])
        if "k" in self.knobs and self.stage >= 4:
            self.knobs["k"].set(self.plot.y.value(y) - p["a"] * py)

    def handle(self, event):
        """Keys on the anchor: left/right (Home/End) slide h, up/down (PageUp/PageDown) slide k;
        a widget that lets only one of them move gives every key to that one."""
        if event.get("type") == "key" and event.get("handle") == "anchor":
            key = event.get("key")
            sideways = key in ("ArrowLeft", "ArrowRight", "Home", "End")
            target = "h" if sideways else "k"
            if target not in self.knobs:
                target = "k" if target == "h" else "h"
            # like a drag, a key moves only what the picture shows: h from stage 2, k at stage 4
            if target in self.knobs and self.stage >= (2 if target == "h" else 4):
                self.knobs[target].key(key)
            return
        super().handle(event)

    # picture ---------------------------------------------------------------------
    def shapes(self):
        p = self.plot
        f, label, _, _, _ = PARENTS[self.parent]
        x0, y0 = self.anchor()
        movable = "h" in self.knobs or "k" in self.knobs
        out = []
        if movable:
            out.append(p.handle("anchor", x0, y0, "the anchor point; arrows move it (h left/right, k up/down)",
                                f"({num(x0)}, {num(y0)})"))
        out += p.frame("x", "y")
        if self.target:
            out.append(p.curve(self.target[1], "accent2"))
        out.append(p.curve(f, "muted"))
        if self.stages and self.stage >= 1:
            out.append(p.curve(self.curve_fn(self.stage - 1), "muted"))
            out += p.arrow(*self.anchor(self.stage - 1), x0, y0, "accent3")
        out.append(p.curve(self.curve_fn(), "accent"))
        ax, ay = PARENTS[self.parent][2]
        out.append(p.point(ax, ay, "muted"))
        if not movable:
            out.append(p.point(x0, y0, "accent", r=6))
        legend = [(f"parent f(x) = {label}", "muted"), ("g(x)", "accent")]
        if self.target:
            legend.append(("target", "accent2"))
        fns = [f, self.curve_fn()] + ([self.target[1]] if self.target else [])
        out += p.legend(legend, corner=p.quiet_corner(len(legend), fns, [(x0, y0)]))
        return out

    def formula(self):
        s = self.params()
        a, b, h, k = s["a"], s["b"], s["h"], s["k"]
        inner = "x" if h == 0 else (f"(x − {num(h)})" if h > 0 else f"(x + {num(-h)})")
        if b != 1:
            inner = f"−{inner}" if b == -1 else f"{_b_text(b)}·{inner}"
        elif inner.startswith("("):
            inner = inner[1:-1]
        out = f"f({inner})"
        if a == -1:
            out = f"−{out}"
        elif a != 1:
            out = f"{num(a)}·{out}"
        if k:
            out += f" + {num(k)}" if k > 0 else f" − {num(-k)}"
        return out

    def readouts(self):
        v = self.values()
        ax, ay = PARENTS[self.parent][2]
        out = [{"label": "g(x)", "value": f"{self.formula()}, with f(x) = {PARENTS[self.parent][1]}"},
               {"label": "anchor", "value": f"({num(ax)}, {num(ay)}) → ({num(v['x0'])}, {num(v['y0'])})"}]
        if self.target:
            gap = v["gap"]
            out.append({"label": "largest gap to the target",
                        "value": "none: they match" if gap < 1e-9 else ("different domains" if math.isinf(gap) else num(gap, 2))})
        return out

    def controls(self):
        return [self.knobs[k].control() for k in self.knobs]
