"""Browser fixtures: the built site served locally, and a real headless Chromium driving it.

Every page a test opens records console errors, uncaught page errors and any
request to a host other than the local server, so tests can assert there are none.
"""

import io
import os
import shutil
import sys
import tarfile
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("MLMATH_SITE", ROOT / "_site"))   # another built site, to test one lesson alone
sys.path.insert(0, str(ROOT))

from serve import make_server  # noqa: E402
from mlbuild.vendor import fetch  # noqa: E402

CHROMIUM_ARGS = ["--no-sandbox", "--enable-unsafe-webgpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture(scope="session")
def site_url():
    if not (SITE / "index.html").exists():
        pytest.fail("_site/ is not built: run the tests through `python3 run_tests.py`")
    server = make_server(SITE, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def playwright():
    """One Playwright for the whole run: its sync API cannot be started twice in a process."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


def launch(playwright, args=CHROMIUM_ARGS):
    """$CHROMIUM (set by run_tests.py), else a system chromium, else Playwright's own build."""
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    return playwright.chromium.launch(executable_path=chromium or None, args=args)


@pytest.fixture(scope="session")
def browser(playwright):
    browser = launch(playwright)
    yield browser
    browser.close()


class Watched:
    """A page plus what went wrong on it."""

    def __init__(self, context, site_url):
        self.context = context
        self.page = context.new_page()
        self.errors, self.foreign = [], []
        host = urlparse(site_url).netloc
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: urlparse(r.url).scheme in ("http", "https")
                     and urlparse(r.url).netloc != host and self.foreign.append(r.url))

    def assert_clean(self):
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.foreign == [], f"requests to other hosts: {self.foreign}"


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    yield context
    context.close()


@pytest.fixture
def watched(context, site_url):
    return Watched(context, site_url)


def wait_for_python(page, timeout=90_000):
    page.wait_for_selector('.kernel[data-state="ready"]', timeout=timeout)


# axe-core, the accessibility checker, from its pinned npm tarball verified by hash, downloaded
# once into .cache/npm (a test tool: the site does not carry it).
AXE = {"version": "4.14.1", "tarball": "https://registry.npmjs.org/axe-core/-/axe-core-4.14.1.tgz",
       "integrity": "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="}


@pytest.fixture(scope="session")
def axe_source():
    blob = fetch("axe-core", AXE, ROOT / ".cache" / "npm")
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        return tar.extractfile("package/axe.min.js").read().decode()


def serious_violations(page, axe_source):
    """axe-core's serious and critical findings on the page as it stands, one line each."""
    page.add_script_tag(content=axe_source)
    return page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id} (${v.impact}) x${v.nodes.length}: ${v.nodes[0].target.join(' ')} ` +
                  `${(v.nodes[0].failureSummary || '').split('\\n').slice(0, 2).join(' ')}`)""")
