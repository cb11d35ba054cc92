"""Module 18 in a Chromium without WebGPU: the lessons say so in one line and still open.

Chromium on Linux leaves WebGPU off unless it is unlocked (--enable-unsafe-webgpu, which
the other browser tests pass): navigator.gpu is there, but requestAdapter() resolves to
null, the case Pyodide hands Python as jsnull. The test checks that before it relies on it.
"""

import pytest

from conftest import CHROMIUM_ARGS, Watched, launch, wait_for_python

pytestmark = pytest.mark.browser

TRAINING_GATES = {"m18-l01": ["boot"], "m18-l02": ["long", "mystery"], "m18-l03": ["identity", "file"]}


@pytest.fixture(scope="module")
def no_webgpu(playwright):
    browser = launch(playwright, [a for a in CHROMIUM_ARGS if a != "--enable-unsafe-webgpu"])
    yield browser
    browser.close()


def gates(page, key):
    return page.evaluate("key => JSON.parse(localStorage.getItem('mlmath.progress')).lessons[key]?.gates ?? {}", key)


@pytest.mark.parametrize("key", TRAINING_GATES)
def test_without_webgpu_the_lesson_says_so_and_its_training_gates_open(no_webgpu, site_url, key):
    context = no_webgpu.new_context()
    try:
        watched = Watched(context, site_url)
        page = watched.page
        page.goto(f"{site_url}lessons/{key}.html")
        assert page.evaluate("async () => navigator.gpu && await navigator.gpu.requestAdapter()") is None
        wait_for_python(page)
        page.wait_for_function("""([key, ids]) => {
            const g = JSON.parse(localStorage.getItem('mlmath.progress')).lessons[key]?.gates ?? {};
            return ids.every((id) => g[id]); }""", arg=[key, TRAINING_GATES[key]], timeout=20_000)
        first = page.locator(f'figure.widget[data-widget="{TRAINING_GATES[key][0]}"] .readouts')
        said = first.inner_text()
        assert "No GPU to train on" in said and "no GPU adapter" in said and "hardware acceleration" in said
        assert page.locator("section.step").nth(1).is_visible(), "the step after a training gate opens"
        watched.assert_clean()
    finally:
        context.close()


def test_without_webgpu_start_says_what_is_missing_at_once(no_webgpu, site_url):
    context = no_webgpu.new_context()
    try:
        watched = Watched(context, site_url)
        page = watched.page
        page.goto(f"{site_url}lessons/m18-l01.html")
        wait_for_python(page)
        figure = page.locator('figure.widget[data-widget="boot"]')
        figure.get_by_role("button", name="Start training").click()
        page.wait_for_timeout(3000)
        said = figure.locator(".readouts").inner_text()
        assert "No GPU to train on" in said and "Starting" not in said
        assert figure.get_by_role("button", name="Pause").is_disabled()
        watched.assert_clean()
    finally:
        context.close()
