"""A chain of rewrites of one expression, each line's value at x shown beside it.

The learner steps down the chain (or types a rewrite of their own) and moves x. A rewrite
that keeps the value gives the same number on every line, for every x, and its curve lies
exactly on the original's; a slip shows up as a different number and a second curve. The
readout also tries the current line at 7 random values of x, the check that catches a
wrong rewrite.

    ```widget rewrite_stepper
    id = "tidy"
    chain = ["3*(x + 2) - 2*(x + 4)", "3*x + 6 - 2*x - 8", "x - 2"]
    x = 4
    ```

With `typed = true` the chain is one line (the original) and the learner types the
rewrite into a box. values(): x, step, first (line 1 at x), here (the current line at
x), same (1 when they agree at x), agree (how many of the 7 random x they agree at),
ok (1 when the typed rewrite parses), brackets (how many brackets it uses).
"""

import math
import random
import re

from ..expr import ExprError, parse
from ..show import MINUS, num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, flag, number
from ..widgets.controls import Slider, Text
from ..widgets.plot import Plot

XLO, XHI = -5, 5
_RNG = random.Random(2)
TESTS = [round(_RNG.uniform(-10, 10), 3) for _ in range(7)]   # random x, the same on every build


def pretty(text):
    """Python's spelling as a person writes it: 3*x -> 3x, x**2 -> x², - -> −."""
    text = re.sub(r"\*\*2", "²", re.sub(r"\*\*3", "³", text))
    text = re.sub(r"(\d)\s*\*\s*(?=[a-z(])", r"\1", text)
    return text.replace("*", "·").replace("-", MINUS)


def close(a, b):
    return a is not None and b is not None and math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def value(f, x):
    try:
        return float(f.evaluate({"x": x}))
    except (ExprError, OverflowError, TypeError):
        return None


def _typed(text):
    f = parse(text)
    if set(f.names()) - {"x"}:
        raise ExprError("use x as the only letter")
    return f


@register
class RewriteStepper(Widget):
    name = "rewrite_stepper"
    width, height = 600, 270

    def configure(self, config):
        chain = config.pop("chain", ["2*(x + 3)", "2*x + 6"])
        if not isinstance(chain, list) or not 1 <= len(chain) <= 5 or not all(isinstance(c, str) for c in chain):
            raise ValueError("rewrite_stepper: chain must be a list of 1 to 5 expressions in x")
        try:
            self.chain = [_typed(c) for c in chain]
        except ExprError as exc:
            raise ValueError(f"rewrite_stepper: {exc}") from None
        self.texts = list(chain)
        self.typed = flag(self.name, "typed", config.pop("typed", False))
        if self.typed and len(chain) != 1:
            raise ValueError("rewrite_stepper: with typed = true, chain holds only the original expression")
        x = number(self.name, "x", config.pop("x", 1), XLO, XHI)
        self.knobs["x"] = Slider("x", "x", XLO, XHI, 0.5, x)
        if self.typed:
            self.knobs["rewrite"] = Text("rewrite", "your rewrite (Python spelling: 3*x, x**2)",
                                         config.pop("rewrite", self.texts[0]), _typed, limit=60)
        else:
            step = config.pop("step", 0)
            if isinstance(step, bool) or step not in range(len(chain)):
                raise ValueError(f"rewrite_stepper: step must be a line number from 0 to {len(chain) - 1}")
            self.knobs["step"] = Slider("step", "line", 0, len(chain) - 1, 1, step)
        super().configure(config)
        ys = [v for v in (value(self.chain[0], XLO + i / 20) for i in range(201)) if v is not None]
        lo, hi = min(ys + [0]), max(ys + [0])
        pad = max(1.0, 0.15 * (hi - lo))
        self.plot = Plot((XLO, XHI), (lo - pad, hi + pad), box=(340, 14, 588, 240))

    @property
    def current(self):
        if self.typed:
            f = self.knobs["rewrite"].value
            return f if not self.knobs["rewrite"].error else None
        return self.chain[self.knobs["step"].value]

    def values(self):
        x, f = self.knobs["x"].value, self.current
        first = value(self.chain[0], x)
        here = value(f, x) if f is not None else None
        agree = sum(close(value(self.chain[0], t), value(f, t)) for t in TESTS) if f is not None else 0
        out = {"x": x, "first": first, "here": here, "same": int(close(first, here)), "agree": agree}
        if self.typed:
            text = self.knobs["rewrite"].text
            out.update(rewrite=text, ok=int(f is not None), brackets=text.count("("))
        else:
            out["step"] = self.knobs["step"].value
        return out

    def set_values(self, values):
        values = dict(values)
        if "rewrite" in values:              # text first: the computed values depend on it
            self.knobs["rewrite"].set(values.pop("rewrite"))
        super().set_values(values)

    def drag(self, handle, x, y):
        if handle == "x":
            self.knobs["x"].set(self.plot.x.value(x))

    def lines(self):
        """(text, value at x) for each line shown: the chain up to the current step, or the typed one."""
        x = self.knobs["x"].value
        if self.typed:
            t = self.knobs["rewrite"]
            return [(self.texts[0], value(self.chain[0], x)),
                    (t.text, value(self.current, x) if self.current is not None else None)]
        n = self.knobs["step"].value
        return [(self.texts[i], value(self.chain[i], x)) for i in range(n + 1)]

    def shapes(self):
        p, x, v = self.plot, self.knobs["x"].value, self.values()
        here = v["here"] if v["here"] is not None else 0
        out = [p.handle("x", x, here, "x on the current line's curve", f"x = {num(x)}", "accent2")]
        out += p.frame("x", "value")
        out.append(p.curve(lambda t: value(self.chain[0], t), "accent"))
        if self.current is not None:
            out.append(p.curve(lambda t: value(self.current, t), "accent2"))
        out.append(p.segment(x, p.y.lo, x, p.y.hi, "muted"))
        key = [("line 1", "accent"), ("your rewrite" if self.typed else "current line", "accent2")]
        for i, (label, cls) in enumerate(key):
            y = 228 + 16 * i             # the key sits under the lines, off the plot and its curves
            out.append(S.line(36, y, 58, y, cls))
            out.append(S.text(64, y + 4, label, "small", "start"))
        first = v["first"]
        for i, (text, val) in enumerate(self.lines()):
            y = 40 + 36 * i
            shown = num(val, 4) if val is not None else "no value"
            good = close(first, val)
            out.append(S.text(12, y, f"{i + 1}.", "label", "start"))
            out.append(S.text(36, y, pretty(text) or "(empty)", "label", "start"))
            out.append(S.text(36, y + 16, f"at x = {num(x)}:  {shown}", f"small {'good' if good else 'bad'}", "start"))
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "x", "value": num(v["x"])},
               {"label": "line 1", "value": num(v["first"], 4) if v["first"] is not None else "no value"},
               {"label": "current line", "value": num(v["here"], 4) if v["here"] is not None else "no value"},
               {"label": "agrees with line 1 at random x", "value": f"{v['agree']} of {len(TESTS)}"}]
        if self.typed and self.knobs["rewrite"].error:
            out.append({"label": "your rewrite", "value": self.knobs["rewrite"].error})
        return out

    def controls(self):
        return [kn.control() for kn in self.knobs.values()]
