"""Read one lesson source file into a plain model: steps made of prose and directives.

A lesson is Markdown. Each `## ` heading opens a step, except `## Going deeper: ...`,
which opens an optional, collapsed section of the step before it (no gate, and not
counted in the lesson's minutes). Fenced blocks whose info
string names a directive (widget, quiz, exercise, python, callout, pyscript, py-editor)
become interactive parts; their bodies are TOML (Markdown for callouts, Python for cells
and for PyScript's own blocks).
docs/authoring.md is the author's guide to this format.
"""

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

FENCE = re.compile(r"^(`{3,}|~{3,})\s*(.*)$")
DIRECTIVES = {"widget", "quiz", "exercise", "python", "callout", "pyscript", "py-editor"}
PYSCRIPT = {"pyscript", "py-editor"}   # run by PyScript, beside the course's own cells
FILENAME = re.compile(r"^m(\d\d)-l(\d\d)\.md$")
DEEPER = "Going deeper"


class LessonError(ValueError):
    """A problem in a lesson source, reported with the file and step it sits in."""


@dataclass
class Part:
    kind: str          # "md" or a directive name
    body: str          # Markdown text, Python source, or TOML
    arg: str = ""      # the word after the directive name: widget name, callout kind
    data: dict = field(default_factory=dict)   # parsed TOML for widget/quiz/exercise
    id: str = ""

    @property
    def is_gate(self):
        return self.kind in ("quiz", "exercise") or (self.kind == "widget" and "goal" in self.data)


@dataclass
class Step:
    title: str
    parts: list[Part]
    deeper: list["Step"] = field(default_factory=list)   # optional sections that follow it

    @property
    def gates(self):
        return [p for p in self.parts if p.is_gate]


@dataclass
class Lesson:
    path: Path
    module: int
    number: int
    intro: list[Part]
    steps: list[Step]

    @property
    def key(self):
        return f"m{self.module:02d}-l{self.number:02d}"

    def parts(self, kind=None):
        """Every part in page order, Going deeper sections included."""
        steps = [p for s in self.steps for p in s.parts + [q for d in s.deeper for q in d.parts]]
        for part in self.intro + steps:
            if kind is None or part.kind == kind:
                yield part


def starter_hash(code):
    """Short fingerprint of a starter, so a page can tell when the author changed it."""
    return hashlib.sha256(code.encode()).hexdigest()[:12]


def _split_fences(text, where):
    """Yield ("md", text) and (directive, arg, body) pieces, keeping ordinary code fences as Markdown."""
    lines = text.splitlines(keepends=True)
    md, i = [], 0
    while i < len(lines):
        m = FENCE.match(lines[i].rstrip("\n"))
        word, _, arg = (m.group(2).strip().partition(" ") if m else ("", "", ""))
        if not m or word not in DIRECTIVES:
            md.append(lines[i])
            i += 1
            continue
        fence, body, i = m.group(1), [], i + 1
        while i < len(lines) and not lines[i].rstrip().startswith(fence):
            body.append(lines[i])
            i += 1
        if i == len(lines):
            raise LessonError(f"{where}: the ```{word} block is never closed")
        i += 1
        if md:
            yield ("md", "", "".join(md))
            md = []
        yield (word, arg.strip(), "".join(body))
    if md:
        yield ("md", "", "".join(md))


def _parts(text, where, counter):
    parts = []
    for kind, arg, body in _split_fences(text, where):
        part = Part(kind, body, arg)
        if kind in ("widget", "quiz", "exercise"):
            try:
                part.data = tomllib.loads(body)
            except tomllib.TOMLDecodeError as exc:
                raise LessonError(f"{where}: the ```{kind} block is not valid TOML: {exc}") from None
            part.id = str(part.data.pop("id", ""))
            if not part.id:
                raise LessonError(f"{where}: every ```{kind} block needs an id (used to save progress)")
        elif kind == "python":
            counter[0] += 1
            part.id = f"cell-{counter[0]}"
        elif kind in PYSCRIPT:
            counter[1] += 1
            part.id = f"{kind}-{counter[1]}"
        if kind != "md" or body.strip():
            parts.append(part)
    return parts


def parse_lesson(path):
    path = Path(path)
    m = FILENAME.match(path.name)
    if not m:
        raise LessonError(f"{path.name}: lesson files are named mMM-lLL.md, e.g. m01-l01.md")
    counter = [0, 0]   # python cells, PyScript blocks
    intro, steps = None, []
    for title, body in _sections(path.read_text(encoding="utf-8")):
        where = f"{path.name} step {title!r}" if title else f"{path.name} (intro)"
        parts = _parts(body, where, counter)
        if title is None:
            intro = parts
        elif title.startswith(DEEPER):
            if not steps:
                raise LessonError(f"{where}: a Going deeper section belongs to a step, so it comes after one")
            steps[-1].deeper.append(Step(title, parts))
        else:
            steps.append(Step(title, parts))
    return Lesson(path, int(m.group(1)), int(m.group(2)), intro, steps)


def _sections(text):
    """Split at `## ` headings that sit outside code fences; the intro has title None."""
    title, body, fence = None, [], None
    for line in text.splitlines(keepends=True):
        m = FENCE.match(line.rstrip("\n"))
        if m and (fence is None or line.strip().startswith(fence)):
            fence = None if fence else m.group(1)
        if fence is None and line.startswith("## "):
            yield title, "".join(body)
            title, body = line[3:].strip(), []
        else:
            body.append(line)
    yield title, "".join(body)
