"""Every public page type of the demo site passes axe-core's WCAG 2.1 A/AA rules.

Runs in Debian's Chromium through Playwright against a live server; the later
browser tests build on the fixtures in ``conftest.py``.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe

from portal import demo

pytestmark = pytest.mark.browser

WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}

PAGES = {
    **demo.PAGE_TYPE_URLS,
    "search results": "/nl/search/?q=school",
    "search with a facet and highlights": "/nl/search/?q=autisme&school_type=po",
    "not found": "/nl/bestaat-niet/",
}


def test_public_pages_have_no_wcag_violations(live_demo, browser_page):
    axe = Axe()
    reports = {}
    for name, path in PAGES.items():
        response = browser_page.goto(live_demo.url + path)
        assert response.status == (404 if name == "not found" else 200), path
        assert browser_page.locator("h1").count() == 1, f"{name} has one h1"
        results = axe.run(browser_page, options=WCAG_21_AA)
        if results.violations_count:
            reports[name] = results.generate_report()
    assert reports == {}, "\n\n".join(f"{k}:\n{v}" for k, v in reports.items())


def test_keyboard_user_can_skip_to_the_content(live_demo, browser_page):
    browser_page.goto(live_demo.url + "/nl/diensten/")
    browser_page.keyboard.press("Tab")
    skip = browser_page.locator("a.skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    assert skip.is_visible()
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"


def test_pages_reflow_on_a_narrow_screen(live_demo, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_demo.url + "/nl/diensten/toekomstcoach/")
    overflow = page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth"
    )
    context.close()
    assert not overflow, "WCAG 1.4.10: no horizontal scrolling at 320 CSS pixels"
