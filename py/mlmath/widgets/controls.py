"""Knobs: the state behind a widget's controls and handles, with one way to read an
event, clamp, snap and step by keyboard. `set` takes what the page sends (for a Choice,
a slider position); `assign` takes a value as values() reports it (for a Choice, the
option), and is what set_values and a widget's own code use. A widget keeps its knobs in `self.knobs`
(a dict by id); Widget.handle routes events to them, Widget.values/set_values read
and write them, and a knob's `control()` is the form control the page draws.

    self.knobs = {"h": Slider("h", "step h", -8, 0, 0.25, -1, fmt=lambda v: sci(10 ** v))}
    def controls(self): return [self.knobs["h"].control()]

The same knob can also be a handle in the picture: give the shape `handle="h"` and
arrows, PageUp/PageDown, Home and End move it, while Widget.drag maps a drag.

A point dragged in a plane is two Sliders joined by a `Point` knob, the handle's id:
its arrows step x (left, right) and y (up, down).

Keys: ArrowRight/ArrowUp step up, ArrowLeft/ArrowDown step down, PageUp/PageDown
step by `coarse`, Home/End go to the ends. A value from the page that is not a
number, or a choice that does not exist, is ignored (the learner's last good value
stays); set_values, used by the build, raises instead.
"""

import math

from ..show import num

STEPS = {"ArrowRight": 1, "ArrowUp": 1, "ArrowLeft": -1, "ArrowDown": -1}
PAGES = {"PageUp": 1, "PageDown": -1}


class Slider:
    """A number in lo..hi on a grid of `step` from lo. An arrow key moves it by `fine`
    (default: one step), for a grid finer than a keyboard step should be."""

    def __init__(self, id, label, lo, hi, step, value, fmt=None, coarse=None, fine=None):
        self.id, self.label, self.lo, self.hi, self.step = id, label, lo, hi, step
        self.fmt = fmt or (lambda v: num(v, max(0, -math.floor(math.log10(step) + 1e-9))))
        self.coarse = coarse or max(step, (hi - lo) / 10)
        self.fine = fine or step
        self.value = self.snap(value)

    def snap(self, v):
        v = self.lo + round((v - self.lo) / self.step) * self.step
        v = round(min(max(v, self.lo), self.hi), 12)
        return int(v) if isinstance(self.step, int) and isinstance(self.lo, int) else v

    def set(self, raw):
        """Take a value from the page; False (and no change) if it is not a finite number."""
        try:
            v = float(raw)
        except (TypeError, ValueError):
            return False
        if not math.isfinite(v) or isinstance(raw, bool):
            return False
        self.value = self.snap(v)
        return True

    assign = set   # a value from values() means the same as one from the page

    def key(self, key):
        if key in STEPS:
            self.value = self.snap(self.value + STEPS[key] * self.fine)
        elif key in PAGES:
            self.value = self.snap(self.value + PAGES[key] * self.coarse)
        elif key in ("Home", "End"):
            self.value = self.snap(self.lo if key == "Home" else self.hi)

    def control(self):
        return {"kind": "range", "id": self.id, "label": self.label, "min": self.lo, "max": self.hi,
                "step": self.step, "value": self.value, "display": self.fmt(self.value)}


