"""Rewrite the golden lesson transcripts in tests/golden/ from the current tree.

    python tools/golden.py                 every lesson (and removes files of lessons that are gone)
    python tools/golden.py m12-l03 ...     just these

Run it when a change to a lesson or a widget is meant to change what the lesson
prints or shows; tests/unit/test_golden.py fails until the transcripts agree. Review
the diff (`git diff tests/golden`) before committing it. The text itself is made by
tests/unit/golden_transcript.py, which the test uses too.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for sub in ("py", "build", ".", "tests/unit"):   # the pytest config's pythonpath
    sys.path.insert(0, str(ROOT / sub))

from golden_transcript import GOLDEN, golden_path, lesson_keys, transcript  # noqa: E402


def main(argv):
    known = lesson_keys()
    keys = argv or known
    unknown = [k for k in keys if k not in known]
    if unknown:
        sys.exit(f"no lesson {', '.join(unknown)} in site/lessons/ (lessons: {', '.join(known)})")
    GOLDEN.mkdir(parents=True, exist_ok=True)
    changed = 0
    for key in keys:
        path, text = golden_path(key), transcript(key)
        old = path.read_text(encoding="utf-8") if path.exists() else None
        if old != text:
            path.write_text(text, encoding="utf-8")
            print(f"{'created' if old is None else 'changed'}: {path.relative_to(ROOT)}")
            changed += 1
    if not argv:
        for path in sorted(GOLDEN.glob("*.txt")):
            if path.stem not in known:
                path.unlink()
                print(f"removed: {path.relative_to(ROOT)} (no such lesson)")
                changed += 1
    print(f"{changed} file(s) written or removed; {len(keys)} lesson(s) checked")


if __name__ == "__main__":
    main(sys.argv[1:])
