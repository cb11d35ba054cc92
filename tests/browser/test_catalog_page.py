"""The catalog page as a learner meets it: every lesson listed with an honest status."""

import json

import pytest

from conftest import SITE

pytestmark = pytest.mark.browser


def test_catalog_lists_every_lesson_with_its_status(watched, site_url):
    catalog = json.loads((SITE / "catalog.json").read_text())
    page = watched.page
    page.goto(site_url)
    rows = page.locator("li.lesson")
    assert rows.count() == 92
    expected = {lesson["key"]: lesson["status"] for m in catalog["modules"] for lesson in m["lessons"]}
    shown = dict(zip(rows.evaluate_all("els => els.map(e => e.dataset.key)"),
                     rows.locator(".status").all_inner_texts()))
    assert shown == expected
    shipped = [k for k, v in expected.items() if v == "shipped"]
    assert {"m01-l01", "m12-l03"} <= set(shipped)
    for key in shipped:
        assert (SITE / "lessons" / f"{key}.html").exists()
        assert page.locator(f'li.lesson[data-key="{key}"] h3 a').count() == 1
    assert page.locator("li.lesson.drafting h3 a").count() == 0
    watched.assert_clean()


def test_continue_where_you_left_off_and_progress(watched, site_url):
    page = watched.page
    page.goto(site_url + "lessons/m01-l01.html")
    page.goto(site_url)
    link = page.locator(".continue a")
    assert link.inner_text() == "Quantities live on a line"
    link.click()
    page.wait_for_url("**/lessons/m01-l01.html")
    watched.assert_clean()


def test_corrupted_progress_is_reported_and_reset(watched, site_url):
    page = watched.page
    page.goto(site_url)
    page.evaluate("localStorage.setItem('mlmath.progress', '{not json')")
    page.reload()
    assert "could not be read" in page.locator("#progress-message").inner_text()
    assert page.evaluate("localStorage.getItem('mlmath.progress.unreadable')") == "{not json"
    assert json.loads(page.evaluate("localStorage.getItem('mlmath.progress')"))["version"] == 1
    assert page.locator("li.lesson").count() == 92


def test_export_then_import_progress_and_reject_a_bad_file(watched, site_url, tmp_path):
    page = watched.page
    record = {"version": 1, "lessons": {"m01-l01": {"gates": {"x": True}, "done": True, "updated": 1}},
              "cells": {}, "last": None}
    page.goto(site_url)
    good = tmp_path / "good.json"
    good.write_text(json.dumps(record))
    page.set_input_files("#import-progress", str(good))
    page.wait_for_function("document.getElementById('progress-message').textContent.includes('imported')")
    assert page.locator('li.lesson[data-key="m01-l01"] .mine').inner_text() == "✓ done"

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 99}))
    page.set_input_files("#import-progress", str(bad))
    page.wait_for_function("document.getElementById('progress-message').textContent.includes('Nothing was changed')")
    assert json.loads(page.evaluate("localStorage.getItem('mlmath.progress')"))["lessons"]["m01-l01"]["done"] is True

    with page.expect_download() as download:
        page.click("#export-progress")
    exported = json.loads(open(download.value.path()).read())
    assert exported["lessons"]["m01-l01"]["gates"] == {"x": True}
