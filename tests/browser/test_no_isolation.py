"""Hosts that cannot send COOP/COEP headers (GitHub Pages), with and without service workers."""

import threading
import time

import pytest

from conftest import SITE, Watched, wait_for_python
from serve import make_server

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def plain_url():
    server = make_server(SITE, 0, isolate=False)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def first_cell(page):
    return page.locator(".cell").first


def test_service_worker_brings_cross_origin_isolation(browser, plain_url):
    context = browser.new_context()
    watched = Watched(context, plain_url)
    page = watched.page
    page.goto(plain_url + "lessons/m01-l01.html")
    page.wait_for_function("self.crossOriginIsolated === true", timeout=30_000)
    wait_for_python(page)
    assert page.locator(".kernel").inner_text() == "Python ready"
    context.close()


def test_without_isolation_stop_restarts_and_replays(browser, plain_url):
    context = browser.new_context(service_workers="block")
    watched = Watched(context, plain_url)
    page = watched.page
    page.goto(plain_url + "lessons/m01-l01.html")
    wait_for_python(page)
    assert "Stop restarts Python" in page.locator(".kernel").inner_text()
    assert page.evaluate("self.crossOriginIsolated") is False
    page.evaluate("""() => {
        const r = JSON.parse(localStorage.getItem('mlmath.progress'));
        const data = JSON.parse(document.getElementById('lesson-data').textContent);
        r.lessons[data.key] = {gates: Object.fromEntries(data.steps.flat().map(g => [g, true])), done: true, updated: 1};
        localStorage.setItem('mlmath.progress', JSON.stringify(r));
    }""")
    page.reload()
    wait_for_python(page)
    cell = first_cell(page)
    run = cell.locator("button.run")
    cell.locator("textarea").fill("kept = 41")
    run.click()
    page.wait_for_function("el => !el.disabled", arg=run.element_handle())
    cell.locator("textarea").fill("while True:\n    pass")
    run.click()
    time.sleep(0.5)
    cell.locator("button.stop").click()
    page.wait_for_selector(".notice:not([hidden])", timeout=60_000)
    assert "1 earlier cell run(s) were replayed" in page.locator(".notice").inner_text()
    assert "restarted" in cell.locator(".cell-status").inner_text()
    cell.locator("textarea").fill("kept + 1")
    run.click()
    page.wait_for_function("el => !el.disabled", arg=run.element_handle())
    assert cell.locator(".out").inner_text().strip() == "42"
    context.close()


def test_a_run_during_the_replay_waits_for_it(browser, plain_url):
    """Stop's fallback replays the cells that had run; a cell run meanwhile must find their names."""
    context = browser.new_context(service_workers="block")
    page = Watched(context, plain_url).page
    page.goto(plain_url + "lessons/m01-l01.html")
    wait_for_python(page)
    kernel = "window.mlmath.kernel"
    page.evaluate(f"() => {kernel}.run('a', 'import time\\ntime.sleep(1.5)\\nslow = 41', null)")
    page.evaluate(f"() => {kernel}.run('a2', 'slower = slow + 1', null)")   # replayed only after a
    page.evaluate(f"() => {{ {kernel}.run('b', 'while True:\\n    pass', null); }}")
    time.sleep(0.3)
    reply = page.evaluate(f"""async () => {{
        const stopping = {kernel}.stop();
        const reply = await {kernel}.run('c', 'slower + 1', null);
        await stopping;
        return reply;
    }}""")
    assert reply["ok"], reply
    context.close()
