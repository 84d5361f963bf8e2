"""Switching language in Chromium, by mouse and by keyboard."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_accessibility import WCAG_21_AA

pytestmark = pytest.mark.browser


def test_switching_language_on_a_service_page_lands_on_its_counterpart(
    live_demo, browser_page
):
    page = browser_page
    page.goto(live_demo.url + "/nl/diensten/toekomstcoach/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("main h1").inner_text() == "Toekomstcoach"

    switcher = page.get_by_role("navigation", name="Taal")
    switcher.get_by_role("link", name="English").click()
    page.wait_for_url(live_demo.url + "/en/services/future-coach/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("main h1").inner_text() == "Future coach"
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

    back = page.get_by_role("navigation", name="Language").get_by_role(
        "link", name="Nederlands"
    )
    back.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(live_demo.url + "/nl/diensten/toekomstcoach/")
    assert page.locator("main h1").inner_text() == "Toekomstcoach"
