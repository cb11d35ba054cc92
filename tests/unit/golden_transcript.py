"""A lesson's golden transcript: the text of its reference path, as futurecoder keeps for its course.

The learner who solves everything: every cell runs in page order through the page's
kernel, each exercise with its reference solution (its check must pass). Then each
widget, in page order: one with a goal is put at its goal's `solution` through
`set_values`, and the transcript records `goal_met()`, `values()` and the readouts;
one without a goal records its readouts as the cells left it.

tests/golden/<key>.txt holds the recorded text; tests/unit/test_golden.py compares it
with `transcript(key)`, and `python tools/golden.py [keys...]` rewrites it after an
intended change. Both import this module, so the two can never disagree.

Three things in the text are not exact, each by a rule stated here:

* Normalised: what differs between two runs of the course (found by running every
  lesson twice, in processes with different hash seeds and lesson orders, and diffing).
  Memory addresses anywhere (`at 0x7f3a…` -> `at 0x…`). In what cells print, measured
  wall-clock durations (`18.6 ms` -> `‹time› ms`: a number before ms, µs or ns) and, on
  a line that shows one, ratios of them (`3.2x` -> `‹ratio›x`): m12-l04 and m12-l05
  time their code. Readouts are not touched: m12-l05's "at 1 ms a pass" is arithmetic,
  and a widget in a transcript never times anything (nothing is trained).
* Not run: the GPU is never opened here (a CPython run may or may not find a native
  adapter, so opening one would make the transcript depend on the machine). While a
  transcript is made, `mlmath.gpt.gpu.open_gpu` raises GpuError(NO_GPU); a cell or
  widget that ends in exactly that error is written as "(needs WebGPU: not run here)".
  Any other failure (another exception, another GpuError, a failed check) raises.
  Today every module-18 cell runs without a GPU: the capstone's cells use the
  engine's CPU parts, and its widgets train only from buttons.
* Rounded: floats in `values()` (a widget's state, not text a learner reads) to ten
  significant digits, so the platform's libm cannot flip a last bit. Printed output
  and readouts are exact.
"""

import asyncio
import contextlib
import json
import re
from pathlib import Path

from mlbuild.lesson import parse_lesson
from mlmath import widgets
from mlmath.kernel import Kernel

ROOT = Path(__file__).resolve().parents[2]
LESSONS = ROOT / "site" / "lessons"
GOLDEN = ROOT / "tests" / "golden"

NO_GPU = "needs WebGPU: not run here"
ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]+")
DURATION = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?= ?(?:ms|µs|ns)\b)")
RATIO = re.compile(r"(?<![\w.])\d+(?:\.\d+)?(?=x\b)")


def lesson_keys():
    return sorted(p.stem for p in LESSONS.glob("m??-l??.md"))


def golden_path(key):
    return GOLDEN / f"{key}.txt"


def normalise(text):
    """Memory addresses, which differ from run to run (see the module's docstring)."""
    return ADDRESS.sub("at 0x…", text)


def normalise_printed(text):
    """What a cell printed: addresses, and measured durations with the ratios beside them."""
    lines = []
    for line in normalise(text).split("\n"):
        if DURATION.search(line):
            line = RATIO.sub("‹ratio›", DURATION.sub("‹time›", line))
        lines.append(line)
    return "\n".join(lines)


@contextlib.contextmanager
def no_gpu():
    """Opening the GPU fails with GpuError(NO_GPU) on every machine, for as long as this lasts."""
    from mlmath.gpt import gpu

    async def refuse():
        raise gpu.GpuError(NO_GPU)

    saved = gpu.open_gpu
    gpu.open_gpu = refuse
    try:
        yield
    finally:
        gpu.open_gpu = saved


def _needs_gpu(error):
    """True when a cell's traceback ends in the GpuError that no_gpu() raises, and nothing else."""
    last = error.rstrip().splitlines()[-1] if error and error.strip() else ""
    return re.fullmatch(r"(?:mlmath\.gpt\.gpu\.)?GpuError: " + re.escape(NO_GPU), last) is not None


