"""tiny-shakespeare for lessons: fetched from the site in the page, read from disk in CPython.

In the page, Python runs in a Web Worker, where a synchronous request is allowed,
so a cell can simply call `shakespeare()`. The text is read once and kept.
"""

import functools
import os
import sys
from pathlib import Path

# The site's root URL, in the page: set by the page's kernel (site/static/py/page_kernel.py),
# since a PyScript worker's own location is a blob: URL that says nothing about the site.
ROOT = None


def site_url(path):
    """The URL of a file of the site, such as "wgsl/matmul.wgsl", in the page."""
    import js

    return js.URL.new(path, ROOT).href


@functools.cache
def shakespeare():
    """The whole of tiny-shakespeare (1,115,394 characters, 65 distinct) as one string."""
    if sys.platform == "emscripten":
        import js

        request = js.XMLHttpRequest.new()
        request.open("GET", site_url("data/tinyshakespeare.txt"), False)
        request.send()
        if request.status != 200:
            raise OSError(f"could not load tiny-shakespeare from the site (HTTP {request.status})")
        return request.responseText
    root = Path(__file__).resolve().parents[2]
    for path in (os.environ.get("MLMATH_DATA"), root.parent / "shared" / "data" / "tinyshakespeare.txt",
                 root / ".cache" / "tinyshakespeare.txt"):
        if path and Path(path).is_file():
            return Path(path).read_text(encoding="utf-8")
    raise OSError("tiny-shakespeare not found: build the site once, or set MLMATH_DATA to a copy")
