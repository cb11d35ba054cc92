"""The course's Python, cut into the packages a page loads: `core` (the kernel, the
widget kit, numerics, formatting, data) on every page, then only the subpackages a
lesson needs: its own module's, the modules of the widgets it mounts, and whatever
its code and those packages import (`mlmath.gpt`, another module's lesson code)."""

import functools
import re
import zipfile
from pathlib import Path

PY = Path(__file__).resolve().parents[2] / "py" / "mlmath"
CORE = "core"
# `from mlmath.gpt import ...`, `import mlmath.m17.l05_decode`, inside mlmath `from ..gpt import ...`,
# and `from mlmath import gpt` / `from .. import gpt`
DOTTED = re.compile(r"(?:from|import)\s+(?:mlmath\.|\.\.)(\w+)")
BARE = re.compile(r"from\s+(?:mlmath|\.\.)\s+import\s+\(?([\w ,]+)")


def subpackages(root=PY):
    return sorted(p.name for p in root.iterdir() if (p / "__init__.py").exists() and p.name != "widgets")


def _files(name, root=PY):
    if name == CORE:
        yield from (p for p in root.iterdir() if p.is_file() and p.suffix == ".py")
        yield from (root / "widgets").rglob("*.py")
    else:
        yield from (p for p in (root / name).rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def imports(text, root=PY):
    """The subpackages a piece of code names."""
    names = set(DOTTED.findall(text))
    names |= {n.split()[0] for group in BARE.findall(text) for n in group.split(",") if n.strip()}
    return names & set(subpackages(root))


@functools.cache
def _imports_of(name, root=PY):
    """The subpackages a package's own files import, read once per build, not once per lesson."""
    return frozenset(imports("\n".join(p.read_text(encoding="utf-8") for p in _files(name, root)
                                       if p.suffix == ".py"), root))


def needed(lesson_key, widget_files, code, root=PY):
    """The packages a lesson's page loads, core first: its module, its widgets' modules,
    what its code imports, and what those import in turn."""
    pending = {lesson_key[:3]} & set(subpackages(root))
    pending |= {f.split(".")[1] for f in widget_files} | imports(code, root) | _imports_of(CORE, root)
    seen = set()
    while pending:
        name = pending.pop()
        seen.add(name)
        pending |= _imports_of(name, root) - seen
    return [CORE] + sorted(seen)


def write_zips(out, root=PY):
    """One zip per package under out/; returns {package: size in bytes}."""
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name in [CORE] + subpackages(root):
        dest = out / f"{name}.zip"
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(_files(name, root)):
                if "__pycache__" not in path.parts:
                    z.write(path, path.relative_to(root.parent).as_posix())
        sizes[name] = dest.stat().st_size
    return sizes
