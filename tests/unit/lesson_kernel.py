"""Run a whole lesson through the page's kernel, as a learner who solves every exercise would.

Widget tests use it to check what the lesson's cells print and what its widgets
show afterwards, against the numbers the prose states.
"""

import asyncio
import contextlib
import io
import json
from pathlib import Path

from mlbuild.lesson import parse_lesson
from mlmath.kernel import Kernel

LESSONS = Path(__file__).resolve().parents[2] / "site" / "lessons"


def run_lesson(key):
    """Run every cell and solution (each must pass); return (kernel, {cell id: printed}, {widget id: last scene}).

    The lesson's widgets stay mounted for the test to drive; tests/unit/conftest.py unmounts them after it.
    """
    lesson = parse_lesson(LESSONS / f"{key}.md")
    kernel = Kernel(json.dumps([{"id": p.id, "name": p.arg, "config": p.data} for p in lesson.parts("widget")]))
    printed, scenes = {}, {wid: json.loads(scene) for wid, scene in kernel.sent.items()}
    for part in lesson.parts():
        if part.kind not in ("exercise", "python"):
            continue
        code = part.data["solution"] if part.kind == "exercise" else part.body
        check = part.data["check"] if part.kind == "exercise" else None
        out = []
        reply = json.loads(asyncio.run(kernel.run(part.id, code, check, out.append)))
        assert reply["ok"], f"{key} {part.id}: {reply['error']}"
        assert reply["check"] is None or reply["check"]["ok"], f"{key} {part.id}: {reply['check']}"
        printed[part.id] = "".join(out)
        scenes.update(reply["scenes"])
    return kernel, printed, scenes


def lesson_part(key, kind, pid):
    """One part of a lesson by kind and id: lesson_part("m12-l05", "widget", "sweep")."""
    found = [p for p in parse_lesson(LESSONS / f"{key}.md").parts(kind) if p.id == pid]
    assert found, f"{key} has no {kind} with id {pid!r}"
    return found[0]


def lesson_widget(key, pid, **overrides):
    """The widget a lesson block mounts, built from the block's config (plus overrides)."""
    from mlmath import widgets
    part = lesson_part(key, "widget", pid)
    return widgets.create(part.arg, {**part.data, **overrides})


def attempt(key, exercise, code):
    """A learner's `code` for one exercise, run after the lesson's cells and earlier solutions,
    then the exercise's check: None if it passes, else the feedback (the AssertionError's
    message; any other error fails the calling test)."""
    ns = {"__name__": "__lesson__"}
    for part in parse_lesson(LESSONS / f"{key}.md").parts():
        if part.kind == "exercise" and part.id == exercise:
            with contextlib.redirect_stdout(io.StringIO()):
                exec(code, ns)
                try:
                    exec(part.data["check"], ns)
                except AssertionError as e:
                    return str(e)
            return None
        if part.kind in ("exercise", "python"):
            with contextlib.redirect_stdout(io.StringIO()):
                exec(part.data["solution"] if part.kind == "exercise" else part.body, ns)
    raise KeyError(exercise)
