"""Every widget module, imported once so each class registers itself. One line per module."""

from . import number_line  # noqa: F401
from . import expression_graph  # noqa: F401
