"""Scaling attention scores, as lesson m15-l02's widgets offer it: d_k on a slider over a list
of dimensions, and the divisor c of q·k (1, √d_k or d_k) picked with three chips."""

import math

from ..show import fixed
from ..widgets import shapes as S
from ..widgets.base import flag, one_of
from ..widgets.controls import Choice

DIVISORS = ("none", "sqrt", "dk")
CHIP_TEXT = {"none": "\u00f7 1", "sqrt": "\u00f7 \u221ad\u2096", "dk": "\u00f7 d\u2096"}
CHIP_SAID = {"none": "divide by 1 (no scaling)", "sqrt": "divide by the square root of d k", "dk": "divide by d k"}


def divisor(div, dk):
    return {"none": 1.0, "sqrt": math.sqrt(dk), "dk": float(dk)}[div]


class ScaledScores:
    """The d_k and divisor knobs read as numbers, for a widget whose knobs come from scale_knobs."""

    @property
    def dk(self):
        return self.knobs["dk"].value

    @property
    def div(self):
        return self.knobs["div"].value

    @property
    def c(self):
        return divisor(self.div, self.dk)


def scale_knobs(widget, config, dks, dk):
    """Pop dk, divisor and divisors (show the chips?) from a config: (knobs, chips shown)."""
    dk = one_of(widget, "dk", config.pop("dk", dk), dks)
    div = one_of(widget, "divisor", config.pop("divisor", "none"), DIVISORS)
    chips = flag(widget, "divisors", config.pop("divisors", False))
    return {"dk": Choice("dk", "dimension d\u2096", dks, dk), "div": Choice("div", "divisor", DIVISORS, div)}, chips


def c_text(div, dk):
    return {"none": "1", "sqrt": f"\u221a{dk} = {fixed(divisor(div, dk), 2)}", "dk": str(dk)}[div]


def chip_event(knob, event):
    """A click or Enter on a divisor chip (handle "div:<name>") picks it; arrows move along
    the row. False if the event was not on a chip."""
    handle = str(event.get("handle", ""))
    if not handle.startswith("div:") or handle[4:] not in DIVISORS:
        return False
    if event.get("type") == "drag" or event.get("key") in ("Enter", " "):
        knob.assign(handle[4:])
    elif event.get("type") == "key":
        knob.key(event.get("key"))
    return True


def chips(div, y):
    """(chip, its text) for each divisor, in a row at height y; the chosen one is selected."""
    out = []
    for i, d in enumerate(DIVISORS):
        x, on = 150 + i * 110, d == div
        chip = S.handle(S.rect(x, y, 96, 26, "node selected" if on else "node", rx=5), f"div:{d}",
                        CHIP_SAID[d] + (" (chosen)" if on else ""), "chosen" if on else "not chosen")
        out.append((chip, S.text(x + 48, y + 18, CHIP_TEXT[d], "label accent" if on else "label")))
    return out
