"""GET /api/v3/resolve/: a public path to its page, routed as the site routes it."""

import pytest
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import PageViewRestriction

from services.models import ServicePage

from .api_helpers import assert_problem, english_service

pytestmark = pytest.mark.django_db
URL = "/api/v3/resolve/"


def resolve(client, path, **params):
    return client.get(URL, {"path": path, **params})


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
