"""Set up the test dependencies and run the whole suite: `python3 run_tests.py [pytest args]`.

Finds a Chromium for the browser tests: $CHROMIUM if set, else `chromium` on PATH,
else Playwright's own build (downloaded once by `playwright install chromium`).
Builds the site into _site/ first, since the browser tests drive the built site.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "build"), str(ROOT / "py")]

from mlbuild.bootstrap import reexec_in_venv  # noqa: E402


def find_chromium():
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    print("tests: no system Chromium; installing Playwright's own")
    subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=True)
    return ""   # empty: Playwright uses the browser it just installed


def main():
    reexec_in_venv("test")
    os.environ["CHROMIUM"] = find_chromium()
    from mlbuild.site import BuildError, build

    try:
        build(ROOT / "_site")
    except BuildError as exc:
        sys.exit(f"build failed: {exc}")
    sys.exit(subprocess.call([sys.executable, "-m", "pytest", *sys.argv[1:]], cwd=ROOT))


if __name__ == "__main__":
    main()
