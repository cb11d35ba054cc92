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


def test_the_length_of_an_option_says_nothing_about_whether_it_is_right():
    """Over every multiple-choice quiz, a right option is the (strictly) longest about as often
    as picking at random would make it, and likewise the shortest: a learner who always picks
    the longest, or never picks it, or always the shortest, does no better than chance."""
    quizzes = [q.data["option"] for path in LESSONS for q in parse_lesson(path).parts("quiz") if "option" in q.data]
    chance = sum(sum(bool(o.get("correct")) for o in options) / len(options) for options in quizzes) / len(quizzes)
    for extreme in (max, min):
        hits = []
        for options in quizzes:
            lengths = [len(o["text"]) for o in options]
            at = [i for i, n in enumerate(lengths) if n == extreme(lengths)]
            hits.append(len(at) == 1 and bool(options[at[0]].get("correct")))
        share = sum(hits) / len(quizzes)
        assert abs(share - chance) <= 0.1, (
            f"the {'longest' if extreme is max else 'shortest'} option is right in {sum(hits)} of "
            f"{len(quizzes)} quizzes ({share:.0%}); chance is {chance:.0%}")
