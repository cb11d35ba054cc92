"""Prove a lesson before it ships: the rules of docs/authoring.md, checked in CPython.

Every exercise runs for real: its solution must pass its check and its starter must
fail it. Every widget is built from its config, its goal shown unmet at the start
and reachable. A lesson that breaks a rule fails the build with every problem listed.
"""

import asyncio
import math
import re
import signal
from contextlib import contextmanager, redirect_stdout
from io import StringIO

from mlmath import widgets
from mlmath.runner import run_cell, run_check

from .lesson import DEEPER, PYSCRIPT

# The brackets keep this pattern from flagging itself in a plain-text search for placeholders.
PLACEHOLDER = re.compile(r"lorem[ ]ipsum|coming[ ]soon|\bT[O]DO\b|\bF[I]XME\b|\bT[B]D\b", re.I)
SECONDS_PER_RUN = 20


@contextmanager
def _time_limit(seconds):
    def stop(signum, frame):
        raise KeyboardInterrupt
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _run(source, namespace, cell_id, check=None):
    """Run a cell (and its check) quietly; return (cell outcome, check result or None)."""
    with _time_limit(SECONDS_PER_RUN), redirect_stdout(StringIO()):
        outcome = asyncio.run(run_cell(source, namespace, cell_id))
        result = asyncio.run(run_check(check, namespace, cell_id)) if check and outcome.ok else None
    return outcome, result


def _check_pyscript(part, where):
    """A PyScript block runs only in the page (it may import `pyscript`), so the build
    compiles it rather than running it, and keeps it from closing its own <script> tag."""
    try:
        compile(part.body, f"<{part.id}>", "exec")
    except SyntaxError as exc:
        return [f"{where}: the ```{part.kind} block is not valid Python: {exc.msg} (line {exc.lineno})"]
    if "</script" in part.body.lower():
        return [f"{where}: the ```{part.kind} block contains '</script', which would end it early"]
    return []


def _check_quiz(part, where):
    data, problems = part.data, []
    if not data.get("prompt"):
        problems.append(f"{where}: quiz {part.id!r} has no prompt")
    if "option" in data:
        options = data["option"]
        if len(options) < 2:
            problems.append(f"{where}: quiz {part.id!r} needs at least two options")
        if not any(o.get("correct") for o in options):
            problems.append(f"{where}: quiz {part.id!r} has no correct option")
        for o in options:
            if not o.get("correct") and not o.get("why"):
                problems.append(f"{where}: quiz {part.id!r} option {o.get('text')!r} is wrong but has no 'why'")
    elif isinstance(data.get("answer"), (int, float)):
        tol = data.get("tolerance", 0)
        if not isinstance(tol, (int, float)) or tol < 0 or not math.isfinite(data["answer"]):
            problems.append(f"{where}: quiz {part.id!r} needs a finite answer and a tolerance >= 0")
    else:
        problems.append(f"{where}: quiz {part.id!r} needs [[option]] tables or a numeric answer")
    return problems


def _check_widget(part, where):
    try:
        w = widgets.create(part.arg, part.data)
        scene = w.scene()
    except Exception as exc:  # noqa: BLE001 - any failure here is the author's to fix
        return [f"{where}: widget {part.id!r} ({part.arg}) could not be built: {type(exc).__name__}: {exc}"], None
    problems = []
    if w.goal:
        if not {"text", "check", "solution"} <= set(w.goal):
            return [f"{where}: widget {part.id!r} goal needs text, check and solution"], scene
        if w.goal_met():
            problems.append(f"{where}: widget {part.id!r} goal is already met before the learner acts")
        probe = widgets.create(part.arg, part.data)
        probe.set_values(w.goal["solution"])
        if not probe.goal_met():
            problems.append(f"{where}: widget {part.id!r} goal is not met by its own solution")
    return problems, scene


def _check_exercise(part, where, namespace):
    data, problems = part.data, []
    for key in ("starter", "check", "solution"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            problems.append(f"{where}: exercise {part.id!r} needs a non-empty {key!r}")
    if not data.get("hints"):
        problems.append(f"{where}: exercise {part.id!r} needs at least one hint")
    if problems:
        return problems
    outcome, result = _run(data["starter"], dict(namespace), part.id, data["check"])
    if result is not None and result.ok:
        problems.append(f"{where}: exercise {part.id!r}: the starter already passes the check")
    outcome, result = _run(data["solution"], namespace, part.id, data["check"])
    if not outcome.ok:
        problems.append(f"{where}: exercise {part.id!r}: the solution raised:\n{outcome.error}")
    elif not result.ok:
        problems.append(f"{where}: exercise {part.id!r}: the solution fails its check: {result.message}")
    return problems


def _mount(lesson):
    """Mount the lesson's widgets as the page does, so cells can reach them with widget("id")."""
    widgets.mounted.clear()
    for part in lesson.parts("widget"):
        try:
            widgets.mounted[part.id] = widgets.create(part.arg, part.data)
        except Exception:  # noqa: BLE001 - _check_widget reports it with context
            pass


def validate(lesson):
    """Return (problems, first scenes by widget id). An empty problem list means shippable."""
    problems, scenes, seen = [], {}, set()
    if not 4 <= len(lesson.steps) <= 8:
        problems.append(f"{lesson.path.name}: has {len(lesson.steps)} steps; a lesson has 4 to 8")
    if not any(lesson.parts("exercise")):
        problems.append(f"{lesson.path.name}: needs at least one exercise (real Python)")
    if not any(lesson.parts("widget")):
        problems.append(f"{lesson.path.name}: needs at least one widget")
    namespace = {"__name__": "__main__"}
    _mount(lesson)
    sections = [(None, lesson.intro)]
    for step in lesson.steps:
        sections += [(step, step.parts)] + [(extra, extra.parts) for extra in step.deeper]
    for step, parts in sections:
        where = f"{lesson.path.name} step {step.title!r}" if step else f"{lesson.path.name} intro"
        deeper = step is not None and step.title.startswith(DEEPER)
        if step and not deeper and not step.gates:
            problems.append(f"{where}: has no gate (quiz, exercise, or widget goal)")
        if deeper and step.gates:
            problems.append(f"{where}: a Going deeper section is optional, so it has no gate")
        for part in parts:
            if PLACEHOLDER.search(part.body):
                problems.append(f"{where}: placeholder text: {PLACEHOLDER.search(part.body).group(0)!r}")
            if part.id and part.id in seen:
                problems.append(f"{where}: id {part.id!r} is used twice")
            seen.add(part.id)
            if part.kind == "quiz":
                problems += _check_quiz(part, where)
            elif part.kind == "widget":
                found, scenes[part.id] = _check_widget(part, where)
                problems += found
            elif part.kind == "exercise":
                problems += _check_exercise(part, where, namespace)
            elif part.kind in PYSCRIPT:
                problems += _check_pyscript(part, where)
            elif part.kind == "python":
                outcome, _ = _run(part.body, namespace, part.id)
                if not outcome.ok:
                    problems.append(f"{where}: python cell {part.id} raised:\n{outcome.error}")
    widgets.mounted.clear()
    return problems, scenes
