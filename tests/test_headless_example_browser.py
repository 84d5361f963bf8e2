"""The headless example (examples/headless/) in Chromium, served from its own origin.

The example and the portal are on different origins, so every API call the browser
makes is a real cross-origin request that the portal's CORS settings allow or refuse.
"""

import functools
import re
import shutil
import subprocess
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from home.models import HomePage
from services.models import ServicePage

from .test_accessibility import WCAG_21_AA

pytestmark = pytest.mark.browser

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "headless"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        """The request log would fill the test output."""


@pytest.fixture(scope="module")
def example_build(tmp_path_factory):
    """The example as it is deployed: its TypeScript compiled by ``tsc`` (the
    lockfile's version, which ``make test`` installs with ``npm ci``) against types
    generated from the committed document, next to its page and stylesheet."""
    build = tmp_path_factory.mktemp("headless")
    assert (EXAMPLE / "node_modules" / ".bin" / "tsc").exists(), (
        "Run `npm ci` in examples/headless/ (scripts/headless.sh does)"
    )
    # Types from the committed document, then tsc: `npm run build`, elsewhere.
    subprocess.run(
        [shutil.which("npm"), "run", "--silent", "build", "--", "--outDir", build],
        check=True,
        cwd=EXAMPLE,
    )
    for name in ("index.html", "headless.css"):
        shutil.copy(EXAMPLE / name, build)
    assert (build / "headless.js").exists()
    return build


@pytest.fixture(scope="module")
def example_origin(example_build):
    """The built example, served as any static host would, on a loopback port."""
    handler = functools.partial(QuietHandler, directory=example_build)
    with ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        yield f"http://127.0.0.1:{server.server_port}"
        server.shutdown()
        thread.join()


def example_url(origin, live_server, route):
    return f"{origin}/index.html?api={live_server.url}#{route}"


def expect_loaded_without_errors(page):
    expect(page.locator("main:not([aria-busy])")).to_be_attached()
    expect(page.locator("#errors")).to_have_text("")


def assert_accessible(page):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


def test_the_example_renders_navigation_pages_translations_and_search(
    live_demo, browser_page, example_origin, settings
):
    settings.CORS_ALLOWED_ORIGINS = [example_origin]
    page = browser_page
    page.goto(example_url(example_origin, live_demo, "/nl/"))

    expect_loaded_without_errors(page)
    expect(page.locator("#site-name")).to_have_text("MEE voor scholen")
    menu = page.get_by_role("navigation", name="Hoofdmenu")
    expect(menu.get_by_role("link")).to_have_text(
        ["NPO-maatregelen", "Diensten", "Actueel", "MEE in uw regio", "Contact"]
    )
    menu.get_by_role("link", name="Diensten").click()
    expect(page.locator("h1")).to_have_text("Diensten")
    page.get_by_role("main").get_by_role("link", name="Toekomstcoach").click()

    coach = ServicePage.objects.get(slug="toekomstcoach", locale__language_code="nl")
    home = HomePage.objects.get(locale__language_code="nl")
    english_home = HomePage.objects.get(locale__language_code="en")
    expect(page).to_have_url(re.compile(r"#/nl/diensten/toekomstcoach/$"))
    expect(page.locator("h1")).to_have_text("Toekomstcoach")
    expect(page.locator("h1")).to_be_focused()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator(".lead")).to_have_text(coach.summary)
    expect(page.locator("#content .rich-text").first).to_contain_text("toekomstplan")
    breadcrumbs = page.get_by_role("navigation", name="Kruimelpad")
    expect(breadcrumbs.get_by_role("listitem")).to_have_text(
        [home.title, "Diensten", "Toekomstcoach"]
    )
    expect(menu.get_by_role("link", name="Diensten")).to_have_attribute(
        "aria-current", "true"
    )
    assert_accessible(page)

    page.get_by_label("Zoeken op de site").fill("autisme")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("status")).to_have_text(
        re.compile(r"^\d+ (resultaat|resultaten) voor “autisme”$")
    )
    first = page.locator("ol.results > li").first
    expect(first.locator("mark").first).to_have_text(
        re.compile("autisme", re.IGNORECASE)
    )
    expect(first.get_by_role("link")).to_have_attribute("href", re.compile(r"^#/nl/"))
    expect(page.locator(".facets .count").first).to_have_text(re.compile(r"^\(\d+\)$"))
    assert_accessible(page)

    # The address is the route: back in history, and a reload, show the same page.
    page.go_back()
    expect(page.locator("h1")).to_have_text("Toekomstcoach")
    page.get_by_role("navigation", name="Taal").get_by_role(
        "link", name="English"
    ).click()
    expect(page.locator("h1")).to_have_text("Future coach")
    expect(page).to_have_url(re.compile(r"#/en/services/future-coach/$"))
    page.reload()
    expect_loaded_without_errors(page)
    expect(page.locator("h1")).to_have_text("Future coach")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(
        page.get_by_role("navigation", name="Breadcrumbs").get_by_role("listitem")
    ).to_have_text([english_home.title, "Services", "Future coach"])
    expect(page.get_by_role("navigation", name="Main menu")).to_contain_text("Services")
    assert_accessible(page)


def test_an_origin_the_portal_does_not_allow_sees_an_error(
    live_demo, browser_page, example_origin, settings
):
    settings.CORS_ALLOWED_ORIGINS = ["https://front-end.example"]
    # The API answers, but does not allow the example's origin to read the answer.
    answer = browser_page.request.get(
        f"{live_demo.url}/api/v3/navigation/?locale=nl",
        headers={"Origin": example_origin},
    )
    assert answer.status == 200
    assert "access-control-allow-origin" not in answer.headers

    browser_page.goto(example_url(example_origin, live_demo, "/nl/"))
    alert = browser_page.get_by_role("alert")
    expect(alert).to_contain_text("niet bereikbaar")
    expect(alert).to_contain_text(example_origin)
    expect(browser_page.locator("h1")).to_have_text("Er ging iets mis")
    assert_accessible(browser_page)
