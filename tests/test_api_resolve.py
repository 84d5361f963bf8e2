"""GET /api/v3/resolve/: a public path to its page, routed as the site routes it."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from services.models import ServicePage

from .api_helpers import assert_problem, english_service

pytestmark = pytest.mark.django_db
URL = "/api/v3/resolve/"


def resolve(client, path, headers=None, **params):
    return client.get(URL, {"path": path, **params}, **(headers or {}))


def test_a_service_path_answers_with_the_service_and_its_measures(client, demo_site):
    response = resolve(client, "/nl/diensten/toekomstcoach/")
    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "Toekomstcoach"
    assert body["meta"]["type"] == "services.ServicePage"
    assert body["meta"]["url"] == "/nl/diensten/toekomstcoach/"
    assert body["meta"]["locale"] == "nl"
    assert body["meta"]["api_url"] == f"/api/v3/content/pages/{body['id']}/"
    assert body["summary"].startswith("Individuele ondersteuning van jongeren")
    assert [m["code"] for m in body["measures"]] == ["4.1"]
    assert body["measures"][0]["url"] == (
        "/nl/maatregelen/41-de-aansluiting-arbeidsmarkt-en-bedrijfsleven/"
    )
    assert {t["token"] for t in body["school_types"]} == {"mbo", "pro", "vo"}
    assert [t["token"] for t in body["target_groups"]] == ["jongeren"]
    assert body["contact_url"] == f"/nl/contact/?service={body['id']}"
    assert "redirected_from" not in body and "breadcrumbs" not in body


def test_resolve_and_detail_give_the_same_body(client, demo_site):
    resolved = resolve(client, "/nl/diensten/toekomstcoach/").json()
    detail = client.get(resolved["meta"]["api_url"]).json()
    assert detail == resolved


def test_the_home_page_and_a_path_without_trailing_slash(client, demo_site):
    assert resolve(client, "/nl/").json()["meta"]["type"] == "home.HomePage"
    body = resolve(client, "/nl/diensten").json()
    assert body["title"] == "Diensten"
    assert [s["title"] for s in body["services"]][:1] == ["Schoolmaatschappelijk werk"]


def test_an_editors_redirect_to_a_page_is_followed(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    Redirect.add_redirect("/nl/diensten/coach/", redirect_to=service)
    body = resolve(client, "/nl/diensten/coach/").json()
    assert body["id"] == service.pk and body["title"] == "Toekomstcoach"
    assert body["redirected_from"] == {"path": "/nl/diensten/coach/", "permanent": True}


def test_a_redirect_elsewhere_answers_with_its_location(client, demo_site):
    Redirect.add_redirect(
        "/nl/oud/", redirect_to="https://www.mee.nl/", is_permanent=False
    )
    response = resolve(client, "/nl/oud/")
    assert response.status_code == 302
    assert response["Location"] == "https://www.mee.nl/"
    assert response.json() == {"location": "https://www.mee.nl/", "permanent": False}


def test_a_page_wins_over_a_redirect_of_its_own_path(client, demo_site):
    Redirect.add_redirect("/nl/diensten/", redirect_to="https://www.mee.nl/")
    assert resolve(client, "/nl/diensten/").json()["title"] == "Diensten"


def test_unknown_draft_and_private_pages_are_not_found(client, demo_site):
    assert_problem(resolve(client, "/nl/bestaat-niet/"), 404)
    service = ServicePage.objects.get(slug="toekomstcoach")
    service.unpublish()
    assert_problem(resolve(client, "/nl/diensten/toekomstcoach/"), 404)

    other = ServicePage.objects.get(slug="integrale-vroeghulp")
    PageViewRestriction.objects.create(
        page=other, restriction_type=PageViewRestriction.LOGIN
    )
    assert resolve(client, "/nl/diensten/schoolmaatschappelijk-werk/").status_code == (
        200
    )
    assert_problem(resolve(client, "/nl/diensten/integrale-vroeghulp/"), 404)


def test_a_redirect_to_a_private_page_is_not_followed(client, demo_site):
    service = ServicePage.objects.get(slug="toekomstcoach")
    PageViewRestriction.objects.create(
        page=service, restriction_type=PageViewRestriction.LOGIN
    )
    Redirect.add_redirect("/nl/coach/", redirect_to=service)
    assert_problem(resolve(client, "/nl/coach/"), 404)


def test_the_language_prefix_chooses_the_tree(client, demo_site):
    assert_problem(resolve(client, "/en/diensten/toekomstcoach/"), 404)
    assert_problem(resolve(client, "/diensten/toekomstcoach/"), 404)
    english_service(demo_site)
    body = resolve(client, "/en/services/future-coach/").json()
    assert body["title"] == "Future coach"
    assert body["meta"]["locale"] == "en"
    assert body["meta"]["url"] == "/en/services/future-coach/"
    assert resolve(client, "/nl/diensten/toekomstcoach/").json()["title"] == (
        "Toekomstcoach"
    )


def test_expansions_and_unknown_expansions(client, demo_site):
    body = resolve(
        client, "/nl/diensten/toekomstcoach/", expand="breadcrumbs,navigation"
    ).json()
    assert [c["url"] for c in body["breadcrumbs"]] == [
        "/nl/",
        "/nl/diensten/",
        "/nl/diensten/toekomstcoach/",
    ]
    assert "Diensten" in [item["title"] for item in body["navigation"]]
    problem = assert_problem(
        resolve(client, "/nl/diensten/", expand="breadcrumbs,children"), 400
    )
    assert "children" in problem["detail"]


def test_a_missing_path_parameter_is_a_problem(client, demo_site):
    body = assert_problem(client.get(URL), 400)
    assert body["errors"][0]["loc"] == ["query", "path"]


def test_the_root_path_answers_the_home_page_of_the_callers_language(client, demo_site):
    """``/`` answered 404 while the site redirects it to ``/nl/``."""
    english_service(demo_site)
    dutch = client.get(URL, {"path": "/"}, HTTP_ACCEPT_LANGUAGE="nl")
    assert dutch.status_code == 200, dutch.content
    assert dutch.json()["meta"]["type"] == "home.HomePage"
    assert dutch.json()["meta"]["url"] == "/nl/"
    assert dutch.json()["redirected_from"] == {"path": "/", "permanent": False}
    english = client.get(URL, {"path": "/"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["meta"]["url"] == "/en/" and english["meta"]["locale"] == "en"


def test_an_english_page_answers_in_english(client, demo_site):
    """``Content-Language`` was the caller's language (nl), not the page's."""
    english_service(demo_site)
    answer = resolve(
        client, "/en/services/future-coach/", {"HTTP_ACCEPT_LANGUAGE": "nl"}
    )
    assert answer.status_code == 200, answer.content
    assert answer["Content-Language"] == "en"
    detail = client.get(answer.json()["meta"]["api_url"], HTTP_ACCEPT_LANGUAGE="nl")
    assert detail["Content-Language"] == "en"
    dutch = resolve(
        client, "/nl/diensten/toekomstcoach/", {"HTTP_ACCEPT_LANGUAGE": "en"}
    )
    assert dutch["Content-Language"] == "nl"


@pytest.mark.parametrize(
    ("path", "title"),
    [
        ("/nl/diensten/toekomstcoach/", "Toekomstcoach"),
        ("/en/services/future-coach/", "Future coach"),
        ("diensten/toekomstcoach/", "Toekomstcoach"),
    ],
)
def test_wagtails_find_takes_public_paths_with_their_language(
    client, demo_site, path, title
):
    """``/pages/find/?html_path=/nl/…`` answered 404: only paths without the
    language prefix were found."""
    english_service(demo_site)
    found = client.get("/api/v3/pages/find/", {"html_path": path}, follow=True)
    assert found.status_code == 200, found.content
    assert found.json()["title"] == title


def test_wagtails_find_of_an_unknown_language_path_is_a_problem(client, demo_site):
    missing = client.get("/api/v3/pages/find/", {"html_path": "/nl/bestaat-niet/"})
    body = assert_problem(missing, 404)
    assert "/nl/bestaat-niet/" in body["detail"]


def test_absolute_page_urls_carry_the_base_urls_port(client, demo_site, settings):
    """``html_url`` and ``detail_url`` said ``http://localhost/…`` without the port."""
    settings.WAGTAILAPI_BASE_URL = "http://127.0.0.1:8123"
    body = resolve(client, "/nl/diensten/toekomstcoach/").json()
    assert body["meta"]["html_url"] == (
        "http://127.0.0.1:8123/nl/diensten/toekomstcoach/"
    )
    assert body["meta"]["detail_url"] == (
        f"http://127.0.0.1:8123/api/v3/pages/{body['id']}/"
    )
