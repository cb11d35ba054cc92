"""One loss, three scales: nats, bits, and perplexity.

Slide the loss (a cross-entropy in nats, as training code reports it) or drag the point
along the curve. Bits are nats divided by ln 2; perplexity is e to the nats (2 to the
bits): the number of equally likely choices that would leave you exactly this surprised.
The plot draws perplexity against the loss on a log axis, with two alphabets marked: a
uniform guess over tiny-shakespeare's 65 characters, and over Shannon's 27 symbols.

    ```widget loss_unit_converter
    id = "units"
    loss = 1.0
    goal = { text = "...", check = "abs(perplexity - 65) < 0.4", solution = { loss = 4.17 } }
    ```

values(): loss (nats), bits, perplexity.
"""

import math

from ..show import num
from ..widgets import register
from ..widgets.base import Widget, number
from ..widgets.controls import Slider
from ..widgets.plot import Plot

LO, HI = 0.0, 6.0


@register
class LossUnitConverter(Widget):
    name = "loss_unit_converter"
    width, height = 600, 300

    def configure(self, config):
        loss = number(self.name, "loss", config.pop("loss", 1.0), LO, HI)
        super().configure(config)
        self.knobs = {"loss": Slider("loss", "loss (nats)", LO, HI, 0.01, loss, coarse=0.25)}
        self.plot = Plot((LO, HI), (1, 500), (60, 30, 584, 256), ylog=True,
                         yfmt=lambda v: num(v, 0))

    def values(self):
        L = self.knobs["loss"].value
        return {"loss": L, "bits": L / math.log(2), "perplexity": math.exp(L)}

    def drag(self, handle, x, y):
        if handle == "loss":
            self.knobs["loss"].set(self.plot.x.value(x))

    def shapes(self):
        pl, v = self.plot, self.values()
        left, top, right, bottom = pl.box
        out = [pl.handle("loss", v["loss"], v["perplexity"], "the loss, on the perplexity curve",
                         f"{num(v['loss'], 2)} nats, perplexity {num(v['perplexity'], 1)}"),
               *pl.frame("loss (nats)", "perplexity", xticks=7, yticks=[1, 10, 100])]
        for k, cls in ((65, "accent3"), (27, "muted")):
            out.append(pl.segment(LO, k, HI, k, cls))
            # at the left end: the curve crosses these lines at the right (ln 27, ln 65)
            out.append(pl.text(LO, k, f"{k} equally likely choices", "small", "start", dx=10, dy=-4))
        out.append(pl.curve(math.exp, "accent"))
        out.append(pl.segment(v["loss"], 1, v["loss"], v["perplexity"], "accent2"))
        # a bits scale along the top, so one position reads in both units
        for b in range(0, 9):
            x = pl.x(b * math.log(2))
            if x <= right:
                out.append(pl.text(b * math.log(2), 500, f"{b}", "small", dy=-8))
        out.append(pl.text(LO, 500, "bits:", "small", "end", dx=-10, dy=-8))
        return out

    def readouts(self):
        v = self.values()
        return [{"label": "nats", "value": num(v["loss"], 2)},
                {"label": "bits (nats ÷ ln 2)", "value": num(v["bits"], 3)},
                {"label": "perplexity (e^nats = 2^bits)", "value": num(v["perplexity"], 2)}]

    def controls(self):
        return [self.knobs["loss"].control()]
