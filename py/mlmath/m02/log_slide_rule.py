"""A slide rule: two logarithmic scales, one sliding along the other. On a log scale the
distance from 1 to a number v is log v, so laying the lengths log a and log b end to end
reaches log a + log b = log(ab): sliding the rule multiplies.

The lower scale (1 to 10) slides; its 1 sits over a on the fixed upper scale (1 to 100).
The cursor sits at b on the sliding scale; the upper scale above it reads a × b.

    ```widget log_slide_rule
    id = "rule"
    a = 2
    b = 3
    ```

values(): a, b, product (a × b), lengths la and lb (log₁₀ a and log₁₀ b) and lsum.
"""

import math

from ..show import num
from ..widgets import register
from ..widgets import shapes as S
from ..widgets.base import Widget, number
from ..widgets.controls import Slider

LEFT, RIGHT = 30, 570
UNIT = (RIGHT - LEFT) / 2          # pixels per decade: the fixed scale runs 1 to 100
TOP_Y, SLIDE_Y = 70, 110


def px(v):
    return LEFT + UNIT * math.log10(v)


@register
class LogSlideRule(Widget):
    name = "log_slide_rule"
    width, height = 600, 220

    def configure(self, config):
        a = number(self.name, "a", config.pop("a", 2), 1, 10)
        b = number(self.name, "b", config.pop("b", 3), 1, 10)
        super().configure(config)
        self.knobs["a"] = Slider("a", "slide the rule: its 1 sits over a", 1, 10, 0.1, a)
        self.knobs["b"] = Slider("b", "cursor at b on the sliding scale", 1, 10, 0.1, b)

    def values(self):
        a, b = self.knobs["a"].value, self.knobs["b"].value
        la, lb = math.log10(a), math.log10(b)
        return {"a": a, "b": b, "product": a * b, "la": la, "lb": lb, "lsum": la + lb}

    def drag(self, handle, x, y):
        if handle == "a":
            self.knobs["a"].set(10 ** min(max((x - LEFT) / UNIT, 0), 1))
        elif handle == "b":
            shift = px(self.knobs["a"].value) - LEFT
            self.knobs["b"].set(10 ** min(max((x - shift - LEFT) / UNIT, 0), 1))

    def shapes(self):
        v = self.values()
        a, b = v["a"], v["b"]
        shift = px(a) - LEFT
        cx = px(a * b)
        out = [S.handle(S.rect(shift + LEFT - 8, SLIDE_Y - 4, 16, 30, "accent solid", opacity=0.5), "a",
                        "the sliding scale, by its 1", f"its 1 over {num(a, 1)}"),
               S.handle(S.circle(cx, SLIDE_Y + 44, 8, "accent3"), "b", "the cursor, at b on the sliding scale",
                        f"b = {num(b, 1)}, reads {num(a * b, 2)}")]
        # the fixed scale, 1 to 100
        out.append(S.line(LEFT, TOP_Y, RIGHT, TOP_Y, "axis"))
        for decade in (1, 10):
            for m in range(1, 10):
                v_ = m * decade
                out.append(S.line(px(v_), TOP_Y - (10 if m == 1 else 6), px(v_), TOP_Y, "tick"))
                if m in (1, 2, 3, 5) or decade == 1:
                    out.append(S.text(px(v_), TOP_Y - 14, str(v_), "small"))
        out.append(S.line(px(100), TOP_Y - 10, px(100), TOP_Y, "tick"))
        out.append(S.text(px(100), TOP_Y - 14, "100", "small"))
        # the sliding scale, 1 to 10, shifted so its 1 sits over a
        out.append(S.rect(shift + LEFT, SLIDE_Y, UNIT, 22, "muted nofill"))
        for m in range(1, 11):
            x = shift + px(m)
            out.append(S.line(x, SLIDE_Y, x, SLIDE_Y + 8, "tick"))
            out.append(S.text(x, SLIDE_Y + 19, str(m), "small"))
        # the cursor line through both scales
        out.append(S.line(cx, TOP_Y - 24, cx, SLIDE_Y + 34, "accent3"))
        # the lengths: log a then log b, end to end
        y = SLIDE_Y + 62
        out.append(S.line(LEFT, y, px(a), y, "accent"))
        out.append(S.line(px(a), y + 6, cx, y + 6, "accent2"))
        out.append(S.text((LEFT + px(a)) / 2, y + 18, f"log a = {num(v['la'], 3)}", "small accent", ))
        out.append(S.text((px(a) + cx) / 2, y + 24, f"log b = {num(v['lb'], 3)}", "small accent2"))
        out.append(S.text(cx, TOP_Y - 28, f"{num(a * b, 2)}", "label accent3"))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "a × b", "value": f"{num(v['a'], 1)} × {num(v['b'], 1)} = {num(v['product'], 2)}"},
                {"label": "log a + log b", "value": f"{num(v['la'], 4)} + {num(v['lb'], 4)} = {num(v['lsum'], 4)}"},
                {"label": "log (a × b)", "value": num(math.log10(v["product"]), 4)}]

    def controls(self):
        return [self.knobs["a"].control(), self.knobs["b"].control()]
