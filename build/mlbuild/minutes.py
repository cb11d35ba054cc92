"""How long a lesson's gated path takes a learner, estimated as the lesson standard says:
150 words a minute of prose, 1 minute a quiz, 4 an exercise, 1 a widget and half a
plain cell. "Going deeper" sections are optional, so they do not count."""

import re

WORDS_PER_MINUTE = 150
MINUTES = {"quiz": 1, "exercise": 4, "widget": 1, "python": 0.5}
LIMIT = 1.3   # the path may run to 1.3 times the catalog's minutes

WORD = re.compile(r"[A-Za-z0-9\u00c0-\u024f']+")


def _prose(part):
    if part.kind in ("md", "callout"):
        return part.body
    if part.kind in ("quiz", "exercise"):
        return part.data.get("prompt", "")
    return ""


def estimate(lesson):
    """Minutes for the lesson's intro and steps, rounded to a tenth."""
    parts = list(lesson.intro) + [p for s in lesson.steps for p in s.parts]
    words = sum(len(WORD.findall(_prose(p))) for p in parts)
    return round(words / WORDS_PER_MINUTE + sum(MINUTES.get(p.kind, 0) for p in parts), 1)
