"""Measure a lesson page as a learner meets it; print one JSON object per line.

  bare Pyodide boot in a worker, cold and warm (the anchor; no service worker, HTTP cache only)
  time to first runnable cell, cold (fresh profile) and warm (service worker's cache), and the
    first contentful paint of a warm visit
  catalog -> lesson and lesson -> next lesson: time to a readable page (FCP) and to the first
    runnable cell, the next lesson having been fetched at idle time
  bytes the server sent on a first visit (page plus the runtime cached at idle) and a repeat visit
  the service worker's cache after visiting every shipped lesson and using tiny-shakespeare
  widget redraw while dragging: event -> page's Python -> scene -> SVG patched, median and p95

Warm figures are medians of --repeat runs (default 3).

Run after a build: `python3 serve.py --build-only && .venv/bin/python benchmarks/bench_site.py [lesson-key]`.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from serve import CourseHandler, make_server  # noqa: E402

sent = {"bytes": 0}


class _Counting:
    def __init__(self, raw):
        self.raw = raw

    def write(self, data):
        sent["bytes"] += len(data)
        return self.raw.write(data)

    def __getattr__(self, name):
        return getattr(self.raw, name)


def _count_bytes(handler_setup=CourseHandler.setup):
    def setup(self):
        handler_setup(self)
        self.wfile = _Counting(self.wfile)
    CourseHandler.setup = setup


def report(metric, value, unit, **extra):
    print(json.dumps({"metric": metric, "value": round(value, 2), "unit": unit, **extra}), flush=True)


READY = ".kernel[data-state='ready']"


def time_to_runnable(page, url):
    page.goto(url)
    page.wait_for_selector(READY, timeout=120_000)
    return page.evaluate("performance.now()")


def fcp(page):
    return page.evaluate("""() => new Promise((resolve) => {
      const hit = performance.getEntriesByName('first-contentful-paint')[0];
      if (hit) return resolve(hit.startTime);
      new PerformanceObserver((list, obs) => { obs.disconnect(); resolve(list.getEntries()[0].startTime); })
        .observe({ type: 'paint', buffered: true });
    })""")


def wait_cached(page, paths=(), timeout=180):
    end = time.time() + timeout
    while time.time() < end:
        status = page.evaluate("window.siteCache.sync().then(() => window.siteCache.status())")
        if status["runtimeComplete"] and all(p in status["cached"] for p in paths):
            return status
        time.sleep(0.3)
    raise RuntimeError("the service worker never cached the runtime")


BARE_BOOT = """async (origin) => {
  const src = `import { loadPyodide } from "${origin}vendor/pyodide/pyodide.mjs";
    const t = performance.now(); await loadPyodide({ indexURL: "${origin}vendor/pyodide/" });
    postMessage(performance.now() - t);`;
  const worker = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" })), { type: "module" });
  return await new Promise((resolve) => { worker.onmessage = (e) => { worker.terminate(); resolve(e.data); }; });
}"""

CACHE_SIZE = """async () => {
  let bytes = 0, entries = 0;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
      entries += 1;
    }
  }
  return { bytes, entries };
}"""

DRAG = """async (n) => {
  const handle = document.querySelector("section.step:not([hidden]) figure.widget [data-handle]");
  const id = handle.closest("figure").dataset.widget, name = handle.dataset.handle;
  const { kernel, views } = window.mlmath;
  const box = views[id].scene, times = [];
  for (let i = 0; i < n; i++) {
    const x = box.w * (0.2 + 0.6 * (i % 40) / 40);
    const t = performance.now();
    views[id].draw(await kernel.event(id, { type: "drag", handle: name, x, y: box.h / 2 }));
    times.push(performance.now() - t);
  }
  return times;
}"""


def launch(p, service_workers="allow"):
    # A persistent profile has a real disk cache, as a learner's browser does; a
    # throwaway context keeps only a small in-memory cache that drops the 9 MB wasm.
    return p.chromium.launch_persistent_context(
        tempfile.mkdtemp(prefix="bench-profile-"), executable_path=os.environ.get("CHROMIUM") or "/usr/bin/chromium",
        service_workers=service_workers,
        args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"])


def median_of(n, measure):
    return statistics.median(measure() for _ in range(n))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("lesson", nargs="?", default="m01-l01")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-all-lessons", action="store_true", help="skip the visit of every lesson (cache size)")
    args = parser.parse_args()
    key, n = args.lesson, args.repeat
    _count_bytes()
    server = make_server(ROOT / "_site", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    url = f"{origin}lessons/{key}.html"
    catalog = json.loads((ROOT / "_site" / "catalog.json").read_text())
    shipped = [x["url"] for m in catalog["modules"] for x in m["lessons"] if x["status"] == "shipped"]
    with sync_playwright() as p:
        # The anchor: Pyodide alone, in a module worker, no service worker; warm = HTTP cache.
        context = launch(p, service_workers="block")
        page = context.new_page()
        page.goto(origin + "version.json")
        report("bare_pyodide_boot_cold", page.evaluate(BARE_BOOT, origin), "ms")
        report("bare_pyodide_boot_warm", median_of(n, lambda: page.evaluate(BARE_BOOT, origin)), "ms")
        context.close()

        context = launch(p)
        page = context.new_page()
        sent["bytes"] = 0
        report("first_runnable_cell_cold", time_to_runnable(page, url), "ms")
        report("kernel_boot_in_worker_cold", page.evaluate("window.mlmath.kernel.bootMs"), "ms")
        status = wait_cached(page, [f"lessons/{key}.html"])
        report("bytes_first_visit", sent["bytes"] / 1024, "KiB", note="the page and the runtime cached at idle")

        # A warm visit before any snapshot exists: Pyodide boots the long way.
        report("first_runnable_cell_warm_no_snapshot", time_to_runnable(page, url), "ms")
        report("kernel_boot_phases_no_snapshot", page.evaluate("window.mlmath.kernel.bootMs"), "ms",
               phases=page.evaluate("window.mlmath.kernel.bootPhases"))
        made = page.evaluate("window.mlmath.kernel.snapshotting")
        report("snapshot_made", 0 if made is None else 1, "", result=made)

        sent["bytes"] = 0
        warm, paint, boot = [], [], []
        late = context.new_page()   # the same page with the worker started by lesson.js, not from <head>
        late.add_init_script("self.mlmathEarly = false")
        late_warm = []
        for _ in range(n):
            warm.append(time_to_runnable(page, url))
            paint.append(fcp(page))
            boot.append(page.evaluate("window.mlmath.kernel.bootMs"))
            late_warm.append(time_to_runnable(late, url))
        phases = page.evaluate("window.mlmath.kernel.bootPhases")
        late.close()
        report("bytes_repeat_visit", sent["bytes"] / 1024 / (2 * n), "KiB", note="per visit: version.json and coi.js's 304")
        report("first_runnable_cell_warm", statistics.median(warm), "ms", phases=phases)
        report("first_runnable_cell_warm_worker_started_late", statistics.median(late_warm), "ms",
               note="worker started by lesson.js after parsing instead of from <head>")
        report("kernel_boot_in_worker_warm", statistics.median(boot), "ms")
        report("first_contentful_paint_warm", statistics.median(paint), "ms")
        report("bare_pyodide_boot_warm_under_sw", median_of(n, lambda: page.evaluate(BARE_BOOT, origin)), "ms",
               note="the anchor in a page the service worker controls (wasm from Cache Storage)")

        times = sorted(page.evaluate(DRAG, 200))
        report("widget_redraw_median", statistics.median(times), "ms")
        report("widget_redraw_p95", times[int(0.95 * len(times)) - 1], "ms")

        # Lesson -> next lesson, after the next page was fetched at idle time.
        nxt = page.locator("a[rel=next]").get_attribute("href")
        if nxt:
            wait_cached(page, [f"lessons/{nxt}"])
            page.locator("a[rel=next]").click()
            page.wait_for_selector(READY, timeout=120_000)
            report("next_lesson_readable", fcp(page), "ms", note="FCP after clicking Next")
            report("next_lesson_first_runnable_cell", page.evaluate("performance.now()"), "ms")
        # Catalog -> lesson.
        page.goto(origin + "index.html")
        page.wait_for_load_state("load")
        report("catalog_page_load", page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"), "ms")
        page.locator(f'a[href="lessons/{key}.html"]').click()
        page.wait_for_selector(READY, timeout=120_000)
        report("catalog_to_lesson_readable", fcp(page), "ms")
        report("catalog_to_lesson_first_runnable_cell", page.evaluate("performance.now()"), "ms")

        if not args.skip_all_lessons:
            for lesson_url in shipped:
                page.goto(origin + lesson_url, wait_until="domcontentloaded")
            page.evaluate("fetch('../data/tinyshakespeare.txt').then(r => r.arrayBuffer())")
            wait_cached(page, [*shipped, "data/tinyshakespeare.txt"])
            size = page.evaluate(CACHE_SIZE)
            report("cache_after_all_lessons", size["bytes"] / 2**20, "MiB", entries=size["entries"],
                   lessons=len(shipped))
        context.close()
    server.shutdown()


if __name__ == "__main__":
    main()
