"""The two page shells: the catalog and a lesson. Content comes from the catalog and render.py."""

from html import escape

from .render import inline, page_data_json

COURSE_TITLE = "Machine Learning, Backpropagation, and AI: The Math"


def lesson_url(lesson):
    return f"lessons/{lesson.key}.html"


def _head(title, root, extra=""):
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<script src="{root}coi.js"></script>
<title>{escape(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="{root}vendor/katex/katex.min.css">
<link rel="stylesheet" href="{root}css/site.css">
<script defer src="{root}vendor/katex/katex.min.js"></script>
<script type="module" src="{root}js/math.js"></script>
{extra}</head>
"""


# Python starts before the page is parsed: PyScript's worker loads Pyodide and this
# lesson's packages while the browser lays out the prose; kernel.js adopts the worker.
EARLY_BOOT = """<script>
if (self.mlmathEarly !== false) import("../js/py-host.js").then((host) => host.startEarly(PACKAGES)).catch(() => {});
</script>
"""


# Only a page with an author's own PyScript block loads PyScript (see render._pyscript).
PYSCRIPT = """<link rel="stylesheet" href="../vendor/pyscript/core.css">
<script type="module" src="../vendor/pyscript/core.js"></script>
"""


def lesson_page(module, lesson, body, data, nav, lock):
    prev, nxt = nav
    data |= {"title": lesson.title, "module": module.number, "root": "../",
             "pyodideVersion": lock["pyodide"]["version"]}

    def link(entry, rel, label):
        if entry is None:
            return f'<span class="pager-{rel}"></span>'
        return (f'<a class="pager-{rel}" rel="{rel}" href="{entry.key}.html">'
                f'<small>{label}</small>{escape(entry.title)}</a>')

    pyscript = PYSCRIPT if data.get("pyscript") else ""
    head = _head(f"{lesson.title} · ml-math", "../",
                 '<link rel="modulepreload" href="../js/lesson.js">\n<script type="module" src="../js/lesson.js"></script>\n'
                 + EARLY_BOOT.replace("PACKAGES", page_data_json(data["packages"])) + pyscript)
    return head + f"""<body class="lesson-page">
<a class="skip" href="#main">Skip to the lesson</a>
<header class="lesson-head">
  <nav class="crumbs"><a href="../index.html">All lessons</a> <span aria-hidden="true">›</span>
    Module {module.number}: {escape(module.title)}</nav>
  <h1>{escape(lesson.title)}</h1>
  <p class="tagline">{inline(lesson.tagline)}</p>
  <p class="meta"><span>{lesson.minutes} min</span> · <span>Lesson {lesson.number} of {len(module.lessons)}</span>
    · <span class="kernel" role="status" data-state="loading">Python is loading…</span></p>
  <nav class="progress" aria-label="Lesson steps">
    <ol class="dots">{"".join(f'<li><a href="#step-{i + 1}" aria-label="Step {i + 1}"></a></li>' for i in range(len(data['steps'])))}</ol>
    <span class="progress-text" role="progressbar" aria-label="Steps passed" aria-valuemin="0" aria-valuemax="{len(data['steps'])}" aria-valuenow="0">0 of {len(data['steps'])} steps</span>
  </nav>
  <p class="notice" role="alert" hidden></p>
</header>
<main id="main">
{body}
<section class="lesson-done" hidden>
  <h2>Lesson complete</h2>
  <p>Every step passed. Your progress is saved in this browser.</p>
</section>
</main>
<nav class="pager" aria-label="Lessons">{link(prev, "prev", "Previous")}<a href="../index.html">All lessons</a>{link(nxt, "next", "Next")}</nav>
<script type="application/json" id="lesson-data">{page_data_json(data)}</script>
</body>
</html>
"""


def catalog_page(catalog):
    shipped = sum(1 for m in catalog["modules"] for lesson in m["lessons"] if lesson["status"] == "shipped")
    total = sum(len(m["lessons"]) for m in catalog["modules"])
    modules = []
    for m in catalog["modules"]:
        rows = []
        for lesson in m["lessons"]:
            name = escape(lesson["title"])
            if lesson["status"] == "shipped":
                name = f'<a href="{lesson["url"]}">{name}</a>'
            rows.append(f'<li class="lesson {lesson["status"]}" data-key="{lesson["key"]}">'
                        f'<span class="num">{lesson["number"]:02d}</span>'
                        f'<div><h3>{name}</h3><p>{inline(lesson["tagline"])}</p></div>'
                        f'<span class="minutes">{lesson["minutes"]} min</span>'
                        f'<span class="status">{lesson["status"]}</span>'
                        f'<span class="mine" aria-live="polite"></span></li>')
        modules.append(f'<section class="module" id="module-{m["number"]}"><h2><small>Module {m["number"]}</small> '
                       f'{escape(m["title"])}</h2><p class="desc">{inline(m["description"])}</p>'
                       f'<ol class="lessons">{"".join(rows)}</ol></section>')
    toc = "".join(
        f'<li><a href="#module-{m["number"]}"><span class="num">{m["number"]}</span> {escape(m["title"])}</a>'
        f'<small>{sum(1 for x in m["lessons"] if x["status"] == "shipped")} of {len(m["lessons"])} ready</small></li>'
        for m in catalog["modules"])
    head = _head("ml-math · " + catalog["title"], "",
                 '<script type="module" src="js/catalog.js"></script>\n')
    return head + f"""<body class="catalog-page">
<header class="site-head">
  <h1>{escape(catalog["title"])}</h1>
  <p>An interactive course that runs in your browser: 18 modules, {total} lessons, from the number line to training a
  tiny transformer on your own GPU. {shipped} of {total} lessons are ready; the rest say <em>drafting</em>.</p>
  <p class="continue" hidden></p>
  <div class="progress-tools">
    <button id="export-progress">Export my progress</button>
    <label class="button">Import progress<input id="import-progress" type="file" accept="application/json,.json" hidden></label>
    <span id="progress-message" role="status"></span>
  </div>
</header>
<main><nav aria-label="Modules"><ol class="toc">{toc}</ol></nav>{"".join(modules)}</main>
</body>
</html>
"""
