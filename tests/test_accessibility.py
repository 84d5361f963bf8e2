"""Every public page type of the demo site passes axe-core's WCAG 2.1 A/AA rules,
in both languages, on a desktop and a phone screen.

Runs in Debian's Chromium through Playwright against a live server; the later
browser tests build on the fixtures in ``conftest.py``. The same run writes a
screenshot of every page to ``.cache/screenshots/`` (see the README) for review.
"""

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings

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


SCREENSHOTS = Path(settings.BASE_DIR) / ".cache" / "screenshots"
WIDTHS = {"desktop": 1280, "phone": 375}


def english_paths(page, base):
    """The English page of every Dutch one, found as readers find it: the switcher."""
    paths = {}
    for name, path in PAGES.items():
        if name == "not found":
            paths[name] = "/en/does-not-exist/"
            continue
        page.goto(base + path)
        english = page.locator('nav.language-switcher a[lang="en"]').get_attribute(
            "href"
        )
        paths[name] = english.removeprefix(base)
        assert paths[name].startswith("/en/"), (name, english)
    return paths


@pytest.mark.parametrize("width", WIDTHS)
def test_public_pages_have_no_wcag_violations(live_demo, browser, width):
    context = browser.new_context(
        locale="nl-NL", viewport={"width": WIDTHS[width], "height": 900}
    )
    page = context.new_page()
    axe = Axe()
    reports = {}
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pages = {("nl", name): path for name, path in PAGES.items()}
    pages |= {("en", k): v for k, v in english_paths(page, live_demo.url).items()}
    for (language, name), path in pages.items():
        response = page.goto(live_demo.url + path)
        assert response.status == (404 if name == "not found" else 200), path
        assert page.locator("html").get_attribute("lang") == language, path
        assert page.locator("h1").count() == 1, f"{name} has one h1"
        results = axe.run(page, options=WCAG_21_AA)
        if results.violations_count:
            reports[f"{language} {name} ({width})"] = results.generate_report()
        shot = SCREENSHOTS / f"{language}-{name.replace(' ', '-')}-{WIDTHS[width]}.png"
        page.screenshot(path=shot, full_page=True)
        assert shot.stat().st_size > 0
    context.close()
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


def test_phone_header_is_compact_with_a_menu_button(live_demo, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(live_demo.url + "/nl/diensten/")
    header = page.locator("header.site-header")
    assert header.bounding_box()["height"] < 120
    button = page.get_by_role("button", name="Menu")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Diensten").is_visible()
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert button.evaluate("el => el === document.activeElement")
    context.close()


def test_without_javascript_the_menu_is_simply_shown(live_demo, browser):
    context = browser.new_context(
        viewport={"width": 375, "height": 800}, java_script_enabled=False
    )
    page = context.new_page()
    page.goto(live_demo.url + "/nl/diensten/")
    assert not page.locator(".site-header__menu-button").is_visible()
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    assert menu.get_by_role("link", name="Diensten").is_visible()
    context.close()


def test_desktop_shows_the_menu_without_a_button(live_demo, browser_page):
    browser_page.set_viewport_size({"width": 1280, "height": 800})
    browser_page.goto(live_demo.url + "/nl/")
    assert not browser_page.locator(".site-header__menu-button").is_visible()
    assert browser_page.get_by_role("navigation", name="Hoofdmenu").is_visible()


def test_home_page_postcode_box_names_the_office(live_demo, browser_page):
    browser_page.goto(live_demo.url + "/nl/")
    browser_page.get_by_label("Postcode van uw school").fill("9711 ab")
    browser_page.get_by_role("button", name="Zoek", exact=True).click()
    result = browser_page.locator(".office-finder__result")
    result.get_by_role("link", name="MEE Groningen").wait_for()
    text = " ".join(result.inner_text().split())
    assert text == "De MEE-organisatie voor postcode 9711 AB is MEE Groningen."
    # Answered in place from the routing API: the page did not change.
    assert browser_page.url == live_demo.url + "/nl/"
