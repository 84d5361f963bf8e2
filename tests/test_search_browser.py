"""The search box's suggestions work as an ARIA combobox, by keyboard, in Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .test_accessibility import WCAG_21_AA

pytestmark = pytest.mark.browser


def test_combobox_suggests_and_is_operable_by_keyboard(live_demo, browser_page):
    page = browser_page
    page.goto(live_demo.url + "/nl/search/")
    box = page.locator("#search-q")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"

    box.press_sequentially("vroeg", delay=30)
    option = page.locator('[role="listbox"] [role="option"]')
    option.first.wait_for()
    assert option.all_inner_texts() == ["Integrale Vroeghulp"]
    assert box.get_attribute("aria-expanded") == "true"
    listbox_id = box.get_attribute("aria-controls")
    assert page.locator(f"#{listbox_id}").is_visible()
    assert "1" in page.locator('.combobox [role="status"]').inner_text()

    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()

    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == option.first.get_attribute(
        "id"
    )
    assert option.first.get_attribute("aria-selected") == "true"
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    assert box.get_attribute("aria-activedescendant") is None

    box.press("ArrowDown")
    box.press("ArrowDown")
    with page.expect_navigation():
        box.press("Enter")
    assert "q=Integrale+Vroeghulp" in page.url
    first = page.locator("ol.search-results > li h2 a").first
    assert first.inner_text() == "Integrale Vroeghulp"


def test_results_sit_beside_the_facets_on_a_desktop_and_above_them_on_a_phone(
    live_demo, browser_page
):
    page = browser_page
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_demo.url + "/nl/search/?q=school")
    results = page.locator(".search-results-column").bounding_box()
    facets = page.locator(".search-facets").bounding_box()
    # Side by side at the top of the layout, the results first in reading order.
    assert abs(results["y"] - facets["y"]) < 2
    assert results["x"] + results["width"] <= facets["x"]
    # The first result is on the first screen, not below the facets.
    first = page.locator("ol.search-results > li h2 a").first.bounding_box()
    assert first["y"] + first["height"] < 800

    page.set_viewport_size({"width": 390, "height": 844})
    results = page.locator(".search-results-column").bounding_box()
    facets = page.locator(".search-facets").bounding_box()
    assert results["y"] + results["height"] <= facets["y"]
