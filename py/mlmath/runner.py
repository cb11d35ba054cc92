"""Run a learner's cell like a notebook does, in CPython at build time and in Pyodide in the page.

Cells share one namespace in order. The value of a trailing expression is shown,
tracebacks point at the learner's own lines, and a hidden check runs on a copy of
the namespace so its helper names never leak into the learner's variables.
"""

import ast
import inspect
import linecache
import traceback
from dataclasses import dataclass, field


@dataclass
class Outcome:
    ok: bool
    value: str | None = None       # repr of a trailing expression, notebook style
    error: str | None = None       # traceback trimmed to the learner's frames
    interrupted: bool = False


@dataclass
class CheckResult:
    ok: bool
    message: str
    details: list[str] = field(default_factory=list)


def _filename(cell_id):
    return f"<cell {cell_id}>"


def _remember_source(filename, source):
    # linecache lets tracebacks quote the learner's line, though the code never touched disk.
    linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)


def _compile(source, filename):
    """Compile so that a trailing expression is evaluated separately and its value shown."""
    tree = ast.parse(source, filename, "exec")
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
    tail = None
    if tree.body and isinstance(tree.body[-1], ast.Expr):
        tail = ast.Expression(tree.body.pop().value)
        tail = compile(tail, filename, "eval", flags=flags)
    return compile(tree, filename, "exec", flags=flags), tail


def format_error(exc, filename_prefix="<cell"):
    """A traceback that starts at the learner's code, not at this module."""
    if isinstance(exc, SyntaxError):
        return "".join(traceback.format_exception_only(type(exc), exc))
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename != __file__]
    # Drop framework frames above the first learner frame; keep anything it called.
    for i, frame in enumerate(frames):
        if frame.filename.startswith(filename_prefix):
            frames = frames[i:]
            break
    lines = ["Traceback (most recent call last):\n"]
    lines += traceback.format_list(frames)
    lines += traceback.format_exception_only(type(exc), exc)
    return "".join(lines)


async def _finish(result):
    return await result if inspect.isawaitable(result) else result


async def run_cell(source, namespace, cell_id="1"):
    """Execute one cell in the shared namespace. Never raises for learner errors."""
    filename = _filename(cell_id)
    _remember_source(filename, source)
    try:
        body, tail = _compile(source, filename)
        await _finish(eval(body, namespace))
        value = None
        if tail is not None:
            result = await _finish(eval(tail, namespace))
            if result is not None:
                namespace["_"] = result
                value = repr(result)
        return Outcome(ok=True, value=value)
    except KeyboardInterrupt:
        return Outcome(ok=False, error="Stopped: the run was interrupted. Your earlier variables are kept.",
                       interrupted=True)
    except BaseException as exc:  # noqa: BLE001 - a learner's SystemExit must not end the kernel
        return Outcome(ok=False, error=format_error(exc))


async def run_check(check_source, namespace, cell_id="1"):
    """Run a hidden check against a shallow copy of the learner's namespace.

    A check passes by finishing. It fails by raising; an AssertionError's message is
    the feedback the learner reads, so checks are written as `assert cond, "why"`.
    """
    scratch = dict(namespace)
    filename = f"<check {cell_id}>"
    _remember_source(filename, check_source)
    try:
        await _finish(eval(compile(check_source, filename, "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT), scratch))
    except AssertionError as exc:
        return CheckResult(ok=False, message=str(exc) or "Not yet: the check did not pass.")
    except KeyboardInterrupt:
        return CheckResult(ok=False, message="Stopped while checking: your code ran for too long.")
    except BaseException as exc:  # noqa: BLE001
        return CheckResult(ok=False, message=f"Your code raised {type(exc).__name__} while being checked: {exc}",
                           details=[format_error(exc, "<cell")])
    return CheckResult(ok=True, message="Passed.")
