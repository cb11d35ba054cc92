"""The dictionary that lesson m15-l01's widgets look things up in: 2-D keys, one number per
entry as its value, a letter per entry as its name, and the one-hot weights of argmax."""

import math

from ..numeric import argmax
from ..widgets.base import number

KEYS = [[2.0, 0.5], [-0.5, 2.0], [-1.5, -1.5]]


def pair(widget, what, value):
    ok = (isinstance(value, (list, tuple)) and len(value) == 2
          and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in value))
    if not ok:
        raise ValueError(f"{widget}: {what} must be a pair of numbers like [1.5, 0.5], not {value!r}")
    return [float(value[0]), float(value[1])]


def entries(widget, config):
    """Pop keys, values and names from a widget's config: (keys, values, names), checked."""
    keys = config.pop("keys", KEYS)
    if not isinstance(keys, list) or not 2 <= len(keys) <= 4:
        raise ValueError(f"{widget}: keys must be a list of 2 to 4 pairs")
    keys = [pair(widget, "each key", k) for k in keys]
    values = config.pop("values", [8, 2, 5][:len(keys)] + [0] * max(0, len(keys) - 3))
    if not isinstance(values, list) or len(values) != len(keys):
        raise ValueError(f"{widget}: values must be a list with one number per key")
    values = [number(widget, "each value", v) for v in values]
    names = config.pop("names", list("ABCD")[:len(keys)])
    if (not isinstance(names, list) or len(names) != len(keys) or len(set(names)) != len(names)
            or not all(isinstance(s, str) and len(s) == 1 and s.isalpha() for s in names)):
        raise ValueError(f"{widget}: names must be one distinct letter per key")
    return keys, values, names


def hard_weights(scores):
    """argmax as weights: 1 for the best score (the first on a tie), 0 for the rest."""
    win = argmax(scores)
    return [1.0 if i == win else 0.0 for i in range(len(scores))]
