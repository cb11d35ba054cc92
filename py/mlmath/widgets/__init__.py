"""The widget kit, and the registry of widgets the lessons mount.

Widgets live with their course module (`mlmath/m12/finite_diff_error.py`); this
package holds what they share: the contract (`base.py`), a plot with axes and ticks
(`plot.py`), a 2-D plane for vectors and linear maps (`plane.py`), one colour ramp
and the matrix, table and bar views (`views.py`), and controls with their keyboard
stepping (`controls.py`).

A lesson names a widget by its short name: ```widget finite_diff_error mounts the
class that `finite_diff_error.py`, in whichever module package holds it, registers
under that name. Modules load on first use, so a page imports only the widgets it
shows, and a page carries only the module packages its lessons use. In the page,
cells reach a mounted widget with `widget("id")` to hand it their own functions or
objects; the page redraws any widget whose scene changed after a run.
"""

import importlib
import pkgutil
import re

import mlmath

from .base import Widget

REGISTRY: dict[str, type[Widget]] = {}
MODULE_PACKAGE = re.compile(r"m\d\d$")


def register(cls):
    package, _, module = cls.__module__.rpartition(".")
    if MODULE_PACKAGE.search(package) and module != cls.name:
        raise ValueError(f"widget {cls.name!r} must live in a file named {cls.name}.py, not {module}.py")
    if cls.name in REGISTRY and REGISTRY[cls.name] is not cls:
        raise ValueError(f"two widgets are named {cls.name!r}: {REGISTRY[cls.name].__module__} and {cls.__module__}")
    REGISTRY[cls.name] = cls
    return cls


def module_packages():
    """The course-module packages present (in the page: those its lessons need)."""
    return sorted(m.name for m in pkgutil.iter_modules(mlmath.__path__) if MODULE_PACKAGE.match(m.name))


def widget_files():
    """{short name: module path} for every file in a course-module package; a name used twice is an error."""
    found = {}
    for package in module_packages():
        pkg = importlib.import_module(f"mlmath.{package}")
        for m in pkgutil.iter_modules(pkg.__path__):
            if m.name in found:
                raise ValueError(f"two files are named {m.name}.py: in mlmath.{found[m.name].split('.')[1]} "
                                 f"and mlmath.{package}; widget names must be unique across the course")
            found[m.name] = f"mlmath.{package}.{m.name}"
    return found


def load(name):
    """The widget class registered as `name`, importing its file on first use."""
    if name not in REGISTRY:
        files = widget_files()
        if name not in files:
            raise KeyError(f"no widget named {name!r}; known widgets: {', '.join(sorted(files))}")
        importlib.import_module(files[name])
        if name not in REGISTRY:
            raise KeyError(f"{files[name]} must register a Widget whose name is {name!r}")
    return REGISTRY[name]


def create(name, config=None):
    return load(name)(config)


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
