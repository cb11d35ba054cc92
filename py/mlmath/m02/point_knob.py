"""A knob for a point the learner drags in a plane: the handle of a point whose x and y
are two Sliders. Left and right arrows step x, up and down step y, PageUp/PageDown
step y coarsely, Home/End move x to its ends. Module 2's plane widgets share it (the
kit's Slider moves one number; a point in the plane needs two)."""

ARROWS = {"ArrowLeft": ("x", "ArrowLeft"), "ArrowRight": ("x", "ArrowRight"),
          "ArrowUp": ("y", "ArrowRight"), "ArrowDown": ("y", "ArrowLeft"),
          "PageUp": ("y", "PageUp"), "PageDown": ("y", "PageDown"),
          "Home": ("x", "Home"), "End": ("x", "End")}


class PointKnob:
    """Routes a point handle's keys to its two sliders; it has no value of its own (the
    sliders hold x and y), so values() and set_values() leave it alone."""

    def __init__(self, xs, ys):
        self.xs, self.ys = xs, ys

    def key(self, key):
        if key in ARROWS:
            which, k = ARROWS[key]
            (self.xs if which == "x" else self.ys).key(k)

    def set(self, raw):          # a point takes no typed value: drags reach it through drag()
        return False

    assign = set

    def move(self, x, y):
        self.xs.set(x)
        self.ys.set(y)
