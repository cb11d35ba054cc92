"""Two machines f and g, wired both ways: the graphs of f and g themselves (faint), of
f∘g (g first, then f) and of g∘f (f first, then g), with the chain of values at one input x.

    ```widget compose_order_graphs
    id = "order"
    f = "square"        # from FUNCS
    g = "add1"
    x = 2
    ```

values(): f, g, x, fg (f(g(x))), gf (g(f(x))), same_here (1 when they agree at x),
same_all (1 when they agree at every one of 41 inputs from −4 to 4 and at 5 inputs
off that grid).
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number, one_of
from ..widgets.controls import Choice, Slider
from ..widgets.plot import Plot

FUNCS = {  # name: (function, how it is written with x as the input)
    "add1": (lambda x: x + 1, "x + 1"),
    "sub3": (lambda x: x - 3, "x − 3"),
    "double": (lambda x: 2 * x, "2x"),
    "negate": (lambda x: -x, "−x"),
    "square": (lambda x: x * x, "x²"),
    "abs": (abs, "|x|"),
}
CHECKS = [-4 + i / 5 for i in range(41)] + [-3.71, -1.13, 0.29, 1.87, 3.33]


def spelled(name, inner):
    """f written with `inner` in place of x: spelled("square", "x + 1") -> "(x + 1)²"."""
    text = FUNCS[name][1]
    if inner == "x":
        return text
    wrapped = inner if name in ("add1", "sub3", "abs") or inner.startswith("|") else f"({inner})"
    return text.replace("x", wrapped)


@register
class ComposeOrderGraphs(Widget):
    name = "compose_order_graphs"
    width, height = 600, 336

    def configure(self, config):
        f = one_of(self.name, "f", config.pop("f", "square"), FUNCS)
        g = one_of(self.name, "g", config.pop("g", "add1"), FUNCS)
        x = number(self.name, "x", config.pop("x", 2), -4, 4)
        super().configure(config)
        self.knobs["f"] = Choice("f", "machine f", list(FUNCS), f, fmt=lambda n: f"f(x) = {FUNCS[n][1]}")
        self.knobs["g"] = Choice("g", "machine g", list(FUNCS), g, fmt=lambda n: f"g(x) = {FUNCS[n][1]}")
        self.knobs["x"] = Slider("x", "input x", -4, 4, 0.5, x)
        self.plot = Plot((-4, 4), (-8, 10), box=(44, 62, 584, 310))

    @property
    def f(self):
        return FUNCS[self.knobs["f"].value][0]

    @property
    def g(self):
        return FUNCS[self.knobs["g"].value][0]

    def values(self):
        f, g, x = self.f, self.g, self.knobs["x"].value
        fg, gf = f(g(x)), g(f(x))
        same = all(math.isclose(f(g(t)), g(f(t)), abs_tol=1e-12) for t in CHECKS)
        return {"f": self.knobs["f"].value, "g": self.knobs["g"].value, "x": x, "fg": fg, "gf": gf,
                "same_here": int(math.isclose(fg, gf, abs_tol=1e-12)), "same_all": int(same)}

    def drag(self, handle, x, y):
        if handle == "x":
            self.knobs["x"].set(self.plot.x.value(x))

    def shapes(self):
        p, f, g, v = self.plot, self.f, self.g, self.values()
        x = v["x"]
        fn, gn = self.knobs["f"].value, self.knobs["g"].value
        out = [p.handle("x", x, v["fg"], "input x on the graph of f∘g", f"x = {num(x)}", "accent")]
        out += p.frame("x", "")
        out.append(p.curve(f, "muted"))                 # the two machines on their own, faint
        out.append(p.curve(g, "muted"))
        for fn_, name_ in ((f, "f"), (g, "g")):
            y_end = fn_(3.7)
            if p.inside(3.7, y_end):
                out.append(p.text(3.7, y_end, name_, "small muted", dx=8, dy=-4))
        out.append(p.curve(lambda t: g(f(t)), "accent3"))
        out.append(p.curve(lambda t: f(g(t)), "accent"))
        out.append(p.segment(x, p.y.lo, x, p.y.hi, "muted"))
        out.append(p.point(x, v["gf"], "accent3", 6))
        key = [(f"f∘g: f(g(x)) = {spelled(fn, FUNCS[gn][1])}", "accent"),
               (f"g∘f: g(f(x)) = {spelled(gn, FUNCS[fn][1])}", "accent3"),
               (f"f(x) = {FUNCS[fn][1]} and g(x) = {FUNCS[gn][1]} alone", "muted")]
        for i, (text, cls) in enumerate(key):      # the key sits above the plot, clear of the curves
            y = 14 + 16 * i
            out.append(S.line(50, y, 72, y, cls))
            out.append(S.text(78, y + 4, text, "small", "start"))
        return out

    def readouts(self):
        v = self.values()
        x = v["x"]
        return [{"label": "f∘g at x", "value": f"{num(x)} → g → {num(self.g(x), 3)} → f → {num(v['fg'], 3)}"},
                {"label": "g∘f at x", "value": f"{num(x)} → f → {num(self.f(x), 3)} → g → {num(v['gf'], 3)}"},
                {"label": "", "value": ("the same at this x" if v["same_here"] else "different at this x")
                 + ("; the same at every x tried" if v["same_all"] else "")}]

    def controls(self):
        return [self.knobs[k].control() for k in ("f", "g", "x")]
