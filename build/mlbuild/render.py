"""Turn a validated lesson into static HTML: prose and math readable before any Python loads.

Interactive parts become plain HTML with data attributes; what the page's scripts
need (quiz answers, exercise checks, widget configs and first scenes) travels in
one JSON block at the end of the page.
"""

import json
import random
import re
from html import escape

from markdown_it import MarkdownIt
from mdit_py_plugins.dollarmath import dollarmath_plugin

from .lesson import starter_hash

md = MarkdownIt("commonmark", {"html": False}).enable("table").use(dollarmath_plugin, double_inline=True)


def inline(text):
    return md.renderInline(text)


def prose(text):
    """Markdown to HTML; a code block can scroll sideways, so it can take keyboard focus."""
    return md.render(text).replace("<pre>", '<pre tabindex="0">')


def plain(text):
    """A text alternative for an option written in math ("$QK^\\top$" -> "QK^T"), for a
    label whose only content is a formula: not every screen reader reads MathML."""
    text = re.sub(r"\\sqrt\{([^{}]*)\}", r"sqrt(\1)", text)
    for tex, word in (("\\top", "T"), ("\\cdot", "·"), ("\\times", "×")):
        text = text.replace(tex, word)
    return re.sub(r"[$\\{}]", "", text).strip()


def _editor(cell_id, code, label):
    return (f'<div class="editor"><textarea id="code-{cell_id}" class="code" spellcheck="false" autocapitalize="off" '
            f'autocomplete="off" autocorrect="off" aria-label="{escape(label)}" rows="{max(3, code.count(chr(10)) + 1)}">'
            f'{escape(code)}</textarea></div>')


def _toolbar(extra=""):
    return ('<div class="toolbar"><button class="run" disabled title="Shift+Enter">Run</button>'
            '<button class="stop" hidden>Stop</button><button class="reset">Reset</button>'
            f'{extra}<span class="cell-status" role="status"></span></div>')


# A cell's output scrolls when it is long, so it takes keyboard focus (an empty one is not shown).
def _cell(part, data):
    code = part.body.strip("\n")
    data["cells"][part.id] = {"starter": code, "hash": starter_hash(code)}
    return (f'<div class="cell" data-cell="{part.id}">{_editor(part.id, code, "Python code cell")}'
            f'{_toolbar()}<pre class="out" tabindex="0" aria-live="polite"></pre></div>')


def _exercise(part, data):
    ex = part.data
    starter = ex["starter"].strip("\n")
    data["cells"][part.id] = {"starter": starter, "hash": starter_hash(starter),
                              "check": ex["check"], "hints": [inline(h) for h in ex["hints"]],
                              "solution": ex["solution"].strip("\n")}
    extra = '<button class="hint">Hint</button><button class="solution">Show solution</button>'
    prompt = prose(ex.get("prompt", ""))
    return (f'<div class="cell exercise gate" data-cell="{part.id}" data-gate="{part.id}">'
            f'<div class="prompt">{prompt}</div>{_editor(part.id, starter, "Your code for: " + ex.get("prompt", part.id))}'
            f'{_toolbar(extra)}<pre class="out" tabindex="0" aria-live="polite"></pre>'
            f'<div class="feedback" role="status"></div><ol class="hints"></ol></div>')


def shuffled(options, seed):
    """A quiz's options in an order of their own, so that where the right answer sits
    gives nothing away (authors tend to write it first). Seeded by the quiz's id: every
    build shows the same order, and the page's answers follow it."""
    options = list(options)
    random.Random(seed).shuffle(options)
    return options


