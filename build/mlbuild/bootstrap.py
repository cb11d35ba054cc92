"""Set up what a fresh machine lacks: a project-local .venv with the pinned dependencies.

Standard library only: this runs under whatever python3 the newcomer has, before
any dependency exists, then re-executes the calling script inside the venv.
"""

import hashlib
import os
import subprocess
import sys
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv"
PYTHON = VENV / "bin" / "python"


def _requirements(extra):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return project["optional-dependencies"][extra]


def ensure_venv(extra):
    """Create .venv and install the `extra` dependency group, once per change of the pins."""
    wanted = _requirements(extra)
    stamp = VENV / f".installed-{extra}"
    digest = hashlib.sha256("\n".join(wanted).encode()).hexdigest()
    if stamp.exists() and stamp.read_text() == digest and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"setup: creating {VENV.relative_to(ROOT)}/")
        venv.EnvBuilder(with_pip=True).create(VENV)
    print(f"setup: installing {extra} dependencies: {' '.join(wanted)}")
    subprocess.run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *wanted],
                   check=True)
    stamp.write_text(digest)


def reexec_in_venv(extra):
    """Make sure the dependencies exist, then continue this script inside the venv."""
    ensure_venv(extra)
    if Path(sys.prefix).resolve() != VENV.resolve():
        os.execv(str(PYTHON), [str(PYTHON), *sys.argv])
