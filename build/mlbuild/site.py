"""Build the whole site into one folder: vendor the runtime, prove and render every lesson.

Order matters only in one place: lessons are validated before anything is written
for them, so a broken lesson stops the build with its problems listed.
"""

import hashlib
import json
import shutil
from pathlib import Path

from mlmath import widgets

from . import minutes, packages, pages
from .catalog import COURSE_TOML, load_catalog
from .data import tinyshakespeare
from .lesson import parse_lesson
from .render import render_lesson_body
from .validate import validate
from .vendor import vendor

ROOT = Path(__file__).resolve().parents[2]
SITE_SRC = ROOT / "site"


class BuildError(RuntimeError):
    pass


def lesson_packages(lesson):
    """The Python packages the lesson's page loads (see mlbuild/packages.py)."""
    modules = [widgets.load(p.arg).__module__ for p in lesson.parts("widget")]
    return packages.needed(lesson.key, [m for m in modules if m.startswith("mlmath.")],
                           lesson.path.read_text(encoding="utf-8"))


def load_lessons(modules, lessons_dir, only=None):
    """Parse and validate every lesson source (or those named in `only`); raise BuildError listing all problems."""
    known = {lesson.key for m in modules for lesson in m.lessons}
    found, problems = {}, []
    for path in sorted(Path(lessons_dir).glob("*.md")):
        if only and path.stem not in only:
            continue
        try:
            lesson = parse_lesson(path)
        except ValueError as exc:
            problems.append(str(exc))
            continue
        if lesson.key not in known:
            problems.append(f"{path.name}: no lesson {lesson.key} in course.toml")
            continue
        issues, scenes = validate(lesson)
        problems += issues
        found[lesson.key] = (lesson, scenes)
    if problems:
        raise BuildError("lesson validation failed:\n  - " + "\n  - ".join(problems))
    return found


def build(out, cache=ROOT / ".cache", lessons_dir=SITE_SRC / "lessons", only=None):
    out, cache = Path(out), Path(cache)
    modules = load_catalog(COURSE_TOML)
    lessons = load_lessons(modules, lessons_dir, only)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(SITE_SRC / "static", out)
    lock = vendor(out, cache / "npm")
    packages.write_zips(out / "py")
    shutil.copytree(ROOT / "wgsl", out / "wgsl")
    (out / "data").mkdir()
    (out / "lessons").mkdir(exist_ok=True)
    (out / "data" / "tinyshakespeare.txt").write_bytes(tinyshakespeare(cache))

    order = [lesson for m in modules for lesson in m.lessons if lesson.key in lessons]
    catalog = {"title": pages.COURSE_TITLE, "pyodide": lock["pyodide"]["version"], "modules": []}
    for module in modules:
        entries = []
        for entry in module.lessons:
            item = {"key": entry.key, "number": entry.number, "slug": entry.slug, "title": entry.title,
                    "tagline": entry.tagline, "minutes": entry.minutes, "status": "drafting"}
            if entry.key in lessons:
                lesson, scenes = lessons[entry.key]
                body, data = render_lesson_body(lesson, scenes, lesson_packages(lesson))
                i = order.index(entry)
                nav = (order[i - 1] if i else None, order[i + 1] if i + 1 < len(order) else None)
                (out / pages.lesson_url(entry)).write_text(
                    pages.lesson_page(module, entry, body, data, nav, lock), encoding="utf-8")
                item |= {"status": "shipped", "url": pages.lesson_url(entry),
                         "estimate": minutes.estimate(lesson), "counts": {
                    "steps": len(lesson.steps),
                    "gates": sum(len(s.gates) for s in lesson.steps),
                    "widgets": sum(1 for _ in lesson.parts("widget")),
                    "exercises": sum(1 for _ in lesson.parts("exercise"))}}
            entries.append(item)
        catalog["modules"].append({"number": module.number, "title": module.title,
                                   "description": module.description, "lessons": entries})
    (out / "catalog.json").write_text(json.dumps(catalog, indent=1), encoding="utf-8")
    (out / "index.html").write_text(pages.catalog_page(catalog), encoding="utf-8")
    write_manifest(out)
    return catalog


def write_manifest(out):
    """sw-manifest.json: every file's SHA-256 and the build version they make, which the
    service worker (static/coi.js) caches by; version.json: the version alone, which each
    page load fetches to learn of a new build."""
    out = Path(out)
    skip = {"sw-manifest.json", "version.json"}
    files = {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
             for p in sorted(out.rglob("*")) if p.is_file() and p.name not in skip}
    version = hashlib.sha256("".join(f"{k} {v}\n" for k, v in files.items()).encode()).hexdigest()[:16]
    (out / "sw-manifest.json").write_text(json.dumps({"version": version, "files": files}, indent=0), encoding="utf-8")
    (out / "version.json").write_text(json.dumps({"version": version}), encoding="utf-8")
    return version
