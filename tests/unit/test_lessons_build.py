"""The lesson format, its validation, and the build's output, on small lessons made here."""

import json
import textwrap
from pathlib import Path

import pytest

from mlbuild.lesson import LessonError, parse_lesson
from mlbuild.render import render_lesson_body
from mlbuild.validate import validate
from mlmath import widgets
from mlmath.widgets.base import Widget

LESSONS = Path(__file__).resolve().parents[2] / "site" / "lessons"


@widgets.register
class Counter(Widget):
    """A widget just for these tests: one number, moved by keys."""
    name = "test_counter"

    def configure(self, config):
        self.n = config.pop("start", 0)
        super().configure(config)

    def values(self):
        return {"n": self.n}

    def set_values(self, values):
        self.n = values["n"]

    def handle(self, event):
        self.n += 1

    def shapes(self):
        return [{"t": "text", "x": 10, "y": 10, "s": str(self.n)}]


EXERCISE = '''
```exercise
id = "double"
starter = """
def double(x):
    return x
"""
check = """
assert double(3) == 6, f"double(3) returned {double(3)}"
"""
hints = ["Add x to itself."]
solution = """
def double(x):
    return x + x
"""
```
'''

STEP = '''
## Step {n}

Some prose with $x^2$.

```quiz
id = "q{n}"
prompt = "Pick one."
[[option]]
text = "yes"
correct = true
[[option]]
text = "no"
why = "Because."
```
'''

WIDGET = '''
```widget test_counter
id = "w"
start = 0
goal = {{ text = "Reach 3.", check = "n == 3", solution = {{ n = 3 }} }}
```
'''


def lesson_file(tmp_path, body, name="m01-l01.md"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body))
    return path


def good_lesson(tmp_path, extra=""):
    body = "Intro.\n" + STEP.format(n=1) + WIDGET.format() + EXERCISE + STEP.format(n=2) + STEP.format(n=3) \
        + STEP.format(n=4) + extra
    return lesson_file(tmp_path, body)


def test_a_good_lesson_parses_validates_and_renders(tmp_path):
    lesson = parse_lesson(good_lesson(tmp_path))
    assert lesson.key == "m01-l01" and len(lesson.steps) == 4
    assert [g.id for g in lesson.steps[0].gates] == ["q1", "w", "double"]
    problems, scenes = validate(lesson)
    assert problems == []
    assert scenes["w"]["goal"] == {"text": "Reach 3.", "met": False}
    html, data = render_lesson_body(lesson, scenes)
    assert data["steps"][0] == ["q1", "w", "double"]
    assert data["cells"]["double"]["solution"].startswith("def double")
    assert [o["why"] for o in data["quizzes"]["q1"]["options"] if not o["correct"]] == ["Because."]
    assert '<span class="math inline">x^2</span>' in html
    json.dumps(data)


def test_a_starter_that_already_passes_fails_the_build(tmp_path):
    path = good_lesson(tmp_path)
    path.write_text(path.read_text().replace("def double(x):\n    return x\n", "def double(x):\n    return 2 * x\n", 1))
    problems, _ = validate(parse_lesson(path))
    assert any("starter already passes" in p for p in problems)


def test_a_solution_that_fails_its_check_fails_the_build(tmp_path):
    path = good_lesson(tmp_path)
    path.write_text(path.read_text().replace("return x + x", "return x * x"))
    problems, _ = validate(parse_lesson(path))
    assert any("solution fails its check: double(3) returned 9" in p for p in problems)


def test_a_runaway_solution_is_stopped_and_reported(tmp_path, monkeypatch):
    import mlbuild.validate as v
    monkeypatch.setattr(v, "SECONDS_PER_RUN", 1)
    path = good_lesson(tmp_path)
    path.write_text(path.read_text().replace("return x + x", "while True:\n        pass"))
    problems, _ = validate(parse_lesson(path))
    assert any("ran for too long" in p for p in problems), problems


@pytest.mark.parametrize("edit, complaint", [
    (("why = \"Because.\"", ""), "is wrong but has no 'why'"),
    (("test_counter\nid", "no_such_widget\nid"), "could not be built"),
    (("start = 0", "start = 0\ncolour = 1"), "takes no option(s) ['colour']"),
    (("start = 0", "start = 3"), "goal is already met"),
    (("solution = { n = 3 }", "solution = { n = 2 }"), "not met by its own solution"),
    (('hints = ["Add x to itself."]', "hints = []"), "needs at least one hint"),
    (("Some prose", "TODO prose"), "placeholder text"),
])
def test_broken_lessons_are_refused_with_a_clear_message(tmp_path, edit, complaint):
    path = good_lesson(tmp_path)
    path.write_text(path.read_text().replace(*edit, 1))
    problems, _ = validate(parse_lesson(path))
    assert any(complaint in p for p in problems), problems


def test_step_count_gates_and_ids_are_enforced(tmp_path):
    path = lesson_file(tmp_path, "## Only\n\nNo gate here.\n" + STEP.format(n=1) + STEP.format(n=1))
    problems, _ = validate(parse_lesson(path))
    text = "\n".join(problems)
    assert "has 3 steps" in text and "has no gate" in text and "used twice" in text
    assert "needs at least one exercise" in text and "needs at least one widget" in text


