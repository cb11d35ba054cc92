"""Bring the browser runtime into the site from pinned npm tarballs, verified by hash.

Each tarball is downloaded once into .cache/npm and checked against the npm
registry's `integrity` (SRI sha512) before a single file is used, so the site
serves exactly the bytes the lock file names and never asks another host.
"""

import base64
import fnmatch
import hashlib
import io
import json
import tarfile
import urllib.request
from pathlib import Path

LOCK = Path(__file__).resolve().parents[1] / "vendor.lock.json"


def _sri_ok(blob, integrity):
    algo, _, digest = integrity.partition("-")
    return base64.b64encode(hashlib.new(algo, blob).digest()).decode() == digest


def fetch(name, entry, cache_dir):
    """Return the verified tarball bytes, downloading only when the cache lacks them."""
    path = Path(cache_dir) / f"{name}-{entry['version']}.tgz"
    if path.exists() and _sri_ok(path.read_bytes(), entry["integrity"]):
        return path.read_bytes()
    print(f"vendor: downloading {name} {entry['version']}")
    with urllib.request.urlopen(entry["tarball"], timeout=120) as response:
        blob = response.read()
    if not _sri_ok(blob, entry["integrity"]):
        raise RuntimeError(f"vendor: {name} {entry['version']} does not match its integrity hash in {LOCK.name}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blob)
    return blob


def vendor(site_dir, cache_dir):
    """Copy each locked package's listed files into the site; return the lock for the pages."""
    lock = json.loads(LOCK.read_text())
    for name, entry in lock.items():
        dest = Path(site_dir) / entry["dest"]
        with tarfile.open(fileobj=io.BytesIO(fetch(name, entry, cache_dir))) as tar:
            for member in tar.getmembers():
                inner = member.name.removeprefix("package/")
                if member.isfile() and any(fnmatch.fnmatch(inner, pattern) for pattern in entry["files"]):
                    target = dest / inner.removeprefix("dist/")
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(tar.extractfile(member).read())
    return lock
