"""Every shipped lesson, driven the way a learner drives it, in headless Chromium."""

import json
import time

import pytest

from conftest import SITE, serious_violations, wait_for_python

pytestmark = pytest.mark.browser

CATALOG = json.loads((SITE / "catalog.json").read_text()) if (SITE / "catalog.json").exists() else {"modules": []}
SHIPPED = [lesson["key"] for m in CATALOG["modules"] for lesson in m["lessons"] if lesson["status"] == "shipped"]
# The page machinery is the same on every lesson; the costlier learner paths run on the two exemplars.
EXEMPLARS = ["m01-l01", "m12-l03"]


def lesson_data(page):
    return json.loads(page.locator("#lesson-data").text_content())


def open_lesson(watched, site_url, key):
    watched.page.goto(f"{site_url}lessons/{key}.html")
    wait_for_python(watched.page)
    return watched.page


def run_cell(page, cell_id, code=None):
    cell = page.locator(f'.cell[data-cell="{cell_id}"]')
    if code is not None:
        cell.locator("textarea").fill(code)
    cell.locator("button.run").click()
    page.wait_for_function(
        "id => !document.querySelector(`.cell[data-cell='${id}'] button.run`).disabled", arg=cell_id, timeout=60_000)
    return cell


def open_everything(page, data):
    """Mark every gate passed so every step is open, and open every Going deeper section
    (to test cells anywhere in a lesson)."""
    gates = {g: True for step in data["steps"] for g in step}
    page.evaluate("""([key, gates]) => {
        const r = JSON.parse(localStorage.getItem('mlmath.progress'));
        r.lessons[key] = {gates, done: true, updated: 1};
        localStorage.setItem('mlmath.progress', JSON.stringify(r));
    }""", [data["key"], gates])
    page.reload()
    wait_for_python(page)
    open_deeper(page)


def open_deeper(page):
    page.evaluate("document.querySelectorAll('details.deeper').forEach(d => { d.open = true; })")


def answer_wrong_then_right(page, data, gate, step_index):
    """Fail a gate first (feedback shown, next step still locked), then pass it."""
    nxt = page.locator(f'section.step[data-step="{step_index + 1}"]')
    if gate in data["quizzes"]:
        quiz, spec = page.locator(f'.quiz[data-gate="{gate}"]'), data["quizzes"][gate]
        if spec["kind"] == "choice":
            options = quiz.locator("input")
            wrong = [i for i, o in enumerate(spec["options"]) if not o["correct"]]
            options.nth(wrong[0]).check()
            quiz.locator("button.check").click()
            assert "bad" in quiz.locator(".feedback").get_attribute("class")
            assert quiz.locator(".feedback").inner_text().strip()
            for i, o in enumerate(spec["options"]):
                if o["correct"] or options.nth(i).get_attribute("type") == "checkbox":
                    options.nth(i).set_checked(o["correct"])
        else:
            quiz.locator("input").fill(str(spec["answer"] + spec["tolerance"] + 1))
            quiz.locator("button.check").click()
            assert "bad" in quiz.locator(".feedback").get_attribute("class")
            quiz.locator("input").fill(str(spec["answer"]))
        if nxt.count():
            assert nxt.is_hidden()
        quiz.locator("button.check").click()
        assert "good" in quiz.locator(".feedback").get_attribute("class")
    elif gate in data["cells"]:
        spec = data["cells"][gate]
        cell = run_cell(page, gate, spec["starter"])
        assert "bad" in cell.locator(".feedback").get_attribute("class"), "the starter passed in the browser"
        if nxt.count():
            assert nxt.is_hidden()
        cell = run_cell(page, gate, spec["solution"])
        feedback = cell.locator(".feedback")
        assert "good" in feedback.get_attribute("class"), feedback.inner_text() + cell.locator(".out").inner_text()
    else:
        solution = data["widgets"][gate]["config"]["goal"]["solution"]
        assert page.locator(f'figure[data-widget="{gate}"] .goal.good').count() == 0
        page.evaluate("""async ([id, values]) => {
            const m = window.mlmath; m.views[id].draw(await m.kernel.event(id, {type: 'set', values}));
        }""", [gate, solution])
        page.wait_for_selector(f'figure[data-widget="{gate}"] .goal.good')


