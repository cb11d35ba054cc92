"""Every widget block of every lesson, as the page first draws it and with its goal reached:
dump the scenes to compare a refactor before and after, or photograph them to look.

    PYTHONPATH=py:build python tools/widget_scenes.py dump before.json [widget names...]
    PYTHONPATH=py:build python tools/widget_scenes.py diff before.json after.json
    PYTHONPATH=py:build python tools/widget_scenes.py shot /tmp/shots [widget names...]

`shot` draws each scene as the page does (the site's stylesheet, the same SVG
elements as widgets.js) in headless Chromium ($CHROMIUM or `chromium`) and writes
one PNG per widget block: <lesson>-<id>-start.png and, with a goal, -goal.png.
"""

import html
import json
import os
import shutil
import sys
from pathlib import Path

from mlbuild.lesson import parse_lesson
from mlmath import widgets

ROOT = Path(__file__).resolve().parents[1]
LESSONS = ROOT / "site" / "lessons"


def blocks(names=()):
    for path in sorted(LESSONS.glob("*.md")):
        lesson = parse_lesson(path)
        for part in lesson.parts("widget"):
            if not names or part.arg in names:
                yield lesson.key, part


def scenes(names=()):
    """{"<lesson>/<id>/start" or ".../goal": scene} for the widget blocks named (all if none)."""
    out = {}
    for key, part in blocks(names):
        w = widgets.create(part.arg, part.data)
        out[f"{key}/{part.id}/start"] = w.scene()
        goal = part.data.get("goal")
        if goal:
            w.set_values(goal["solution"])
            out[f"{key}/{part.id}/goal"] = w.scene()
    return json.loads(json.dumps(out))


def diff(before, after):
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        if a is None or b is None:
            print(f"{name}: {'added' if a is None else 'removed'}")
            continue
        for part in ("w", "h", "title", "readouts", "controls", "goal"):
            if a.get(part) != b.get(part):
                print(f"{name}: {part}\n  before {a.get(part)}\n  after  {b.get(part)}")
        sa, sb = a["shapes"], b["shapes"]
        changed = [i for i in range(max(len(sa), len(sb))) if (sa[i:i + 1] or None) != (sb[i:i + 1] or None)]
        if changed:
            print(f"{name}: shapes {len(sa)} -> {len(sb)}, {len(changed)} differ; first: #{changed[0]}\n"
                  f"  before {sa[changed[0]] if changed[0] < len(sa) else None}\n"
                  f"  after  {sb[changed[0]] if changed[0] < len(sb) else None}")


def svg(scene):
    """The scene as the SVG widgets.js builds (same elements, attributes and classes)."""
    parts = []
    for s in scene["shapes"]:
        cls = f' class="{s["cls"]}"' if s.get("cls") else ""
        op = f' fill-opacity="{s["opacity"]}"' if "opacity" in s else ""
        t = s["t"]
        if t == "line":
            parts.append(f'<line x1="{s["x1"]}" y1="{s["y1"]}" x2="{s["x2"]}" y2="{s["y2"]}"{cls}{op}/>')
        elif t == "rect":
            parts.append(f'<rect x="{s["x"]}" y="{s["y"]}" width="{s["w"]}" height="{s["h"]}" '
                         f'rx="{s.get("rx", 0)}"{cls}{op}/>')
        elif t == "circle":
            parts.append(f'<circle cx="{s["cx"]}" cy="{s["cy"]}" r="{s["r"]}"{cls}{op}/>')
        elif t == "text":
            parts.append(f'<text x="{s["x"]}" y="{s["y"]}" text-anchor="{s.get("anchor", "middle")}"{cls}{op}>'
                         f'{html.escape(str(s["s"]))}</text>')
        elif t == "path":
            parts.append(f'<path d="{s["d"]}"{cls}{op}/>')
        elif t == "poly":
            pts = " ".join(f"{x},{y}" for x, y in s["pts"])
            parts.append(f'<polyline points="{pts}"{cls}{op}/>')
    readouts = " · ".join(f'{r["label"]} = {r["value"]}' if r["label"] else r["value"] for r in scene["readouts"])
    controls = " · ".join(f'[{c.get("label", c["id"])}: {c.get("display", c.get("value", ""))}]'
                          for c in scene["controls"])
    goal = scene["goal"] and (("✓ " if scene["goal"]["met"] else "Goal: ") + scene["goal"]["text"])
    return (f'<figure class="widget"><figcaption>{html.escape(scene["title"] or "")}</figcaption>'
            f'<svg class="canvas" viewBox="0 0 {scene["w"]} {scene["h"]}">{"".join(parts)}</svg>'
            f'<p>{html.escape(controls)}</p><p>{html.escape(readouts)}</p><p>{html.escape(goal or "")}</p></figure>')


def shoot(out, found):
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    css = (ROOT / "site" / "static" / "css" / "site.css").read_text()
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium or None, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 760, "height": 400})
        for name, scene in found.items():
            page.set_content(f"<html><head><style>{css}</style></head>"
                             f"<body style='padding:8px;max-width:720px'>{svg(scene)}</body></html>")
            path = out / (name.replace("/", "-") + ".png")
            page.locator("figure").screenshot(path=str(path))
            print(path)
        browser.close()


def main(argv):
    command, *rest = argv
    if command == "dump":
        Path(rest[0]).write_text(json.dumps(scenes(rest[1:]), indent=0, sort_keys=True))
    elif command == "diff":
        diff(json.loads(Path(rest[0]).read_text()), json.loads(Path(rest[1]).read_text()))
    elif command == "shot":
        shoot(Path(rest[0]), scenes(rest[1:]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
