"""Small things a learner meets on any page: math that draws completely, numeric answers
written as fractions, and widget goals that stay passed after a reload."""

import pytest

from test_lessons import lesson_data, open_everything, open_lesson

pytestmark = pytest.mark.browser


def test_a_square_root_draws_its_radical(watched, site_url):
    page = open_lesson(watched, site_url, "m15-l02")
    radical = page.locator(".katex .sqrt svg path").first
    assert radical.count() == 1
    fill = radical.evaluate("el => getComputedStyle(el).fill")
    assert fill not in ("none", "rgba(0, 0, 0, 0)"), fill
    watched.assert_clean()


def test_a_numeric_answer_may_be_a_fraction(watched, site_url):
    page = open_lesson(watched, site_url, "m01-l01")
    open_everything(page, lesson_data(page))
    quiz = page.locator('.quiz[data-gate="gap-number"]')
    feedback = quiz.locator(".feedback")
    for typed, verdict in (("eleven", "Type a number, like 7, -2.5 or -1/3."), ("−11/2", None), ("11 / 2", "good")):
        quiz.locator("input").fill(typed)
        quiz.locator("button.check").click()
        if verdict == "good":
            assert "good" in feedback.get_attribute("class")
        elif verdict:
            assert feedback.inner_text() == verdict
        else:
            assert "bad" in feedback.get_attribute("class")
    watched.assert_clean()


def test_a_widget_goal_passed_before_stays_passed_after_reload(watched, site_url):
    page = open_lesson(watched, site_url, "m01-l01")
    data = lesson_data(page)
    open_everything(page, data)
    gated = [wid for wid, w in data["widgets"].items() if w["config"].get("goal")]
    goal = page.locator(f'figure[data-widget="{gated[0]}"] .goal')
    assert goal.inner_text().startswith("✓ Passed before: ")
    assert "good" in goal.get_attribute("class")
    watched.assert_clean()


def test_widget_labels_stay_readable_on_a_phone(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{site_url}lessons/m15-l03.html")
    page.wait_for_function("document.querySelectorAll('svg.canvas text').length > 0")
    smallest = page.evaluate("""() => Math.min(...[...document.querySelectorAll('svg.canvas text')]
        .filter(t => t.getBoundingClientRect().height > 0).map(t => t.getBoundingClientRect().height))""")
    assert smallest >= 9, f"the smallest widget label is {smallest:.1f} px tall at 390 px wide"
    context.close()