@pytest.mark.parametrize("key", SHIPPED)
def test_a_learner_walks_the_lesson(watched, site_url, axe_source, key):
    """One page load per lesson (the suite grows with the course): it opens clean, with math
    typeset, every widget drawn and only the first step open; every gate is failed once and
    then passed; the lesson ends done and saved; and with every step and Going deeper section
    open, axe-core finds no serious or critical accessibility violation."""
    page = open_lesson(watched, site_url, key)
    data = lesson_data(page)
    assert page.locator("h1").inner_text()
    assert page.locator(".katex").count() > 0, "LaTeX was not typeset"
    for wid in data["widgets"]:
        assert page.locator(f'figure[data-widget="{wid}"] svg.canvas > *').count() > 0, f"widget {wid} drew nothing"
    assert page.locator("section.step:not([hidden])").count() == 1, "only the first step is open at the start"

    for i, gates in enumerate(data["steps"]):
        assert page.locator(f'section.step[data-step="{i}"]').is_visible()
        for gate in gates:
            answer_wrong_then_right(page, data, gate, i)
    page.wait_for_selector(".lesson-done:not([hidden])")
    assert page.locator(".progress-text").inner_text() == f"{len(data['steps'])} of {len(data['steps'])} steps"
    saved = json.loads(page.evaluate("localStorage.getItem('mlmath.progress')"))
    assert saved["lessons"][key]["done"] is True

    open_deeper(page)
    assert serious_violations(page, axe_source) == []
    watched.assert_clean()


@pytest.mark.parametrize("key", EXEMPLARS)
def test_stop_a_runaway_loop_keeps_variables(watched, site_url, key):
    page = open_lesson(watched, site_url, key)
    data = lesson_data(page)
    open_everything(page, data)
    cell_id = next(iter(data["cells"]))
    run_cell(page, cell_id, "kept = 41")
    cell = page.locator(f'.cell[data-cell="{cell_id}"]')
    cell.locator("textarea").fill("while True:\n    pass")
    cell.locator("button.run").click()
    time.sleep(0.5)
    assert page.evaluate("1 + 1") == 2, "the page froze while Python ran"
    started = time.monotonic()
    cell.locator("button.stop").click()
    page.wait_for_function(f"!document.querySelector(`.cell[data-cell='{cell_id}'] button.run`).disabled")
    assert time.monotonic() - started < 1.0, "Stop took longer than a second"
    assert "Stopped" in cell.locator(".cell-status").inner_text()
    run_cell(page, cell_id, "kept + 1")
    assert cell.locator(".out").inner_text().strip() == "42"


@pytest.mark.parametrize("key", EXEMPLARS)
def test_reload_restores_progress_and_edited_code(watched, site_url, key):
    page = open_lesson(watched, site_url, key)
    data = lesson_data(page)
    for gate in data["steps"][0]:
        answer_wrong_then_right(page, data, gate, 0)
    page.reload()
    wait_for_python(page)
    assert page.locator('section.step[data-step="1"]').is_visible()
    assert page.locator('section.step[data-step="2"]').is_hidden()

    open_everything(page, data)
    cell_id = next(iter(data["cells"]))
    page.locator(f'.cell[data-cell="{cell_id}"] textarea').fill("edited = 'mine'\n")
    page.reload()
    wait_for_python(page)
    assert page.locator(f'.cell[data-cell="{cell_id}"] textarea').input_value() == "edited = 'mine'\n"
    watched.assert_clean()


def test_traceback_points_at_the_learners_line(watched, site_url):
    page = open_lesson(watched, site_url, SHIPPED[0])
    data = lesson_data(page)
    open_everything(page, data)
    cell_id = next(iter(data["cells"]))
    cell = run_cell(page, cell_id, "x = 1\ny = x + not_defined_here\n")
    out = cell.locator(".out").inner_text()
    assert f'File "<cell {cell_id}>", line 2' in out
    assert "NameError" in out and "runner.py" not in out and "kernel.py" not in out
    cell = run_cell(page, cell_id, "print('<b>bold</b>')")
    assert cell.locator(".out b").count() == 0 and "<b>bold</b>" in cell.locator(".out").inner_text()


def test_a_changed_starter_is_offered_beside_the_learners_edit(watched, site_url):
    page = open_lesson(watched, site_url, SHIPPED[0])
    data = lesson_data(page)
    cell_id = next(iter(data["cells"]))
    page.evaluate("""([key, id]) => {
        const r = JSON.parse(localStorage.getItem('mlmath.progress'));
        r.cells[key] = {[id]: {code: 'old_edit = 1\\n', hash: 'an-old-hash'}};
        localStorage.setItem('mlmath.progress', JSON.stringify(r));
    }""", [data["key"], cell_id])
    open_everything(page, data)
    cell = page.locator(f'.cell[data-cell="{cell_id}"]')
    assert cell.locator("textarea").input_value() == "old_edit = 1\n"
    assert cell.locator(".starter-changed").is_visible()
    cell.locator(".starter-changed button.use-new").click()
    assert cell.locator("textarea").input_value() == data["cells"][cell_id]["starter"]


