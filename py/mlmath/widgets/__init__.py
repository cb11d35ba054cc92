"""Widgets for the lessons, and the page's registry of the ones mounted on it.

A lesson names a widget by its module: ```widget number_line mounts the class that
`widgets/number_line.py` registers under that name. Modules load on first use, so a
page imports only the widgets it shows. In the page, cells reach a mounted widget
with `widget("id")` to hand it their own functions or objects; the page redraws any
widget whose scene changed after a run.
"""

import importlib
import pkgutil

from .base import Widget

REGISTRY: dict[str, type[Widget]] = {}


def register(cls):
    REGISTRY[cls.name] = cls
    return cls


def create(name, config=None):
    if name not in REGISTRY:
        known = sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name != "base")
        if name not in known:
            raise KeyError(f"no widget named {name!r}; known widgets: {', '.join(known)}")
        importlib.import_module(f"{__name__}.{name}")
        if name not in REGISTRY:
            raise KeyError(f"widgets/{name}.py must register a Widget whose name is {name!r}")
    return REGISTRY[name](config)


# The page's mounted widgets, by the id the lesson gave them.
mounted: dict[str, Widget] = {}

# Set by the page's kernel: sends one widget's scene to the page at once (Widget.refresh).
publish = None


def widget(widget_id):
    """The widget mounted on this page under `widget_id`, for a cell to drive."""
    try:
        return mounted[widget_id]
    except KeyError:
        raise KeyError(f"this page has no widget with id {widget_id!r}; it has: {', '.join(mounted)}") from None

