"""The lesson standard's rules that span a lesson (or all of them), checked on every
shipped lesson: the gated path fits the catalog's minutes, long lessons have two
exercises, and guessing a quiz by the form of its options does no better than chance."""

from pathlib import Path

import pytest

from mlbuild.catalog import COURSE_TOML, load_catalog
from mlbuild.lesson import parse_lesson
from mlbuild.minutes import LIMIT, estimate

LESSONS = sorted((Path(__file__).resolve().parents[2] / "site" / "lessons").glob("*.md"))
MINUTES = {entry.key: entry.minutes for module in load_catalog(COURSE_TOML) for entry in module.lessons}


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_the_gated_path_fits_the_catalogs_minutes(path):
    lesson = parse_lesson(path)
    assert estimate(lesson) <= LIMIT * MINUTES[lesson.key], (
        f"{lesson.key}: the gated path is about {estimate(lesson)} minutes against the catalog's "
        f"{MINUTES[lesson.key]}; move depth into a '## Going deeper: ...' section")


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.stem)
def test_a_lesson_of_fifteen_minutes_or_more_has_two_exercises(path):
    lesson = parse_lesson(path)
    wanted = 2 if MINUTES[lesson.key] >= 15 else 1
    assert sum(1 for _ in lesson.parts("exercise")) >= wanted


def test_the_longest_option_is_right_no_more_often_than_chance():
    """Over every multiple-choice quiz: how often a right option is the (strictly) longest,
    against what picking options at random would give."""
    hits, chance, quizzes = 0, 0.0, []
    for path in LESSONS:
        for quiz in parse_lesson(path).parts("quiz"):
            options = quiz.data.get("option")
            if not options:
                continue
            lengths = [len(o["text"]) for o in options]
            longest = [i for i, n in enumerate(lengths) if n == max(lengths)]
            right = [i for i, o in enumerate(options) if o.get("correct")]
            if len(longest) == 1 and longest[0] in right:
                hits += 1
                quizzes.append(f"{path.stem}/{quiz.id}")
            chance += len(right) / len(options)
    total = sum(1 for p in LESSONS for q in parse_lesson(p).parts("quiz") if q.data.get("option"))
    assert hits / total <= chance / total + 0.1, (
        f"a right option is the longest in {hits} of {total} quizzes (chance: {chance:.0f}): {quizzes}")