def test_format_errors_name_the_file(tmp_path):
    with pytest.raises(LessonError, match="never closed"):
        parse_lesson(lesson_file(tmp_path, "## A\n\n```quiz\nid = 'x'\n"))
    with pytest.raises(LessonError, match="needs an id"):
        parse_lesson(lesson_file(tmp_path, "## A\n\n```quiz\nprompt = 'x'\n```\n"))
    with pytest.raises(LessonError, match="not valid TOML"):
        parse_lesson(lesson_file(tmp_path, "## A\n\n```quiz\nid = \n```\n"))
    with pytest.raises(LessonError, match="named mMM-lLL.md"):
        parse_lesson(lesson_file(tmp_path, "## A\n", name="intro.md"))


def test_headings_inside_code_fences_do_not_start_steps(tmp_path):
    path = lesson_file(tmp_path, "## A\n\n```python\n## not a step\nx = 1\n```\n\n## B\n")
    lesson = parse_lesson(path)
    assert [s.title for s in lesson.steps] == ["A", "B"]
    assert "## not a step" in lesson.steps[0].parts[0].body


def test_quiz_options_show_in_a_seeded_order_that_hides_the_answer():
    """Authors tend to write the right option first; the page must not show it there every time.
    The order is the same on every build, and the page's answer key follows the rendered order."""
    from mlbuild.render import shuffled
    firsts, quizzes = 0, 0
    for path in sorted(LESSONS.glob("*.md")):
        lesson = parse_lesson(path)
        _, data = render_lesson_body(lesson, {w.id: {} for w in lesson.parts("widget")})
        for part in lesson.parts("quiz"):
            if "option" not in part.data:
                continue
            shown = data["quizzes"][part.id]["options"]
            assert [o["text"] for o in shuffled(part.data["option"], part.id)] == \
                   [o["text"] for o in shuffled(part.data["option"], part.id)]
            assert [o["correct"] for o in shown] == \
                   [bool(o.get("correct")) for o in shuffled(part.data["option"], part.id)]
            quizzes += 1
            firsts += shown[0]["correct"]
    assert quizzes >= 40 and firsts <= quizzes // 2, f"the right answer is shown first in {firsts} of {quizzes} quizzes"


DEEPER = '''
## Going deeper: why the counter counts

More prose, for the curious, with a cell that runs in order with the others.

```python
print("deeper")
```
'''


def test_a_going_deeper_section_is_collapsed_ungated_and_not_a_step(tmp_path):
    lesson = parse_lesson(good_lesson(tmp_path, extra=DEEPER))
    assert len(lesson.steps) == 4 and [d.title for d in lesson.steps[3].deeper] == ["Going deeper: why the counter counts"]
    assert [p.kind for p in lesson.parts()][-1] == "python"
    problems, scenes = validate(lesson)
    assert problems == []
    html, data = render_lesson_body(lesson, scenes)
    assert '<details class="deeper"><summary>Going deeper: why the counter counts</summary>' in html
    assert len(data["steps"]) == 4


def test_a_going_deeper_section_may_not_hold_a_gate_or_open_the_lesson(tmp_path):
    gated = parse_lesson(good_lesson(tmp_path, extra=DEEPER + STEP.format(n=9).replace("## Step 9", "")))
    assert any("Going deeper section is optional, so it has no gate" in p for p in validate(gated)[0])
    first = lesson_file(tmp_path, "Intro.\n" + DEEPER + STEP.format(n=1), name="m01-l02.md")
    with pytest.raises(LessonError, match="belongs to a step"):
        parse_lesson(first)


def test_the_minutes_estimate_counts_the_gated_path_only(tmp_path):
    from mlbuild.minutes import estimate
    plain = estimate(parse_lesson(good_lesson(tmp_path)))
    # 4 quizzes, 1 widget, 1 exercise: 4 + 1 + 4 minutes, plus a few words of prose
    assert 9 < plain < 9.5
    assert estimate(parse_lesson(good_lesson(tmp_path, extra=DEEPER))) == plain


PYSCRIPT_BLOCKS = '''
```pyscript
from pyscript import display
display(6 * 7)
```

```py-editor
print("hello")
```
'''


def test_an_authors_pyscript_blocks_render_for_pyscript_on_the_sites_pyodide(tmp_path):
    lesson = parse_lesson(good_lesson(tmp_path, PYSCRIPT_BLOCKS))
    assert validate(lesson)[0] == []
    html, data = render_lesson_body(lesson, {"w": {}}, ["core", "m01"])
    assert data["pyscript"] is True and data["steps"][3] == ["q4"]   # not gates
    assert '<script type="py" worker config="' in html and '<script type="py-editor" env="lesson"' in html
    config = json.loads(html.split('config="')[1].split('"')[0].replace("&quot;", '"'))
    assert config == {"interpreter": "../vendor/pyodide/pyodide.mjs",
                      "files": {"../py/core.zip": "./*", "../py/m01.zip": "./*"}}
    assert "display(6 * 7)\n</script>" in html


@pytest.mark.parametrize("body, complaint", [
    ("```pyscript\ndef f(:\n```\n", "not valid Python"),
    ('```py-editor\nprint("</script>")\n```\n', "would end it early"),
])
def test_a_broken_pyscript_block_fails_the_build(tmp_path, body, complaint):
    problems, _ = validate(parse_lesson(good_lesson(tmp_path, "\n" + body)))
    assert any(complaint in p for p in problems), problems
