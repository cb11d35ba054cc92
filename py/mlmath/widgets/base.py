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
A handle with "focus": true takes keyboard focus when the widget holds it, so in a list
whose keys move a selection, the focus (and what a screen reader reads) follows it.
The page patches shapes in place by their index in the list, so keep a handle at
the same index from one scene to the next (draw handles first, or keep the number
of shapes before them fixed): then a focused handle keeps keyboard focus.
shapes.py makes these dicts; plot.py, plane.py and views.py draw whole pictures.

Readouts: [{"label", "value"}], shown as "label = value" (a value alone if label is "").

Controls, drawn below the picture in list order, each with an "id" that its events carry:
  {"kind": "range", "id", "label", "min", "max", "step", "value", "display"?}
      a slider; "display" is the value as the learner should read it
  {"kind": "button", "id", "label", "disabled"?}      a click sends value None
  {"kind": "text", "id", "label", "value"}            a text box; every keystroke sends the text
  {"kind": "code", "id", "label", "tokens": [[cls, text], ...], "rows"?, "wrap"?, "follow"?}
      read-only code or log, coloured by the code cells' hl-* classes; follow keeps it scrolled down
  {"kind": "download", "id", "label", "filename", "data_url"}   a link that saves bytes the widget made
  {"kind": "file", "id", "label", "accept"?}          a file picker; sends {"name", "base64"}
controls.py keeps the state behind range, button and text controls (Slider, Choice,
Toggle, Button, Text): clamping, snapping and keyboard stepping, written once.

Events from the page:
  {"type": "drag", "handle", "x", "y"}   a handle dragged to (x, y) in the widget's box
  {"type": "key", "handle", "key"}       Arrow keys, PageUp, PageDown, Home, End, Enter on a handle
  {"type": "input", "id", "value"}       a control changed (a number, text, None for a click)
"""

import math


class Widget:
    name = ""                 # the name lessons use: ```widget <name>
    width, height = 600, 200

    def __init__(self, config=None):
        config = dict(config or {})
        self.title = config.pop("title", "")
        self.goal = config.pop("goal", None)
        self.knobs = {}       # id -> a knob from controls.py; events with that id or handle reach it
        self.configure(config)

    def configure(self, config):
        """Read the widget's own options; complain about unknown ones so typos fail the build."""
        if config:
            raise ValueError(f"widget {self.name!r} takes no option(s) {sorted(config)}")

    # What the learner can change -------------------------------------------------
    def values(self):
        """The named numbers a goal is written against, e.g. {"a": -3, "b": 4}: by default
        the value of every knob that has one."""
        return {k: knob.value for k, knob in self.knobs.items() if hasattr(knob, "value")}

    def set_values(self, values):
        """Put the widget into a state; the build uses it to prove a goal reachable.
        Knobs are set first; any other name must be a value the widget computes, and must
        then agree with it, so that set_values(values()) always round-trips."""
        computed = {}
        for key, v in values.items():
            knob = self.knobs.get(key)
            if knob is None or not hasattr(knob, "value"):
                computed[key] = v
            elif not knob.assign(v):
                raise ValueError(f"{self.name}: {key} cannot be set to {v!r}")
        now = self.values()
        for key, v in computed.items():
            if key not in now:
                settable = [k for k, kn in self.knobs.items() if hasattr(kn, "value")]
                raise KeyError(f"{self.name} cannot set {key!r}; it sets {', '.join(settable) or 'nothing'}")
            if now[key] != v and not (_is_nan(now[key]) and _is_nan(v)):   # "no value" agrees with itself
                raise ValueError(f"{self.name}: {key} is computed ({now[key]!r}), so it cannot be set to {v!r}")

    def handle(self, event):
        """Route one event from the page: a drag to drag(), a key or an input to the knob
        with that handle or id. Anything malformed is ignored: the page never breaks a widget."""
        kind = event.get("type")
        target = event.get("handle") if kind in ("drag", "key") else event.get("id")
        if kind == "drag":
            try:
                x, y = float(event["x"]), float(event["y"])
            except (KeyError, TypeError, ValueError):
                return
            if math.isfinite(x) and math.isfinite(y):
                self.drag(target, x, y)
            return
        knob = self.knobs.get(target)
        if knob is not None and kind == "key":
            knob.key(event.get("key"))
        elif knob is not None and kind == "input":
            knob.set(event.get("value"))

    def drag(self, handle, x, y):
        """A handle dragged to (x, y) in the widget's box: map it back to a knob's value."""

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


def _is_nan(v):
    return isinstance(v, float) and math.isnan(v)


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


def whole(widget, key, value, lo, hi, step=1):
    """A whole number in lo..hi; with `step`, one a slider stepping from lo can show."""
    if isinstance(value, bool) or not isinstance(value, int) or not lo <= value <= hi:
        raise ValueError(f"{widget}: {key} must be a whole number from {lo} to {hi}, not {value!r}")
    if (value - lo) % step:
        raise ValueError(f"{widget}: {key} must be {lo} plus a multiple of {step}, not {value!r}")
    return value


def number(widget, key, value, lo=-math.inf, hi=math.inf):
    """A finite int or float in [lo, hi], returned as given (an int stays an int)."""
    if (isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value)
            or not lo <= value <= hi):
        span = "a finite number" if (lo, hi) == (-math.inf, math.inf) else f"a number from {lo:g} to {hi:g}"
        raise ValueError(f"{widget}: {key} must be {span}, not {value!r}")
    return value


def distribution(widget, key, value, lo=2, hi=8):
    """lo to hi non-negative numbers adding up to 1, returned as floats."""
    if (not isinstance(value, list) or not lo <= len(value) <= hi
            or any(isinstance(p, bool) or not isinstance(p, (int, float)) or p < 0 for p in value)
            or abs(sum(value) - 1) > 1e-9):
        raise ValueError(f"{widget}: {key} must be {lo} to {hi} non-negative numbers adding up to 1, not {value!r}")
    return [float(p) for p in value]
