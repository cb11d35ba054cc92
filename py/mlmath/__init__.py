"""mlmath: the Python behind the course, run in the learner's browser (Pyodide) and in tests (CPython)."""