def test_a_cell_can_read_tiny_shakespeare_from_the_site(watched, site_url):
    page = open_lesson(watched, site_url, SHIPPED[0])
    reply = page.evaluate("""() => window.mlmath.kernel.run('probe',
        'from mlmath.data import shakespeare\\nlen(shakespeare()), len(set(shakespeare()))', null)""")
    assert reply["ok"] and reply["value"] == "(1115394, 65)", reply
    watched.assert_clean()


def test_a_learner_function_that_hangs_a_widget_can_be_stopped(watched, site_url):
    page = open_lesson(watched, site_url, "m01-l01")
    data = lesson_data(page)
    open_everything(page, data)
    cell_id = next(iter(data["cells"]))
    cell = page.locator(f'.cell[data-cell="{cell_id}"]')
    cell.locator("textarea").fill("from mlmath.widgets import widget\n"
                                  "def stuck(a, b):\n    while True:\n        pass\n"
                                  "widget('gap').use(stuck)")
    cell.locator("button.run").click()
    time.sleep(0.5)
    cell.locator("button.stop").click()
    page.wait_for_function(f"!document.querySelector(`.cell[data-cell='{cell_id}'] button.run`).disabled")
    # the widget's error scene may land just after the cell's reply
    page.wait_for_function("""() => document.querySelector('figure[data-widget="gap"] .goal')
        .textContent.includes('KeyboardInterrupt')""", timeout=10_000)

    handle = page.locator('figure[data-widget="gap"] [data-handle]').first
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_selector('figure[data-widget="gap"] .busy button', timeout=10_000)
    page.click('figure[data-widget="gap"] .busy button')
    page.wait_for_selector('figure[data-widget="gap"] .busy', state="detached", timeout=10_000)
    run_cell(page, cell_id, "widget('gap').use(None)")
    before = page.locator('figure[data-widget="gap"] .readouts').inner_text()
    handle.focus()
    page.keyboard.press("ArrowRight")
    page.wait_for_function("t => document.querySelector(`figure[data-widget='gap'] .readouts`).innerText !== t",
                           arg=before)


def test_a_background_task_redraws_a_widget_while_the_page_stays_live(watched, site_url):
    page = open_lesson(watched, site_url, "m01-l01")
    cell_id = next(iter(lesson_data(page)["cells"]))
    open_everything(page, lesson_data(page))
    run_cell(page, cell_id, "import asyncio\nfrom mlmath.widgets import widget\n"
                            "async def animate():\n"
                            "    for v in range(-9, 0):\n"
                            "        widget('order').set_values({'a': v, 'b': 4})\n"
                            "        widget('order').refresh()\n"
                            "        await asyncio.sleep(0.05)\n"
                            "task = asyncio.ensure_future(animate())")
    page.wait_for_function("document.querySelector(`figure[data-widget='order'] [data-handle='a']`)"
                           ".getAttribute('aria-valuetext').replace('\\u2212', '-') === '-1'")
    watched.assert_clean()


def test_running_a_cell_first_runs_the_cells_above_it(watched, site_url):
    page = open_lesson(watched, site_url, "m01-l01")
    data = lesson_data(page)
    open_everything(page, data)
    first, last = list(data["cells"])[0], list(data["cells"])[-1]
    page.locator(f'.cell[data-cell="{first}"] textarea').fill("marker_above = 7")
    page.reload()   # a fresh Python: nothing has run yet
    wait_for_python(page)
    open_deeper(page)
    cell = run_cell(page, last, "marker_above * 6")
    assert cell.locator(".out").inner_text().strip() == "42"
    assert page.locator(f'.cell[data-cell="{first}"] .cell-status').inner_text().startswith("Done")


def test_a_slider_driven_fast_lands_where_the_learner_left_it(watched, site_url):
    page = open_lesson(watched, site_url, "m12-l03")
    open_everything(page, lesson_data(page))
    slider = page.locator("figure.widget .controls input[type=range]").first
    slider.focus()
    start = float(slider.input_value())
    for _ in range(12):
        page.keyboard.press("ArrowRight")
    end = float(slider.input_value())
    assert end > start
    page.wait_for_timeout(1000)   # every scene has come back by now
    assert float(slider.input_value()) == end
    assert slider.evaluate("el => el.parentElement.querySelector('output').textContent") != ""
