"""Importing progress on the catalog page: a file the browser cannot store is reported, not
announced as imported, and values of the wrong type are refused rather than counted."""

import json

import pytest

pytestmark = pytest.mark.browser

MINE = {"version": 1, "lessons": {"m01-l01": {"gates": {"x": True}, "done": True, "updated": 1}},
        "cells": {}, "last": None}


def imported(page, path, record):
    path.write_text(json.dumps(record))
    page.evaluate("document.getElementById('progress-message').textContent = ''")
    page.set_input_files("#import-progress", str(path))
    page.wait_for_function("document.getElementById('progress-message').textContent.includes('rogress')")
    return page.locator("#progress-message").inner_text()


def test_a_file_too_big_to_store_is_reported_and_the_old_progress_stays(watched, site_url, tmp_path):
    page = watched.page
    page.goto(site_url)
    assert imported(page, tmp_path / "mine.json", MINE) == "Progress imported."
    huge = {**MINE, "lessons": {}, "cells": {"m01-l01": {"c": {"code": "x" * 60_000_000, "hash": "h"}}}}
    said = imported(page, tmp_path / "huge.json", huge)
    assert said.startswith("Progress not imported") and "full" in said and "as it was" in said
    page.reload()
    assert page.locator('li.lesson[data-key="m01-l01"] .mine').inner_text() == "✓ done"
    watched.assert_clean()


@pytest.mark.parametrize("lesson, why", [
    ({"gates": {"x": "no"}, "done": False, "updated": 1}, 'gate m01-l01/x is "no"'),
    ({"gates": {"x": 1}, "done": False, "updated": 1}, "gate m01-l01/x is 1"),
    ({"gates": {}, "done": "yes", "updated": 1}, '"done" is not true or false'),
    ({"gates": {}, "done": False, "updated": "today"}, '"updated" is not a time'),
])
def test_values_of_the_wrong_type_are_refused(watched, site_url, tmp_path, lesson, why):
    page = watched.page
    page.goto(site_url)
    said = imported(page, tmp_path / "odd.json", {**MINE, "lessons": {"m01-l01": lesson}})
    assert why in said and "Nothing was changed" in said
    assert page.locator('li.lesson[data-key="m01-l01"] .mine').inner_text() == ""


def test_a_malformed_last_lesson_is_refused(watched, site_url, tmp_path):
    page = watched.page
    page.goto(site_url)
    said = imported(page, tmp_path / "odd.json", {**MINE, "last": {"key": 7}})
    assert "last lesson is malformed" in said