def _block(text, prefix="| "):
    """Printed text, one line each behind a bar, so blank lines and trailing spaces show."""
    lines = [prefix + line for line in text.split("\n")]
    if text.endswith("\n"):
        lines.pop()
    else:
        lines.append("(no newline at end)")
    return lines


def _readout(r):
    label, value = str(r.get("label", "")), normalise(str(r.get("value", "")))
    head = f"{label}: " if label else "- "
    return head + value.replace("\n", "\n  ")


def _number(v):
    """A value for the transcript: floats to 10 significant digits, inside lists and dicts too.

    values() is a widget's internal state, not text the learner reads: its last float bits
    may follow the platform's libm, and ten digits still show any change a goal could see.
    """
    if isinstance(v, float):
        return repr(float(f"{v:.10g}"))
    if isinstance(v, (list, tuple)):
        inner = ", ".join(_number(x) for x in v)
        return f"[{inner}]" if isinstance(v, list) else f"({inner}{',' if len(v) == 1 else ''})"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k!r}: {_number(x)}" for k, x in v.items()) + "}"
    return normalise(repr(v))


def _values(values):
    return [f"  {k} = {_number(v)}" for k, v in values.items()] or ["  (none)"]


def transcript(key):
    """The lesson's golden transcript as text; raises if any cell, check or widget fails."""
    lesson = parse_lesson(LESSONS / f"{key}.md")
    out = [f"# Golden transcript of site/lessons/{key}.md: its cells, run in page order (exercises with",
           "# their solutions), then its widgets (goals set to their solutions). Made by tools/golden.py;",
           f"# after an intended change: python tools/golden.py {key}"]
    widget_parts = list(lesson.parts("widget"))
    widgets.mounted.clear()
    try:
        with no_gpu():
            kernel = Kernel(json.dumps([{"id": p.id, "name": p.arg, "config": p.data} for p in widget_parts]))
            for part in lesson.parts():
                if part.kind not in ("exercise", "python"):
                    continue
                out += ["", f"== {part.kind} {part.id}"]
                code = part.data["solution"] if part.kind == "exercise" else part.body
                check = part.data.get("check") if part.kind == "exercise" else None
                printed = []
                reply = json.loads(asyncio.run(kernel.run(part.id, code, check, printed.append)))
                if not reply["ok"]:
                    if _needs_gpu(reply["error"]):
                        out.append(f"({NO_GPU})")
                        continue
                    raise AssertionError(f"{key} {part.id} failed:\n{reply['error']}")
                if reply["check"] is not None:
                    if not reply["check"]["ok"]:
                        raise AssertionError(f"{key} {part.id}: the solution fails its check: {reply['check']}")
                    out.append("check: passed")
                text = normalise_printed("".join(printed))
                out += _block(text) if text else ["(no output)"]
                if reply["value"] is not None:
                    out += _block(normalise(reply["value"]) + "\n", "=> ")
            for part in widget_parts:
                w, goal = widgets.mounted[part.id], part.data.get("goal")
                out += ["", f"== widget {part.id} ({part.arg})" + (", at its goal" if goal else ", no goal")]
                try:
                    if goal:
                        out += ["set_values:"] + _values(goal["solution"])
                        w.set_values(goal["solution"])
                    scene = json.loads(json.dumps(w.scene()))   # the scene must reach the page as JSON
                except Exception as exc:  # noqa: BLE001 - only the refused GPU is recorded, see below
                    if type(exc).__name__ == "GpuError" and str(exc) == NO_GPU:
                        out.append(f"({NO_GPU})")
                        continue
                    raise
                if goal:
                    out += [f"goal_met: {scene['goal']['met']}", "values:"] + _values(w.values())
                out += [_readout(r) for r in scene["readouts"]] or ["(no readouts)"]
    finally:
        widgets.mounted.clear()
        widgets.publish = None
    return "\n".join(out) + "\n"
