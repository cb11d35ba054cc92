"""The contract every widget keeps, checked once for all of them: each registered widget
with its defaults, and each widget block of each lesson with the lesson's config.

- registered under its file's name, in a course-module package, no name twice;
- an unknown option is rejected with a message naming the widget;
- the scene is plain JSON, fits its box, and uses only classes the stylesheet styles;
- every handle answers arrow keys, PageUp/PageDown and Home/End without raising and
  keeps its index in the shape list (so keyboard focus stays on it);
- set_values(values()) round-trips, from the start and from the goal's solution.
"""

import importlib
import math

import pytest

from mlbuild.lesson import parse_lesson
from mlmath import widgets
from scene_checks import assert_scene_fits
from test_lessons_build import LESSONS

KEYS = ["ArrowRight", "ArrowUp", "PageUp", "End", "ArrowLeft", "ArrowDown", "PageDown", "Home"]


def _all_widgets():
    for module in widgets.widget_files().values():
        importlib.import_module(module)
    return sorted(name for name, cls in widgets.REGISTRY.items() if cls.__module__.startswith("mlmath.m"))


REGISTERED = _all_widgets()
BLOCKS = [(path.stem, part.id, part.arg, part.data) for path in sorted(LESSONS.glob("*.md"))
          for part in parse_lesson(path).parts("widget")]
CASES = [pytest.param(name, {}, id=name) for name in REGISTERED] + [
    pytest.param(arg, data, id=f"{key}/{wid}") for key, wid, arg, data in BLOCKS]


def same(a, b):
    """Equal values, with nan equal to nan (a readout of 'no value yet')."""
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return a == b


def test_every_widget_is_registered_under_its_files_name():
    assert len(REGISTERED) >= 58
    for name in REGISTERED:
        assert widgets.REGISTRY[name].__module__.rsplit(".", 1)[1] == name
    used = {arg for _, _, arg, _ in BLOCKS}
    assert used <= set(REGISTERED), used - set(REGISTERED)


def test_no_widget_imports_another_widget():
    files = widgets.widget_files()
    for name in REGISTERED:
        source = importlib.import_module(files[name]).__file__
        text = open(source, encoding="utf-8").read()
        others = [other for other in REGISTERED if other != name and (
            f"from .{other} import" in text or f"import {other}" in text or f".{other} import" in text)]
        assert not others, f"{name} imports widget(s) {others}: shared behaviour belongs in the kit"


@pytest.mark.parametrize("name, config", CASES)
def test_an_unknown_option_is_rejected_by_name(name, config):
    with pytest.raises(ValueError, match=name):
        widgets.create(name, {**config, "no_such_option": 1})


@pytest.mark.parametrize("name, config", CASES)
def test_the_scene_is_json_fits_its_box_and_uses_styled_classes(name, config):
    w = widgets.create(name, config)
    assert_scene_fits(w.scene())
    goal = config.get("goal")
    if goal:
        w.set_values(goal["solution"])
        assert w.goal_met()
        assert_scene_fits(w.scene())


@pytest.mark.parametrize("name, config", CASES)
def test_every_handle_answers_keys_and_keeps_its_place(name, config):
    w = widgets.create(name, config)
    handles = {s["handle"]: i for i, s in enumerate(w.scene()["shapes"]) if "handle" in s}
    for handle, index in handles.items():
        for key in KEYS:
            w.handle({"type": "key", "handle": handle, "key": key})
            shapes = w.scene()["shapes"]
            assert index < len(shapes) and shapes[index].get("handle") == handle, (handle, key)


@pytest.mark.parametrize("name, config", CASES)
def test_set_values_of_values_round_trips(name, config):
    states = [{}] + ([config["goal"]["solution"]] if config.get("goal") else [])
    for state in states:
        source = widgets.create(name, config)
        source.set_values(state)
        values = source.values()
        copy = widgets.create(name, config)
        copy.set_values(values)
        again = copy.values()
        assert set(again) == set(values) and all(same(again[k], values[k]) for k in values), (values, again)
