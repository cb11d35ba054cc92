"""The notebook semantics cells rely on, run in CPython exactly as in the page."""

import asyncio

from mlmath.runner import run_cell, run_check


def run(source, ns, cell="c1"):
    return asyncio.run(run_cell(source, ns, cell))


def test_cells_share_a_namespace_and_show_a_trailing_value():
    ns = {}
    assert run("x = 20", ns).value is None
    out = run("x + 22", ns)
    assert out.ok and out.value == "42" and ns["_"] == 42


def test_traceback_points_at_the_learners_line_only():
    out = run("a = 1\nb = a + missing\n", {}, "c7")
    assert not out.ok
    assert 'File "<cell c7>", line 2' in out.error
    assert "b = a + missing" in out.error and "NameError" in out.error
    assert "runner.py" not in out.error


def test_error_inside_a_learner_function_keeps_its_frames():
    ns = {}
    run("def f(x):\n    return 1 / x\n", ns, "def")
    out = run("f(0)", ns, "call")
    assert "<cell call>" in out.error and "<cell def>" in out.error and "ZeroDivisionError" in out.error


def test_syntax_errors_and_system_exit_are_reported_not_raised():
    assert "SyntaxError" in run("def (", {}).error
    assert "SystemExit" in run("raise SystemExit(3)", {}).error


def test_top_level_await_works():
    out = run("import asyncio\nawait asyncio.sleep(0)\n7", {})
    assert out.value == "7"


def test_check_reads_the_namespace_but_does_not_write_it():
    ns = {}
    run("def double(x):\n    return x + x\n", ns)
    result = asyncio.run(run_check("probe = double(4)\nassert probe == 8, 'no'", ns))
    assert result.ok and "probe" not in ns


def test_check_failure_message_is_the_assertion_text():
    ns = {"double": lambda x: x}
    result = asyncio.run(run_check("assert double(2) == 4, f'double(2) returned {double(2)}'", ns))
    assert not result.ok and result.message == "double(2) returned 2"


def test_check_reports_an_exception_in_learner_code():
    ns = {}
    run("def f():\n    return [][1]\n", ns)
    result = asyncio.run(run_check("f()", ns))
    assert not result.ok and "IndexError" in result.message
