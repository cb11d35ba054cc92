"""Type a list, see its arrow: the list [x, y] is the arrow from the origin to (x, y).

    ```widget list_to_arrow
    id = "typed"
    text = "[3, -2]"
    target = [-2, 3]      # optional: a marked tip to reach by typing
    ```

A list of two numbers is drawn; a list of another length is accepted but said to be an
arrow of that many dimensions (the plane only has room for two); anything that is not
a list of numbers is named as such and the last good arrow stays.

values(): text, n (how many numbers), x, y (the arrow's tip when n is 2), length (of the
whole list, any n), hit (1 when the tip is on the target).
"""

import ast
import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget
from ..widgets.controls import Text
from ..widgets.plane import Plane
from .linalg_common import label, pair, term, vec

SPAN = 5


def parse(text):
    """The list of numbers the text writes, or ValueError saying what is wrong with it."""
    try:
        got = ast.literal_eval(text.strip())
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        raise ValueError("write a list of numbers in square brackets, like [3, -2]") from None
    if not isinstance(got, list) or not got:
        raise ValueError("write a list of numbers in square brackets, like [3, -2]")
    if any(isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v) for v in got):
        raise ValueError("every entry must be a number")
    if any(abs(v) > 1000 for v in got):
        raise ValueError("keep every number between -1000 and 1000")
    if len(got) > 12:
        raise ValueError("keep it to 12 numbers or fewer")
    return [float(v) for v in got]


@register
class ListToArrow(Widget):
    name = "list_to_arrow"
    width, height = 600, 300

    def configure(self, config):
        n = self.name
        text = config.pop("text", "[3, -2]")
        if not isinstance(text, str):
            raise ValueError(f"{n}: text must be a string like \"[3, -2]\", not {text!r}")
        try:
            parse(text)
        except ValueError as exc:
            raise ValueError(f"{n}: text {text!r}: {exc}") from None
        target = config.pop("target", None)
        self.target = None if target is None else [float(v) for v in pair(n, "target", target, SPAN)]
        super().configure(config)
        self.knobs = {"text": Text("text", "the list", text, parse=self._check, limit=80)}
        self.last = parse(text)
        self.plane = Plane(SPAN, (10, 10, 290, 290))

    def _check(self, text):
        self.last = parse(text)
        return text

    def values(self):
        v = self.last
        out = {"text": self.knobs["text"].value, "n": len(v), "length": math.sqrt(sum(x * x for x in v))}
        x, y = (v + [0.0, 0.0])[:2] if len(v) == 2 else (0.0, 0.0)
        out.update(x=x, y=y)
        if self.target is not None:
            out["hit"] = int(len(v) == 2 and [x, y] == self.target)
        return out

    def shapes(self):
        p, v = self.plane, self.values()
        ticks = [k for k in range(-SPAN, SPAN + 1) if k]
        out = p.frame(xticks=ticks, yticks=ticks)
        if self.target is not None:
            tx, ty = p._pinned(*self.target)
            out += [S.circle(tx, ty, 11, "bad nofill"), S.text(tx, ty + 24, "target", "small bad")]
        left = 314
        if v["n"] == 2:
            x, y = v["x"], v["y"]
            out += [p.segment(0, 0, x, 0, "accent2"), p.segment(x, 0, x, y, "accent3")]
            out += p.vector([x, y], "accent")
            out.append(label(p, x, y, f"({num(x)}, {num(y)})", "label accent", dy=-12))
            lines = [("first number", f"{num(x)}: steps along x", "accent2"),
                     ("second number", f"{num(y)}: steps along y", "accent3"),
                     ("length", f"√({term(x)}² + {term(y)}²) = {num(v['length'], 3)}", "label")]
            if abs(x) > SPAN or abs(y) > SPAN:
                lines.append(("note", "the tip is off this picture", "bad"))
        else:
            lines = [("numbers", f"{v['n']}: an arrow in {v['n']}-D space", "accent"),
                     ("here", "this plane draws 2-number lists", "muted"),
                     ("length", f"√(sum of squares) = {num(v['length'], 3)}", "label")]
        out.append(S.text(left, 30, f"you typed {vec(self.last)}", "label", "start"))
        for i, (name, text, cls) in enumerate(lines):
            out.append(S.text(left, 66 + 34 * i, name, "small muted", "start"))
            out.append(S.text(left, 82 + 34 * i, text, f"small {cls}", "start"))
        if self.knobs["text"].error:
            out.append(S.text(left, 270, self.knobs["text"].error[:44], "small bad", "start"))
        return out

    def readouts(self):
        v = self.values()
        out = [{"label": "list", "value": vec(self.last)}, {"label": "numbers", "value": str(v["n"])}]
        if v["n"] == 2:
            out.append({"label": "tip", "value": f"({num(v['x'])}, {num(v['y'])})"})
        out.append({"label": "length", "value": num(v["length"], 3)})
        if self.knobs["text"].error:
            out.append({"label": "not read", "value": self.knobs["text"].error})
        return out

    def controls(self):
        return [self.knobs["text"].control()]
