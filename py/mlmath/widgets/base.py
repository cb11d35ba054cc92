"""The contract every widget keeps, in the browser and at build time.

A widget owns its state and turns it into a *scene*: plain data (shapes in SVG
user units, readouts, form controls) that the page draws in one pass. Pointer and
keyboard input come back as small event dicts. Nothing here touches the DOM, so a
widget runs the same in CPython tests and in the page's Python worker.

Shapes (all coordinates in the widget's own width x height box):
  {"t": "line", "x1", "y1", "x2", "y2"}      {"t": "rect", "x", "y", "w", "h"}
  {"t": "circle", "cx", "cy", "r"}           {"t": "text", "x", "y", "s", "anchor"?}
  {"t": "path", "d"}                         {"t": "poly", "pts": [[x, y], ...]}
Any shape may carry "cls" (a CSS class) and "opacity" (fill opacity, 0 to 1, for
heatmaps; add class "nostroke" for cells without outlines); class "nofill" leaves a
rect or circle hollow, and "solid" fills a poly or path. A shape with "handle": name is draggable
and focusable; "label" names it for screen readers and "value" is announced.
The page patches shapes in place by their index in the list, so keep a handle at
the same index from one scene to the next (draw handles first, or keep the number
of shapes before them fixed): then a focused handle keeps keyboard focus.
"""

import math


class Widget:
    name = ""                 # the name lessons use: ```widget <name>
    width, height = 600, 200

    def __init__(self, config=None):
        config = dict(config or {})
        self.title = config.pop("title", "")
        self.goal = config.pop("goal", None)
        self.configure(config)

    def configure(self, config):
        """Read the widget's own options; complain about unknown ones so typos fail the build."""
        if config:
            raise ValueError(f"widget {self.name!r} takes no option(s) {sorted(config)}")

    # What the learner can change -------------------------------------------------
    def values(self):
        """The named numbers a goal is written against, e.g. {"a": -3, "b": 4}."""
        return {}

    def set_values(self, values):
        """Put the widget into a state; the build uses it to prove a goal reachable."""
        raise NotImplementedError(f"widget {self.name!r} cannot be set from values")

    def handle(self, event):
        """React to {"type": "drag", "handle", "x", "y"}, {"type": "key", "handle", "key"}
        or {"type": "input", "id", "value"}."""

    # What the learner sees ---------------------------------------------------------
    def shapes(self):
        return []

    def readouts(self):
        return []

    def controls(self):
        return []

    def refresh(self):
        """Redraw now, mid-run: for widgets fed by a long task (a training loop) rather than by events."""
        from . import publish
        if publish is not None:
            publish(self)

    def goal_met(self):
        if not self.goal:
            return False
        return bool(eval(self.goal["check"], {"abs": abs, "round": round, "min": min, "max": max},
                         dict(self.values())))

    def scene(self):
        return {
            "w": self.width, "h": self.height, "title": self.title,
            "shapes": self.shapes(), "readouts": self.readouts(), "controls": self.controls(),
            "goal": ({"text": self.goal["text"], "met": self.goal_met()} if self.goal else None),
        }


def arrow_step(key, fine=1.0, coarse=5.0):
    """How far an arrow key moves a handle: Shift-free keys step fine, PageUp/Down step coarse."""
    return {"ArrowRight": fine, "ArrowUp": fine, "ArrowLeft": -fine, "ArrowDown": -fine,
            "PageUp": coarse, "PageDown": -coarse}.get(key, 0.0)


# Checking an option's value, from a lesson's config or from set_values. One wording for
# every widget, naming the widget, the option and the bad value, so a typo in a lesson
# fails the build with a message that says what would have been accepted.
def one_of(widget, key, value, choices):
    if isinstance(value, bool) or value not in choices:  # bool: True == 1 would pass for a 1
        raise ValueError(f"{widget}: {key} must be one of {list(choices)}, not {value!r}")
    return value


def flag(widget, key, value):
    if not isinstance(value, bool):
        raise ValueError(f"{widget}: {key} must be true or false, not {value!r}")
    return value


def whole(widget, key, value, lo, hi):
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(f"{widget}: {key} must be a whole number from {lo} to {hi}, not {value!r}")
    return value


def number(widget, key, value, lo=-math.inf, hi=math.inf):
    """A finite int or float in [lo, hi], returned as given (an int stays an int)."""
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
            or not lo <= value <= hi):
        span = "a finite number" if (lo, hi) == (-math.inf, math.inf) else f"a number from {lo:g} to {hi:g}"
        raise ValueError(f"{widget}: {key} must be {span}, not {value!r}")
    return value
