"""Find tiny-shakespeare for the site: a given path, the shared copy, the cache, or a download.

The text is never committed. Whatever the source, its SHA-256 must match before
the build serves it.
"""

import hashlib
import os
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHA256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed"
CANONICAL = "https://raw.githubusercontent.com/karpathy/char-rnn/master/data/tinyshakespeare/input.txt"


def _verified(blob, where):
    if hashlib.sha256(blob).hexdigest() != SHA256:
        raise RuntimeError(f"tiny-shakespeare at {where} does not match its SHA-256 {SHA256}")
    return blob


def tinyshakespeare(cache_dir):
    """Return the verified bytes of tiny-shakespeare."""
    given = os.environ.get("MLMATH_DATA")
    for path in ([Path(given)] if given else []) + [ROOT.parent / "shared" / "data" / "tinyshakespeare.txt",
                                                     Path(cache_dir) / "tinyshakespeare.txt"]:
        if path.is_file():
            return _verified(path.read_bytes(), path)
    print("data: downloading tiny-shakespeare")
    try:
        with urllib.request.urlopen(CANONICAL, timeout=120) as response:
            blob = _verified(response.read(), CANONICAL)
    except OSError as exc:
        raise RuntimeError(f"tiny-shakespeare is not on this machine and could not be downloaded ({exc}); "
                           "set MLMATH_DATA to the path of a copy") from None
    Path(cache_dir).mkdir(parents=True, exist_ok=True)
    (Path(cache_dir) / "tinyshakespeare.txt").write_bytes(blob)
    return blob
