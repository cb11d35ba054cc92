"""Measure a lesson page as a learner meets it; print one JSON object per line.

  time to first runnable cell, cold and warm cache, and bare Pyodide boot in the same browser
  bytes the server sent on a first and a repeat visit
  widget redraw while dragging: event -> page's Python -> scene -> SVG patched, median and p95

Run after a build: `python3 serve.py --build-only && .venv/bin/python benchmarks/bench_site.py [lesson-key]`.
"""

import json
import os
import statistics
import sys
import tempfile
import threading
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


def report(metric, value, unit):
    print(json.dumps({"metric": metric, "value": round(value, 2), "unit": unit}), flush=True)


def time_to_runnable(page, url):
    page.goto(url)
    page.wait_for_selector(".cell button.run:not([disabled]), .kernel[data-state='ready']", timeout=120_000)
    return page.evaluate("performance.now()")


BARE_BOOT = """async (origin) => {
  const src = `import { loadPyodide } from "${origin}vendor/pyodide/pyodide.mjs";
    const t = performance.now(); await loadPyodide({ indexURL: "${origin}vendor/pyodide/" });
    postMessage(performance.now() - t);`;
  const worker = new Worker(URL.createObjectURL(new Blob([src], { type: "text/javascript" })), { type: "module" });
  return await new Promise((resolve) => { worker.onmessage = (e) => { worker.terminate(); resolve(e.data); }; });
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


def main():
    key = sys.argv[1] if len(sys.argv) > 1 else "m01-l01"
    _count_bytes()
    server = make_server(ROOT / "_site", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    url = f"{origin}lessons/{key}.html"
    with sync_playwright() as p:
        # A persistent profile has a real disk cache, as a learner's browser does; a
        # throwaway context keeps only a small in-memory cache that drops the 9 MB wasm.
        context = p.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="bench-profile-"), executable_path=os.environ.get("CHROMIUM") or "/usr/bin/chromium",
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update"])
        page = context.new_page()
        sent["bytes"] = 0
        report("first_runnable_cell_cold", time_to_runnable(page, url), "ms")
        report("bytes_first_visit", sent["bytes"] / 1024, "KiB")
        report("kernel_boot_in_worker_cold", page.evaluate("window.mlmath.kernel.bootMs"), "ms")
        sent["bytes"] = 0
        report("first_runnable_cell_warm", time_to_runnable(page, url), "ms")
        report("bytes_repeat_visit", sent["bytes"] / 1024, "KiB")
        report("kernel_boot_in_worker_warm", page.evaluate("window.mlmath.kernel.bootMs"), "ms")
        report("bare_pyodide_boot_warm", page.evaluate(BARE_BOOT, origin), "ms")
        times = sorted(page.evaluate(DRAG, 200))
        report("widget_redraw_median", statistics.median(times), "ms")
        report("widget_redraw_p95", times[int(0.95 * len(times)) - 1], "ms")
        sent["bytes"] = 0
        catalog = context.new_page()
        catalog.goto(origin)
        report("catalog_page_load", catalog.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"), "ms")
        context.close()
    server.shutdown()


if __name__ == "__main__":
    main()
