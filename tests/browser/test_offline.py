"""The service worker (site/static/coi.js): offline after the first visit, updates
between builds applied at the next load, corrupted cache entries refetched."""

import json
import shutil
import sys
import threading
import time

import pytest

from conftest import ROOT, SITE, Watched, wait_for_python
from serve import make_server

sys.path.insert(0, str(ROOT / "build"))
from mlbuild.site import write_manifest  # noqa: E402

pytestmark = pytest.mark.browser
LESSON = "m01-l01"


class Served:
    """A copy of the built site on its own server, which a test can change or switch off."""

    def __init__(self, tmp_path):
        self.dir = tmp_path / "site"
        shutil.copytree(SITE, self.dir)
        self.server = make_server(self.dir, 0)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.port}/"

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def served(tmp_path):
    s = Served(tmp_path)
    yield s
    s.stop()


def cache_status(page):
    return page.evaluate("window.siteCache.status()")


def wait_cached(page, path, timeout=120):
    end = time.time() + timeout
    while time.time() < end:
        status = cache_status(page)
        if status["runtimeComplete"] and path in status["cached"]:
            return status
        time.sleep(0.5)
    raise AssertionError(f"the cache never held the runtime and {path}: {cache_status(page)}")


def open_all_steps(page):
    page.evaluate("""() => {
        const r = JSON.parse(localStorage.getItem('mlmath.progress'));
        const data = JSON.parse(document.getElementById('lesson-data').textContent);
        r.lessons[data.key] = {gates: Object.fromEntries(data.steps.flat().map(g => [g, true])), done: true, updated: 1};
        localStorage.setItem('mlmath.progress', JSON.stringify(r));
    }""")


def run_cell(page, code):
    cell = page.locator(".cell").first
    run = cell.locator("button.run")
    page.wait_for_function("el => !el.disabled", arg=run.element_handle(), timeout=90_000)
    cell.locator("textarea").fill(code)
    run.click()
    page.wait_for_function("el => !el.disabled", arg=run.element_handle(), timeout=90_000)
    return cell.locator(".out").inner_text()


DRAG = """async () => {
  const handle = document.querySelector("section.step:not([hidden]) figure.widget [data-handle]");
  const id = handle.closest("figure").dataset.widget;
  const { kernel, views } = window.mlmath;
  const scene = await kernel.event(id, { type: "drag", handle: handle.dataset.handle, x: views[id].scene.w / 3, y: 10 });
  return scene !== null && typeof scene === "object";
}"""


def test_a_visited_lesson_opens_and_runs_offline(browser, served):
    context = browser.new_context()
    watched = Watched(context, served.url)
    page = watched.page
    page.goto(served.url + f"lessons/{LESSON}.html")
    wait_for_python(page)
    open_all_steps(page)
    wait_cached(page, f"lessons/{LESSON}.html")
    served.stop()
    context.set_offline(True)
    page.reload()
    wait_for_python(page)
    assert page.evaluate("self.crossOriginIsolated") is True
    assert run_cell(page, "x = 6 * 7\nx").strip() == "42"
    assert page.evaluate(DRAG)
    page.evaluate("""() => { window.mlmath.record.lessons['m01-l01'].updated = 12345;
                             localStorage.setItem('mlmath.progress', JSON.stringify(window.mlmath.record)); }""")
    out = run_cell(page, "import numpy")
    assert "numpy" in out and "offline" in out, out
    assert len([line for line in out.strip().splitlines() if line.strip()]) == 1, out
    page.reload()
    wait_for_python(page)
    record = json.loads(page.evaluate("localStorage.getItem('mlmath.progress')"))
    assert record["lessons"][LESSON]["updated"] == 12345
    assert watched.foreign == [], watched.foreign
    context.close()


def test_an_unvisited_lesson_offline_says_so(browser, served):
    context = browser.new_context()
    page = context.new_page()
    page.goto(served.url + f"lessons/{LESSON}.html")
    wait_for_python(page)
    wait_cached(page, f"lessons/{LESSON}.html")
    status = cache_status(page)
    unvisited = next(p for p in json.loads((served.dir / "sw-manifest.json").read_text())["files"]
                     if p.startswith("lessons/") and p not in status["cached"])
    served.stop()
    context.set_offline(True)
    page.goto(served.url + unvisited)
    assert "You are offline" in page.locator("h1").inner_text()
    page.goto(served.url + "index.html")   # the catalog is part of the runtime
    assert page.locator(".module").count() == 18
    context.close()


