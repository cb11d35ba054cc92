"""Set up, build and serve the course: `python3 serve.py` then open http://127.0.0.1:8000.

--build-only builds _site/ and exits; --port N serves on another port;
--only m12-l01,m12-l02 builds just those lessons (the rest show as drafting), for
authors iterating on one lesson; --out DIR builds somewhere other than _site/.
"""

import argparse
import functools
import http.server
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "build"), str(ROOT / "py")]

from mlbuild.bootstrap import reexec_in_venv  # noqa: E402

SITE = ROOT / "_site"


class CourseHandler(http.server.SimpleHTTPRequestHandler):
    """Static files plus the headers the page runtime needs.

    Cross-origin isolation (COOP + COEP) unlocks SharedArrayBuffer, which is what
    lets the Stop button interrupt Python without losing the learner's variables.
    """

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
                      ".json": "application/json", ".wgsl": "text/plain; charset=utf-8",
                      ".woff2": "font/woff2", ".zip": "application/zip", ".txt": "text/plain; charset=utf-8"}

    isolate = True   # False behaves like GitHub Pages, which cannot send these headers

    def end_headers(self):
        if self.isolate:
            self.send_header("Cross-Origin-Opener-Policy", "same-origin")
            self.send_header("Cross-Origin-Embedder-Policy", "require-corp")
            self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format, *args):
        pass


def make_server(site_dir, port, host="127.0.0.1", isolate=True):
    handler = functools.partial(type("Handler", (CourseHandler,), {"isolate": isolate}), directory=str(site_dir))
    return http.server.ThreadingHTTPServer((host, port), handler)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--build-only", action="store_true", help="build _site/ and exit")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--only", help="comma-separated lesson keys to build, e.g. m01-l01")
    parser.add_argument("--out", type=Path, default=SITE, help="where to build (default _site/)")
    args = parser.parse_args()
    reexec_in_venv("build")
    from mlbuild.site import BuildError, build

    try:
        catalog = build(args.out, only=args.only and set(args.only.split(",")))
    except BuildError as exc:
        sys.exit(f"build failed: {exc}")
    shipped = sum(1 for m in catalog["modules"] for lesson in m["lessons"] if lesson["status"] == "shipped")
    print(f"built {args.out}: {shipped} lessons shipped, the rest drafting")
    if args.build_only:
        return
    server = make_server(args.out, args.port)
    print(f"serving the course at http://127.0.0.1:{args.port}  (Ctrl+C to stop)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
