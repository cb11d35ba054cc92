"""axe-core over the catalog and every shipped lesson, with every step open: no serious
or critical violation. axe-core comes from its pinned npm tarball, verified by hash,
downloaded once into .cache/npm (a test tool: the site does not carry it)."""

import io
import json
import tarfile

import pytest

from conftest import SITE
from mlbuild.vendor import fetch

pytestmark = pytest.mark.browser

AXE = {"version": "4.14.1", "tarball": "https://registry.npmjs.org/axe-core/-/axe-core-4.14.1.tgz",
       "integrity": "sha512-FHfa+lmNjQZfJz1q8wKqIDwC6DExcHt/pkjNQb09a3NPjCKg2rhu5qb2S4r76ASyFNNtuFooJpZe37OgudVGtQ=="}
CATALOG = json.loads((SITE / "catalog.json").read_text()) if (SITE / "catalog.json").exists() else {"modules": []}
PAGES = ["index.html"] + [lesson["url"] for m in CATALOG["modules"] for lesson in m["lessons"]
                          if lesson["status"] == "shipped"]


@pytest.fixture(scope="module")
def axe_source():
    blob = fetch("axe-core", AXE, SITE.parent / ".cache" / "npm")
    with tarfile.open(fileobj=io.BytesIO(blob)) as tar:
        return tar.extractfile("package/axe.min.js").read().decode()


def violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    found = page.evaluate("""async () => (await axe.run(document, {resultTypes: ['violations']})).violations
        .filter(v => v.impact === 'serious' || v.impact === 'critical')
        .map(v => `${v.id} (${v.impact}) x${v.nodes.length}: ${v.nodes[0].target.join(' ')} ` +
                  `${(v.nodes[0].failureSummary || '').split('\\n').slice(0, 2).join(' ')}`)""")
    return found


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_or_critical_violation(watched, site_url, axe_source, path):
    page = watched.page
    page.goto(site_url + path)
    if path.startswith("lessons/"):
        page.evaluate("""() => {
            const data = JSON.parse(document.getElementById('lesson-data').textContent);
            const r = JSON.parse(localStorage.getItem('mlmath.progress'));
            r.lessons[data.key] = {gates: Object.fromEntries(data.steps.flat().map(g => [g, true])), done: true, updated: 1};
            localStorage.setItem('mlmath.progress', JSON.stringify(r));
        }""")
        page.reload()
        page.wait_for_function("document.querySelectorAll('svg.canvas > *').length > 0")
        for d in page.locator("details.deeper").all():
            d.evaluate("el => el.open = true")
    assert violations(page, axe_source) == []
