"""Import every widget module in this package once, so each class registers itself.

Discovery, not a hand-kept list: a new widget is one new file, and authors working
on different lessons never edit the same line.
"""

import importlib
import pkgutil

from . import __path__ as _here, __name__ as _package

for _module in pkgutil.iter_modules(_here):
    if _module.name not in ("base", "catalogue"):
        importlib.import_module(f"{_package}.{_module.name}")
