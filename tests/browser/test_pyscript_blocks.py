"""A course author's own PyScript blocks (`pyscript`, `py-editor` directives) run through
PyScript on the site's own Pyodide, beside the course's cells, with the page's packages."""

import subprocess
import sys
import threading

import pytest

from conftest import ROOT, Watched
from serve import make_server
from test_lessons import lesson_data, open_everything, run_cell

pytestmark = pytest.mark.browser

BLOCKS = '''

## Going deeper: the same idea in PyScript's own blocks

```pyscript
from pyscript import display
from mlmath import show
display(f"pyscript says {show.num(-2.5)}")
```

```py-editor
import sys
print("editor says", 6 * 7, sys.version_info[:2])
```
'''


@pytest.fixture(scope="module")
def pyscript_site(tmp_path_factory):
    lessons = tmp_path_factory.mktemp("lessons")
    (lessons / "m01-l01.md").write_text((ROOT / "site/lessons/m01-l01.md").read_text() + BLOCKS)
    out = tmp_path_factory.mktemp("site")
    # in a process of its own: the build runs asyncio, which Playwright's loop in this one forbids
    subprocess.run([sys.executable, "-c", "import sys; from mlbuild.site import build; "
                    "build(sys.argv[1], lessons_dir=sys.argv[2], only={'m01-l01'})", str(out), str(lessons)],
                   cwd=ROOT, env={"PYTHONPATH": f"{ROOT / 'build'}:{ROOT / 'py'}"}, check=True)
    server = make_server(out, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


def test_pyscript_and_py_editor_blocks_run_beside_the_courses_cells(context, pyscript_site):
    watched = Watched(context, pyscript_site)
    page = watched.page
    page.goto(pyscript_site + "lessons/m01-l01.html")
    data = lesson_data(page)
    open_everything(page, data)
    page.wait_for_selector("text=pyscript says −2.5", timeout=60_000)
    editor = page.locator(".pyscript-block py-editor")
    editor.locator(".py-editor-run-button").click()
    page.wait_for_function("() => document.querySelector('.py-editor-output').textContent.includes('editor says 42')",
                           timeout=60_000)
    assert "(3, 14)" in editor.locator(".py-editor-output").inner_text()
    cell = run_cell(page, next(iter(data["cells"])), "print(6 * 7)")
    assert cell.locator(".out").inner_text().strip() == "42"
    watched.assert_clean()
