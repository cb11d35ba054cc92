"""site/course.toml must match the course catalog text, field for field.

The catalog is parsed independently here, so a mis-split title/tagline, a
typo, or a dropped lesson in course.toml shows up as a failing comparison.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest

from mlbuild.catalog import COURSE_TOML, find_lesson, load_catalog

CATALOG_TXT = Path(__file__).resolve().parents[2].parent / "shared" / "course-catalog.txt"

MODULE_HEADER = re.compile(r"  (\d+)\. Module (\d+) \w+")
LESSON_LINE = re.compile(r"    (\d+)\. (.+)")


def parse_catalog_text(text: str) -> list[dict]:
    """Modules as dicts; each lesson keeps its raw line text after 'N. '."""
    modules: list[dict] = []
    pending: list[str] = []  # module title then description, in that order
    for line in text.splitlines():
        if not line.strip():
            continue
        if header := MODULE_HEADER.fullmatch(line):
            assert header.group(1) == header.group(2), line
            modules.append({"number": int(header.group(1)), "lessons": []})
            pending = ["title", "description"]
        elif lesson := LESSON_LINE.fullmatch(line):
            modules[-1]["lessons"].append({"number": int(lesson.group(1)), "text": lesson.group(2)})
        elif modules and pending:
            modules[-1][pending.pop(0)] = line.strip()
    return modules


@pytest.fixture(scope="module")
def source() -> list[dict]:
    if not CATALOG_TXT.exists():
        pytest.skip(f"{CATALOG_TXT} not present")
    return parse_catalog_text(CATALOG_TXT.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def modules():
    return load_catalog(COURSE_TOML)


def all_lessons(modules):
    return [lesson for module in modules for lesson in module.lessons]


def test_source_parse_is_complete(source):
    assert len(source) == 18
    assert sum(len(m["lessons"]) for m in source) == 92
    assert all("title" in m and "description" in m for m in source)


def test_counts(modules):
    assert len(modules) == 18
    assert len(all_lessons(modules)) == 92


def test_modules_match_source(source, modules):
    assert [m.number for m in modules] == [m["number"] for m in source]
    for ours, theirs in zip(modules, source):
        assert ours.title == theirs["title"], f"module {ours.number} title"
        assert ours.description == theirs["description"], f"module {ours.number} description"
        assert len(ours.lessons) == len(theirs["lessons"]), f"module {ours.number} lesson count"


def test_lessons_match_source_text(source, modules):
    for ours, theirs in zip(modules, source):
        for lesson, raw in zip(ours.lessons, theirs["lessons"], strict=True):
            assert lesson.module == ours.number
            assert lesson.number == raw["number"], lesson.key
            minutes = int(re.fullmatch(r".* (\d+) min", raw["text"]).group(1))
            assert lesson.minutes == minutes, lesson.key
            rebuilt = f"{lesson.number:02d} {lesson.title} {lesson.tagline} {lesson.minutes} min"
            assert rebuilt == raw["text"], lesson.key


def test_titles_are_headings_not_sentences(modules):
    for lesson in all_lessons(modules):
        assert lesson.title.strip() == lesson.title != "", lesson.key
        assert lesson.tagline.strip() == lesson.tagline != "", lesson.key
        assert len(lesson.title) < len(lesson.tagline), lesson.key


def slugify(title: str) -> str:
    decomposed = unicodedata.normalize("NFKD", title)
    text = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    text = re.sub(r"['\u2019]", "", text)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def test_slugs_valid_unique_and_derived_from_title(modules):
    for module in modules:
        slugs = [lesson.slug for lesson in module.lessons]
        assert len(set(slugs)) == len(slugs), f"module {module.number}: {slugs}"
        for lesson in module.lessons:
            assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", lesson.slug), lesson.key
            assert lesson.slug == slugify(lesson.title), lesson.key


def test_unicode_survives(modules):
    assert find_lesson(modules, 15, 2).title == "Why divide by \u221ad\u2096"
    assert find_lesson(modules, 15, 2).slug == "why-divide-by-dk"
    assert find_lesson(modules, 6, 5).slug == "loss-backward-is-a-vector-jacobian-product"


def test_lesson_key(modules):
    assert find_lesson(modules, 1, 3).key == "m01-l03"
    assert find_lesson(modules, 18, 5).key == "m18-l05"


def test_find_lesson_missing(modules):
    with pytest.raises(KeyError, match="module 3 has no lesson 9"):
        find_lesson(modules, 3, 9)
    with pytest.raises(KeyError, match="no module 19"):
        find_lesson(modules, 19, 1)


def lesson_toml(number: int, slug: str, minutes: int = 10) -> str:
    return f"""
[[module.lesson]]
number = {number}
slug = "{slug}"
title = "Title {number}"
tagline = "A tagline that is longer than the title."
minutes = {minutes}
"""


def module_toml(number: int, *lessons: str) -> str:
    head = f'[[module]]\nnumber = {number}\ntitle = "M{number}"\ndescription = "D{number}"\n'
    return head + "".join(lessons)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "course.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_accepts_minimal_valid_file(tmp_path):
    path = write(tmp_path, module_toml(1, lesson_toml(1, "a"), lesson_toml(2, "b")))
    (module,) = load_catalog(path)
    assert [lesson.key for lesson in module.lessons] == ["m01-l01", "m01-l02"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (module_toml(1, lesson_toml(1, "a"), lesson_toml(3, "b")), r"module 1 lessons: numbering must run 1\.\.2"),
        (module_toml(1, lesson_toml(1, "a")) + module_toml(3, lesson_toml(1, "a")), r"modules: numbering must run 1\.\.2"),
        (module_toml(1, lesson_toml(1, "same"), lesson_toml(2, "same")), r"module 1: duplicate slug 'same'"),
        (module_toml(1, lesson_toml(1, "Bad_Slug")), r"m01-l01: slug 'Bad_Slug' must be lowercase"),
        (module_toml(1, lesson_toml(1, "a", minutes=0)), r"m01-l01: minutes must be positive"),
        (module_toml(1), r"module 1: has no lessons"),
        ('[[module]]\nnumber = "1"\n', r"'number' must be int"),
    ],
    ids=["lesson-gap", "module-gap", "duplicate-slug", "bad-slug", "zero-minutes", "no-lessons", "wrong-type"],
)
def test_load_rejects_broken_file(tmp_path, text, message):
    with pytest.raises(ValueError, match=message):
        load_catalog(write(tmp_path, text))


def test_duplicate_slug_in_different_modules_is_fine(tmp_path):
    text = module_toml(1, lesson_toml(1, "intro")) + module_toml(2, lesson_toml(1, "intro"))
    assert len(load_catalog(write(tmp_path, text))) == 2
