"""The course catalog: which modules and lessons exist, in what order.

``site/course.toml`` is the one place lesson titles, taglines and timings are
written down; everything else in the build looks them up here.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

COURSE_TOML = Path(__file__).resolve().parents[2] / "site" / "course.toml"

# Slugs become URL path segments and file names, so keep them to a form that
# needs no escaping anywhere.
SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True)
class Lesson:
    module: int
    number: int
    slug: str
    title: str
    tagline: str
    minutes: int

    @property
    def key(self) -> str:
        return f"m{self.module:02d}-l{self.number:02d}"


@dataclass(frozen=True)
class Module:
    number: int
    title: str
    description: str
    lessons: tuple[Lesson, ...]


def _field(table: dict, name: str, kind: type, where: str):
    value = table.get(name)
    # Exact type check: tomllib yields plain int/str, and a bool must not pass
    # for an int just because bool subclasses int.
    if type(value) is not kind:
        raise ValueError(f"{where}: '{name}' must be {kind.__name__}, got {value!r}")
    if kind is str and not value.strip():
        raise ValueError(f"{where}: '{name}' must not be empty")
    return value


def _check_numbering(numbers: list[int], where: str) -> None:
    # Lesson keys and prev/next links assume positions 1..n with no gaps.
    expected = list(range(1, len(numbers) + 1))
    if numbers != expected:
        raise ValueError(f"{where}: numbering must run 1..{len(numbers)} in order, got {numbers}")


def _parse_lesson(table: dict, module: int, index: int) -> Lesson:
    where = f"module {module}, lesson #{index}"
    lesson = Lesson(
        module=module,
        number=_field(table, "number", int, where),
        slug=_field(table, "slug", str, where),
        title=_field(table, "title", str, where),
        tagline=_field(table, "tagline", str, where),
        minutes=_field(table, "minutes", int, where),
    )
    if not SLUG_RE.fullmatch(lesson.slug):
        raise ValueError(
            f"{lesson.key}: slug {lesson.slug!r} must be lowercase ASCII words joined by '-'"
        )
    if lesson.minutes <= 0:
        raise ValueError(f"{lesson.key}: minutes must be positive, got {lesson.minutes}")
    return lesson


def _parse_module(table: dict, index: int) -> Module:
    where = f"module #{index}"
    number = _field(table, "number", int, where)
    lessons = tuple(
        _parse_lesson(entry, number, i) for i, entry in enumerate(table.get("lesson", []), 1)
    )
    if not lessons:
        raise ValueError(f"module {number}: has no lessons")
    _check_numbering([lesson.number for lesson in lessons], f"module {number} lessons")
    seen: dict[str, Lesson] = {}
    for lesson in lessons:
        if lesson.slug in seen:
            raise ValueError(
                f"module {number}: duplicate slug {lesson.slug!r} "
                f"(lessons {seen[lesson.slug].number} and {lesson.number})"
            )
        seen[lesson.slug] = lesson
    return Module(
        number=number,
        title=_field(table, "title", str, where),
        description=_field(table, "description", str, where),
        lessons=lessons,
    )


def load_catalog(path: Path = COURSE_TOML) -> tuple[Module, ...]:
    """Read and validate the catalog; raises ValueError naming the first problem."""
    with open(path, "rb") as f:
        data = tomllib.load(f)
    modules = tuple(_parse_module(entry, i) for i, entry in enumerate(data.get("module", []), 1))
    if not modules:
        raise ValueError(f"{path}: no [[module]] entries")
    _check_numbering([module.number for module in modules], "modules")
    return modules


def find_lesson(modules: tuple[Module, ...], module_number: int, lesson_number: int) -> Lesson:
    for module in modules:
        if module.number == module_number:
            for lesson in module.lessons:
                if lesson.number == lesson_number:
                    return lesson
            raise KeyError(
                f"module {module_number} has no lesson {lesson_number} "
                f"(it has {len(module.lessons)})"
            )
    raise KeyError(f"no module {module_number} in the catalog (it has {len(modules)})")
