"""The whole build, on a lessons folder made here: catalog.json, pages, vendoring, serving."""

import json
import re
import threading
import urllib.request

import pytest

from mlbuild import vendor as vendor_module
from mlbuild.lesson import parse_lesson
from mlbuild.site import BuildError, build, lesson_packages
from serve import make_server
from test_lessons_build import LESSONS, good_lesson


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    lessons = tmp_path_factory.mktemp("lessons")
    good_lesson(lessons)
    out = tmp_path_factory.mktemp("site") / "_site"
    return out, build(out, lessons_dir=lessons)


def test_catalog_json_has_every_lesson_with_status_and_counts(built):
    out, catalog = built
    assert json.loads((out / "catalog.json").read_text()) == catalog
    lessons = [lesson for m in catalog["modules"] for lesson in m["lessons"]]
    assert len(catalog["modules"]) == 18 and len(lessons) == 92
    shipped = [lesson for lesson in lessons if lesson["status"] == "shipped"]
    assert [lesson["key"] for lesson in shipped] == ["m01-l01"]
    assert shipped[0]["counts"] == {"steps": 4, "gates": 6, "widgets": 1, "exercises": 1}
    assert all("counts" not in lesson for lesson in lessons if lesson["status"] == "drafting")


def test_pages_and_runtime_are_written(built):
    out, _ = built
    page = (out / "lessons" / "m01-l01.html").read_text()
    assert "Quantities live on a line" in page and 'id="lesson-data"' in page
    index = (out / "index.html").read_text()
    assert index.count('class="lesson ') == 92 and 'href="lessons/m01-l01.html"' in index
    for path in ("vendor/pyodide/pyodide.mjs", "vendor/pyodide/pyodide.asm.wasm", "vendor/katex/katex.min.js",
                 "py/core.zip", "py/m01.zip", "py/gpt.zip", "coi.js", "js/lesson.js", "data/tinyshakespeare.txt"):
        assert (out / path).is_file(), path


def test_a_page_loads_only_the_packages_its_lesson_uses(built):
    out, _ = built
    page = (out / "lessons" / "m01-l01.html").read_text()
    assert json.loads(re.search(r'id="lesson-data">(.*?)</script>', page, re.S).group(1))["packages"] == ["core", "m01"]
    # m01-l01 needs the kit and module 1; m18-l05 mounts module 16's calculator and reads the engine
    assert lesson_packages(parse_lesson(LESSONS / "m01-l01.md")) == ["core", "m01"]
    assert lesson_packages(parse_lesson(LESSONS / "m18-l05.md")) == ["core", "gpt", "m16", "m18"]
    assert lesson_packages(parse_lesson(LESSONS / "m17-l05.md")) == ["core", "gpt", "m16", "m17"]


def test_no_page_names_another_host(built):
    out, _ = built
    for path in list(out.rglob("*.html")) + list(out.glob("js/*.js")) + list(out.glob("css/*.css")):
        text = path.read_text()
        for bad in ("src=\"http", "href=\"http", "url(http", "from \"http"):
            assert bad not in text, f"{path.name} refers to another host: {bad}"


def test_a_broken_lesson_stops_the_build(tmp_path):
    path = good_lesson(tmp_path)
    path.write_text(path.read_text().replace("return x + x", "return x * x"))
    with pytest.raises(BuildError, match="solution fails its check"):
        build(tmp_path / "_site", lessons_dir=tmp_path)
    assert not (tmp_path / "_site").exists()


def test_a_lesson_outside_the_catalog_stops_the_build(tmp_path):
    good_lesson(tmp_path).rename(tmp_path / "m01-l09.md")
    with pytest.raises(BuildError, match="no lesson m01-l09 in course.toml"):
        build(tmp_path / "_site", lessons_dir=tmp_path)


def test_a_tarball_that_does_not_match_its_hash_is_refused(tmp_path, monkeypatch):
    entry = {"version": "1.0.0", "tarball": "https://example.invalid/x.tgz", "integrity": "sha512-AAAA"}
    (tmp_path / "x-1.0.0.tgz").write_bytes(b"tampered")

    class Response:
        def __init__(self, *a, **k):
            pass

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return False

        def read(self):
            return b"tampered"

    monkeypatch.setattr(vendor_module.urllib.request, "urlopen", Response)
    with pytest.raises(RuntimeError, match="does not match its integrity hash"):
        vendor_module.fetch("x", entry, tmp_path)


def test_server_sends_isolation_headers_and_wasm_type(built):
    out, _ = built
    server = make_server(out, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with urllib.request.urlopen(base + "vendor/pyodide/pyodide.asm.wasm") as r:
            assert r.headers["Content-Type"] == "application/wasm"
            assert r.headers["Cross-Origin-Opener-Policy"] == "same-origin"
            assert r.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
        with urllib.request.urlopen(base + "js/lesson.js") as r:
            assert r.headers["Content-Type"].startswith("text/javascript")
    finally:
        server.shutdown()
