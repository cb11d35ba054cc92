"""m18-l05's parameter calculator: it starts at the engine's own count, and the growth
the prose states (width pays quadratically, depth linearly) is what the widget shows."""

from pathlib import Path

from mlbuild.lesson import parse_lesson
from mlmath.gpt.model import Config, n_params
from mlmath.widgets import create

LESSON = Path(__file__).resolve().parents[3] / "site" / "lessons" / "m18-l05.md"


def grow_widget():
    part = next(p for p in parse_lesson(LESSON).parts("widget") if p.id == "grow")
    return create(part.arg, part.data)


def test_the_calculator_starts_at_the_engines_count():
    w = grow_widget()
    assert w.values()["params"] == n_params(Config()) == 208_320
    assert "208,320" in str(w.scene())


def test_width_pays_quadratically_depth_linearly():
    w = grow_widget()
    base = w.values()["params"]
    w.set_values({"C": 128})
    wide = w.values()["params"]
    w.set_values({"C": 64, "N": 8})
    deep = w.values()["params"]
    assert wide == n_params(Config(n_embd=128)) and deep == n_params(Config(n_layer=8))
    assert 3.8 < wide / base < 4          # "multiplies the count by almost four"
    assert 1.9 < deep / base < 2          # "does not quite double it"
    assert "almost four" in LESSON.read_text() and "does not quite double it" in LESSON.read_text()


def test_the_six_files_hold_about_as_many_code_lines_as_the_prose_says():
    from mlmath.m18.sources import read
    six = ["model.py", "engine.py", "train.py", "sample.py", "checkpoint.py", "tokenizer.py"]
    total = sum(1 for name in six for line in read(name).splitlines()
                if line.strip() and not line.strip().startswith("#"))
    assert "About five hundred lines, docstrings included" in LESSON.read_text()
    assert 450 <= total < 550, f"{total} code lines: update m18-l05's 'About five hundred lines'"
