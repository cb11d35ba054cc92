"""The engine's own files, read from where the page runs them, with syntax colouring.

Python comes from the installed package (in the page: /home/pyodide/lib/mlmath/gpt/);
WGSL through the engine's own load_wgsl in the page, from the repository natively.
"""

import re
import sys
from pathlib import Path

from .. import gpt
from ..gpt.engine import KERNELS

GPT = Path(gpt.__file__).parent


def python_files():
    return sorted(str(p.relative_to(GPT)) for p in GPT.rglob("*.py"))


def read(name):
    """The text of `engine.py`, `gpu/browser.py`, ... or `attention.wgsl`."""
    if name.endswith(".wgsl"):
        if sys.platform == "emscripten":
            from ..gpt.gpu import load_wgsl
            return load_wgsl(name[:-5])
        return (GPT.parents[2] / "wgsl" / name).read_text()
    return (GPT / name).read_text()


def engine_files():
    """[(name, text)]: every Python file of mlmath.gpt, then every kernel."""
    names = python_files() + [f"{k}.wgsl" for k in sorted(KERNELS)]
    return [(n, read(n)) for n in names]


def line_count(text):
    return len(text.splitlines())


KEYWORDS = {
    "py": set("False None True and as assert async await break class continue def del elif else except "
              "finally for from global if import in is lambda nonlocal not or pass raise return try while "
              "with yield".split()),
    "wgsl": set("fn let var const struct return if else for loop break continue select "
                "storage uniform read read_write workgroup private function".split()),
}
BUILTINS = {
    "py": set("abs all any bool dict enumerate float int isinstance len list map max min print range "
              "repr reversed round set sorted str sum tuple type zip super self".split()),
    "wgsl": set("f32 u32 i32 bool vec2 vec3 vec4 array atomic sqrt exp log max min tanh "
                "storageBarrier workgroupBarrier".split()),
}
TOKEN = {
    "py": re.compile(r'(#.*$)|("""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|[rbfu]{0,2}"(?:\\.|[^"\\\n])*"|'
                     r"[rbfu]{0,2}'(?:\\.|[^'\\\n])*')|(\b\d[\d_]*\.?\d*(?:e[+-]?\d+)?\b)|([A-Za-z_]\w*)", re.M),
    "wgsl": re.compile(r"(//.*$)|()(\b\d[\d_]*\.?\d*(?:e[+-]?\d+)?[uif]?\b)|(@?[A-Za-z_]\w*)", re.M),
}


def highlight(text, lang):
    """[[class, text], ...] with the code cells' colour classes: k keyword, b builtin,
    s string, c comment, n number, f a name being defined; "" for plain text."""
    out, last, previous = [], 0, ""
    for m in TOKEN[lang].finditer(text):
        if m.start() > last:
            out.append(["", text[last:m.start()]])
        comment, string, number, name = m.groups()
        cls = "c" if comment else "s" if string else "n" if number else ""
        if name:
            cls = ("k" if name in KEYWORDS[lang] or name.startswith("@") else
                   "b" if name in BUILTINS[lang] else "f" if previous in ("def", "class", "fn", "struct") else "")
            previous = name
        if out and out[-1][0] == cls:
            out[-1][1] += m.group(0)
        else:
            out.append([cls, m.group(0)])
        last = m.end()
    if last < len(text):
        out.append(["", text[last:]])
    return out