def _quiz(part, data):
    q = part.data
    head = f'<div class="quiz gate" data-gate="{part.id}"><div class="prompt">{prose(q["prompt"])}</div>'
    if "option" in q:
        options = shuffled(q["option"], part.id)
        data["quizzes"][part.id] = {"kind": "choice", "options": [
            {"correct": bool(o.get("correct")), "why": inline(o.get("why", ""))} for o in options]}
        many = sum(bool(o.get("correct")) for o in options) > 1
        kind = "checkbox" if many else "radio"
        opts = "".join(f'<label class="option"><input type="{kind}" name="q-{part.id}" value="{i}"'
                       + (f' aria-label="{escape(plain(o["text"]))}"' if "$" in o["text"] else "")
                       + f'> <span>{inline(o["text"])}</span></label>' for i, o in enumerate(options))
        note = '<p class="quiz-note">Choose every answer that is right.</p>' if many else ""
        body = f'<fieldset><legend class="sr-only">Choose an answer</legend>{note}{opts}</fieldset>'
    else:
        data["quizzes"][part.id] = {"kind": "number", "answer": q["answer"], "tolerance": q.get("tolerance", 0),
                                    "hint": inline(q.get("hint", ""))}
        body = (f'<label class="numeric">Your answer <input type="text" inputmode="decimal" '
                f'autocomplete="off" name="q-{part.id}"></label>')
    return head + body + '<button class="check">Check</button><div class="feedback" role="status"></div></div>'


def _widget(part, data, scenes):
    data["widgets"][part.id] = {"name": part.arg, "config": part.data, "scene": scenes[part.id]}
    gate = f' gate" data-gate="{part.id}' if "goal" in part.data else ""
    title = escape(part.data.get("title", ""))
    return (f'<figure class="widget{gate}" data-widget="{part.id}">'
            f'<svg class="canvas" role="group" aria-label="{title or part.arg}"></svg>'
            f'<div class="controls"></div><p class="readouts" aria-live="polite"></p>'
            f'<p class="goal" role="status"></p>'
            + (f'<figcaption>{inline(part.data["title"])}</figcaption>' if title else "") + '</figure>')


def _pyscript(part, data):
    """An author's own PyScript block: `<script type="py" worker>` runs once when the page
    loads and shows what it `display()`s; `py-editor` is PyScript's editor with its own
    Run. Both run in PyScript's workers on the site's Pyodide, with the page's packages
    unpacked from the config's `files`; the course's cells keep their own kernel."""
    data["pyscript"] = True
    kind = 'type="py" worker' if part.kind == "pyscript" else 'type="py-editor" env="lesson"'
    config = {"interpreter": "../vendor/pyodide/pyodide.mjs",
              "files": {f"../py/{name}.zip": "./*" for name in data["packages"]}}
    return (f'<div class="pyscript-block" data-pyscript="{part.id}">'
            f'<script {kind} config="{escape(json.dumps(config, separators=(",", ":")))}">\n'
            f'{part.body}</script></div>')


def _callout(part):
    kind = part.arg or "note"
    label = {"note": "Note", "tip": "Tip", "warning": "Careful", "ml": "Where this goes in ML"}.get(kind, kind.title())
    return f'<aside class="callout {escape(kind)}"><p class="callout-label">{label}</p>{prose(part.body)}</aside>'


def _part(part, data, scenes):
    match part.kind:
        case "md": return prose(part.body)
        case "python": return _cell(part, data)
        case "exercise": return _exercise(part, data)
        case "quiz": return _quiz(part, data)
        case "widget": return _widget(part, data, scenes)
        case "callout": return _callout(part)
        case "pyscript" | "py-editor": return _pyscript(part, data)
    raise ValueError(f"unknown part {part.kind}")


def render_lesson_body(lesson, scenes, packages=("core",)):
    """Return (HTML of the intro and steps, the page data for the scripts); `packages`
    are the course's Python packages the page loads."""
    data = {"key": lesson.key, "steps": [], "cells": {}, "quizzes": {}, "widgets": {}, "packages": list(packages)}
    html = ["".join(_part(p, data, scenes) for p in lesson.intro)]
    for i, step in enumerate(lesson.steps):
        data["steps"].append([g.id for g in step.gates])
        parts = "".join(_part(p, data, scenes) for p in step.parts)
        for extra in step.deeper:
            parts += (f'<details class="deeper"><summary>{inline(extra.title)}</summary>'
                      + "".join(_part(p, data, scenes) for p in extra.parts) + '</details>')
        html.append(f'<section class="step" id="step-{i + 1}" data-step="{i}">'
                    f'<h2><span class="step-no">Step {i + 1} of {len(lesson.steps)}</span> {inline(step.title)}</h2>'
                    f'{parts}</section>')
    return "\n".join(html), data


def page_data_json(data):
    # "</" inside a <script> block would end it early; the escaped form is still valid JSON.
    return json.dumps(data, separators=(",", ":")).replace("</", "<\\/")