def test_an_update_is_announced_and_applied_at_the_next_load(browser, served):
    context = browser.new_context()
    watched = Watched(context, served.url)
    page = watched.page
    url = served.url + f"lessons/{LESSON}.html"
    page.goto(url)
    wait_for_python(page)
    open_all_steps(page)
    first = wait_cached(page, f"lessons/{LESSON}.html")["current"]

    css = served.dir / "css" / "site.css"
    css.write_text(css.read_text() + "\n/* build two */\n")
    second = write_manifest(served.dir)
    assert second != first

    page.reload()   # this load still runs the first build; its version check fetches the second
    wait_for_python(page)
    page.wait_for_selector(".update-ready", timeout=60_000)
    assert "update" in page.locator(".update-ready").inner_text()
    assert "build two" not in page.evaluate("fetch('../css/site.css').then(r => r.text())")
    assert cache_status(page)["pending"] == second

    page.reload()   # the next load applies it
    wait_for_python(page)
    assert "build two" in page.evaluate("fetch('../css/site.css').then(r => r.text())")
    status = cache_status(page)
    assert status["current"] == second and status["pending"] is None
    record = json.loads(page.evaluate("localStorage.getItem('mlmath.progress')"))
    assert record["lessons"][LESSON]["done"] is True   # progress survives the update
    page.evaluate("window.siteCache.sync()")   # at idle time the first build's cache goes
    builds = [name for name in page.evaluate("caches.keys()") if name.startswith("mlmath-v-")]
    assert builds == [f"mlmath-v-{second}"]
    assert watched.foreign == []
    context.close()


CORRUPT = """async ([version, path]) => {
  const url = new URL("../" + path, location.href).href;
  const cache = await caches.open("mlmath-v-" + version);
  const good = await cache.match(url);
  const headers = new Headers(good.headers);   // the right hash recorded, the wrong bytes
  await cache.put(url, new Response("throw new Error('corrupted');", { headers }));
}"""


def test_a_corrupted_entry_is_refetched_not_served(browser, served):
    context = browser.new_context()
    watched = Watched(context, served.url)
    page = watched.page
    page.goto(served.url + f"lessons/{LESSON}.html")
    wait_for_python(page)
    version = wait_cached(page, f"lessons/{LESSON}.html")["current"]
    page.evaluate(CORRUPT, [version, "js/cells.js"])
    page.reload()
    wait_for_python(page)
    served_text = page.evaluate("fetch('../js/cells.js').then(r => r.text())")
    assert served_text == (served.dir / "js" / "cells.js").read_text()
    assert not any("corrupted" in e for e in watched.errors), watched.errors
    context.close()


def test_the_next_lesson_is_fetched_while_reading(browser, served):
    """At idle time the next lesson's page (and the Python packages, part of the runtime) are
    cached, so "Next" opens from the cache: here with the server gone."""
    context = browser.new_context()
    watched = Watched(context, served.url)
    page = watched.page
    page.goto(served.url + f"lessons/{LESSON}.html")
    wait_for_python(page)
    nxt = page.locator("a[rel=next]").get_attribute("href")
    status = wait_cached(page, f"lessons/{nxt}")
    assert all(f"py/{name}.zip" in status["cached"] for name in
               json.loads(page.locator("#lesson-data").text_content())["packages"])
    served.stop()
    context.set_offline(True)
    page.locator("a[rel=next]").click()
    page.wait_for_url(f"**/lessons/{nxt}")
    wait_for_python(page)
    assert page.locator(".kernel").inner_text() == "Python ready"
    assert watched.foreign == []
    context.close()


def test_a_memory_snapshot_is_restored_and_a_corrupted_one_is_not(browser, served):
    """A returning visit saves a Pyodide memory snapshot; the next load restores it and
    cells run as before. A snapshot whose bytes do not match its hash is dropped."""
    context = browser.new_context()
    watched = Watched(context, served.url)
    page = watched.page
    page.goto(served.url + f"lessons/{LESSON}.html")
    wait_for_python(page)
    open_all_steps(page)
    page.reload()   # controlled by the service worker now: a returning visit
    wait_for_python(page)
    assert page.evaluate("window.mlmath.kernel.snapshotting") == {"done": "made"}
    page.reload()
    wait_for_python(page)
    assert page.evaluate("window.mlmath.kernel.bootPhases.snapshot") is True
    assert run_cell(page, "x = 6 * 7\nx").strip() == "42"
    out = run_cell(page, "import fractions\nprint(fractions.Fraction(1, 3))\n1 / 0")
    assert out.startswith("1/3") and "ZeroDivisionError" in out and "mlmath" not in out, out
    assert page.evaluate("""async () => {
        const cache = await caches.open("mlmath-snapshot");
        const [key] = await cache.keys();
        const good = await cache.match(key);
        const bytes = new Uint8Array(await good.arrayBuffer());
        bytes[bytes.length >> 1] ^= 0xff;
        await cache.put(key, new Response(bytes, { headers: good.headers }));
        return true;
    }""")
    page.add_init_script("navigator.serviceWorker && Object.defineProperty(navigator.serviceWorker, 'controller', {get: () => null})")
    page.reload()
    wait_for_python(page)
    assert not page.evaluate("window.mlmath.kernel.bootPhases.snapshot")
    assert page.evaluate("caches.open('mlmath-snapshot').then(c => c.keys()).then(k => k.length)") == 0
    assert run_cell(page, "y = 2\ny + 1").strip() == "3"
    assert watched.errors == [] and watched.foreign == [], (watched.errors, watched.foreign)
    context.close()