class Choice:
    """One of a list of options, shown as a slider over their positions (a choice slider)."""

    def __init__(self, id, label, options, value, fmt=str):
        self.id, self.label, self.options, self.fmt = id, label, list(options), fmt
        if value not in self.options:
            raise ValueError(f"{id} must be one of {self.options}, not {value!r}")
        self.index = self.options.index(value)

    @property
    def value(self):
        return self.options[self.index]

    def set(self, raw):
        """Take a slider position from the page."""
        try:
            i = float(raw)
        except (TypeError, ValueError):
            return False
        if isinstance(raw, bool) or i != int(i) or not 0 <= i < len(self.options):
            return False
        self.index = int(i)
        return True

    def assign(self, option):
        """Take an option itself, as values() reports it (from set_values or a widget's code)."""
        if isinstance(option, bool) or option not in self.options:
            return False
        self.index = self.options.index(option)
        return True

    def key(self, key):
        last = len(self.options) - 1
        step = STEPS.get(key, 0) + PAGES.get(key, 0) * max(1, len(self.options) // 4)
        self.index = {"Home": 0, "End": last}.get(key, min(max(self.index + step, 0), last))

    def control(self):
        return {"kind": "range", "id": self.id, "label": self.label, "min": 0, "max": len(self.options) - 1,
                "step": 1, "value": self.index, "display": self.fmt(self.value)}


class Toggle:
    """On or off, shown as a button whose label says what a click will do."""

    def __init__(self, id, on_label, off_label, value=False):
        self.id, self.on_label, self.off_label, self.value = id, on_label, off_label, bool(value)

    def set(self, raw):
        """A click (value None) flips it."""
        if raw is None:
            self.value = not self.value
            return True
        return self.assign(raw)

    def assign(self, value):
        if not (isinstance(value, bool) or value in (0, 1)):
            return False
        self.value = bool(value)
        return True

    def key(self, key):
        if key in ("Enter", " "):
            self.value = not self.value

    def control(self):
        return {"kind": "button", "id": self.id, "label": self.off_label if self.value else self.on_label}


class Button:
    """An action: a click calls `action()`; there is no value to read."""

    def __init__(self, id, label, action, disabled=False):
        self.id, self.label, self.action, self.disabled = id, label, action, disabled

    def set(self, raw):
        if not self.disabled:
            self.action()
        return True

    def key(self, key):
        if key in ("Enter", " "):
            self.set(None)

    def control(self):
        return {"kind": "button", "id": self.id, "label": self.label, "disabled": self.disabled}


class Text:
    """A line of text the learner types; `parse` (text -> value, raising ValueError with a
    message for the learner) turns it into the value, and `error` holds the last complaint.
    `limit` cuts longer text to that many characters, so the box shows what the widget uses."""

    def __init__(self, id, label, text, parse=str, limit=None):
        self.id, self.label, self.parse, self.error, self.limit = id, label, parse, "", limit
        self.text, self.value = text, parse(text)

    def set(self, raw):
        self.text = ("" if raw is None else str(raw))[:self.limit]
        try:
            self.value, self.error = self.parse(self.text), ""
        except ValueError as exc:
            self.error = str(exc)
            return False
        return True

    assign = set   # a value from values() means the same as one from the page

    def key(self, key):
        pass

    def control(self):
        return {"kind": "text", "id": self.id, "label": self.label, "value": self.text}



class Point:
    """A point's handle over two Sliders that hold its x and y: left and right arrows step x,
    up and down (and PageUp/PageDown) step y, Home/End move x to its ends, or with `home`
    Home puts the point back there. It has no value of its own, so values() and
    set_values() read the sliders; a drag calls move()."""

    ARROWS = {"ArrowLeft": ("x", "ArrowLeft"), "ArrowRight": ("x", "ArrowRight"),
              "ArrowUp": ("y", "ArrowRight"), "ArrowDown": ("y", "ArrowLeft"),
              "PageUp": ("y", "PageUp"), "PageDown": ("y", "PageDown"),
              "Home": ("x", "Home"), "End": ("x", "End")}

    def __init__(self, xs, ys, home=None):
        self.xs, self.ys, self.home = xs, ys, home

    def key(self, key):
        if key == "Home" and self.home:
            self.move(*self.home)
        elif key in self.ARROWS:
            which, k = self.ARROWS[key]
            (self.xs if which == "x" else self.ys).key(k)

    def set(self, raw):          # a point takes no typed value: drags reach it through move()
        return False

    assign = set

    def move(self, x, y):
        self.xs.set(x)
        self.ys.set(y)
