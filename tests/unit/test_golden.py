"""Every lesson's reference path still prints and shows what tests/golden/<key>.txt recorded.

The transcript (tests/unit/golden_transcript.py says what is in it and what is
normalised) is the safety net under refactors: a change to a widget, a lesson or the
kernel that alters what a learner who solves everything would see shows up here as a
diff. If the change is intended, rewrite the file with `python tools/golden.py <key>`
and commit it with the change.
"""

import difflib

import pytest

from golden_transcript import GOLDEN, LESSONS, golden_path, lesson_keys, transcript

SOURCES = sorted(LESSONS.glob("*.md"))


@pytest.mark.parametrize("source", SOURCES, ids=[p.stem for p in SOURCES])
def test_lesson_matches_its_golden_transcript(source):
    key, path = source.stem, golden_path(source.stem)
    if not path.exists():
        pytest.fail(f"{key} has no golden transcript {path.name}: run `python tools/golden.py {key}` "
                    f"and commit tests/golden/{key}.txt", pytrace=False)
    expected, actual = path.read_text(encoding="utf-8"), transcript(key)
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"tests/golden/{key}.txt (recorded)", f"{key} (now)"))
        pytest.fail(f"{key} no longer matches its golden transcript:\n{diff}\n"
                    f"If this change is intended, run `python tools/golden.py {key}` and commit the file.",
                    pytrace=False)


def test_every_golden_transcript_belongs_to_a_lesson():
    stale = sorted(p.name for p in GOLDEN.glob("*.txt") if p.stem not in lesson_keys())
    assert not stale, f"golden transcripts of lessons that are gone: {stale}; `python tools/golden.py` removes them"
